// The S3 Batch export's public shapes: the records it writes (the contract's "Routing" record shapes, every row with
// its workspace_id, since a batch may cover all workspaces), the row source it reads a day from, its options and what
// it returns.
import type { S3Client } from '@aws-sdk/client-s3';

export type ExportFormat = 'JSON_GZIP' | 'PARQUET_SNAPPY';
export type BatchDataType = 'events' | 'aliases' | 'segment_metadata';

/** An event as stored and routed (the events contract), with the day's segments (empty until audiences land). */
export interface EventRecord {
  event_id: string;
  type: string;
  user_id: string;
  time: string;
  session_id?: string | null;
  view_id?: string | null;
  properties?: Record<string, unknown> | null;
  aliases?: { tag: string; id: string; priority?: number | null }[] | null;
  received_at: string;
  workspace_id: string;
  segments?: number[] | null;
}

/**
 * An event already as its record's JSON text (the contract's fields, `segments` included), for a source that keeps
 * events as text: JSON gzip writes the text as it is (no parse, no serialization), Parquet cannot use it.
 */
export class EventJson {
  constructor(readonly type: string, readonly text: string) {}
}

/**
 * A page of stored events as UTF-8 bytes: their JSON bodies one after the other, event k of type `types[k]`.
 * Parquet parses and encodes such pages in C++ (native-events.ts) when the source can give them.
 */
export interface EventPage {
  types: string[];
  bytes: Uint8Array;
  /**
   * When given, the reader must call it once done with `bytes` (they may be reused after), and before it asks for more
   * than a few pages more: the SQLite reader has four slots of memory shared with the export's thread.
   */
  release?(): void;
  /** Already parsed by the native addon on the reader's thread (parsePageDetached), to be adopted by the export's. */
  parsed?: { address: bigint; ends: Uint32Array; reader: number };
}

/**
 * Optional on an EventRecord: about its bytes as JSON (a source that read it from JSON text knows them), so the part
 * size limit need not walk the record.
 */
export const JSON_BYTES: unique symbol = Symbol('jsonBytes');

/** Alias record: `{ user_id, tag, id, priority, time, workspace_id }`. */
export interface AliasRecord {
  user_id: string;
  tag: string;
  id: string;
  priority: number | null;
  time: string;
  workspace_id: string;
}

/** Segment metadata record: `{ code, name, description, tags, size, created_at, updated_at, workspace_id }`. */
export interface SegmentMetadataRecord {
  code: number;
  name: string;
  description: string | null;
  tags: string[];
  size: number | null;
  created_at: string;
  updated_at: string;
  workspace_id: string;
}

/**
 * Where one UTC day's rows come from. Every iterable yields chunks (arrays) of records, so a source reads in bounded
 * pages and the export never holds the whole day. The export first asks for the events of every type (null), writing up
 * to 16 types from that read and skipping the others, then for the skipped ones, up to 16 types at once. Parquet
 * learns property kinds from the rows as it writes them; when a kind changes after a type's schema was fixed, it asks
 * for the day's kinds (`propertyKinds`, or one more read of `events(types)`) and reads `events(types)` again to write,
 * so a source must give the same rows each time for a past day.
 */
export interface BatchRowSource {
  /** The day's events of the given types, or of every type (null), interleaved, each row with its `type`, in chunks. */
  events(types: readonly string[] | null): AsyncIterable<EventRecord[]>;
  /** Optional: the same events as JSON text (JSON gzip uses it when given: nothing to parse or serialize). */
  eventsJson?(types: readonly string[] | null): AsyncIterable<EventJson[]>;
  /** Optional: the same events as pages of UTF-8 JSON bytes, for the native Parquet encoder (native-events.ts). */
  eventPages?(types: readonly string[] | null): AsyncIterable<EventPage>;
  /**
   * Optional: per event type, the kinds of value each top-level property took that day, when the source can tell
   * without handing over every row (a database's JSON functions). Asked only when kinds learned while writing did not
   * hold; without it, Parquet then reads `events(types)` once more to learn them.
   */
  propertyKinds?(types: readonly string[]): Promise<Record<string, Record<string, PropertyValueKind[]>>>;
  /** The day's alias records, in chunks. */
  aliases(): AsyncIterable<AliasRecord[]>;
  /** A full snapshot of segment metadata (the day's file is written even when it is empty). */
  segmentMetadata(): AsyncIterable<SegmentMetadataRecord[]>;
}

/** A JSON value's kind; `integer` is a number without a fraction within ±2^53. */
export type PropertyValueKind = 'boolean' | 'integer' | 'number' | 'string' | 'object' | 'array' | 'null';

/** One file the export wrote. */
export interface BatchFile {
  key: string;
  /** `manifest` only for the manifest, which is written last. */
  dataType: BatchDataType | 'manifest';
  /** For events, the type of the partition. */
  eventType?: string;
  rows: number;
  /** Bytes of the object as stored (compressed). */
  bytes: number;
  durationMs: number;
}

export interface ExportDayOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix, e.g. `inlet/` (no leading slash); may be empty. */
  prefix?: string;
  /** When set, every PUT (and multipart upload) asks for SSE-KMS with this key. */
  kmsKeyArn?: string | null;
  format: ExportFormat;
  /** The UTC day, `YYYY-MM-DD`. */
  date: string;
  source: BatchRowSource;
  /** A part closes before its uncompressed size would pass this (default 128 MiB). */
  partSizeBytes?: number;
  /** Parquet rows per row group (default 10,000, shared by the open parts; a row group also closes at 16 MiB of values). */
  rowGroupRows?: number;
  signal?: AbortSignal;
  /** Called once per file written (data files, then the manifest). */
  onFile?: (file: BatchFile) => void;
}

export interface ExportDayResult {
  date: string;
  /** Every file written, in order; the last is the manifest. */
  files: BatchFile[];
  /** Keys of an earlier run of the day that the new manifest does not list, deleted before it was written. */
  deleted: string[];
}

export const DEFAULT_PART_SIZE = 128 * 1024 * 1024;

/**
 * Text written to gzip at a time (UTF-8 bytes) by both JSONL writers, S3 Batch's JSON gzip parts and S3 Streaming's
 * files: lines are joined until about this much waits (a zlib call per line would cost more than the compression).
 * Above glibc's mmap threshold (`npm start` sets it to 128 KB) each joined string's conversion to bytes is fresh
 * memory from the kernel, zeroed a page fault at a time. At 256 KB against 48 KB on 1M events: the JSON gzip export's
 * thread 5.1–5.4 against 2.9–3.0 s of CPU (the export 8.5–8.8 against 7.3–7.4 s); S3 Streaming 8.3–9.1 against
 * 6.3–9.1 s (medians 8.6 and 7.2 s); the same peak RSS.
 */
export const GZIP_WRITE_BYTES = 48 * 1024;
