/**
 * The fast path of parquet.ts: a flat column (not nested, not repeated) of a common type is decoded page by page
 * straight into a ColumnVector (typed arrays with a null mask), with hyparquet's page decoders but without its
 * record assembly. Measured on 2M rows × 5 columns (ZSTD, written by DuckDB): hyparquet's parquetRead, then rows,
 * spent about 1 s assembling flat columns as if they were lists, 2.5 s collecting garbage from a BigInt per
 * INT64 value, a Date per timestamp and an array per row; this path allocates none of them.
 *
 * Values are the ones parquet.ts makes for the same column (see its header): integers within ±(2^53-1) as numbers,
 * timestamps as epoch milliseconds floored, dates as `YYYY-MM-DD`, text and other bytes as a `utf8` vector of
 * their bytes (read as UTF-8 text, or for unannotated bytes UTF-8 when valid, else base64). A column of any other
 * type (decimal, time, interval, INT96, fixed-length bytes, unsigned 64-bit…), or a row group whose INT64 values go
 * beyond ±(2^53-1), is left to the general path (`readFlatChunk` returns null).
 */
import type { Compressors, DecodedArray, SchemaTree } from 'hyparquet';
import type { ColumnDecoder } from 'hyparquet/src/types.js';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { BOOL_NULL, Utf8Builder, type ColumnVector } from './format.js';

const TWO_32 = 4294967296;
/** The high word of an INT64 whose value is within ±2^53 lies in [-2^21, 2^21). */
const SAFE_HIGH = 2 ** 21;

/** How a flat column's values become cells. */
type FlatKind =
  | { to: 'num'; from: 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' }
  | { to: 'date'; perMs: number }
  | { to: 'bool' }
  | { to: 'day' }
  | { to: 'text' }
  | { to: 'bytes' };

/** The fast-path kind of a top-level column, or null when the general path must read it. */
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

/** Decoded values in the column's cell domain: numbers (epoch ms for timestamps), 0/1 for booleans, or date text. */
type Domain = ArrayLike<number> | string[];

/** Raw physical values (one page's, or a dictionary's) in the cell domain; null when they do not fit the fast path. */
function toDomain(raw: DecodedArray, kind: FlatKind): Domain | null {
  switch (kind.to) {
    case 'num':
      if (kind.from === 'INT64') return int64s(raw as BigInt64Array, 1);
      return raw as Int32Array | Float32Array | Float64Array;
    case 'date':
      return int64s(raw as BigInt64Array, kind.perMs);
    case 'bool': {
      const out = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = raw[i] ? 1 : 0;
      return out;
    }
    case 'day': {
      const days = raw as Int32Array;
      const out = new Array<string>(days.length);
      for (let i = 0; i < days.length; i++) out[i] = dateFromDays(days[i]!);
      return out;
    }
    case 'text':
    case 'bytes':
      // Text columns are read by TextBuilder, never through here.
      return null;
  }
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

/** Where decoded values go: the column of a row group, filled page by page. */
class Builder {
  private readonly nums: Float64Array | null = null;
  private readonly flags: Uint8Array | null = null;
  private readonly texts: (string | null)[] | null = null;
  private nulls: Uint8Array | null = null;
  at = 0;

  constructor(
    private readonly kind: FlatKind,
    private readonly rows: number,
  ) {
    if (kind.to === 'num' || kind.to === 'date') this.nums = new Float64Array(rows);
    else if (kind.to === 'bool') this.flags = new Uint8Array(rows);
    else this.texts = new Array<string | null>(rows).fill(null);
  }

  /**
   * Appends one page: `count` rows whose definition levels are `defs` (empty when none is null), with `values`
   * for the rows that are not null, or, with `indexes`, dictionary positions of those values.
   */
  page(count: number, defs: ArrayLike<number>, maxDef: number, values: Domain, indexes: ArrayLike<number> | null): void {
    if (this.at + count > this.rows) throw new Error(`a column chunk holds more values than its row group's ${this.rows} rows`);
    const { nums, flags, texts } = this;
    let v = 0;
    for (let i = 0, row = this.at; i < count; i++, row++) {
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
      else texts![row] = value as string;
    }
    this.at += count;
  }

  vector(): ColumnVector {
    if (this.at !== this.rows) throw new Error(`a column chunk holds ${this.at} values for a row group of ${this.rows} rows`);
    const { kind, nulls } = this;
    if (kind.to === 'num') return { kind: 'num', values: this.nums!, nulls };
    if (kind.to === 'date') return { kind: 'date', values: this.nums!, nulls };
    if (kind.to === 'bool') return { kind: 'bool', values: this.flags! };
    return { kind: 'str', values: this.texts! };
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
 * A text column of a row group, filled page by page into a `Utf8Builder` (the text form CSV fills too): each value's
 * bytes are copied once into one buffer, so no string and no view exists per value in the reading thread. On the
 * benchmark's 2M-row file, decoding text to a string per value made the read worker's heap peak at 142-152 MB.
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

  /**
   * Appends one page: `count` rows whose definition levels are `defs` (empty when none is null), taking the values
   * of the rows that are not null in order from `values`, or, with `indexes`, at those positions of `values`.
   */
  page(count: number, defs: ArrayLike<number>, maxDef: number, values: ByteValues | Uint8Array[], indexes: ArrayLike<number> | null): void {
    if (this.at + count > this.rows) throw new Error(`a column chunk holds more values than its row group's ${this.rows} rows`);
    const total = Array.isArray(values) ? values.length : values.starts.length;
    const { text, binary } = this;
    let v = 0;
    for (let i = 0, row = this.at; i < count; i++, row++) {
      if (defs.length && defs[i] !== maxDef) {
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
    this.at += count;
  }

  vector(): ColumnVector {
    if (this.at !== this.rows) throw new Error(`a column chunk holds ${this.at} values for a row group of ${this.rows} rows`);
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

/**
 * One row group's chunk of a flat column (its bytes from the dictionary page, or first data page, on) as a vector of
 * `rows` values; null when a value does not fit the fast path. Errors in the bytes throw (the caller names the file).
 * `uncompressedSize` (the chunk's, from the metadata) sizes a text column's buffer; the rows of a text column whose
 * value holds a NUL byte are appended to `nulRows`.
 */
export function readFlatChunk(
  bytes: Uint8Array,
  rows: number,
  kind: FlatKind,
  decoder: Omit<ColumnDecoder, 'parsers'> & { compressors: Compressors },
  uncompressedSize = 0,
  nulRows: number[] | null = null,
): ColumnVector | null {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const maxDef = decoder.element.repetition_type === 'REQUIRED' ? 0 : 1;
  const isText = kind.to === 'text' || kind.to === 'bytes';
  // Text: the values' bytes less their 4-byte lengths is about what the buffer needs.
  const out = isText ? new TextBuilder(kind, rows, uncompressedSize - 4 * rows, nulRows) : new Builder(kind, rows);
  const columnDecoder = decoder as ColumnDecoder;
  let dictionary: Domain | ByteValues | null = null;
  while (out.at < rows) {
    if (reader.offset >= bytes.byteLength) throw new Error(`the column chunk ends after ${out.at} of ${rows} values`);
    const header = parquetHeader(reader);
    const start = reader.offset;
    reader.offset += header.compressed_page_size;
    if (reader.offset > bytes.byteLength) throw new Error('a page runs past the end of its column chunk');
    const compressed = bytes.subarray(start, reader.offset);
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
      const entries = header.dictionary_page_header!.num_values;
      if (isText) dictionary = plainByteValues(page, 0, entries);
      else {
        dictionary = toDomain(readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, entries, decoder.element.type_length), kind);
        if (!dictionary) return null;
      }
    } else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
      const v2 = header.type === 'DATA_PAGE_V2';
      const dataHeader = v2 ? header.data_page_header_v2! : header.data_page_header!;
      if (!v2 && isText && dataHeader.encoding === 'PLAIN') {
        const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
        const { defs, values } = plainTextPage(page, dataHeader.num_values, maxDef);
        (out as TextBuilder).page(dataHeader.num_values, defs, maxDef, values, null);
        continue;
      }
      const { definitionLevels, dataPage } = v2
        ? readDataPageV2(compressed, header, columnDecoder)
        : readDataPage(decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors), header.data_page_header!, columnDecoder);
      const defs = definitionLevels ?? [];
      const indexed = dataHeader.encoding.endsWith('_DICTIONARY') || (dataHeader.encoding === 'RLE' && kind.to !== 'bool');
      if (indexed && !dictionary) throw new Error('a dictionary-encoded page comes without a dictionary');
      if (out instanceof TextBuilder) {
        out.page(dataHeader.num_values, defs, maxDef, indexed ? (dictionary as ByteValues) : (dataPage as Uint8Array[]), indexed ? (dataPage as ArrayLike<number>) : null);
      } else if (indexed) {
        out.page(dataHeader.num_values, defs, maxDef, dictionary as Domain, dataPage as ArrayLike<number>);
      } else {
        const values = toDomain(dataPage, kind);
        if (!values) return null;
        out.page(dataHeader.num_values, defs, maxDef, values, null);
      }
    }
    // Index pages carry nothing to read.
  }
  return out.vector();
}
