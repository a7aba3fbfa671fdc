/**
 * Flat columns (not nested, not repeated) of parquet.ts, decoded page by page straight into ColumnVectors (typed
 * arrays with a null mask), with hyparquet's page decoders but without its record assembly. Measured on 2M rows × 5
 * columns (ZSTD, written by DuckDB): hyparquet's parquetRead, then rows, spent about 1 s assembling flat columns as
 * if they were lists, 2.5 s collecting garbage from a BigInt per INT64 value, a Date per timestamp and an array per
 * row; this path allocates none of them for the common types.
 *
 * Streaming: a column chunk is read in ranged reads of a bounded size (`ChunkPages`) and handed on a batch of rows
 * at a time (`FlatColumn.take`), so a row group of any size takes about a read window and a page per column.
 *
 * Values are the ones parquet.ts's rules give (see its header): integers within ±(2^53-1) as numbers (beyond, the
 * page's values become cells, exact bigints), timestamps as epoch milliseconds floored, dates as `YYYY-MM-DD`, text
 * and other bytes as a `utf8` vector of their bytes (read as UTF-8 text, or for unannotated bytes UTF-8 when valid,
 * else base64). Any other flat type (decimal, time, interval, INT96, fixed-length bytes…) is kind `cells`: hyparquet's
 * conversion, then the column's converter from parquet.ts, into an `any` vector.
 */
import type { Compressors, DecodedArray, SchemaTree } from 'hyparquet';
import type { ColumnDecoder, PageHeader } from 'hyparquet/src/types.js';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { BOOL_NULL, Utf8Builder, type CellValue, type ColumnVector } from './format.js';

const TWO_32 = 4294967296;
/** The high word of an INT64 whose value is within ±2^53 lies in [-2^21, 2^21). */
const SAFE_HIGH = 2 ** 21;

/** How a flat column's values become cells. */
export type FlatKind =
  | { to: 'num'; from: 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' }
  | { to: 'date'; perMs: number }
  | { to: 'bool' }
  | { to: 'day' }
  | { to: 'text' }
  | { to: 'bytes' }
  | { to: 'cells'; convert: (value: unknown) => CellValue };

/** The kind of a top-level column of a common type; null for the rest (cells when flat, parquet.ts decides). */
export function flatKind(node: SchemaTree): FlatKind | null {
  const element = node.element;
  if (node.children.length > 0 || element.repetition_type === 'REPEATED') return null;
  const logical = element.logical_type;
  const converted = element.converted_type;
  switch (element.type) {
    case 'BOOLEAN':
      return logical || converted ? null : { to: 'bool' };
    case 'INT32':
      if (logical?.type === 'DATE' || converted === 'DATE') return { to: 'day' };
      if (!logical && !converted) return { to: 'num', from: 'INT32' };
      if (logical?.type === 'INTEGER' && logical.isSigned) return { to: 'num', from: 'INT32' };
      if (converted === 'INT_8' || converted === 'INT_16' || converted === 'INT_32') return { to: 'num', from: 'INT32' };
      return null;
    case 'INT64':
      if (logical?.type === 'TIMESTAMP') return { to: 'date', perMs: logical.unit === 'MILLIS' ? 1 : logical.unit === 'MICROS' ? 1000 : 1_000_000 };
      if (converted === 'TIMESTAMP_MILLIS') return { to: 'date', perMs: 1 };
      if (converted === 'TIMESTAMP_MICROS') return { to: 'date', perMs: 1000 };
      if (!logical && !converted) return { to: 'num', from: 'INT64' };
      if ((logical?.type === 'INTEGER' && logical.isSigned) || converted === 'INT_64') return { to: 'num', from: 'INT64' };
      return null;
    case 'FLOAT':
    case 'DOUBLE':
      return logical || converted ? null : { to: 'num', from: element.type };
    case 'BYTE_ARRAY':
      if (logical?.type === 'STRING' || logical?.type === 'JSON' || converted === 'UTF8' || converted === 'JSON') return { to: 'text' };
      if (!logical && !converted) return { to: 'bytes' };
      return null;
    default:
      return null;
  }
}

/** Days since 1970-01-01 to `YYYY-MM-DD` (proleptic Gregorian; Hinnant's civil_from_days, no Date allocation). */
export function dateFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Decoded values in the column's cell domain: numbers (epoch ms for timestamps), 0/1 for booleans, date text, or cells. */
type Domain = ArrayLike<number> | string[] | CellValue[];

/** A page's (or a dictionary's) values, and whether they are cells (an `any` vector) rather than the kind's domain. */
interface Values {
  list: Domain;
  cells: boolean;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer as a number within ±(2^53-1), else the exact bigint. */
export function integer(value: bigint): number | bigint {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

/** `value / by`, rounded towards minus infinity. */
export function floorDiv(value: bigint, by: bigint): bigint {
  const q = value / by;
  return value < 0n && q * by !== value ? q - 1n : q;
}

/** Raw physical values (one page's, or a dictionary's) in the cell domain. */
function toDomain(raw: DecodedArray, kind: FlatKind, decoder: ColumnDecoder): Values {
  switch (kind.to) {
    case 'num':
      if (kind.from === 'INT64') return wrap(int64s(raw as BigInt64Array, 1)) ?? { list: Array.from(raw as BigInt64Array, integer), cells: true };
      return { list: raw as Int32Array | Float32Array | Float64Array, cells: false };
    case 'date': {
      // Beyond ±2^53 units the general rule holds: a Date of the floored milliseconds (as hyparquet's parsers make).
      const per = BigInt(kind.perMs);
      return wrap(int64s(raw as BigInt64Array, kind.perMs)) ?? { list: Array.from(raw as BigInt64Array, (v) => new Date(Number(floorDiv(v, per)))), cells: true };
    }
    case 'bool': {
      const out = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = raw[i] ? 1 : 0;
      return { list: out, cells: false };
    }
    case 'day': {
      const days = raw as Int32Array;
      const out = new Array<string>(days.length);
      for (let i = 0; i < days.length; i++) out[i] = dateFromDays(days[i]!);
      return { list: out, cells: false };
    }
    case 'cells': {
      // hyparquet's conversion (the parsers in the decoder), then the column's own rule, once per value.
      const values = convert(raw, decoder);
      const out = new Array<CellValue>(values.length);
      for (let i = 0; i < values.length; i++) out[i] = kind.convert(values[i]);
      return { list: out, cells: true };
    }
    case 'text':
    case 'bytes':
      throw new Error('text columns are read by TextBuilder');
  }
}

function wrap(list: Float64Array | null): Values | null {
  return list && { list, cells: false };
}

const EMPTY_LEVELS = new Uint8Array(0);

/**
 * INT64 values divided by `per` (floored) as doubles, read as two 32-bit halves (no BigInt per value); null when
 * one lies beyond ±2^53, where a double would round it.
 */
function int64s(raw: BigInt64Array, per: number): Float64Array | null {
  const n = raw.length;
  const words = new Int32Array(raw.buffer, raw.byteOffset, n * 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + 1]!;
    if (high >= SAFE_HIGH || high < -SAFE_HIGH) return null;
    const value = high * TWO_32 + (words[2 * i]! >>> 0);
    // Within ±2^53 the quotient is correctly rounded and at least 1/per away from the next integer, so it floors right.
    out[i] = per === 1 ? value : Math.floor(value / per);
  }
  return out;
}

/**
 * A decoded data page not yet wholly handed on: `count` rows whose definition levels are `defs` (empty when none is
 * null), with `values` for the rows that are not null, or, with `indexes`, dictionary positions of those values.
 * `i` is the next row of the page to hand on, `v` the next value (or index) to take.
 */
interface Pending {
  count: number;
  defs: ArrayLike<number>;
  values: Domain | ByteValues | Uint8Array[];
  cells: boolean;
  indexes: ArrayLike<number> | null;
  i: number;
  v: number;
}

/** Where decoded values go: `rows` rows of a column (one batch), filled from pages. */
class Builder {
  private nums: Float64Array | null = null;
  private readonly flags: Uint8Array | null = null;
  /** Date text ('day'), or cells ('cells', and a number column once a page of values beyond ±2^53 came). */
  private list: CellValue[] | null = null;
  private cells: boolean;
  private nulls: Uint8Array | null = null;
  at = 0;

  constructor(
    private readonly kind: FlatKind,
    private readonly rows: number,
  ) {
    if (kind.to === 'num' || kind.to === 'date') this.nums = new Float64Array(rows);
    else if (kind.to === 'bool') this.flags = new Uint8Array(rows);
    else this.list = new Array<CellValue>(rows).fill(null);
    this.cells = kind.to === 'cells';
  }

  /** From here on cells: the numbers filled so far become cells too. */
  private toCells(): void {
    const list = new Array<CellValue>(this.rows).fill(null);
    const nums = this.nums!;
    const dates = this.kind.to === 'date';
    for (let r = 0; r < this.at; r++) if (!this.nulls?.[r]) list[r] = dates ? new Date(nums[r]!) : nums[r]!;
    this.list = list;
    this.nums = null;
    this.cells = true;
  }

  /** Takes the rows of page `p` from its row `p.i` on, as many as this builder has room for. */
  fill(p: Pending): void {
    if (p.cells && !this.cells) this.toCells();
    const { nums, flags, list } = this;
    // A page of plain numbers into a column already of cells: timestamps must become Dates there.
    const dates = this.cells && !p.cells && this.kind.to === 'date';
    const values = p.values as Domain;
    const { defs, indexes } = p;
    const maxDef = 1;
    const end = Math.min(p.count, p.i + (this.rows - this.at));
    let { i, v } = p;
    let row = this.at;
    for (; i < end; i++, row++) {
      if (defs.length && defs[i] !== maxDef) {
        (this.nulls ??= new Uint8Array(this.rows))[row] = 1;
        if (flags) flags[row] = BOOL_NULL;
        continue;
      }
      const at = indexes ? indexes[v++]! : v++;
      const value = values[at];
      if (value === undefined) throw new Error(`a data page refers to value ${at}, beyond the ${values.length} it holds`);
      if (nums) nums[row] = value as number;
      else if (flags) flags[row] = value as number;
      else list![row] = dates ? new Date(value as number) : (value as CellValue);
    }
    p.i = i;
    p.v = v;
    this.at = row;
  }

  vector(): ColumnVector {
    const { kind, nulls } = this;
    if (this.cells) return { kind: 'any', values: this.list! };
    if (kind.to === 'num') return { kind: 'num', values: this.nums!, nulls };
    if (kind.to === 'date') return { kind: 'date', values: this.nums!, nulls };
    if (kind.to === 'bool') return { kind: 'bool', values: this.flags! };
    return { kind: 'str', values: this.list as (string | null)[] };
  }
}

/**
 * The values of a PLAIN-encoded BYTE_ARRAY run (each a 4-byte little-endian length, then the bytes): where each
 * starts and ends in `bytes`. A dictionary page is one such run; so is the value section of a version 1 PLAIN data
 * page.
 */
interface ByteValues {
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

function plainByteValues(bytes: Uint8Array, offset: number, count: number): ByteValues {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.byteLength) throw new Error(`a page ends after ${i} of its ${count} values`);
    const length = view.getUint32(at, true);
    at += 4;
    if (at + length > bytes.byteLength) throw new Error(`value ${i} of a page runs past the end of the page`);
    starts[i] = at;
    at += length;
    ends[i] = at;
  }
  return { bytes, starts, ends };
}

/**
 * Rows of a text column (one batch), filled from pages into a `Utf8Builder` (the text form CSV fills too): each
 * value's bytes are copied once into one buffer, so no string and no view exists per value in the reading thread. On
 * the benchmark's 2M-row file, decoding text to a string per value made the read worker's heap peak at 142-152 MB.
 */
class TextBuilder {
  private readonly text: Utf8Builder;
  private nulls: Uint8Array | null = null;
  private readonly binary: boolean;
  at = 0;

  constructor(
    kind: FlatKind,
    private readonly rows: number,
    sizeHint: number,
    /** Rows of a text column whose value holds a NUL byte, in order (unannotated bytes read as base64 instead). */
    private readonly nulRows: number[] | null = null,
  ) {
    this.text = new Utf8Builder(rows, sizeHint);
    this.binary = kind.to === 'bytes';
  }

  /** Takes the rows of page `p` from its row `p.i` on, as many as this builder has room for. */
  fill(p: Pending): void {
    const values = p.values as ByteValues | Uint8Array[];
    const total = Array.isArray(values) ? values.length : values.starts.length;
    const { text, binary } = this;
    const { defs, indexes } = p;
    const end = Math.min(p.count, p.i + (this.rows - this.at));
    let { i, v } = p;
    let row = this.at;
    for (; i < end; i++, row++) {
      if (defs.length && defs[i] !== 1) {
        (this.nulls ??= new Uint8Array(this.rows))[row] = 1;
        text.empty(row);
        continue;
      }
      const at = indexes ? indexes[v++]! : v++;
      if (!(at < total)) throw new Error(`a data page refers to value ${at}, beyond the ${total} it holds`);
      const nul = Array.isArray(values) ? text.setBytes(row, values[at]!, 0, values[at]!.length, binary) : text.setBytes(row, values.bytes, values.starts[at]!, values.ends[at]!, binary);
      // No text column stores NUL: the row is rejected (bytes columns read such values as base64 instead).
      if (nul && !binary) this.nulRows?.push(row);
    }
    p.i = i;
    p.v = v;
    this.at = row;
  }

  vector(): ColumnVector {
    return this.text.vector(this.rows, this.nulls, this.binary);
  }
}

/** A version 1 PLAIN data page of a BYTE_ARRAY column: its definition levels (empty when none is null) and values. */
function plainTextPage(page: Uint8Array, count: number, maxDef: number): { defs: ArrayLike<number>; values: ByteValues } {
  const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
  let defs: Uint8Array = EMPTY_LEVELS;
  let present = count;
  if (maxDef) {
    defs = new Uint8Array(count);
    readRleBitPackedHybrid(reader, 1, defs);
    for (let i = 0; i < count; i++) if (defs[i] !== maxDef) present--;
    if (present === count) defs = EMPTY_LEVELS;
  }
  return { defs, values: plainByteValues(page, reader.offset, present) };
}

/** Page headers are read from this many bytes first (more when one is bigger: statistics can be long). */
const HEADER_BYTES = 1024;

/**
 * The pages of one column chunk (bytes `start` to `end` of the file), read in ranged reads of about `window` bytes
 * as the pages are wanted (a page bigger than the window in one read of its size), so a chunk of any size takes
 * about a window and a page of memory. With `prefetched`, the chunk's bytes are already all there.
 */
export class ChunkPages {
  private buffer: Uint8Array = EMPTY_LEVELS;
  /** The next unread byte in `buffer`. */
  private at = 0;
  /** The file offset of the first byte not yet fetched. */
  private next: number;

  constructor(
    private readonly fetch: (start: number, end: number) => Promise<Uint8Array>,
    start: number,
    private readonly end: number,
    private readonly window: number,
    prefetched?: Uint8Array,
  ) {
    this.next = start;
    if (prefetched) {
      this.buffer = prefetched;
      this.next = end;
    }
  }

  /** Makes at least `need` unread bytes available (all that is left near the end of the chunk). */
  private async fill(need: number): Promise<void> {
    const have = this.buffer.length - this.at;
    if (have >= need || this.next >= this.end) return;
    const to = Math.min(this.end, this.next + Math.max(this.window, need - have));
    const bytes = await this.fetch(this.next, to);
    const joined = new Uint8Array(have + bytes.length);
    joined.set(this.buffer.subarray(this.at));
    joined.set(bytes, have);
    this.buffer = joined;
    this.at = 0;
    this.next = to;
  }

  /** The next page's header (its body is read next, by `body` or `pieces`), or null at the end of the chunk. */
  async header(): Promise<PageHeader | null> {
    for (let need = HEADER_BYTES; ; need *= 2) {
      await this.fill(need);
      const left = this.buffer.length - this.at;
      if (left === 0) return null;
      const reader = { view: new DataView(this.buffer.buffer, this.buffer.byteOffset + this.at, left), offset: 0 };
      let header: PageHeader;
      try {
        header = parquetHeader(reader);
      } catch (error) {
        // A header cut by the end of what is fetched: fetch more and read it again.
        if (this.next < this.end) continue;
        throw error;
      }
      const size = header.compressed_page_size;
      if (!(size >= 0) || reader.offset + size > left + (this.end - this.next)) throw new Error('a page runs past the end of its column chunk');
      this.at += reader.offset;
      return header;
    }
  }

  /** The `size` bytes of a page's body, at once. */
  async body(size: number): Promise<Uint8Array> {
    await this.fill(size);
    const start = this.at;
    this.at += size;
    return this.buffer.subarray(start, this.at);
  }

  /** The `size` bytes of a page's body in pieces of at most a read window, fetched as they are pulled. */
  pieces(size: number): () => Promise<Uint8Array | null> {
    let left = size;
    return async () => {
      if (left === 0) return null;
      if (this.at >= this.buffer.length) await this.fill(1);
      const k = Math.min(left, this.buffer.length - this.at);
      if (k === 0) throw new Error('a page runs past the end of its column chunk');
      const start = this.at;
      this.at += k;
      left -= k;
      return this.buffer.subarray(start, this.at);
    };
  }
}

/** A codec's decompression in pieces: the output pieces of the input pieces (pulled one at a time, as needed). */
export type InflateStream = (input: Iterable<Uint8Array>) => Generator<Uint8Array>;

/** A flat column's decoder: what parquet.ts hands over (hyparquet's, with the codecs already guarded). */
export type FlatDecoder = ColumnDecoder & {
  compressors: Compressors;
  /**
   * The codecs' bomb checks, for a page of `size` bytes uncompressed from `compressed` decompressed in pieces;
   * `bounded` when its values take a bounded size each (numbers, booleans, dictionary indexes), so that only its
   * rows, not its bytes, decide what it holds in memory: only the file's total counts then.
   */
  guard: (codec: string, size: number, compressed: number, bounded?: boolean) => void;
  /** Codecs that decompress in pieces (the others decompress a page whole). */
  streams: Partial<Record<string, InflateStream>>;
  /** Data pages bigger than this uncompressed are decoded SUB_ROWS rows at a time, as their bytes arrive. */
  streamAbove: number;
};

/**
 * One row group's chunk of a flat column, handed on `take(n)` rows at a time, each call decoding only the pages it
 * needs (and fetching only their bytes through `ChunkPages`). Errors in the bytes throw (the caller names the file).
 * `uncompressedSize` (the chunk's, from the metadata) sizes a text column's buffers.
 */
export class FlatColumn {
  private dictionary: Values | ByteValues | null = null;
  private pending: Pending | null = null;
  /** A big data page being decoded a part at a time, and its bytes not yet pulled. */
  private streamed: { rows: AsyncGenerator<Pending>; rest: () => Promise<Uint8Array | null> } | null = null;
  private taken = 0;
  private readonly text: boolean;

  constructor(
    private readonly pages: ChunkPages,
    private readonly kind: FlatKind,
    private readonly decoder: FlatDecoder,
    private readonly rows: number,
    private readonly uncompressedSize = 0,
  ) {
    this.text = kind.to === 'text' || kind.to === 'bytes';
  }

  /** The next `count` rows as a vector; the rows of a text column whose value holds a NUL byte go to `nulRows`. */
  async take(count: number, nulRows: number[] | null = null): Promise<ColumnVector> {
    // Text: the values' bytes less their 4-byte lengths is about what the buffer needs.
    const out = this.text
      ? new TextBuilder(this.kind, count, Math.ceil((this.uncompressedSize * count) / Math.max(1, this.rows)) - 4 * count, nulRows)
      : new Builder(this.kind, count);
    while (out.at < count) {
      if (this.pending && this.pending.i < this.pending.count) out.fill(this.pending);
      else this.pending = await this.nextPage(this.taken + out.at);
    }
    this.taken += count;
    return out.vector();
  }

  /** Whether a page is decoded in parts as its bytes arrive: a big data page of an encoding read in order. */
  private streams(header: PageHeader): boolean {
    const { decoder, kind } = this;
    const data = header.type === 'DATA_PAGE' ? header.data_page_header : header.type === 'DATA_PAGE_V2' ? header.data_page_header_v2 : undefined;
    if (!data) return false;
    // Few bytes can decode to many values (bit-packed booleans, small dictionary indexes): rows count too.
    if (header.uncompressed_page_size <= decoder.streamAbove && data.num_values <= STREAM_ROWS) return false;
    if (data.encoding.endsWith('_DICTIONARY') || (data.encoding === 'RLE' && decoder.type !== 'BOOLEAN')) return this.dictionary !== null;
    if (data.encoding !== 'PLAIN') return false;
    if (kind.to === 'bool') return decoder.type === 'BOOLEAN';
    return kind.to !== 'cells' || fixedWidth(decoder) > 0;
  }

  /** After the row group's rows: values left in a page mean the chunk holds more than its row group. */
  async finish(): Promise<void> {
    if ((this.pending && this.pending.i < this.pending.count) || (this.streamed && !(await this.streamed.rows.next()).done)) throw new Error(`a column chunk holds more values than its row group's ${this.rows} rows`);
  }

  private async nextPage(done: number): Promise<Pending> {
    const { decoder, kind } = this;
    const maxDef = decoder.element.repetition_type === 'REQUIRED' ? 0 : 1;
    for (;;) {
      if (this.streamed) {
        const part = await this.streamed.rows.next();
        if (!part.done) return part.value;
        // Whatever the page holds past its values (padding) is skipped.
        while (await this.streamed.rest());
        this.streamed = null;
      }
      const header = await this.pages.header();
      if (!header) throw new Error(`the column chunk ends after ${done} of ${this.rows} values`);
      if (this.streams(header)) {
        const rest = this.pages.pieces(header.compressed_page_size);
        this.streamed = { rows: streamPage(header, rest, decoder, kind, this.dictionary, this.text), rest };
        continue;
      }
      const compressed = await this.pages.body(header.compressed_page_size);
      if (header.type === 'DICTIONARY_PAGE') {
        const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
        const entries = header.dictionary_page_header!.num_values;
        this.dictionary = this.text
          ? plainByteValues(page, 0, entries)
          : toDomain(readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, entries, decoder.element.type_length), kind, decoder);
        continue;
      }
      // Index pages carry nothing to read.
      if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') continue;
      const v2 = header.type === 'DATA_PAGE_V2';
      const dataHeader = v2 ? header.data_page_header_v2! : header.data_page_header!;
      const count = dataHeader.num_values;
      if (!v2 && this.text && dataHeader.encoding === 'PLAIN') {
        const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
        const { defs, values } = plainTextPage(page, count, maxDef);
        return { count, defs, values, cells: false, indexes: null, i: 0, v: 0 };
      }
      const { definitionLevels, dataPage } = v2
        ? readDataPageV2(compressed, header, decoder)
        : readDataPage(decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors), header.data_page_header!, decoder);
      const defs = definitionLevels ?? EMPTY_LEVELS;
      const indexed = dataHeader.encoding.endsWith('_DICTIONARY') || (dataHeader.encoding === 'RLE' && decoder.type !== 'BOOLEAN');
      if (indexed && !this.dictionary) throw new Error('a dictionary-encoded page comes without a dictionary');
      if (this.text) {
        return { count, defs, values: indexed ? (this.dictionary as ByteValues) : (dataPage as Uint8Array[]), cells: false, indexes: indexed ? (dataPage as ArrayLike<number>) : null, i: 0, v: 0 };
      }
      const { list, cells } = indexed ? (this.dictionary as Values) : toDomain(dataPage, kind, decoder);
      return { count, defs, values: list, cells, indexes: indexed ? (dataPage as ArrayLike<number>) : null, i: 0, v: 0 };
    }
  }
}

// ---- big pages, in parts ---------------------------------------------------------------------------------------

/** Rows per part of a big page. */
const SUB_ROWS = 8192;
/** Compressed bytes handed to a streaming decompressor at a time. */
const INFLATE_SLICE = 256 * 1024;
/** Pages of more values than this are decoded in parts whatever their size in bytes. */
const STREAM_ROWS = 65536;

/** Bytes per PLAIN value of a fixed-width type, 0 for BYTE_ARRAY and BOOLEAN. */
function fixedWidth(decoder: ColumnDecoder): number {
  switch (decoder.type) {
    case 'INT32':
    case 'FLOAT':
      return 4;
    case 'INT64':
    case 'DOUBLE':
      return 8;
    case 'INT96':
      return 12;
    case 'FIXED_LEN_BYTE_ARRAY':
      return decoder.element.type_length ?? 0;
    default:
      return 0;
  }
}

/** Bytes arriving in pieces, read in order: synchronously within the current piece, awaiting the next one. */
class ByteSource {
  buf: Uint8Array = EMPTY_LEVELS;
  pos = 0;

  constructor(private readonly next: () => Promise<Uint8Array | null>) {}

  /** Moves on to the next non-empty piece; false at the end. */
  async more(): Promise<boolean> {
    for (;;) {
      const piece = await this.next();
      if (!piece) return false;
      if (piece.length) {
        this.buf = piece;
        this.pos = 0;
        return true;
      }
    }
  }

  /** The next `n` bytes, contiguous (a copy when they span pieces, or with `copy`). */
  async take(n: number, copy = false): Promise<Uint8Array> {
    const left = this.buf.length - this.pos;
    if (left >= n) {
      const out = this.buf.subarray(this.pos, this.pos + n);
      this.pos += n;
      return copy ? out.slice() : out;
    }
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(this.pos));
    let at = left;
    this.pos = this.buf.length;
    while (at < n) {
      if (!(await this.more())) throw new Error('a page ends before its values do');
      const k = Math.min(n - at, this.buf.length);
      out.set(this.buf.subarray(0, k), at);
      at += k;
      this.pos = k;
    }
    return out;
  }

  /** The bytes not yet read, as pieces: what is left of the current piece, then the next ones. */
  rest(): () => Promise<Uint8Array | null> {
    let first: Uint8Array | null = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return async () => {
      if (first) {
        const piece = first;
        first = null;
        if (piece.length) return piece;
      }
      return this.next();
    };
  }

  async varint(): Promise<number> {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (this.pos >= this.buf.length && !(await this.more())) throw new Error('a page ends inside a run header');
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return value;
    }
  }
}

/**
 * The RLE/bit-packed hybrid encoding (definition levels, dictionary indexes, PLAIN booleans as one endless
 * bit-packed run), read a few values at a time: a run may go on into the next call and the next piece of bytes.
 */
class HybridReader {
  /** Values left in the current RLE run, and its value. */
  private repeat = 0;
  private repeated = 0;
  /** Values left in the current bit-packed run, and the bits read but not yet used. */
  private packed = 0;
  private bits = 0;
  private bitCount = 0;

  constructor(
    private readonly src: ByteSource,
    private readonly width: number,
    endlessPacked = false,
  ) {
    if (endlessPacked) this.packed = Infinity;
  }

  async read(out: Int32Array | Uint8Array, n: number): Promise<void> {
    const { src, width } = this;
    const wide = width > 24;
    const mask = wide ? 0 : (1 << width) - 1;
    const scale = 2 ** width;
    let i = 0;
    while (i < n) {
      if (this.repeat > 0) {
        const k = Math.min(this.repeat, n - i);
        out.fill(this.repeated, i, i + k);
        this.repeat -= k;
        i += k;
      } else if (this.packed > 0) {
        let { bits, bitCount, packed } = this;
        const buf = src.buf;
        let pos = src.pos;
        while (i < n && packed > 0) {
          while (bitCount < width && pos < buf.length) {
            if (wide) bits += buf[pos++]! * 2 ** bitCount;
            else bits |= buf[pos++]! << bitCount;
            bitCount += 8;
          }
          if (bitCount < width) break;
          if (wide) {
            const value = bits % scale;
            out[i++] = value;
            bits = (bits - value) / scale;
          } else {
            out[i++] = bits & mask;
            bits >>>= width;
          }
          bitCount -= width;
          packed--;
        }
        src.pos = pos;
        Object.assign(this, { bits, bitCount, packed });
        // A run's bits end on a byte boundary: nothing carries into the next run.
        if (packed === 0) this.bits = this.bitCount = 0;
        else if (i < n && !(await src.more())) throw new Error('a page ends inside a bit-packed run');
      } else {
        const header = await src.varint();
        if (header % 2) {
          this.packed = Math.floor(header / 2) * 8;
        } else {
          this.repeat = header / 2;
          const bytes = await src.take((width + 7) >> 3);
          let value = 0;
          for (let b = bytes.length - 1; b >= 0; b--) value = value * 256 + bytes[b]!;
          this.repeated = value;
        }
      }
    }
  }
}

/** `count` PLAIN BYTE_ARRAY values (a 4-byte length, then the bytes, each) copied into one buffer. */
async function plainByteRun(src: ByteSource, count: number): Promise<ByteValues> {
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let bytes = new Uint8Array(Math.max(1024, count * 16));
  let w = 0;
  const put = (from: Uint8Array, start: number, end: number, i: number): void => {
    const length = end - start;
    if (w + length > bytes.length) {
      const grown = new Uint8Array(Math.max(2 * bytes.length, w + length));
      grown.set(bytes.subarray(0, w));
      bytes = grown;
    }
    bytes.set(from.subarray(start, end), w);
    starts[i] = w;
    w += length;
    ends[i] = w;
  };
  for (let i = 0; i < count; ) {
    const buf = src.buf;
    let pos = src.pos;
    // The values wholly inside the current piece, without awaiting.
    while (i < count && pos + 4 <= buf.length) {
      const length = (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0;
      if (pos + 4 + length > buf.length) break;
      put(buf, pos + 4, pos + 4 + length, i++);
      pos += 4 + length;
    }
    src.pos = pos;
    if (i < count) {
      const head = await src.take(4);
      const length = (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0;
      const value = await src.take(length);
      put(value, 0, value.length, i++);
    }
  }
  return { bytes, starts, ends };
}

/**
 * The decompressed bytes of a page body arriving as `pieces` of compressed bytes: in pieces too for the codecs that
 * can (checked against the page's claimed size as they come), else the page decompressed whole, as one piece.
 */
function inflate(
  codec: string,
  pieces: () => Promise<Uint8Array | null>,
  size: number,
  compressed: number,
  decoder: FlatDecoder,
  bounded: boolean,
): () => Promise<Uint8Array | null> {
  if (codec === 'UNCOMPRESSED') return pieces;
  const stream = decoder.streams[codec];
  if (!stream) {
    let done = false;
    return async () => {
      if (done) return null;
      done = true;
      const parts: Uint8Array[] = [];
      for (let piece; (piece = await pieces()); ) parts.push(piece);
      const whole = parts.length === 1 ? parts[0]! : concat(parts);
      return decompressPage(whole, size, decoder.codec, decoder.compressors);
    };
  }
  decoder.guard(codec, size, compressed, bounded);
  // The decompressor pulls its input synchronously: one piece is always fetched ahead of it.
  const queue: Uint8Array[] = [];
  let ended = false;
  const input: Iterable<Uint8Array> = {
    *[Symbol.iterator]() {
      for (;;) {
        const piece = queue.shift();
        if (piece) yield piece;
        else if (ended) return;
        else throw new Error('compressed bytes were not fetched ahead of the decompressor');
      }
    },
  };
  const output = stream(input);
  let produced = 0;
  return async () => {
    for (;;) {
      if (queue.length === 0 && !ended) {
        const piece = await pieces();
        // Handed over in small slices: the decompressor copies each into its WebAssembly memory, which never shrinks.
        if (piece) for (let at = 0; at < piece.length; at += INFLATE_SLICE) queue.push(piece.subarray(at, at + INFLATE_SLICE));
        else ended = true;
      }
      const next = output.next();
      if (next.done) return null;
      if (next.value.length === 0) continue;
      produced += next.value.length;
      if (produced > size) throw new Error(`a page decompresses to more than the ${size} bytes its header claims`);
      return next.value;
    }
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A big data page (version 1 or 2) decoded SUB_ROWS rows at a time as its bytes arrive (`pieces`, compressed):
 * definition levels, then PLAIN values, bit-packed booleans or dictionary indexes, each read only as far as the
 * part needs. What the page holds in memory at once is a read window, a decompressed piece and a part.
 */
async function* streamPage(
  header: PageHeader,
  pieces: () => Promise<Uint8Array | null>,
  decoder: FlatDecoder,
  kind: FlatKind,
  dictionary: Values | ByteValues | null,
  text: boolean,
): AsyncGenerator<Pending> {
  const maxDef = decoder.element.repetition_type === 'REQUIRED' ? 0 : 1;
  let levels: Uint8Array | null = null;
  let body: ByteSource;
  let count: number;
  let encoding: string;
  const data = header.data_page_header_v2 ?? header.data_page_header!;
  // DuckDB writes a row group's column as one page: a low-cardinality one compresses thousands to one, harmlessly
  // when its values are of bounded size (its rows are bounded by the row group's).
  const bounded = data.encoding !== 'PLAIN' || !text;
  if (header.type === 'DATA_PAGE_V2') {
    const v2 = header.data_page_header_v2!;
    count = v2.num_values;
    encoding = v2.encoding;
    // Levels come first, never compressed.
    const raw = new ByteSource(pieces);
    await raw.take(v2.repetition_levels_byte_length);
    const defBytes = await raw.take(v2.definition_levels_byte_length, true);
    if (maxDef) levels = defBytes;
    const levelBytes = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
    const rest = raw.rest();
    body = new ByteSource(v2.is_compressed === false ? rest : inflate(decoder.codec, rest, header.uncompressed_page_size - levelBytes, header.compressed_page_size - levelBytes, decoder, bounded));
  } else {
    const v1 = header.data_page_header!;
    count = v1.num_values;
    encoding = v1.encoding;
    body = new ByteSource(inflate(decoder.codec, pieces, header.uncompressed_page_size, header.compressed_page_size, decoder, bounded));
    if (maxDef) {
      const length = await body.take(4);
      levels = await body.take(((length[0]! | (length[1]! << 8) | (length[2]! << 16) | (length[3]! << 24)) >>> 0), true);
    }
  }
  const defs = levels ? new HybridReader(new ByteSource(once(levels)), 1) : null;
  const indexed = encoding.endsWith('_DICTIONARY') || encoding === 'RLE';
  const indexes = indexed ? new HybridReader(body, (await body.take(1))[0]!) : null;
  const bools = !indexed && kind.to === 'bool' ? new HybridReader(body, 1, true) : null;
  const width = fixedWidth(decoder);
  for (let done = 0; done < count; ) {
    const n = Math.min(SUB_ROWS, count - done);
    let defsPart: Uint8Array = EMPTY_LEVELS;
    let present = n;
    if (defs) {
      defsPart = new Uint8Array(n);
      await defs.read(defsPart, n);
      for (let i = 0; i < n; i++) if (defsPart[i] !== maxDef) present--;
      if (present === n) defsPart = EMPTY_LEVELS;
    }
    const part: Pending = { count: n, defs: defsPart, values: EMPTY_LEVELS, cells: false, indexes: null, i: 0, v: 0 };
    if (indexes) {
      const at = new Int32Array(present);
      await indexes.read(at, present);
      part.indexes = at;
      if (text) part.values = dictionary as ByteValues;
      else ({ list: part.values, cells: part.cells } = dictionary as Values);
    } else if (bools) {
      const flags = new Uint8Array(present);
      await bools.read(flags, present);
      part.values = flags;
    } else if (text) {
      part.values = await plainByteRun(body, present);
    } else {
      const bytes = await body.take(present * width, true);
      const raw = readPlain({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, decoder.type, present, decoder.element.type_length);
      ({ list: part.values, cells: part.cells } = toDomain(raw, kind, decoder));
    }
    yield part;
    done += n;
  }
  // To its end, so that the decompressor finishes (and frees what it holds).
  while (await body.more());
}

function once(bytes: Uint8Array): () => Promise<Uint8Array | null> {
  let given = false;
  return async () => {
    if (given) return null;
    given = true;
    return bytes;
  };
}
