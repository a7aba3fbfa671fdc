/**
 * CSV, plain or gzipped. Text becomes values only through values.ts; the parser is csv-parser.ts.
 *
 * Decisions (for the README):
 * - Files: `.csv`, `.csv.gz` and any `.gz` (case-insensitive). A file is gunzipped (multi-member streams included)
 *   when its name ends in `.gz` OR its first bytes are the gzip magic `1f 8b`: an `events.csv` stored with
 *   `Content-Encoding: gzip` (`gsutil cp -Z`, S3 uploads by many pipelines) arrives compressed, because the stores
 *   read raw stored bytes. CSV text never starts with the control character 0x1f.
 *   UTF-8 (invalid bytes become U+FFFD), a leading BOM is dropped, `\n` or `\r\n` line ends, RFC 4180 quoting.
 * - Inference samples the first 64 KiB of text: one ranged request for plain files; for gzip, compressed ranges
 *   of 64 KiB until 64 KiB decompress (one request in practice, at most 1 MiB compressed). A row cut by the end
 *   of the sample is dropped. The header names the columns; an empty first line, an empty name or a repeated
 *   name is an error naming the file and column. A column is nullable when a sampled value was empty.
 *   A 0-byte file (or gzip of nothing) has no columns and a warning.
 * - Reading: blank lines are skipped, except in a one-column file, where they are nulls (DuckDB writes a NULL so).
 *   Empty and `""` fields are null. A row with the wrong number of fields, with a value its column's type
 *   cannot read, or with a NUL character in a selected field (PostgreSQL stores none in text), is rejected
 *   (`RecordBatch.rejects`, with the data row number and a reason naming the column and the value cut to 50
 *   characters); the other rows are imported. Value rejects live here, not in the pipeline,
 *   because only the reader knows row numbers. Rows are numbered from 1 after the header, counting rejected rows,
 *   so `firstRow` is the number of `rows[0]` and later rows follow it unless a reject came between them.
 * - Batches are columnar (`RecordBatch.columns`): numbers and timestamps in Float64Arrays, booleans in a Uint8Array,
 *   text and dates as UTF-8 bytes with value ends; rows are built only if a caller asks for them.
 * - Errors (SourceError 'user', naming the file): a quote never closed (with the row and line where it opened),
 *   a row longer than 16 Mi characters, a corrupt or truncated gzip stream, gzip output past
 *   `maxDecompressedBytes`, and gzip output past RATIO_FLOOR_BYTES that has expanded more than
 *   `maxCompressionRatio` times (a compression bomb). `bytesRead` counts compressed bytes.
 */
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { SourceError } from '../errors.js';
import { locationOf, type ObjectInfo, type ObjectStore } from '../files/object-store.js';
import { CsvParser, CsvSyntaxError } from './csv-parser.js';
import { BOOL_NULL, columnarBatch, DEFAULT_MAX_COMPRESSION_RATIO, expansionError, RATIO_FLOOR_BYTES, Utf8Builder, type CellValue, type ColumnSchema, type ColumnType, type ColumnVector, type FileFormat, type FileSchema, type InferOptions, type ReadOptions, type RecordBatch } from './format.js';
import { booleanAt, floatTextAt, INVALID, inferType, integerAt, isDateAt, timestampMillis } from './values.js';

/** Bytes of (decompressed) text that schema inference samples. */
export const CSV_SAMPLE_BYTES = 64 * 1024;
/** A gzip sample reads at most this many compressed bytes looking for CSV_SAMPLE_BYTES of text. */
const GZIP_SAMPLE_MAX_COMPRESSED = 1024 * 1024;
/** Bigger zlib output chunks mean fewer round trips through the stream machinery per row. */
const GUNZIP_CHUNK = 256 * 1024;
/**
 * Text is decoded and parsed in pieces of at most this many bytes: V8 puts a string above 128 KiB in its large-object
 * space, where each one costs a mapping of its own. Decoding the benchmark's 127 MB of CSV took 0.55 s in 256 KiB
 * strings and 0.02 s in 64 KiB ones.
 */
const TEXT_PIECE = 64 * 1024;
const MAX_REPORTED_VALUE = 50;

/** True for keys whose name alone says gzip (a `.gz` file that is not gzip is then an error naming it). */
function isGzipName(key: string): boolean {
  return key.toLowerCase().endsWith('.gz');
}

/** True when the bytes start with the gzip magic number (RFC 1952: ID1 0x1f, ID2 0x8b). */
export function startsWithGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whether an object is read through gunzip: by its name or by its first bytes, never by the name alone. */
export function isGzipObject(key: string, head: Uint8Array): boolean {
  return isGzipName(key) || startsWithGzipMagic(head);
}

function quoteValue(text: string): string {
  const shown = text.length > MAX_REPORTED_VALUE ? `${text.slice(0, MAX_REPORTED_VALUE)}…` : text;
  return JSON.stringify(shown);
}

/** Checks header names: present, non-empty, unique. Throws a user error naming the file and column. */
function checkHeader(header: string[], where: string): void {
  if (header.length === 1 && header[0] === '') {
    throw new SourceError('user', `${where} has no header row: its first line is empty`, { file: where });
  }
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') {
      throw new SourceError('user', `${where} has an empty column name in its header (column ${index + 1})`, { file: where });
    }
    if (seen.has(name)) {
      throw new SourceError('user', `${where} has two columns named ${JSON.stringify(name)} in its header`, { file: where });
    }
    seen.add(name);
  });
}

function syntaxError(error: CsvSyntaxError, where: string): SourceError {
  // Record 1 is the header; data rows are numbered from 1 after it.
  const row = error.record - 1;
  const at = row >= 1 ? `row ${row} (line ${error.line})` : `the header (line ${error.line})`;
  const message =
    error.kind === 'unclosed-quote'
      ? `${where}: the quoted field opened in ${at} is never closed`
      : `${where}: ${at} does not end within ${error.limit ?? 'the limit of'} characters; is a quote left open?`;
  return new SourceError('user', message, { file: where, row: Math.max(row, 0) });
}

function gzipError(error: unknown, where: string): SourceError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new SourceError('user', `${where} is not a readable gzip file (${(error as Error).message})`, { file: where });
  }
  return undefined;
}

/** Up to `limit` bytes of the decompressed start of a gzip object, using explicit ranges; `complete` when that is all of it. */
async function gunzipPrefix(
  store: ObjectStore,
  object: ObjectInfo,
  where: string,
  limit: number,
  first: Uint8Array,
): Promise<{ bytes: Buffer; complete: boolean; consumed: number }> {
  // Z_SYNC_FLUSH at the end: a range cut mid-stream is expected, not an error.
  const gunzip = zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [];
  let length = 0;
  let failure: unknown;
  let ended = false;
  const settled = new Promise<void>((resolve) => {
    gunzip.on('data', (chunk: Buffer) => {
      if (length >= limit) return;
      parts.push(chunk);
      length += chunk.length;
      if (length >= limit) gunzip.destroy();
    });
    gunzip.on('end', () => {
      ended = true;
      resolve();
    });
    gunzip.on('error', (error) => {
      failure = error;
      resolve();
    });
    gunzip.on('close', () => resolve());
  });
  // Once destroyed (sample full, or an error), a pending write callback may never come: 'close' settles it instead.
  const closed = new Promise<void>((resolve) => gunzip.once('close', resolve));
  const written = (chunk: Uint8Array) => Promise.race([new Promise<void>((resolve) => gunzip.write(chunk, () => resolve())), closed]);
  // The first range was already fetched to look at the magic bytes: it is the start of the stream.
  let offset = first.length;
  try {
    await written(first);
    while (offset < object.size && length < limit && offset < GZIP_SAMPLE_MAX_COMPRESSED && failure === undefined) {
      const end = Math.min(object.size, offset + CSV_SAMPLE_BYTES) - 1;
      const chunk = await store.readRange(object.key, offset, end, object.version);
      offset = end + 1;
      if (gunzip.destroyed) break;
      await written(chunk);
    }
    if (!gunzip.destroyed && failure === undefined) gunzip.end();
    await settled;
  } finally {
    gunzip.destroy();
  }
  // An error before the sample was full is corruption inside the sample: say so now rather than at import.
  if (failure !== undefined) throw gzipError(failure, where) ?? failure;
  const bytes = Buffer.concat(parts, length);
  const whole = ended && offset >= object.size && length < limit;
  // bytesWritten counts the compressed bytes zlib consumed (not the 64 KiB ranges fetched): the sample's true ratio.
  return { bytes: whole ? bytes : bytes.subarray(0, Math.min(length, limit)), complete: whole, consumed: gunzip.bytesWritten };
}

/** Reads the sample text: one ranged request for plain files, the decompressed prefix for gzip. */
async function readSample(store: ObjectStore, object: ObjectInfo, where: string): Promise<{ text: string; complete: boolean; ratio: number }> {
  let bytes: Uint8Array;
  let complete: boolean;
  let ratio = 1;
  // One ranged request either way: its first bytes say whether the object is gzip, whatever its name.
  const end = Math.min(object.size, CSV_SAMPLE_BYTES);
  const first = await store.readRange(object.key, 0, end - 1, object.version);
  if (isGzipObject(object.key, first)) {
    let consumed: number;
    ({ bytes, complete, consumed } = await gunzipPrefix(store, object, where, CSV_SAMPLE_BYTES, first));
    ratio = bytes.length / Math.max(1, consumed);
  } else {
    bytes = first;
    complete = end >= object.size;
  }
  // stream: true holds back a multi-byte character cut by the sample's end; the decoder strips a BOM.
  const text = new TextDecoder('utf-8').decode(bytes, { stream: !complete });
  return { text, complete, ratio };
}

async function inferCsvSchema(store: ObjectStore, object: ObjectInfo, options: InferOptions = {}): Promise<FileSchema> {
  const where = locationOf(store, object.key);
  if (object.size === 0) return { columns: [], warnings: [`${where} is empty`] };
  const { text, complete, ratio } = await readSample(store, object, where);
  if (text.length === 0) return { columns: [], warnings: [`${where} is empty`] };
  const warnings: string[] = [];
  // The sample itself is bounded (64 KiB out, 1 MiB in); a start this repetitive warns that an import may stop.
  const maxRatio = options.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO;
  if (!complete && maxRatio > 0 && ratio > maxRatio) {
    warnings.push(
      `${where} expands ${Math.round(ratio)}:1 in its first ${CSV_SAMPLE_BYTES} bytes: an import stops a file that expands more than ${maxRatio}:1 past ${RATIO_FLOOR_BYTES} bytes (a compression bomb)`,
    );
  }

  const parser = new CsvParser();
  const records: string[][] = [];
  try {
    parser.push(text, records);
    // Without the end of the object, the last record may be cut: the parser keeps it as its remainder and we drop it.
    if (complete) parser.end(records);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw syntaxError(error, where);
    throw error;
  }
  if (records.length === 0) {
    throw new SourceError('user', `${where}: the header row does not end within the first ${CSV_SAMPLE_BYTES} bytes`, {
      file: where,
    });
  }
  const header = records[0];
  checkHeader(header, where);

  const width = header.length;
  const samples: string[][] = header.map(() => []);
  let sampled = 0;
  let misshapen = 0;
  for (let r = 1; r < records.length; r++) {
    const fields = records[r];
    if (fields.length !== width) {
      // Blank lines are not rows (in a one-column file they have the right width and sample as empty).
      if (!(fields.length === 1 && fields[0] === '')) misshapen++;
      continue;
    }
    sampled++;
    for (let c = 0; c < width; c++) samples[c].push(fields[c]);
  }

  if (sampled === 0) {
    const why =
      misshapen > 0
        ? `has no sampled row with the header's ${width} fields`
        : complete
          ? 'has a header but no data rows'
          : `has no complete data row in its first ${CSV_SAMPLE_BYTES} bytes (a very long row, or a quote left open?)`;
    warnings.push(`${where} ${why}: every column reads as STRING`);
  }
  if (misshapen > 0) {
    warnings.push(`${misshapen} of the sampled rows of ${where} do not have ${width} fields; they will be rejected on import`);
  }
  // Nullable is what the sample shows: a column is nullable when a sampled value was empty (or nothing was sampled).
  // It describes the data seen, it is not a constraint: a later empty value still reads as null.
  const columns: ColumnSchema[] = header.map((name, c) => ({
    name,
    type: inferType(samples[c]),
    nullable: sampled === 0 || samples[c].includes(''),
  }));
  return { columns, warnings };
}

/** Source of decoded text chunks plus the compressed-byte count, with cleanup for early exits. */
interface TextSource {
  chunks: AsyncIterable<Buffer>;
  /** True when the object is read through gunzip (by its name or its magic bytes). */
  gzip: boolean;
  compressedBytes(): number;
  /** Compressed bytes gunzip has consumed so far (the source reads ahead of it); equal to compressedBytes when plain. */
  consumedBytes(): number;
  destroy(): void;
}

async function openText(store: ObjectStore, object: ObjectInfo): Promise<TextSource> {
  const source: Readable = await store.readStream(object.key, object.version);
  let compressed = 0;
  // Peek at the first bytes for the gzip magic, then replay them: the name alone does not say how the object is stored.
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  try {
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head = head.length ? Buffer.concat([head, next.value]) : next.value;
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const chunks = (async function* () {
    if (head.length) {
      compressed += head.length;
      yield head;
    }
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      compressed += next.value.length;
      yield next.value;
    }
  })();
  if (!isGzipObject(object.key, head)) {
    return {
      chunks,
      gzip: false,
      compressedBytes: () => compressed,
      consumedBytes: () => compressed,
      destroy: () => source.destroy(),
    };
  }
  const gunzip = zlib.createGunzip({ chunkSize: GUNZIP_CHUNK });
  // pipeline forwards an error of either stream to the other; the iteration below sees it. The callback only
  // keeps Node from reporting the error a second time.
  pipeline(Readable.from(chunks, { objectMode: false }), gunzip, () => {});
  return {
    chunks: gunzip,
    gzip: true,
    compressedBytes: () => compressed,
    consumedBytes: () => gunzip.bytesWritten,
    destroy: () => {
      source.destroy();
      gunzip.destroy();
    },
  };
}

/** Where `s` holds NUL characters, in order; null when nowhere (one native search, the usual case). */
function nulPositions(s: string): number[] | null {
  let at = s.indexOf('\0');
  if (at < 0) return null;
  const positions: number[] = [];
  for (; at >= 0; at = s.indexOf('\0', at + 1)) positions.push(at);
  return positions;
}

/** True when one of the sorted `positions` lies in `[start, end)` (a binary search: fields come in any order). */
function hasNul(positions: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo]! < end;
}

const STRING = 0;
const INTEGER = 1;
const FLOAT = 2;
const BOOLEAN = 3;
const DATE = 4;
const TIMESTAMP = 5;
const TYPE_CODES: Record<ColumnType, number> = { STRING, INTEGER, FLOAT, BOOLEAN, DATE, TIMESTAMP };

/**
 * The rows of a batch being read, by column: numbers and timestamps (epoch ms) straight into Float64Arrays,
 * booleans into a Uint8Array, text (and dates) as UTF-8 bytes; no array per row and no Date per timestamp. A row is
 * written at position `length` and counts only once `commit` is called, so a row rejected halfway leaves nothing
 * behind: the next row overwrites it. An integer beyond ±2^53 turns its column into plain values (exact bigints).
 */
class Columns {
  length = 0;
  private nums: (Float64Array | null)[] = [];
  private flags: (Uint8Array | null)[] = [];
  private texts: (Utf8Builder | null)[] = [];
  private anys: (CellValue[] | null)[] = [];
  private nulls: Uint8Array[] = [];

  constructor(
    private readonly codes: number[],
    private readonly capacity: number,
  ) {
    this.reset();
  }

  private reset(): void {
    const { codes, capacity } = this;
    this.length = 0;
    this.nums = codes.map((code) => (code === INTEGER || code === FLOAT || code === TIMESTAMP ? new Float64Array(capacity) : null));
    this.flags = codes.map((code) => (code === BOOLEAN ? new Uint8Array(capacity) : null));
    this.texts = codes.map((code) => (code === STRING || code === DATE ? new Utf8Builder(capacity, capacity * 16) : null));
    this.anys = codes.map(() => null);
    this.nulls = codes.map(() => new Uint8Array(capacity));
  }

  setNull(c: number): void {
    const i = this.length;
    this.nulls[c]![i] = 1;
    const flags = this.flags[c];
    if (flags) flags[i] = BOOL_NULL;
    const any = this.anys[c];
    if (any) any[i] = null;
    else {
      const texts = this.texts[c];
      if (texts) texts.empty(i);
    }
  }

  /** Types field `s[start, end)` (non-empty) into column `c`; false when the text is not a value of its type. */
  set(c: number, s: string, start: number, end: number): boolean {
    const i = this.length;
    this.nulls[c]![i] = 0;
    const any = this.anys[c];
    switch (this.codes[c]) {
      case INTEGER: {
        const v = integerAt(s, start, end);
        if (v === INVALID) return false;
        if (any) any[i] = v;
        else if (typeof v === 'number') this.nums[c]![i] = v;
        else this.plain(c)[i] = v;
        return true;
      }
      case FLOAT: {
        const v = floatTextAt(s, start, end);
        if (v === INVALID) return false;
        this.nums[c]![i] = v;
        return true;
      }
      case TIMESTAMP: {
        const ms = timestampMillis(s, start, end);
        if (ms === null) return false;
        this.nums[c]![i] = ms;
        return true;
      }
      case BOOLEAN: {
        const v = booleanAt(s, start, end);
        if (v === INVALID) return false;
        this.flags[c]![i] = v ? 1 : 0;
        return true;
      }
      case DATE: {
        if (!isDateAt(s, start, end)) return false;
        this.texts[c]!.setText(i, s, start, end);
        return true;
      }
      default:
        this.texts[c]!.setText(i, s, start, end);
        return true;
    }
  }

  /** Column `c` as plain values from now on (the rows so far converted). */
  private plain(c: number): CellValue[] {
    const nums = this.nums[c]!;
    const nulls = this.nulls[c]!;
    const any = new Array<CellValue>(this.capacity);
    for (let i = 0; i < this.length; i++) any[i] = nulls[i] ? null : nums[i]!;
    this.anys[c] = any;
    return any;
  }

  commit(): void {
    this.length++;
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  /** The rows so far as column vectors (each owning its buffers), and a fresh start. */
  take(): ColumnVector[] {
    const n = this.length;
    const fit = <T extends Float64Array | Uint8Array>(array: T): T => (n === array.length ? array : (array.slice(0, n) as T));
    const vectors = this.codes.map((code, c): ColumnVector => {
      const mask = this.nulls[c]!;
      let missing = 0;
      for (let i = 0; i < n; i++) missing += mask[i]!;
      if (n > 0 && missing === n) return { kind: 'null' };
      const nulls = missing > 0 ? fit(mask) : null;
      const any = this.anys[c];
      if (any) return { kind: 'any', values: any.length === n ? any : any.slice(0, n) };
      const nums = this.nums[c];
      if (nums) return { kind: code === TIMESTAMP ? 'date' : 'num', values: fit(nums), nulls };
      const flags = this.flags[c];
      if (flags) return { kind: 'bool', values: fit(flags) };
      return this.texts[c]!.vector(n, nulls, false);
    });
    this.reset();
    return vectors;
  }
}

async function* readCsv(store: ObjectStore, object: ObjectInfo, options: ReadOptions): AsyncGenerator<RecordBatch> {
  const where = locationOf(store, object.key);
  if (object.size === 0) return;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const limit = options.maxDecompressedBytes;
  const wanted = options.columns;
  const count = wanted.length;
  const types: ColumnType[] = wanted.map((name) => (Object.hasOwn(options.types, name) ? options.types[name] : 'STRING'));
  const codes = types.map((type) => TYPE_CODES[type] ?? STRING);

  const text = await openText(store, object);
  const gzip = text.gzip;
  // StringDecoder keeps a character split across chunks whole, and is faster here than TextDecoder.
  const decoder = new StringDecoder('utf8');
  let bom = true;
  const parser = new CsvParser();
  let header: string[] | undefined;
  let width = 0;
  let indexes: number[] = [];
  let row = 0;
  const columns = new Columns(codes, batchSize);
  let rejects: RecordBatch['rejects'] = [];
  let firstRow = 1;
  let decompressed = 0;
  const ready: RecordBatch[] = [];

  const flush = (): void => {
    const length = columns.length;
    const meta = { firstRow: length > 0 ? firstRow : (rejects[0]?.row ?? row + 1), rejects, bytesRead: 0 };
    ready.push(columnarBatch(columns.take(), length, meta));
    rejects = [];
  };
  const reject = (reason: string): void => {
    rejects.push({ row, reason });
    // Bounded even when every row is bad.
    if (rejects.length >= batchSize) flush();
  };

  /** Types the records of the parser's last scan into batches. */
  const take = (): void => {
    const { recordCount, recordEnds, starts, ends, quoted } = parser;
    const s = parser.text;
    // NUL cannot be stored as text (PostgreSQL refuses it): fields are checked only when the text holds one.
    const nuls = nulPositions(s);
    let r = 0;
    let first = 0;
    if (header === undefined) {
      if (recordCount === 0) return;
      header = [];
      for (let i = 0; i < recordEnds[0]; i++) header.push(parser.field(i));
      checkHeader(header, where);
      width = header.length;
      const position = new Map<string, number>();
      header.forEach((name, index) => position.set(name, index));
      indexes = wanted.map((name) => position.get(name) ?? -1);
      first = recordEnds[0];
      r = 1;
    }
    for (; r < recordCount; r++) {
      const last = recordEnds[r];
      const fields = last - first;
      if (fields !== width) {
        // An empty line: nothing in a multi-column file, a null in a one-column file (how DuckDB writes a NULL).
        const blank = fields === 1 && (starts[first] < 0 ? quoted[-starts[first] - 1] === '' : starts[first] === ends[first]);
        if (!blank) {
          row++;
          reject(`expected ${width} fields, found ${fields}`);
        }
        first = last;
        continue;
      }
      row++;
      let ok = true;
      for (let c = 0; c < count; c++) {
        const index = indexes[c];
        if (index < 0) {
          columns.setNull(c);
          continue;
        }
        const f = first + index;
        const start = starts[f];
        let typed: boolean;
        if (start >= 0) {
          const end = ends[f];
          if (start === end) {
            columns.setNull(c);
            continue;
          }
          if (nuls && hasNul(nuls, start, end)) {
            reject(`NUL character in column ${JSON.stringify(wanted[c])}`);
            ok = false;
            break;
          }
          typed = columns.set(c, s, start, end);
        } else {
          const field = quoted[-start - 1];
          if (field === '') {
            columns.setNull(c);
            continue;
          }
          if (nuls && field.includes('\0')) {
            reject(`NUL character in column ${JSON.stringify(wanted[c])}`);
            ok = false;
            break;
          }
          typed = columns.set(c, field, 0, field.length);
        }
        if (!typed) {
          reject(`column ${JSON.stringify(wanted[c])}: ${quoteValue(parser.field(f))} is not a valid ${types[c]}`);
          ok = false;
          break;
        }
      }
      first = last;
      if (!ok) continue;
      if (columns.length === 0) firstRow = row;
      columns.commit();
      if (columns.full) flush();
    }
  };

  try {
    for await (const chunk of text.chunks) {
      decompressed += chunk.length;
      if (gzip) {
        if (decompressed > limit) throw new SourceError('user', `${where} expands past the ${limit}-byte limit for decompressed files`, { file: where });
        // Against what gunzip consumed, not what the source delivered: a source reading megabytes ahead would hide a bomb.
        const bomb = expansionError(where, 'the gzip stream', decompressed, text.consumedBytes(), options.maxCompressionRatio);
        if (bomb) throw bomb;
      }
      for (let at = 0; at < chunk.length; at += TEXT_PIECE) {
        let part = decoder.write(at === 0 && chunk.length <= TEXT_PIECE ? chunk : chunk.subarray(at, at + TEXT_PIECE));
        if (bom && part.length > 0) {
          if (part.charCodeAt(0) === 0xfeff) part = part.slice(1);
          bom = false;
        }
        parser.scan(part);
        take();
      }
      for (const batch of ready) {
        batch.bytesRead = text.compressedBytes();
        yield batch;
      }
      ready.length = 0;
    }
    parser.scan(decoder.end());
    take();
    parser.finish();
    take();
    if (columns.length > 0 || rejects.length > 0) flush();
    for (const batch of ready) {
      batch.bytesRead = text.compressedBytes();
      yield batch;
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw syntaxError(error, where);
    throw gzipError(error, where) ?? error;
  } finally {
    text.destroy();
  }
}

/** CSV files, plain or gzipped (`.csv`, `.csv.gz`, `.gz`); values typed by `values.ts`, rejected rows reported per batch. */
export const csvFormat: FileFormat = {
  id: 'CSV',
  matches(key: string): boolean {
    const lower = key.toLowerCase();
    return lower.endsWith('.csv') || lower.endsWith('.gz');
  },
  inferSchema: inferCsvSchema,
  read: readCsv,
};
