import type { Config, PlatformId } from '../config.js';
import type { IoStats } from './files/object-store.js';
import type { ColumnSchema, ColumnType, ReadOptions, RecordBatch } from './formats/format.js';

/** A column as discovery reports it: partition columns come from Hive folders, not from the files. */
export interface DiscoveredColumn extends ColumnSchema {
  isPartition: boolean;
}

export interface DiscoveredTable {
  name: string;
  columns: DiscoveredColumn[];
  partitionColumns: string[];
  fileCount: number | null;
  totalBytes: number | null;
  /** The file (or object) whose schema gave the columns, e.g. `s3://b/p/events/date=2025-01-02/part-1.parquet`. */
  schemaFile: string | null;
  warnings: string[];
  /** Set when the layout rules leave this table out (e.g. no partition folders in partitioned mode). */
  ignoredReason: string | null;
  details: Record<string, unknown> | null;
  /** Per partition column: values seen in folder names with their file counts (the most frequent first, bounded). */
  partitionValues?: PartitionValues[];
  /** When the newest data file was written (freshness); null when the source does not say. */
  newestFileAt?: Date | null;
  /** The first rows of the newest data file, as text aligned with `columns` (null cells stay null). */
  sampleRows?: (string | null)[][];
  /** Which file version and columns the sample rows were read for, and why none could be read (see PreviousTables). */
  sampleOf?: SampleOrigin | null;
}

/** The file version and column list a table's sample rows were read for, and the warning when none could be. */
export interface SampleOrigin {
  of: string;
  warning: string | null;
}

/**
 * What the previous refresh kept of each table (by name): a refresh whose newest file and columns are unchanged
 * reuses its sample rows instead of reading the file again (a refresh runs before every import run).
 */
export type PreviousTables = ReadonlyMap<string, { sampleOf: SampleOrigin | null; sampleRows: (string | null)[][] | null }>;

/** The values one partition column takes across a table's files. */
export interface PartitionValues {
  column: string;
  /** How many distinct values (null counts as one). */
  distinct: number;
  /** Smallest and largest non-null value, compared as the column's type. */
  min: string | null;
  max: string | null;
  /** The most frequent values (null for a NULL partition) and how many files each holds; at most PARTITION_VALUES_SHOWN. */
  values: { value: string | null; files: number }[];
}

/** One independently readable piece of a table: a data file, or a warehouse query. `id` identifies its content. */
export interface ReadUnit {
  id: string;
  /** Where it is, for messages: `s3://bucket/key`. */
  label: string;
  size: number | null;
  /** Files: the object key and version, and the Hive partition values of its folders (raw text, decoded once). */
  key?: string;
  version?: string;
  partitionValues?: Record<string, string | null>;
}

/** A file format's read options (`columns`: source column names in output order, partition columns included), and: */
export interface ReadRequest extends ReadOptions {
  table: string;
  /**
   * Incremental reads on typed sources: only rows whose `column` is greater than `after`. `since` is when the last
   * successful read of the import started (ISO, with a margin for clock skew): rows loaded before then were visible
   * to it, which lets a source skip storage that only holds older loads (BigQuery's ingestion-time partitions).
   */
  watermark?: { column: string; after: string | null; since?: string | null };
}

/**
 * What every platform implements. Methods throw `SourceError` with a message a person can act on.
 * A connector is created per use from settings and opened credentials and holds no state between uses.
 */
export interface Connector {
  readonly stats: IoStats;
  /** Check credentials and location with as few requests as the platform allows. */
  validate(): Promise<void>;
  discover(previous?: PreviousTables): Promise<DiscoveredTable[]>;
  /** The units a read of `table` consists of (files for buckets; one query for warehouses). */
  planRead(request: ReadRequest): Promise<ReadUnit[]>;
  read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch>;
  close?(): Promise<void>;
}

/** A connection's input after validation: what is shown, what is sealed, and the hint. */
export interface NormalizedConnection {
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
  credentialsHint: string | null;
}

/** Everything platform-specific about connections, registered once per platform. */
export interface ConnectorFactory {
  platform: PlatformId;
  /** Validate and normalise the platform's input; throws `badInput(field, message)` with the input path. */
  normalize(input: Record<string, unknown>, config: Config, caller?: { isAdmin: boolean }): Promise<NormalizedConnection>;
  /** Validate and normalise new credentials for a rotation of a connection with these settings. */
  normalizeCredentials(input: Record<string, unknown>, config: Config, settings: Record<string, unknown>): Promise<Pick<NormalizedConnection, 'credentials' | 'credentialsHint'>>;
  create(settings: Record<string, unknown>, credentials: Record<string, string>, config: Config): Connector;
}
