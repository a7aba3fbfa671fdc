// A small Parquet writer for the batch export's columns: values go straight into one growing buffer per leaf column
// as PLAIN bytes (UTF-8 text with its length, little-endian numbers, packed booleans) beside its definition and
// repetition levels, and a row group becomes one DATA_PAGE_V2 per leaf: levels run-length encoded, values through
// Snappy. No JS value per cell is kept, no BigInt, no per-value conversion pass: hyparquet-writer's general path
// (an array of values per column, converted, sampled for a dictionary, and walked per value) was most of the export's
// time. hyparquet-writer still writes the page headers and the footer (its Thrift code).
import type { ColumnChunk, RowGroup, SchemaElement } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
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
}

/** The primitive columns under a top-level column's schema elements (the column first, then its children). */
export function leavesOf(elements: SchemaElement[], statistics: boolean): LeafSpec[] {
  const out: LeafSpec[] = [];
  let i = 0;
  const walk = (path: string[], def: number, rep: number) => {
    const e = elements[i++]!;
    const d = def + (e.repetition_type === 'REQUIRED' ? 0 : 1);
    const r = rep + (e.repetition_type === 'REPEATED' ? 1 : 0);
    const p = [...path, e.name];
    if (!e.num_children) out.push({ path: p, element: e, maxDef: d, maxRep: r, statistics });
    else for (let c = 0; c < e.num_children; c++) walk(p, d, r);
  };
  walk([], 0, 0);
  return out;
}

/** One leaf column's values and levels of the row group being written. */
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

  constructor(readonly spec: LeafSpec) {
    this.reps = spec.maxRep ? new Uint8Array(1024) : null;
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
    this.room(4 + s.length * 3);
    const n = this.values.write(s, this.size + 4, 'utf8');
    this.values.writeUInt32LE(n, this.size);
    this.size += 4 + n;
    if (this.spec.statistics) this.range(s);
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

  /** Writes the row group's page for this leaf and resets; returns the column chunk's metadata. */
  flush(out: ByteWriter, fileOffset: number, rows: number): ColumnChunk {
    const start = fileOffset + out.offset;
    const levels = new ByteWriter(16 * 1024);
    const repBytes = this.reps ? rle(levels, this.reps, this.levels, bitWidth(this.spec.maxRep)) : 0;
    const defBytes = this.spec.maxDef ? rle(levels, this.defs, this.levels, bitWidth(this.spec.maxDef)) : 0;
    const plain = this.values.subarray(0, this.size);
    const compressed = snappy(plain);
    writePageHeader(out, {
      type: 'DATA_PAGE_V2',
      uncompressed_page_size: levels.offset + plain.length,
      compressed_page_size: levels.offset + compressed.length,
      data_page_header_v2: {
        num_values: this.levels, num_nulls: this.nulls, num_rows: rows, encoding: 'PLAIN',
        definition_levels_byte_length: defBytes, repetition_levels_byte_length: repBytes, is_compressed: true,
      },
    });
    const headerBytes = fileOffset + out.offset - start;
    out.appendBytes(levels.getBytes());
    out.appendBytes(compressed);
    const { element } = this.spec;
    const timestamp = element.logical_type?.type === 'TIMESTAMP';
    const bound = (v: number | string) => (timestamp ? new Date(v as number) : v);
    const chunk: ColumnChunk = {
      file_offset: BigInt(start),
      meta_data: {
        type: element.type!,
        encodings: ['PLAIN', 'RLE'],
        path_in_schema: this.spec.path,
        codec: 'SNAPPY',
        num_values: BigInt(this.levels),
        total_uncompressed_size: BigInt(headerBytes + levels.offset + plain.length),
        total_compressed_size: BigInt(fileOffset + out.offset - start),
        data_page_offset: BigInt(start),
        ...(this.spec.statistics
          ? { statistics: { null_count: BigInt(this.nullCount), ...(this.min !== null ? { min_value: bound(this.min), max_value: bound(this.max!) } : {}) } }
          : {}),
      },
    };
    this.size = this.levels = this.nulls = this.bits = this.nullCount = 0;
    this.min = this.max = null;
    return chunk;
  }
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

  /** Writes the leaves' buffered values as one row group of `rows` rows. */
  async rowGroup(leaves: Leaf[], rows: number): Promise<void> {
    const out = new ByteWriter(1024 * 1024);
    if (this.offset === 0) out.appendUint32(0x31524150); // PAR1
    const start = this.offset + out.offset;
    const columns = leaves.map((leaf) => leaf.flush(out, this.offset, rows));
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
    await this.sink(out.getBytes());
  }
}
