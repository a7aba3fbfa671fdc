/**
 * Parquet through hyparquet, over explicit byte ranges of the object.
 *
 * Value rules (for the README):
 * - INT32/INT64 (any INT/UINT annotation) → INTEGER: numbers when within ±(2^53-1), exact bigints beyond.
 * - DECIMAL(p,s) → STRING holding the exact decimal text with s fraction digits (`2.500000000`): never rounded.
 * - DATE → `YYYY-MM-DD`; TIMESTAMP (MILLIS/MICROS/NANOS, INT96) → Date in UTC, truncated to milliseconds.
 * - TIME → STRING `HH:MM:SS.fff…` (3, 6 or 9 fraction digits by unit); INTERVAL → STRING ISO-8601 duration
 *   (`P1M2DT3.000S`); JSON/ENUM/UUID → STRING.
 * - Plain BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY → the UTF-8 text when the bytes are valid UTF-8 without NUL, else base64.
 * - A row whose STRING/JSON value holds a NUL is rejected ("NUL character in column x"), as CSV rows are.
 * - Structs, lists and maps → `nested: true` STRING columns holding JSON text. Inside JSON, integers beyond
 *   ±(2^53-1) are strings (JSON numbers would lose them), decimals are exact strings, dates `YYYY-MM-DD`,
 *   timestamps ISO strings, bytes as above.
 * - Memory: flat columns stream (parquet-flat.ts). A row group whose requested chunks fit in one read window
 *   (`parquetReadBytes`, INLET_PARQUET_READ_BYTES, 4 MiB) is fetched at once; a bigger one column by column in
 *   ranged reads of that size, its pages decoded as the rows are handed on, and a page bigger than the window (or of
 *   more than 65,536 values: DuckDB writes a row group's column as one page) decoded 8,192 rows at a time as its
 *   bytes arrive (ZSTD decompressed in pieces; Snappy, GZIP and the rest whole; DELTA_* and BYTE_STREAM_SPLIT pages
 *   whole). Nested columns (structs, lists, maps) are still read a whole row group at a time through hyparquet.
 * - Bombs: a page claiming more than 256 MiB, or past 4 MiB more than `maxCompressionRatio` times its compressed
 *   size, or pages past `maxDecompressedBytes` in all, fail the read naming the file (guardedCodecs). A page
 *   decoded in parts whose values have a bounded size each (numbers, booleans, dictionary indexes) is held only to
 *   the total and to its claimed size: its rows, bounded by the row group's, decide its memory, not its bytes.
 * - Speed: flat columns of the common types are decoded straight into typed column vectors (parquet-flat.ts), the
 *   other flat types through hyparquet's conversion there too, nested ones through hyparquet's reader. Batches are
 *   columnar (`RecordBatch.columns`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  parquetMetadata,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type Compressors,
  type ColumnData,
  type FileMetaData,
  type ParquetParsers,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet';
import { compressors as jsCompressors } from 'hyparquet-compressors';
import { isListLike, isMapLike } from 'hyparquet/src/schema.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { SourceError } from '../errors.js';
import { locationOf, type ObjectInfo, type ObjectStore } from '../files/object-store.js';
import { bytesText, columnarBatch, expansionError, selectRows, type CellValue, type ColumnSchema, type ColumnType, type ColumnVector, type FileFormat, type FileSchema, type ReadOptions, type RecordBatch } from './format.js';
import { ChunkPages, dateFromDays, FlatColumn, flatKind, floorDiv, integer, type FlatDecoder } from './parquet-flat.js';

const MAGIC = 0x31524150; // "PAR1" little-endian
/** A page claiming more than this uncompressed is refused rather than allocated (writers cut pages near 1 MiB). */
const MAX_PAGE_BYTES = 256 * 1024 * 1024;

/**
 * ZSTD through zstddec (the reference decoder built to WebAssembly) rather than hyparquet-compressors' pure-JS one:
 * measured on the 2M-row benchmark file, the JS decoder took 1.5 s of a 4.3 s read; the rest (Snappy, GZIP, Brotli,
 * LZ4) stays with hyparquet-compressors. Node 20 has no zstd of its own (zlib gains it in 22.15).
 */
interface ZstdDecoder {
  init(): Promise<void>;
  decode(input: Uint8Array, size?: number): Uint8Array;
  decodeStreaming(input: Iterable<Uint8Array>): Generator<Uint8Array>;
}
/**
 * zstddec's streaming build (the same decoder, with ZSTD_decompressStream too), for big pages read in pieces. Its
 * package exports only the whole-buffer build, so it is loaded from beside that one.
 */
async function loadZstd(): Promise<ZstdDecoder> {
  const beside = path.join(path.dirname(createRequire(import.meta.url).resolve('zstddec')), 'zstddec-stream.mjs');
  const { ZSTDDecoder } = (await import(pathToFileURL(beside).href)) as { ZSTDDecoder: new () => ZstdDecoder };
  const decoder = new ZSTDDecoder();
  await decoder.init();
  return decoder;
}
let zstd: ZstdDecoder | null = null;
let zstdReady: Promise<ZstdDecoder> | null = null;
const codecs: Compressors = {
  ...jsCompressors,
  ZSTD: (input: Uint8Array, size: number) => zstd!.decode(input, size),
};
/** Codecs that decompress a page in pieces. */
const streams: FlatDecoder['streams'] = {
  ZSTD: (input) => zstd!.decodeStreaming(input),
};

/**
 * The codecs for reading one file, each page checked before its output is allocated: no page may claim more than
 * MAX_PAGE_BYTES, nor more than `maxCompressionRatio` times its compressed size past RATIO_FLOOR_BYTES (writers cut
 * pages near 1 MiB, so a bigger page that compressed so well is a bomb), nor take the file's pages past
 * `maxDecompressedBytes` in all. Whole files are not held to the ratio: the dictionary index pages of a
 * low-cardinality column compress 300:1 and more.
 */
function guardedCodecs(where: string, options: ReadOptions): { compressors: Compressors; guard: FlatDecoder['guard'] } {
  let total = 0;
  const guard = (codec: string, size: number, compressed: number, bounded = false): void => {
    if (!bounded && size > MAX_PAGE_BYTES) throw new SourceError('user', `${where}: a page claims ${size} bytes uncompressed, more than the ${MAX_PAGE_BYTES} allowed`, { file: where });
    const bomb = bounded ? null : expansionError(where, `a ${codec} page`, size, compressed, options.maxCompressionRatio);
    if (bomb) throw bomb;
    total += size;
    if (total > options.maxDecompressedBytes) {
      throw new SourceError('user', `${where} expands past the ${options.maxDecompressedBytes}-byte limit for decompressed files`, { file: where });
    }
  };
  const guarded: Compressors = {};
  for (const [codec, decompress] of Object.entries(codecs) as [keyof Compressors, NonNullable<Compressors[keyof Compressors]>][]) {
    guarded[codec] = (input: Uint8Array, size: number) => {
      guard(codec, size, input.length);
      return decompress(input, size);
    };
  }
  return { compressors: guarded, guard };
}
const EMPTY = new ArrayBuffer(0);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const utf8 = new TextDecoder('utf-8');

function corrupt(where: string): SourceError {
  return new SourceError('user', `Parquet footer of ${where} is corrupt or truncated`, { file: where });
}

function truncated(where: string): SourceError {
  return new SourceError('user', `${where} is shorter than its Parquet metadata says; was it truncated or changed while reading?`, { file: where });
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Reads and parses the footer with exactly two explicit ranged requests (the last 8 bytes, then the footer). */
async function readFooter(store: ObjectStore, object: ObjectInfo, where: string): Promise<{ metadata: FileMetaData; bytes: number }> {
  const size = object.size;
  if (size < 12) throw corrupt(where);
  const tail = await store.readRange(object.key, size - 8, size - 1, object.version);
  if (tail.length !== 8) throw corrupt(where);
  const view = new DataView(tail.buffer, tail.byteOffset, 8);
  if (view.getUint32(4, true) !== MAGIC) throw corrupt(where);
  const footerLength = view.getUint32(0, true);
  // 4 bytes of leading magic, the footer, its length and the trailing magic.
  if (footerLength === 0 || footerLength + 12 > size) throw corrupt(where);
  const footer = await store.readRange(object.key, size - 8 - footerLength, size - 9, object.version);
  if (footer.length !== footerLength) throw corrupt(where);
  const whole = new Uint8Array(footerLength + 8);
  whole.set(footer, 0);
  whole.set(tail, footerLength);
  try {
    return { metadata: parquetMetadata(whole.buffer, { geoparquet: false }), bytes: footerLength + 8 };
  } catch {
    throw corrupt(where);
  }
}

// ---- type mapping ---------------------------------------------------------------------------------------------

function isDecimal(element: SchemaElement): boolean {
  return element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL';
}

function decimalScale(element: SchemaElement): number {
  const logical = element.logical_type;
  return logical?.type === 'DECIMAL' ? logical.scale : (element.scale ?? 0);
}

function timeUnit(element: SchemaElement): 'MILLIS' | 'MICROS' | 'NANOS' | undefined {
  const logical = element.logical_type;
  if (logical?.type === 'TIME') return logical.unit;
  if (element.converted_type === 'TIME_MILLIS') return 'MILLIS';
  if (element.converted_type === 'TIME_MICROS') return 'MICROS';
  return undefined;
}

/** The Parquet type as text: the logical type when there is one, else the physical type. */
function leafTypeText(element: SchemaElement): string {
  const logical = element.logical_type;
  if (logical) {
    switch (logical.type) {
      case 'DECIMAL':
        return `DECIMAL(${logical.precision},${logical.scale})`;
      case 'TIME':
      case 'TIMESTAMP':
        return `${logical.type}(${logical.unit}${logical.isAdjustedToUTC ? ', UTC' : ''})`;
      case 'INTEGER':
        return `${logical.isSigned ? 'INT' : 'UINT'}${logical.bitWidth}`;
      default:
        return logical.type;
    }
  }
  const converted = element.converted_type;
  if (converted) {
    if (converted === 'DECIMAL') return `DECIMAL(${element.precision ?? '?'},${element.scale ?? 0})`;
    if (converted === 'UTF8') return 'STRING';
    if (converted.startsWith('TIMESTAMP_') || converted.startsWith('TIME_')) return converted.replace('_', '(') + ')';
    if (/^U?INT_\d+$/.test(converted)) return converted.replace('_', '');
    return converted;
  }
  if (element.type === 'FIXED_LEN_BYTE_ARRAY') return `FIXED_LEN_BYTE_ARRAY(${element.type_length ?? '?'})`;
  return element.type ?? 'UNKNOWN';
}

function leafColumnType(element: SchemaElement): ColumnType {
  if (isDecimal(element)) return 'STRING';
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === 'DATE' || converted === 'DATE') return 'DATE';
  if (logical === 'TIMESTAMP' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'TIMESTAMP';
  if (element.type === 'INT96') return 'TIMESTAMP';
  if (timeUnit(element) || logical === 'INTERVAL' || converted === 'INTERVAL') return 'STRING';
  if (logical === 'FLOAT16') return 'FLOAT';
  switch (element.type) {
    case 'BOOLEAN':
      return 'BOOLEAN';
    case 'INT32':
    case 'INT64':
      return 'INTEGER';
    case 'FLOAT':
    case 'DOUBLE':
      return 'FLOAT';
    default:
      return 'STRING';
  }
}

/** The element of a list node, the way hyparquet assembles lists (three-level or legacy two-level). */
function listElement(node: SchemaTree): SchemaTree {
  const repeated = node.children[0];
  return repeated.children.length === 1 ? repeated.children[0] : repeated;
}

function mapParts(node: SchemaTree): { key?: SchemaTree; value?: SchemaTree } {
  const entries = node.children[0];
  return {
    key: entries.children.find((c) => c.element.name === 'key'),
    value: entries.children.find((c) => c.element.name === 'value'),
  };
}

/** `STRUCT<a: INT64, b: STRING>`, `LIST<…>`, `MAP<…, …>` or the leaf type. */
function typeText(node: SchemaTree, asElement = false): string {
  if (!asElement && node.element.repetition_type === 'REPEATED') return `LIST<${typeText(node, true)}>`;
  if (isListLike(node)) return `LIST<${typeText(listElement(node), true)}>`;
  if (isMapLike(node)) {
    const { key, value } = mapParts(node);
    return `MAP<${key ? typeText(key, true) : '?'}, ${value ? typeText(value, true) : '?'}>`;
  }
  if (node.children.length > 0) {
    return `STRUCT<${node.children.map((c) => `${c.element.name}: ${typeText(c)}`).join(', ')}>`;
  }
  return leafTypeText(node.element);
}

function isNested(node: SchemaTree): boolean {
  return node.children.length > 0 || node.element.repetition_type === 'REPEATED';
}

function columnSchema(node: SchemaTree): ColumnSchema {
  const nested = isNested(node);
  const column: ColumnSchema = {
    name: node.element.name,
    type: nested ? 'STRING' : leafColumnType(node.element),
    nullable: node.element.repetition_type === 'OPTIONAL',
    sourceType: typeText(node),
  };
  if (nested) column.nested = true;
  return column;
}

// ---- values ---------------------------------------------------------------------------------------------------

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const parsers: Partial<ParquetParsers> = {
  dateFromDays,
  timestampFromMilliseconds: (millis: bigint) => new Date(Number(millis)),
  timestampFromMicroseconds: (micros: bigint) => new Date(Number(floorDiv(BigInt(micros), 1000n))),
  timestampFromNanoseconds: (nanos: bigint) => new Date(Number(floorDiv(BigInt(nanos), 1_000_000n))),
  // JSON columns stay the text they are.
  jsonFromBytes: (bytes: Uint8Array) => bytes && utf8.decode(bytes),
};
/** The parsers a page decoder needs in full (hyparquet's reader merges them the same way). */
const allParsers: ParquetParsers = { ...DEFAULT_PARSERS, ...parsers };

/** Any decoded value to a cell: the fallback for types with nothing special to do. */
function toCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return integer(value);
    default:
      if (value instanceof Date) return value;
      if (value instanceof Uint8Array) return bytesText(value);
      return JSON.stringify(toJson(value));
  }
}

/** A decoded value as something JSON.stringify keeps exactly. */
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
    case 'object':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (value instanceof Uint8Array) return bytesText(value);
      if (Array.isArray(value)) return value.map(toJson);
      return mapObject(value as Record<string, unknown>, toJson);
    default:
      return value;
  }
}

function mapObject(value: Record<string, unknown>, convert: (v: unknown) => unknown): Record<string, unknown> {
  // A null prototype so a field named __proto__ stays a field.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) out[key] = convert(value[key]);
  return out;
}

/** Two's-complement big-endian bytes to an integer: a number when it fits in 48 bits, else a bigint. */
function signedBytes(bytes: Uint8Array): bigint | number {
  const length = bytes.length;
  if (length === 0) return 0;
  // Leading sign-extension bytes carry no value; with at most 6 bytes left, a double holds it exactly.
  let skip = 0;
  const fill = bytes[0] & 0x80 ? 0xff : 0;
  while (skip < length - 1 && bytes[skip] === fill && (bytes[skip + 1] & 0x80) === (fill & 0x80)) skip++;
  if (length - skip <= 6) {
    let value = 0;
    for (let i = skip; i < length; i++) value = value * 256 + bytes[i];
    return fill && value !== 0 ? value - 2 ** (8 * (length - skip)) : value;
  }
  let value = 0n;
  let i = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (; i + 8 <= bytes.length; i += 8) value = (value << 64n) | view.getBigUint64(i);
  for (; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i]);
  const bits = BigInt(bytes.length * 8);
  return bytes[0] & 0x80 ? value - (1n << bits) : value;
}

function decimalText(unscaled: bigint | number, scale: number): string {
  if (scale <= 0) return (BigInt(unscaled) * 10n ** BigInt(-scale)).toString();
  const negative = unscaled < 0;
  let digits = String(negative ? -unscaled : unscaled);
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function timeText(value: number | bigint, unit: 'MILLIS' | 'MICROS' | 'NANOS'): string {
  const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n;
  const v = BigInt(value);
  const seconds = Number(v / perSecond);
  const fraction = (v % perSecond).toString().padStart(unit === 'MILLIS' ? 3 : unit === 'MICROS' ? 6 : 9, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(seconds % 60, 2)}.${fraction}`;
}

/** INTERVAL (12 bytes: months, days, milliseconds, little-endian) as an ISO-8601 duration. */
function intervalText(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const months = view.getUint32(0, true);
  const days = view.getUint32(4, true);
  const millis = view.getUint32(8, true);
  return `P${months}M${days}DT${(millis / 1000).toFixed(3)}S`;
}

/** How to turn one decoded leaf value into a cell; decimals, times and intervals arrive raw (see readMetadata). */
function leafConverter(element: SchemaElement): (value: unknown) => CellValue {
  if (isDecimal(element)) {
    const scale = decimalScale(element);
    return (value) => {
      if (value === undefined || value === null) return null;
      if (value instanceof Uint8Array) return decimalText(signedBytes(value), scale);
      return decimalText(value as number | bigint, scale);
    };
  }
  const unit = timeUnit(element);
  if (unit) return (value) => (value === undefined || value === null ? null : timeText(value as number | bigint, unit));
  if (element.converted_type === 'INTERVAL' || element.logical_type?.type === 'INTERVAL') {
    return (value) => (value instanceof Uint8Array && value.length === 12 ? intervalText(value) : toCell(value));
  }
  return toCell;
}

/** A converter from an assembled nested value to JSON-ready data, following the schema so decimals stay exact. */
function nestedConverter(node: SchemaTree, asElement = false): (value: unknown) => unknown {
  if (!asElement && node.element.repetition_type === 'REPEATED') {
    const inner = nestedConverter(node, true);
    return (value) => (Array.isArray(value) ? value.map(inner) : inner(value));
  }
  if (isListLike(node)) {
    const inner = nestedConverter(listElement(node), true);
    return (value) => (Array.isArray(value) ? value.map(inner) : toJson(value));
  }
  if (isMapLike(node)) {
    const { value: valueNode } = mapParts(node);
    const inner = valueNode ? nestedConverter(valueNode, true) : toJson;
    return (value) => (value && typeof value === 'object' && !Array.isArray(value) ? mapObject(value as Record<string, unknown>, inner) : toJson(value));
  }
  if (node.children.length > 0) {
    const fields = node.children.map((child) => [child.element.name, nestedConverter(child)] as const);
    return (value) => {
      if (value === undefined || value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value)) return toJson(value);
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = Object.create(null);
      for (const [name, convert] of fields) out[name] = convert(source[name]);
      return out;
    };
  }
  const leaf = leafConverter(node.element);
  return (value) => toJson(leaf(value));
}

function columnConverter(node: SchemaTree): (value: unknown) => CellValue {
  if (!isNested(node)) return leafConverter(node.element);
  const convert = nestedConverter(node);
  return (value) => (value === undefined || value === null ? null : JSON.stringify(convert(value)));
}

/**
 * The metadata hyparquet reads with: decimal leaves lose their annotation so hyparquet hands over the raw unscaled
 * integers (it would turn them into doubles), INTERVAL/BSON too (it cannot decode them), and a DATE logical type
 * without the legacy converted type gets one (hyparquet only looks at the converted type for dates).
 */
function readMetadata(metadata: FileMetaData): FileMetaData {
  const schema = metadata.schema.map((element) => {
    if (element.num_children) return element;
    const logical = element.logical_type?.type;
    const converted = element.converted_type;
    if (isDecimal(element) || logical === 'INTERVAL' || converted === 'INTERVAL' || logical === 'BSON' || converted === 'BSON') {
      return { ...element, converted_type: undefined, logical_type: undefined };
    }
    if (logical === 'DATE' && !converted) return { ...element, converted_type: 'DATE' as const };
    return element;
  });
  return { ...metadata, schema };
}

// ---- format ---------------------------------------------------------------------------------------------------

async function inferParquetSchema(store: ObjectStore, object: ObjectInfo): Promise<FileSchema> {
  const where = locationOf(store, object.key);
  if (object.size === 0) return { columns: [], warnings: [`${where} is empty`] };
  const { metadata } = await readFooter(store, object, where);
  const tree = parquetSchema(metadata);
  const warnings: string[] = [];
  const columns = tree.children.map(columnSchema);
  const nested = columns.filter((c) => c.nested).map((c) => c.name);
  if (nested.length > 0) warnings.push(`${nested.join(', ')} in ${where} ${nested.length === 1 ? 'is' : 'are'} nested and will be imported as JSON text`);
  return { columns, warnings };
}

async function* readParquet(store: ObjectStore, object: ObjectInfo, options: ReadOptions): AsyncGenerator<RecordBatch> {
  const where = locationOf(store, object.key);
  if (object.size === 0) return;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const footer = await readFooter(store, object, where);
  let bytesRead = footer.bytes;
  zstd = await (zstdReady ??= loadZstd());
  const tree = parquetSchema(footer.metadata);
  const nodes = new Map<string, SchemaTree>();
  for (const child of tree.children) nodes.set(child.element.name, child);

  const wanted = options.columns;
  const present = [...new Set(wanted.filter((name) => nodes.has(name)))];
  const kinds = new Map(present.map((name) => [name, flatKind(nodes.get(name)!)] as const));
  const metadata = readMetadata(footer.metadata);

  const fetch = async (start: number, end: number): Promise<Uint8Array> => {
    if (end <= start) return new Uint8Array(0);
    if (end > object.size) throw truncated(where);
    const bytes = await store.readRange(object.key, start, end - 1, object.version);
    bytesRead += bytes.length;
    if (bytes.length !== end - start) throw truncated(where);
    return bytes;
  };
  const file: AsyncBuffer = {
    byteLength: object.size,
    slice: async (start: number, end = object.size) => (end <= start ? EMPTY : copyToArrayBuffer(await fetch(start, end))),
  };
  const { compressors, guard } = guardedCodecs(where, options);
  const unreadable = (error: unknown): SourceError => {
    if (error instanceof SourceError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new SourceError('user', `${where} could not be read as Parquet (${message})`, { file: where });
  };

  // Flat columns are streamed (parquet-flat.ts); nested ones (structs, lists, maps) go through hyparquet's reader.
  const strippedNodes = new Map(parquetSchema(metadata).children.map((child) => [child.element.name, child] as const));
  const flat = present.filter((name) => !isNested(nodes.get(name)!));
  const flatKinds = flat.map((name) => kinds.get(name) ?? ({ to: 'cells', convert: leafConverter(nodes.get(name)!.element) } as const));
  const nested = present.filter((name) => isNested(nodes.get(name)!));
  const window = Math.max(MIN_READ_BYTES, Math.floor(options.parquetReadBytes ?? DEFAULT_READ_BYTES));

  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    if (groupRows === 0) continue;
    const chunks = flat.map((name) => group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name)?.meta_data);
    const ranges = chunks.map((meta) => {
      if (!meta) return null;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      return { start, end: start + Number(meta.total_compressed_size) };
    });
    // A row group whose chunks fit in one read window is fetched at once (neighbouring chunks in one request);
    // a bigger one column by column, a window at a time, as its rows are handed on.
    const total = ranges.reduce((sum, r) => sum + (r ? r.end - r.start : 0), 0);
    const prefetched = total <= window ? await fetchRanges(ranges, fetch) : null;
    const columns = new Map<string, FlatColumn>();
    for (const [i, name] of flat.entries()) {
      const meta = chunks[i];
      if (!meta) continue;
      const node = strippedNodes.get(name)!;
      const pages = new ChunkPages(fetch, ranges[i]!.start, ranges[i]!.end, window, prefetched?.[i] ?? undefined);
      columns.set(
        name,
        new FlatColumn(pages, flatKinds[i]!, {
          pathInSchema: meta.path_in_schema,
          type: meta.type,
          element: node.element,
          schemaPath: [tree, node],
          codec: meta.codec,
          compressors,
          parsers: allParsers,
          utf8: false,
          guard,
          streams,
          streamAbove: window,
        }, groupRows, Number(meta.total_uncompressed_size)),
      );
    }
    // Nested columns: the whole row group's values, handed on in slices.
    const wholes = new Map<string, ColumnVector>();
    if (nested.length > 0) {
      const parts = new Map<string, ColumnData[]>(nested.map((name) => [name, []]));
      try {
        await parquetRead({
          file,
          metadata,
          columns: nested,
          rowStart: groupStart,
          rowEnd: groupStart + groupRows,
          compressors,
          parsers,
          utf8: false,
          geoparquet: false,
          onChunk: (chunk: ColumnData) => parts.get(chunk.columnName)?.push(chunk),
        });
      } catch (error) {
        throw unreadable(error);
      }
      for (const name of nested) {
        wholes.set(name, { kind: 'any', values: convertColumn(parts.get(name)!, groupStart, groupRows, columnConverter(nodes.get(name)!)) });
      }
    }
    for (let from = 0; from < groupRows; from += batchSize) {
      const to = Math.min(groupRows, from + batchSize);
      // Rows of this batch holding a NUL in a text column (no database stores one in text): the first such column.
      const nulAt = new Map<number, string>();
      const vectors = new Map<string, ColumnVector>();
      try {
        for (const [name, column] of columns) {
          const nulRows: number[] = [];
          vectors.set(name, await column.take(to - from, nulRows));
          for (const row of nulRows) if (!nulAt.has(row)) nulAt.set(row, name);
        }
        if (to === groupRows) for (const column of columns.values()) await column.finish();
      } catch (error) {
        throw unreadable(error);
      }
      for (const [name, whole] of wholes) vectors.set(name, sliceVector(whole, from, to));
      // Each batch owns its arrays (they may be transferred to another thread).
      const taken = new Set<string>();
      let batchColumns = wanted.map((name) => {
        const vector = vectors.get(name) ?? NULL_VECTOR;
        // A column asked for twice gets its own copy.
        if (taken.has(name)) return selectRows(vector, Array.from({ length: to - from }, (_, r) => r));
        taken.add(name);
        return vector;
      });
      let length = to - from;
      let firstRow = groupStart + from + 1;
      const rejects: RecordBatch['rejects'] = [];
      if (nulAt.size > 0) {
        const keep: number[] = [];
        for (let r = 0; r < length; r++) {
          const column = nulAt.get(r);
          if (column === undefined) keep.push(r);
          else rejects.push({ row: groupStart + from + r + 1, reason: `NUL character in column ${JSON.stringify(column)}` });
        }
        batchColumns = batchColumns.map((vector) => selectRows(vector, keep));
        length = keep.length;
        // As CSV numbers them: firstRow is the first row kept, and the rejected ones are skipped after it.
        firstRow = keep.length > 0 ? groupStart + from + keep[0]! + 1 : rejects[0]!.row;
      }
      yield columnarBatch(batchColumns, length, { firstRow, rejects, bytesRead });
    }
    groupStart += groupRows;
  }
}

/** Bytes per ranged read of a column chunk of a big row group (INLET_PARQUET_READ_BYTES), and the least allowed. */
export const DEFAULT_READ_BYTES = 4 * 1024 * 1024;
const MIN_READ_BYTES = 1024;

const NULL_VECTOR: ColumnVector = { kind: 'null' };

/** Rows `from` to `to` of a vector (of a nested column: cells), copied. */
function sliceVector(vector: ColumnVector, from: number, to: number): ColumnVector {
  return vector.kind === 'any' ? { kind: 'any', values: vector.values.slice(from, to) } : vector;
}

/** Column chunks this close together are fetched in one request (the bytes between cost less than a round trip). */
const MERGE_GAP = 64 * 1024;

/** The bytes of each range (null ranges give null), with neighbouring ranges fetched together. */
async function fetchRanges(
  ranges: ({ start: number; end: number } | null)[],
  fetch: (start: number, end: number) => Promise<Uint8Array>,
): Promise<(Uint8Array | null)[]> {
  const order = ranges.map((r, i) => ({ r, i })).filter((x) => x.r !== null) as { r: { start: number; end: number }; i: number }[];
  order.sort((a, b) => a.r.start - b.r.start);
  const out: (Uint8Array | null)[] = ranges.map(() => null);
  for (let k = 0; k < order.length; ) {
    const start = order[k]!.r.start;
    let end = order[k]!.r.end;
    let last = k;
    while (last + 1 < order.length && order[last + 1]!.r.start <= end + MERGE_GAP) end = Math.max(end, order[++last]!.r.end);
    const bytes = await fetch(start, end);
    for (let j = k; j <= last; j++) out[order[j]!.i] = bytes.subarray(order[j]!.r.start - start, order[j]!.r.end - start);
    k = last + 1;
  }
  return out;
}

/**
 * One column of a row group as cells, from the chunks hyparquet emitted. Converting a whole column in one tight loop
 * (rather than per cell while building rows) keeps each loop monomorphic; plain numbers need no pass at all.
 */
function convertColumn(
  parts: ColumnData[],
  groupStart: number,
  groupRows: number,
  convert: (value: unknown) => CellValue,
): CellValue[] {
  const out: CellValue[] = new Array(groupRows).fill(null);
  for (const { columnData, rowStart } of parts) {
    const offset = rowStart - groupStart;
    const n = Math.min(columnData.length, groupRows - offset);
    const from = Math.max(0, -offset);
    if (columnData instanceof Float64Array || columnData instanceof Float32Array || columnData instanceof Int32Array) {
      for (let i = from; i < n; i++) out[offset + i] = columnData[i];
    } else if (convert === toCell) {
      for (let i = from; i < n; i++) {
        const value: unknown = columnData[i];
        out[offset + i] =
          value === undefined || value === null ? null : typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : toCell(value);
      }
    } else {
      for (let i = from; i < n; i++) out[offset + i] = convert(columnData[i]);
    }
  }
  return out;
}

/** Parquet files (`.parquet`): schema from the footer alone, rows streamed row group by row group. */
export const parquetFormat: FileFormat = {
  id: 'PARQUET',
  matches(key: string): boolean {
    return key.toLowerCase().endsWith('.parquet');
  },
  inferSchema: inferParquetSchema,
  read: readParquet,
};
