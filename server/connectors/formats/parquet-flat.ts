/**
 * The fast path of parquet.ts: a flat column (not nested, not repeated) of a common type is decoded page by page
 * straight into a ColumnVector (typed arrays with a null mask), with hyparquet's page decoders but without its
 * record assembly. Measured on 2M rows × 5 columns (ZSTD, written by DuckDB): hyparquet's parquetRead, then rows,
 * spent about 1 s assembling flat columns as if they were lists, 2.5 s collecting garbage from a BigInt per
 * INT64 value, a Date per timestamp and an array per row; this path allocates none of them.
 *
 * Values are the ones parquet.ts makes for the same column (see its header): integers within ±(2^53-1) as numbers,
 * timestamps as epoch milliseconds floored, dates as `YYYY-MM-DD`, UTF-8 text as text, other bytes as UTF-8 or
 * base64. A column of any other type (decimal, time, interval, INT96, fixed-length bytes, unsigned 64-bit…), or a
 * row group whose INT64 values go beyond ±(2^53-1), is left to the general path (`readFlatChunk` returns null).
 */
import { isUtf8 } from 'node:buffer';
import type { Compressors, DecodedArray, SchemaTree } from 'hyparquet';
import type { ColumnDecoder } from 'hyparquet/src/types.js';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { BOOL_NULL, type ColumnVector } from './format.js';

const utf8 = new TextDecoder('utf-8');
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

/** Bytes as their UTF-8 text when they are valid UTF-8, else as base64. */
export function bytesText(bytes: Uint8Array): string {
  return isUtf8(bytes) ? utf8.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decoded values in the column's cell domain: numbers (epoch ms for timestamps), 0/1 for booleans, or text. */
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
    case 'text': {
      const bytes = raw as Uint8Array[];
      const out = new Array<string>(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = utf8.decode(bytes[i]);
      return out;
    }
    case 'bytes': {
      const bytes = raw as Uint8Array[];
      const out = new Array<string>(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = bytesText(bytes[i]!);
      return out;
    }
  }
}

/**
 * `count` PLAIN-encoded BYTE_ARRAY values from `offset` (each a 4-byte little-endian length, then the bytes) as text,
 * as toDomain would make them from hyparquet's readPlain, without its Uint8Array view per value: on the benchmark's
 * 2M-row user-id column those views and one decode call per value were most of the read worker's garbage (its heap
 * peaked at 149 MB reading that column alone). ASCII values are copied into one buffer, decoded in one call and
 * sliced; a value with any other byte is decoded on its own.
 */
function plainTexts(view: DataView, offset: number, count: number, kind: FlatKind): string[] {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const out = new Array<string>(count);
  const ascii = Buffer.allocUnsafe(Math.max(0, view.byteLength - offset));
  const ends = new Int32Array(count);
  const other: number[] = [];
  let at = offset;
  let w = 0;
  for (let i = 0; i < count; i++) {
    if (at + 4 > view.byteLength) throw new Error(`a data page ends after ${i} of its ${count} values`);
    const length = view.getUint32(at, true);
    at += 4;
    const end = at + length;
    if (end > view.byteLength) throw new Error(`value ${i} of a data page runs past the end of the page`);
    const from = w;
    let plain = true;
    for (let j = at; j < end; j++) {
      const b = bytes[j]!;
      if (b > 0x7f) {
        plain = false;
        break;
      }
      ascii[w++] = b;
    }
    if (!plain) {
      w = from;
      const value = bytes.subarray(at, end);
      out[i] = kind.to === 'text' ? utf8.decode(value) : bytesText(value);
      other.push(i);
    }
    ends[i] = w;
    at = end;
  }
  const joined = ascii.toString('latin1', 0, w);
  let next = other.length ? other[0]! : -1;
  let o = 0;
  for (let i = 0, start = 0; i < count; i++) {
    const end = ends[i]!;
    if (i === next) next = ++o < other.length ? other[o]! : -1;
    else out[i] = joined.slice(start, end);
    start = end;
  }
  return out;
}

/**
 * A version 1 data page of a flat column stored PLAIN as BYTE_ARRAY: its definition levels (empty when no value is
 * null) and its values as text. Other pages go through hyparquet's readDataPage.
 */
function readPlainTextPage(page: Uint8Array, count: number, maxDef: number, kind: FlatKind): { defs: ArrayLike<number>; values: string[] } {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const reader = { view, offset: 0 };
  let defs: Uint8Array = EMPTY_LEVELS;
  let present = count;
  if (maxDef) {
    defs = new Uint8Array(count);
    readRleBitPackedHybrid(reader, 1, defs);
    for (let i = 0; i < count; i++) if (defs[i] !== maxDef) present--;
    if (present === count) defs = EMPTY_LEVELS;
  }
  return { defs, values: plainTexts(view, reader.offset, present, kind) };
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
 * One row group's chunk of a flat column (its bytes from the dictionary page, or first data page, on) as a vector of
 * `rows` values; null when a value does not fit the fast path. Errors in the bytes throw (the caller names the file).
 */
export function readFlatChunk(
  bytes: Uint8Array,
  rows: number,
  kind: FlatKind,
  decoder: Omit<ColumnDecoder, 'parsers'> & { compressors: Compressors },
): ColumnVector | null {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const maxDef = decoder.element.repetition_type === 'REQUIRED' ? 0 : 1;
  const out = new Builder(kind, rows);
  const columnDecoder = decoder as ColumnDecoder;
  let dictionary: Domain | null = null;
  const isText = (kind.to === 'text' || kind.to === 'bytes') && decoder.type === 'BYTE_ARRAY';
  while (out.at < rows) {
    if (reader.offset >= bytes.byteLength) throw new Error(`the column chunk ends after ${out.at} of ${rows} values`);
    const header = parquetHeader(reader);
    const start = reader.offset;
    reader.offset += header.compressed_page_size;
    if (reader.offset > bytes.byteLength) throw new Error('a page runs past the end of its column chunk');
    const compressed = bytes.subarray(start, reader.offset);
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
      const pageReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      const entries = header.dictionary_page_header!.num_values;
      dictionary = isText
        ? plainTexts(pageReader.view, 0, entries, kind)
        : toDomain(readPlain(pageReader, decoder.type, entries, decoder.element.type_length), kind);
      if (!dictionary) return null;
    } else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
      const v2 = header.type === 'DATA_PAGE_V2';
      const dataHeader = v2 ? header.data_page_header_v2! : header.data_page_header!;
      if (!v2 && isText && dataHeader.encoding === 'PLAIN') {
        const page = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
        const { defs, values } = readPlainTextPage(page, dataHeader.num_values, maxDef, kind);
        out.page(dataHeader.num_values, defs, maxDef, values, null);
        continue;
      }
      const { definitionLevels, dataPage } = v2
        ? readDataPageV2(compressed, header, columnDecoder)
        : readDataPage(decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors), header.data_page_header!, columnDecoder);
      const defs = definitionLevels ?? [];
      if (dataHeader.encoding.endsWith('_DICTIONARY') || (dataHeader.encoding === 'RLE' && kind.to !== 'bool')) {
        if (!dictionary) throw new Error('a dictionary-encoded page comes without a dictionary');
        out.page(dataHeader.num_values, defs, maxDef, dictionary, dataPage as ArrayLike<number>);
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
