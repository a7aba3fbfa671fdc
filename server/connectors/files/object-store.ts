import type { Readable } from 'node:stream';

/** One object as a listing returns it. `version` is the ETag (S3) or generation (GCS): with `key` it identifies a file's content. */
export interface ObjectInfo {
  key: string;
  size: number;
  version?: string;
  lastModified?: Date;
}

/** One page of a delimited listing: objects directly under the prefix and the "folders" below it. */
export interface ListPage {
  objects: ObjectInfo[];
  prefixes: string[];
  nextToken?: string;
}

/** Requests made and bytes read through a store, so discovery and runs can report their cost. */
export interface IoStats {
  requests: number;
  bytesRead: number;
}

/**
 * What every bucket store (S3, GCS, …) offers to the layout and format code: delimited listing and ranged reads.
 * Errors are thrown as `SourceError` (server/connectors/errors.ts) with a message a person can act on.
 */
export interface ObjectStore {
  /** `s3` or `gs`: used to print locations as `s3://bucket/key`. */
  readonly scheme: string;
  readonly bucket: string;
  readonly stats: IoStats;
  /** One page of objects under `prefix`; with a delimiter, deeper keys are rolled up into `prefixes`. */
  list(prefix: string, options?: { delimiter?: string; token?: string; maxKeys?: number }): Promise<ListPage>;
  /**
   * Bytes `start..end` inclusive of one object (explicit ranges only: some servers get suffix ranges wrong), as stored
   * (a gzip-encoded object is not decompressed). With `version` (from the listing) a store that can pin reads to it
   * (GCS generations) fails with a 'not-found' error once the object has changed, instead of mixing two versions.
   */
  readRange(key: string, start: number, end: number, version?: string): Promise<Uint8Array>;
  /** The whole object's stored bytes as a stream (counted into `stats` as they flow); `version` as for readRange. */
  readStream(key: string, version?: string): Promise<Readable>;
}

/** `s3://bucket/key` or `gs://bucket/key`, for messages. */
export function locationOf(store: Pick<ObjectStore, 'scheme' | 'bucket'>, key = ''): string {
  return `${store.scheme}://${store.bucket}/${key}`;
}
