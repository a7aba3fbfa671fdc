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

/** A bounded slice of a file: rows hold the requested columns in the requested order. */
export interface RecordBatch {
  rows: CellValue[][];
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
