import type { ObjectInfo, ObjectStore } from '../files/object-store.js';

/** Column types Inlet stores and shows (the contract's `ColumnType`). */
export type ColumnType = 'STRING' | 'INTEGER' | 'FLOAT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
export const COLUMN_TYPES: readonly ColumnType[] = ['STRING', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DATE', 'TIMESTAMP'];

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
 * arrays cost no allocation per value and cross threads by transfer (see imports/parallel-read.ts).
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
  /** Anything else, as the cells themselves (bigints, mixed kinds). */
  | { kind: 'any'; values: CellValue[] };

export const BOOL_NULL = 2;

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
  }
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
}

/** A file format: infer a schema from a small sample, and read record batches with bounded memory. */
export interface FileFormat {
  readonly id: 'CSV' | 'PARQUET';
  /** True when the key has this format's extension. */
  matches(key: string): boolean;
  inferSchema(store: ObjectStore, object: ObjectInfo): Promise<FileSchema>;
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

/** The number of rows of a batch (without building rows for a columnar one). */
export function batchLength(batch: RecordBatch): number {
  return batch.columns ? batch.columns.length : batch.rows.length;
}
