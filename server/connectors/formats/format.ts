import { isUtf8 } from 'node:buffer';
import { SourceError } from '../errors.js';
import type { ObjectInfo, ObjectStore } from '../files/object-store.js';

/** Column types Inlet stores and shows (the contract's `ColumnType`). */
export type ColumnType = 'STRING' | 'INTEGER' | 'FLOAT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

/** One column of a file or table. `sourceType` is the type as the source names it (e.g. `INT64`, `DECIMAL(38,9)`, `STRUCT<a INT>`); `nested` marks structs/lists/maps, which are imported as JSON text. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  nullable: boolean;
  sourceType?: string;
  nested?: boolean;
}

export interface FileSchema {
  columns: ColumnSchema[];
  /** Things a person should know but that do not stop discovery. */
  warnings: string[];
}

/** A value after parsing: strings, numbers, exact big integers, booleans; DATE as `YYYY-MM-DD`, TIMESTAMP as a Date; null when empty. */
export type CellValue = string | number | bigint | boolean | Date | null;

/**
 * The values of one column of a batch, by kind. `nulls[i]` is 1 where row i is null (no mask: no nulls). Typed
 * arrays cost no allocation per value and cross threads by transfer (see pipeline/parallel-read.ts).
 */
export type ColumnVector =
  /** Every value null. */
  | { kind: 'null' }
  /** Numbers (INTEGER within ±2^53, FLOAT). */
  | { kind: 'num'; values: Float64Array; nulls: Uint8Array | null }
  /** Timestamps as epoch milliseconds (NaN for an invalid Date); cells are Dates. */
  | { kind: 'date'; values: Float64Array; nulls: Uint8Array | null }
  /** 0 false, 1 true, 2 null. */
  | { kind: 'bool'; values: Uint8Array }
  | { kind: 'str'; values: (string | null)[] }
  /**
   * Text still as the source's UTF-8 bytes (Parquet): value i is `bytes[ends[i-1] .. ends[i])` (from 0 for i = 0),
   * null where `nulls[i]`; `wide` lists, in order, the values holding a byte above 0x7F (null when none). With
   * `binary`, a value that is not valid UTF-8 reads as base64. No string exists per value until `utf8Values`:
   * a reader thread hands the buffers over by transfer and allocates nothing per value.
   */
  | { kind: 'utf8'; bytes: Uint8Array; ends: Int32Array; nulls: Uint8Array | null; wide: Int32Array | null; binary: boolean }
  /** Anything else, as the cells themselves (bigints, mixed kinds). */
  | { kind: 'any'; values: CellValue[] };

type Utf8Vector = Extract<ColumnVector, { kind: 'utf8' }>;

export const BOOL_NULL = 2;

const encoder = new TextEncoder();

/**
 * Builds a `utf8` vector row by row: the one text form every reader fills (CSV from parsed JS text, Parquet from
 * its pages' bytes) and the inserting thread reads. Each value's bytes are copied once into one growing buffer, so
 * no string and no view exists per value on the reading side. Value i ends at `ends[i]` and starts where value i-1
 * ends: writing row i again (after a row rejected halfway) replaces it. Null rows are empty values; the caller keeps
 * the null mask.
 */
export class Utf8Builder {
  private bytes: Uint8Array;
  private readonly ends: Int32Array;
  /** 1 where the value holds a byte above 0x7F (or, for binary columns, a NUL): `wide` in the vector. */
  private readonly wide: Uint8Array;

  constructor(
    private readonly capacity: number,
    /** About how many bytes the values take (the buffer grows when they take more). */
    sizeHint: number,
  ) {
    this.bytes = new Uint8Array(Math.max(1024, sizeHint));
    this.ends = new Int32Array(capacity);
    this.wide = new Uint8Array(capacity);
  }

  private start(i: number): number {
    return i > 0 ? this.ends[i - 1]! : 0;
  }

  /** Room for `more` bytes after position `w`. */
  private room(w: number, more: number): Uint8Array {
    if (w + more > this.bytes.length) {
      const grown = new Uint8Array(Math.max(2 * this.bytes.length, w + more));
      grown.set(this.bytes.subarray(0, w));
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** Row i holds no bytes (a null, or an empty value). */
  empty(i: number): void {
    this.ends[i] = this.start(i);
    this.wide[i] = 0;
  }

  /** Row i is the text `s[start, end)`, encoded as UTF-8 (a lone surrogate becomes U+FFFD). */
  setText(i: number, s: string, start: number, end: number): void {
    let w = this.start(i);
    // Enough room for any UTF-16 unit (3 UTF-8 bytes at most).
    const bytes = this.room(w, 3 * (end - start));
    let j = start;
    for (; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c > 0x7f) break;
      bytes[w++] = c;
    }
    if (j < end) {
      // Not ASCII: the rest of the value through the encoder (it pairs surrogates).
      w += encoder.encodeInto(s.slice(j, end), bytes.subarray(w)).written;
      this.wide[i] = 1;
    } else this.wide[i] = 0;
    this.ends[i] = w;
  }

  /**
   * Row i is the bytes `from[start, end)`. Answers whether they hold a NUL byte; with `binary`, such a value is
   * marked wide (read one by one, as base64 when it is not text).
   */
  setBytes(i: number, from: Uint8Array, start: number, end: number, binary: boolean): boolean {
    let w = this.start(i);
    const bytes = this.room(w, end - start);
    let high = 0;
    let zero = 0;
    for (let j = start; j < end; j++) {
      const b = from[j]!;
      high |= b;
      // 1 for a 0 byte, else 0, without a branch.
      zero |= (b - 1) >>> 31;
      bytes[w++] = b;
    }
    this.wide[i] = high > 0x7f || (zero && binary) ? 1 : 0;
    this.ends[i] = w;
    return zero !== 0;
  }

  /** The first `n` rows as a vector; the buffer is handed over, not copied (the builder is not used again). */
  vector(n: number, nulls: Uint8Array | null, binary: boolean): Utf8Vector {
    let count = 0;
    const flags = this.wide;
    for (let i = 0; i < n; i++) count += flags[i]!;
    let wide: Int32Array | null = null;
    if (count > 0) {
      wide = new Int32Array(count);
      for (let i = 0, k = 0; i < n; i++) if (flags[i]) wide[k++] = i;
    }
    const used = this.start(n);
    return { kind: 'utf8', bytes: this.bytes.subarray(0, used), ends: n === this.capacity ? this.ends : this.ends.slice(0, n), nulls, wide, binary };
  }
}

/** The cell of row `i` of a column, exactly as a row of a RecordBatch holds it. */
export function cellAt(col: ColumnVector | undefined, i: number): CellValue {
  if (!col) return null;
  switch (col.kind) {
    case 'null':
      return null;
    case 'num':
      return col.nulls && col.nulls[i] ? null : col.values[i]!;
    case 'date':
      return col.nulls && col.nulls[i] ? null : new Date(col.values[i]!);
    case 'bool':
      return col.values[i] === BOOL_NULL ? null : col.values[i] === 1;
    case 'str':
    case 'any':
      return col.values[i] ?? null;
    case 'utf8':
      return col.nulls && col.nulls[i] ? null : utf8Value(col, i > 0 ? col.ends[i - 1]! : 0, col.ends[i]!);
  }
}

const utf8 = new TextDecoder('utf-8');

/** Bytes as their UTF-8 text when they are valid UTF-8 without a NUL (which no text column can store), else as base64. */
export function bytesText(bytes: Uint8Array): string {
  return isUtf8(bytes) && bytes.indexOf(0) < 0 ? utf8.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function utf8Value(col: Utf8Vector, start: number, end: number): string {
  const bytes = col.bytes.subarray(start, end);
  return col.binary ? bytesText(bytes) : utf8.decode(bytes);
}

/** Text is cut from Latin-1 decodes of at most this many bytes: V8 keeps a longer string in its large-object space. */
const PIECE = 64 * 1024;

/**
 * The values of a `utf8` vector as strings: the ASCII values are cut from Latin-1 decodes of the buffer, 64 KiB at a
 * time (one native call per piece), the `wide` ones decoded one by one.
 */
export function utf8Values(col: Utf8Vector): (string | null)[] {
  const { bytes, ends, nulls, wide } = col;
  const n = ends.length;
  const out = new Array<string | null>(n);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let piece = '';
  let pieceFrom = 0;
  let pieceTo = 0;
  let next = wide && wide.length ? wide[0]! : -1;
  let w = 0;
  for (let i = 0, start = 0; i < n; i++) {
    const end = ends[i]!;
    if (nulls !== null && nulls[i]) out[i] = null;
    else if (i === next) {
      out[i] = utf8Value(col, start, end);
      next = ++w < wide!.length ? wide![w]! : -1;
    } else {
      if (end > pieceTo) {
        pieceFrom = start;
        pieceTo = Math.max(end, Math.min(bytes.length, start + PIECE));
        piece = buffer.toString('latin1', pieceFrom, pieceTo);
      }
      out[i] = piece.slice(start - pieceFrom, end - pieceFrom);
    }
    start = end;
  }
  return out;
}

/**
 * A bounded slice of a file: rows hold the requested columns in the requested order. A format that decodes by
 * columns (Parquet) also sets `columns`, and `rows` is then built only if something asks for it (`columnarBatch`).
 */
export interface RecordBatch {
  readonly rows: CellValue[][];
  readonly columns?: { length: number; vectors: ColumnVector[] };
  /** 1-based row number in the file of `rows[0]` (data rows, header excluded), for reject messages. */
  firstRow: number;
  /** Rows of this slice the format itself could not read (e.g. wrong column count), with the reason. */
  rejects: { row: number; reason: string }[];
  /** Bytes of the object consumed so far (compressed bytes for gzip), for progress. */
  bytesRead: number;
}

export interface ReadOptions {
  /** Names of the columns to read, in output order. A name the file lacks reads as null. */
  columns: string[];
  /** The types to parse CSV text into (by column name); typed formats ignore it. */
  types: Record<string, ColumnType>;
  /** Upper bound on rows per batch. */
  batchSize: number;
  /** Abort past this many decompressed bytes (gzip bombs). */
  maxDecompressedBytes: number;
  /**
   * Abort when, past RATIO_FLOOR_BYTES of output, compressed data has expanded more than this many times (a 10 MB gzip
   * of 10 GiB of newlines); 0 turns the check off. DEFAULT_MAX_COMPRESSION_RATIO when unset.
   */
  maxCompressionRatio?: number;
  /** Parquet: bytes per ranged read of a column chunk when a row group's chunks are bigger than that (4 MiB when unset). */
  parquetReadBytes?: number;
}

/** What schema inference takes from the read limits. */
export type InferOptions = Pick<ReadOptions, 'maxCompressionRatio'>;

/** Below this much output no compression ratio is suspicious: small repetitive files compress very well. */
export const RATIO_FLOOR_BYTES = 4 * 1024 * 1024;
/**
 * Measured on CSV written by DuckDB and gzipped: the benchmark's 5 columns 4:1, three low-cardinality columns 149:1,
 * two constant columns 1024:1 (deflate's ceiling, as for a bomb of newlines).
 */
export const DEFAULT_MAX_COMPRESSION_RATIO = 200;

/**
 * The error for `output` bytes decompressed from `input` compressed bytes of the file at `where` when that is past
 * the ratio limit (and RATIO_FLOOR_BYTES), else null. `what` names the data (`the gzip stream`, `a page`).
 */
export function expansionError(where: string, what: string, output: number, input: number, maxRatio: number | undefined): SourceError | null {
  const limit = maxRatio ?? DEFAULT_MAX_COMPRESSION_RATIO;
  if (!(limit > 0) || output <= RATIO_FLOOR_BYTES || output <= limit * input) return null;
  const ratio = Math.round(output / Math.max(1, input));
  return new SourceError(
    'user',
    `${where}: ${what} expands ${ratio}:1 (${output} bytes from ${input}), past the limit of ${limit}:1 for compressed data; ` +
      'a compression bomb, or data so repetitive that INLET_MAX_COMPRESSION_RATIO must be raised to import it',
    { file: where },
  );
}

/** A file format: infer a schema from a small sample, and read record batches with bounded memory. */
export interface FileFormat {
  readonly id: 'CSV' | 'PARQUET';
  /** True when the key has this format's extension. */
  matches(key: string): boolean;
  inferSchema(store: ObjectStore, object: ObjectInfo, options?: InferOptions): Promise<FileSchema>;
  read(store: ObjectStore, object: ObjectInfo, options: ReadOptions): AsyncIterable<RecordBatch>;
}

/** A column holding `value` in each of `length` rows (a partition column, say). */
export function constantVector(value: CellValue, length: number): ColumnVector {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'number') return { kind: 'num', values: new Float64Array(length).fill(value), nulls: null };
  if (value instanceof Date) return { kind: 'date', values: new Float64Array(length).fill(value.getTime()), nulls: null };
  if (typeof value === 'boolean') return { kind: 'bool', values: new Uint8Array(length).fill(value ? 1 : 0) };
  if (typeof value === 'string') return { kind: 'str', values: new Array<string | null>(length).fill(value) };
  return { kind: 'any', values: new Array<CellValue>(length).fill(value) };
}

/** Rows `keep` (ascending indexes) of a vector, copied: what is left of a batch once some of its rows are rejected. */
export function selectRows(vector: ColumnVector, keep: readonly number[]): ColumnVector {
  const n = keep.length;
  switch (vector.kind) {
    case 'null':
      return vector;
    case 'num':
    case 'date': {
      const values = new Float64Array(n);
      const nulls = vector.nulls ? new Uint8Array(n) : null;
      keep.forEach((r, i) => {
        values[i] = vector.values[r]!;
        if (nulls) nulls[i] = vector.nulls![r]!;
      });
      return { kind: vector.kind, values, nulls };
    }
    case 'bool':
      return { kind: 'bool', values: Uint8Array.from(keep, (r) => vector.values[r]!) };
    case 'str':
      return { kind: 'str', values: keep.map((r) => vector.values[r] ?? null) };
    case 'any':
      return { kind: 'any', values: keep.map((r) => vector.values[r] ?? null) };
    case 'utf8': {
      const { bytes, ends } = vector;
      const start = (r: number) => (r > 0 ? ends[r - 1]! : 0);
      const out = new Uint8Array(keep.reduce((sum, r) => sum + ends[r]! - start(r), 0));
      const kept = new Int32Array(n);
      const wideRows = new Set(vector.wide ?? []);
      const wide: number[] = [];
      let at = 0;
      keep.forEach((r, i) => {
        out.set(bytes.subarray(start(r), ends[r]!), at);
        at += ends[r]! - start(r);
        kept[i] = at;
        if (wideRows.has(r)) wide.push(i);
      });
      const nulls = vector.nulls ? Uint8Array.from(keep, (r) => vector.nulls![r]!) : null;
      return { kind: 'utf8', bytes: out, ends: kept, nulls, wide: wide.length ? Int32Array.from(wide) : null, binary: vector.binary };
    }
  }
}

/** A batch whose values are columns (`length` rows); its `rows` are made from them on first use. */
export function columnarBatch(
  vectors: ColumnVector[],
  length: number,
  meta: { firstRow: number; rejects: RecordBatch['rejects']; bytesRead: number },
): RecordBatch {
  let rows: CellValue[][] | null = null;
  return {
    firstRow: meta.firstRow,
    rejects: meta.rejects,
    bytesRead: meta.bytesRead,
    columns: { length, vectors },
    get rows() {
      if (!rows) {
        rows = new Array<CellValue[]>(length);
        for (let i = 0; i < length; i++) rows[i] = vectors.map((col) => cellAt(col, i));
      }
      return rows;
    },
  };
}
