// A small Parquet writer for the batch export's columns: values go straight into one growing buffer per leaf column
// as PLAIN bytes (UTF-8 text with its length, little-endian numbers, packed booleans) beside its definition and
// repetition levels, and a row group becomes one DATA_PAGE_V2 per leaf: levels run-length encoded, values through
// Snappy; text columns are dictionary-encoded per row group while that pays (below). No JS value per cell is kept, no BigInt, no per-value conversion pass: hyparquet-writer's general path
// (an array of values per column, converted, sampled for a dictionary, and walked per value) was most of the export's
// time. hyparquet-writer still writes the page headers and the footer (its Thrift code).
import type { ColumnChunk, RowGroup, SchemaElement } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompressor } from 'hysnappy';

/** hysnappy's Snappy in WebAssembly, instantiated once (its snappyCompress instantiates the module on every call). */
const snappy = snappyCompressor();

/** A primitive column of the file: its path below the root, its element and its maximum levels. */
export interface LeafSpec {
  path: string[];
  element: SchemaElement;
  maxDef: number;
  maxRep: number;
  /** Min/max statistics (only where readers prune on them). */
  statistics: boolean;
  /** Try a dictionary (text leaves; not for ids, which are all distinct). */
  dictionary: boolean;
}

/** The primitive columns under a top-level column's schema elements (the column first, then its children). */
export function leavesOf(elements: SchemaElement[], statistics: boolean, dictionary = true): LeafSpec[] {
  const out: LeafSpec[] = [];
  let i = 0;
  const walk = (path: string[], def: number, rep: number) => {
    const e = elements[i++]!;
    const d = def + (e.repetition_type === 'REQUIRED' ? 0 : 1);
    const r = rep + (e.repetition_type === 'REPEATED' ? 1 : 0);
    const p = [...path, e.name];
    if (!e.num_children) out.push({ path: p, element: e, maxDef: d, maxRep: r, statistics, dictionary: dictionary && e.type === 'BYTE_ARRAY' });
    else for (let c = 0; c < e.num_children; c++) walk(p, d, r);
  };
  walk([], 0, 0);
  return out;
}

/**
 * A text leaf's dictionary gives up for the row group (PLAIN instead, as parquet-mr and Arrow fall back) once its
 * values pass this many bytes (Arrow's default dictionary page limit)...
 */
export const DICTIONARY_MAX_BYTES = 1024 * 1024;
/** ...or when, after this many values, nearly all were distinct (ids, URLs with ids: the map would only cost). */
export const DICTIONARY_PROBE = 4096;
/** After a row group gave up its dictionary, this many more go straight to PLAIN before the leaf tries again. */
export const DICTIONARY_RETRY_GROUPS = 8;

/**
 * One leaf column's values and levels of the row group being written. A text leaf first keeps a dictionary: each
 * distinct string once, and per value its index (no UTF-8 bytes written per value); at the row group's end it is
 * written as a PLAIN dictionary page and an RLE_DICTIONARY data page when that is smaller than PLAIN, else (or once
 * it passed its bounds) the values are written PLAIN from it.
 */
export class Leaf {
  private values = Buffer.allocUnsafe(64 * 1024);
  private size = 0;
  private defs = new Uint8Array(1024);
  private reps: Uint8Array | null;
  private levels = 0;
  private nulls = 0;
  private bits = 0;
  private min: number | string | null = null;
  private max: number | string | null = null;
  private nullCount = 0;
  /** The row group's dictionary (value → index), or null once PLAIN; the values in index order; their PLAIN bytes. */
  private dict: Map<string, number> | null;
  private dictValues: string[] = [];
  private dictBytes = 0;
  /** Per value (not per level: nulls have none), its index in the dictionary. */
  private indices = new Int32Array(0);
  private count = 0;
  /** About what the values would take PLAIN (UTF-16 lengths: the same comparison either way for ASCII). */
  private plainBytes = 0;
  /** Set when this row group gave up its dictionary; then the groups left to write PLAIN without trying. */
  private gaveUp = false;
  private skipGroups = 0;

  constructor(readonly spec: LeafSpec) {
    this.reps = spec.maxRep ? new Uint8Array(1024) : null;
    this.dict = spec.dictionary ? new Map() : null;
  }

  private level(def: number, rep: number): void {
    if (this.levels === this.defs.length) {
      const grown = new Uint8Array(this.levels * 2);
      grown.set(this.defs);
      this.defs = grown;
      if (this.reps) {
        const r = new Uint8Array(this.levels * 2);
        r.set(this.reps);
        this.reps = r;
      }
    }
    this.defs[this.levels] = def;
    if (this.reps) this.reps[this.levels] = rep;
    this.levels++;
  }

  private room(bytes: number): void {
    if (this.size + bytes <= this.values.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.values.length * 2, this.size + bytes));
    this.values.copy(grown, 0, 0, this.size);
    this.values = grown;
  }

  private range(v: number | string): void {
    if (this.min === null || v < this.min) this.min = v;
    if (this.max === null || v > this.max) this.max = v;
  }

  /** No value here: `def` says how deep the path is defined (0: the top-level value is null). */
  none(def = 0, rep = 0): void {
    this.level(def, rep);
    this.nulls++;
    if (def === 0) this.nullCount++;
  }

  text(s: string, rep = 0): void {
    this.level(this.spec.maxDef, rep);
    if (this.spec.statistics) this.range(s);
    const dict = this.dict;
    if (dict) {
      let i = dict.get(s);
      if (i === undefined) {
        i = this.dictValues.length;
        dict.set(s, i);
        this.dictValues.push(s);
        this.dictBytes += 4 + s.length;
      }
      if (this.count === this.indices.length) {
        const grown = new Int32Array(Math.max(1024, this.count * 2));
        grown.set(this.indices);
        this.indices = grown;
      }
      this.indices[this.count++] = i;
      this.plainBytes += 4 + s.length;
      if (this.dictBytes > DICTIONARY_MAX_BYTES || (this.count === DICTIONARY_PROBE && this.dictValues.length > DICTIONARY_PROBE * 0.9)) this.toPlain();
      return;
    }
    this.plain(s);
  }

  /** Appends a string PLAIN: its UTF-8 length, then its bytes. */
  private plain(s: string): void {
    this.room(4 + s.length * 3);
    const n = this.values.write(s, this.size + 4, 'utf8');
    this.values.writeUInt32LE(n, this.size);
    this.size += 4 + n;
  }

  /** Gives up the dictionary for the rest of the row group: the values so far are written PLAIN, in order. */
  private toPlain(): void {
    const { dictValues, indices, count } = this;
    for (let k = 0; k < count; k++) this.plain(dictValues[indices[k]!]!);
    this.dict = null;
    this.dictValues = [];
    this.count = this.dictBytes = this.plainBytes = 0;
    this.gaveUp = true;
  }

  /** An INT64 from a safe integer (no BigInt: two 32-bit halves). */
  int64(n: number, rep = 0): void {
    this.level(this.spec.maxDef, rep);
    this.room(8);
    this.values.writeUInt32LE(n >>> 0, this.size);
    this.values.writeInt32LE(Math.floor(n / 4294967296), this.size + 4);
    this.size += 8;
    if (this.spec.statistics) this.range(n);
  }

  int32(n: number, rep = 0): void {
    this.level(this.spec.maxDef, rep);
    this.room(4);
    this.values.writeInt32LE(n, this.size);
    this.size += 4;
    if (this.spec.statistics) this.range(n);
  }

  double(n: number, rep = 0): void {
    this.level(this.spec.maxDef, rep);
    this.room(8);
    this.values.writeDoubleLE(n, this.size);
    this.size += 8;
  }

  bool(b: boolean, rep = 0): void {
    this.level(this.spec.maxDef, rep);
    const byte = this.bits >> 3;
    if (byte === this.size) {
      this.room(1);
      this.values[this.size++] = 0;
    }
    if (b) this.values[byte]! |= 1 << (this.bits & 7);
    this.bits++;
  }

  /**
   * The row group's values and levels (views of this leaf's buffers, valid until its next value), and the leaf reset
   * for the next group.
   */
  take(): LeafGroup {
    // The dictionary pays when it and the indices (bit-packed) are smaller than the values PLAIN.
    const width = Math.max(1, bitWidth(this.dictValues.length - 1));
    if (this.dict && this.count && this.dictBytes + (this.count * width) / 8 >= this.plainBytes * 0.9) this.toPlain();
    const dictionary = this.dict !== null && this.count > 0 ? this.dictValues.length : 0;
    // A dictionary's values PLAIN (its page) go into the values buffer, unused while the dictionary holds.
    if (dictionary) for (const v of this.dictValues) this.plain(v);
    const group: LeafGroup = {
      levels: this.levels, nulls: this.nulls, nullCount: this.nullCount,
      defs: this.defs.subarray(0, this.levels), reps: this.reps?.subarray(0, this.levels) ?? null,
      values: this.values.subarray(0, this.size), dictionary,
      ...(dictionary ? { indices: this.indices.subarray(0, this.count), width } : {}),
      min: this.min, max: this.max,
    };
    this.size = this.levels = this.nulls = this.bits = this.nullCount = 0;
    this.min = this.max = null;
    if (this.gaveUp) this.skipGroups = DICTIONARY_RETRY_GROUPS;
    else if (this.skipGroups) this.skipGroups--;
    this.gaveUp = false;
    this.dict = this.spec.dictionary && !this.skipGroups ? new Map() : null;
    this.dictValues = [];
    this.count = this.dictBytes = this.plainBytes = 0;
    return group;
  }
}

/**
 * One leaf's row group as written: its levels, and its values PLAIN, or (`dictionary` > 0) the dictionary's values
 * PLAIN with an index per value. A JavaScript Leaf gives it, and so does the native events encoder
 * (native/event-columns), by the same rules; writeLeafGroup writes either.
 */
export interface LeafGroup {
  levels: number;
  nulls: number;
  /** Nulls at definition level 0 (the statistics' null count). */
  nullCount: number;
  defs: Uint8Array;
  reps: Uint8Array | null;
  values: Uint8Array;
  /** The dictionary's distinct values (then `values` is its page), or 0. */
  dictionary: number;
  indices?: Int32Array;
  width?: number;
  min: number | string | null;
  max: number | string | null;
}

/** Writes one leaf's row group (a dictionary page when it has one, then a DATA_PAGE_V2); returns its column chunk. */
export function writeLeafGroup(out: ByteWriter, fileOffset: number, rows: number, spec: LeafSpec, group: LeafGroup): ColumnChunk {
  const start = fileOffset + out.offset;
  const dictionary = group.dictionary > 0;
  let dictionaryBytes = 0;
  if (dictionary) {
    const compressed = snappy(group.values);
    writePageHeader(out, {
      type: 'DICTIONARY_PAGE', uncompressed_page_size: group.values.length, compressed_page_size: compressed.length,
      dictionary_page_header: { num_values: group.dictionary, encoding: 'PLAIN' },
    });
    out.appendBytes(compressed);
    dictionaryBytes = fileOffset + out.offset - start - compressed.length + group.values.length;
  }
  const dataStart = fileOffset + out.offset;
  const levels = reset(scratchLevels);
  const repBytes = group.reps ? rle(levels, group.reps, group.levels, bitWidth(spec.maxRep)) : 0;
  const defBytes = spec.maxDef ? rle(levels, group.defs, group.levels, bitWidth(spec.maxDef)) : 0;
  let data: Uint8Array;
  if (dictionary) {
    // RLE_DICTIONARY: the indices' bit width, then the RLE / bit-packing hybrid of the indices.
    const width = group.width!;
    const indices = reset(scratchIndices);
    indices.appendUint8(width);
    writeRleBitPackedHybrid(indices, group.indices!, width);
    data = indices.getBytes();
  } else data = group.values;
  const compressed = snappy(data);
  writePageHeader(out, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: levels.offset + data.length,
    compressed_page_size: levels.offset + compressed.length,
    data_page_header_v2: {
      num_values: group.levels, num_nulls: group.nulls, num_rows: rows, encoding: dictionary ? 'RLE_DICTIONARY' : 'PLAIN',
      definition_levels_byte_length: defBytes, repetition_levels_byte_length: repBytes, is_compressed: true,
    },
  });
  const headerBytes = fileOffset + out.offset - dataStart;
  out.appendBytes(levels.getBytes());
  out.appendBytes(compressed);
  const { element } = spec;
  const timestamp = element.logical_type?.type === 'TIMESTAMP';
  const bound = (v: number | string) => (timestamp ? new Date(v as number) : v);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: element.type!,
      encodings: dictionary ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'],
      path_in_schema: spec.path,
      codec: 'SNAPPY',
      num_values: BigInt(group.levels),
      total_uncompressed_size: BigInt(dictionaryBytes + headerBytes + levels.offset + data.length),
      total_compressed_size: BigInt(fileOffset + out.offset - start),
      data_page_offset: BigInt(dataStart),
      ...(dictionary ? { dictionary_page_offset: BigInt(start) } : {}),
      ...(spec.statistics
        ? { statistics: { null_count: BigInt(group.nullCount), ...(group.min !== null ? { min_value: bound(group.min), max_value: bound(group.max!) } : {}) } }
        : {}),
    },
  };
}

/**
 * Scratch writers for a row group and its leaves' levels and indices, each copied out as soon as it is written: one
 * of each per process instead of new buffers per leaf and row group (short-lived memory outside V8's heap makes V8
 * run full collections).
 */
const scratchLevels = new ByteWriter(64 * 1024);
/** A row group is written whole (no await) into this one, then sent as a copy. */
const scratchRowGroup = new ByteWriter(1024 * 1024);
const scratchIndices = new ByteWriter(64 * 1024);
function reset(writer: ByteWriter): ByteWriter {
  writer.offset = writer.index = 0;
  return writer;
}

const bitWidth = (max: number) => Math.ceil(Math.log2(max + 1));

/** Levels as the RLE/bit-packing hybrid, runs only (a level repeats for long stretches); returns the bytes written. */
function rle(out: ByteWriter, levels: Uint8Array, count: number, width: number): number {
  const start = out.offset;
  const valueBytes = Math.ceil(width / 8);
  let i = 0;
  while (i < count) {
    const v = levels[i]!;
    let j = i + 1;
    while (j < count && levels[j] === v) j++;
    out.appendVarInt((j - i) << 1);
    for (let b = 0; b < valueBytes; b++) out.appendUint8((v >> (8 * b)) & 0xff);
    i = j;
  }
  return out.offset - start;
}

/** One Parquet file written a row group at a time to `sink` (which may wait: backpressure). */
export class ParquetFileWriter {
  private offset = 0;
  private readonly rowGroups: RowGroup[] = [];
  private rows = 0;

  constructor(private readonly sink: (bytes: Uint8Array) => Promise<void>, private readonly schema: SchemaElement[], private readonly createdBy = 'inlet') {}

  /** Writes one row group of `rows` rows: each leaf's group (`specs` in schema order). */
  async rowGroup(specs: LeafSpec[], groups: LeafGroup[], rows: number): Promise<void> {
    const out = reset(scratchRowGroup);
    if (this.offset === 0) out.appendUint32(0x31524150); // PAR1
    const start = this.offset + out.offset;
    const columns = specs.map((spec, i) => writeLeafGroup(out, this.offset, rows, spec, groups[i]!));
    let uncompressed = 0n;
    for (const c of columns) uncompressed += c.meta_data!.total_uncompressed_size;
    this.rowGroups.push({ columns, num_rows: BigInt(rows), total_byte_size: uncompressed, total_compressed_size: BigInt(this.offset + out.offset - start) });
    this.rows += rows;
    await this.send(out);
  }

  /** Writes the footer (and the header, for a file without rows). */
  async finish(): Promise<void> {
    const out = new ByteWriter(64 * 1024);
    if (this.offset === 0) out.appendUint32(0x31524150);
    writeMetadata(out, { version: 2, created_by: this.createdBy, schema: this.schema, num_rows: BigInt(this.rows), row_groups: this.rowGroups, metadata_length: 0 });
    out.appendUint32(0x31524150);
    await this.send(out);
  }

  private async send(out: ByteWriter): Promise<void> {
    this.offset += out.offset;
    // A copy of exactly its size: the upload keeps it while this writer takes the next row group.
    await this.sink(new Uint8Array(out.getBuffer()));
  }
}
