/**
 * A stand-in for Google Cloud Storage, in process, for tests. It follows the documented JSON API
 * (https://cloud.google.com/storage/docs/json_api/v1/objects/list, https://cloud.google.com/storage/docs/json_api/v1/objects/get
 * with `alt=media` and `Range`, https://cloud.google.com/storage/docs/json_api/v1/buckets/get) and the OAuth2 token endpoint
 * that the service-account JWT-bearer grant posts to (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 *
 *
 * Objects stored with `Content-Encoding: gzip` (what `gsutil cp -Z` uploads) are served as
 * https://cloud.google.com/storage/docs/transcoding describes: metadata carries `contentEncoding: gzip` and `size` is the
 * stored (compressed) size; a download that sends `Accept-Encoding: gzip` (the Node client always does) gets the stored
 * bytes with `Content-Encoding: gzip`, any other gets them decompressed ("decompressive transcoding") without
 * Content-Length; `x-goog-stored-content-encoding` says how the object is stored. The Range header of a read of such an
 * object is ignored and the whole object is served with 200 (the documented behaviour for transcoded reads, applied
 * here to every read of a gzip-encoded object: the stricter case for a reader).
 *
 * `generation=N` on a read (https://cloud.google.com/storage/docs/json_api/v1/objects/get) selects that generation; in
 * a bucket without object versioning an overwritten generation no longer exists, so the read answers 404, as GCS does.
 *
 * Only the routes that `@google-cloud/storage` v7 calls for Inlet's reads are served; anything else answers 501 so a new
 * call shows up as a failing test rather than as silently wrong data.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { fakeTokenEndpoint, json } from './fake-google-token.js';

export { makeServiceAccountKey, type ServiceAccountKeyFile } from './fake-google-token.js';

export interface FakeGcsRequest {
  kind: 'token' | 'storage';
  method: string;
  path: string;
  query: Record<string, string>;
  range?: string;
  status: number;
}

export interface FakeGcs {
  /** Base URL to pass as the store's `endpoint`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Where a key made by `makeServiceAccountKey` sends its JWT grant. */
  tokenUri: string;
  close(): Promise<void>;
  createBucket(bucket: string): void;
  /** Stores an object; `contentEncoding: 'gzip'` means `bytes` are gzip data stored as `gsutil cp -Z` stores them. */
  putObject(bucket: string, key: string, bytes: Uint8Array | string, options?: { contentEncoding?: 'gzip' }): { generation: string };
  deleteObject(bucket: string, key: string): void;
  /** Answer 403 to this client_email for everything in the bucket. */
  forbid(bucket: string, clientEmail: string): void;
  /** Answer the token grant for this client_email with 400 invalid_grant, as Google does for a deleted key. */
  revoke(clientEmail: string): void;
  /** Only this client_email gets tokens; others get invalid_grant. `undefined` lifts the restriction. */
  requireClientEmail(clientEmail: string | undefined): void;
  /** Verify grants from this client_email against this public key (done for you by `makeServiceAccountKey`). */
  trustKey(clientEmail: string, publicKey: KeyObject | string): void;
  /**
   * The next `count` storage requests fail: with an HTTP status (e.g. 503) before touching any data, `'reset'` by
   * dropping the connection unanswered, or `'truncate'` by dropping it halfway through the response body.
   */
  failNext(failure: number | 'reset' | 'truncate', count?: number): void;
  /** Send a wrong `x-goog-hash` on whole-object downloads, as a corrupted transfer would look. */
  corruptHashes(on: boolean): void;
  requests: {
    /** Storage API requests (token grants are not counted here). */
    readonly count: number;
    /** Token grants. */
    readonly tokens: number;
    log: FakeGcsRequest[];
    reset(): void;
  };
}

interface StoredObject {
  bytes: Buffer;
  contentEncoding?: 'gzip';
  generation: string;
  updated: Date;
}

/** Starts a fake GCS (storage JSON API plus token endpoint) on a free loopback port. */
export async function startFakeGcs(): Promise<FakeGcs> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const forbidden = new Map<string, Set<string>>();
  let failures: { failure: number | 'reset' | 'truncate'; count: number } | null = null;
  let corrupt = false;
  // Generations are microsecond timestamps in GCS; a counter keeps them unique and increasing within a test.
  let generation = Date.now() * 1000;
  const log: FakeGcsRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 500, message: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenUri = `${url}/token`;
  const auth = fakeTokenEndpoint(tokenUri);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const query = Object.fromEntries(parsed.searchParams);
    const entry: FakeGcsRequest = {
      kind: parsed.pathname === '/token' ? 'token' : 'storage',
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query,
      range: req.headers.range,
      status: 0,
    };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (entry.kind === 'token') return auth.handle(req, res);

    let truncate = false;
    if (failures && failures.count > 0) {
      failures.count--;
      if (failures.failure === 'reset') {
        req.socket.destroy();
        return;
      }
      if (failures.failure === 'truncate') truncate = true;
      else return gcsError(res, failures.failure, 'backendError', 'Backend Error');
    }
    if (truncate) {
      // Headers promise the whole body; the connection then drops, as a mid-transfer network failure looks.
      const write = res.end.bind(res) as (chunk: Buffer) => void;
      res.end = ((chunk?: unknown) => {
        if (!Buffer.isBuffer(chunk)) return write(chunk as Buffer);
        res.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => res.destroy());
        return res;
      }) as typeof res.end;
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const email = bearer === undefined ? undefined : auth.clientEmailOf(bearer);
    if (bearer === undefined) return gcsError(res, 401, 'required', 'Anonymous caller does not have storage.objects.list access to the Google Cloud Storage bucket.');
    if (!email) return gcsError(res, 401, 'authError', 'Invalid Credentials');

    // Object names may contain '/', which the client sends percent-encoded as %2F inside one path segment.
    const route = /^\/storage\/v1\/b\/([^/]+)(\/o(?:\/(.+))?)?$/.exec(parsed.pathname);
    if (req.method !== 'GET' || !route) return gcsError(res, 501, 'notImplemented', `fake-gcs does not serve ${req.method} ${parsed.pathname}`);
    const bucketName = decodeURIComponent(route[1]!);
    const isObjects = route[2] !== undefined;
    const objectName = route[3] === undefined ? undefined : decodeURIComponent(route[3]);

    const bucket = buckets.get(bucketName);
    if (!bucket) return gcsError(res, 404, 'notFound', 'The specified bucket does not exist.');
    if (forbidden.get(bucketName)?.has(email)) {
      const permission = objectName === undefined ? (isObjects ? 'storage.objects.list' : 'storage.buckets.get') : 'storage.objects.get';
      return gcsError(
        res,
        403,
        'forbidden',
        `${email} does not have ${permission} access to the Google Cloud Storage ${isObjects && objectName !== undefined ? 'object' : 'bucket'}. Permission '${permission}' denied on resource (or it may not exist).`,
      );
    }

    if (!isObjects) return json(res, 200, { kind: 'storage#bucket', id: bucketName, name: bucketName, location: 'US', storageClass: 'STANDARD' });
    if (objectName === undefined) return json(res, 200, listObjects(bucketName, bucket, query));

    const object = bucket.get(objectName);
    if (!object) return gcsError(res, 404, 'notFound', `No such object: ${bucketName}/${objectName}`);
    if (query.generation !== undefined && query.generation !== object.generation) {
      return gcsError(res, 404, 'notFound', `No such object: ${bucketName}/${objectName}#${query.generation}`);
    }
    if (query.alt !== 'media') return json(res, 200, metadata(bucketName, objectName, object));
    return media(req, res, object);
  }

  function listObjects(bucketName: string, bucket: Map<string, StoredObject>, query: Record<string, string>) {
    const prefix = query.prefix ?? '';
    const delimiter = query.delimiter ?? '';
    const max = Math.min(Number(query.maxResults ?? 1000) || 1000, 1000);
    // The page token is opaque to clients; here it is the last entry (name or prefix) already returned.
    const after = query.pageToken ? Buffer.from(query.pageToken, 'base64url').toString('utf8') : undefined;

    const items: object[] = [];
    const prefixes: string[] = [];
    let last: string | undefined;
    let more = false;
    for (const name of [...bucket.keys()].sort(byBytes)) {
      if (!name.startsWith(prefix)) continue;
      const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
      const entry = cut >= 0 ? name.slice(0, cut + delimiter.length) : name;
      if (entry === last) continue; // keys under one rolled-up prefix are contiguous in sorted order
      if (after !== undefined && byBytes(entry, after) <= 0) continue;
      // maxResults bounds items and prefixes together, as the documented API does.
      if (items.length + prefixes.length === max) {
        more = true;
        break;
      }
      if (cut >= 0) prefixes.push(entry);
      else items.push(metadata(bucketName, name, bucket.get(name)!));
      last = entry;
    }
    return {
      kind: 'storage#objects',
      ...(more ? { nextPageToken: Buffer.from(last!, 'utf8').toString('base64url') } : {}),
      ...(prefixes.length ? { prefixes } : {}),
      ...(items.length ? { items } : {}),
    };
  }

  function media(req: IncomingMessage, res: ServerResponse, object: StoredObject): void {
    const size = object.bytes.length;
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'x-goog-generation': object.generation,
      'x-goog-stored-content-encoding': object.contentEncoding ?? 'identity',
      'x-goog-stored-content-length': String(size),
      // GCS sends the whole object's hashes even on ranged reads; the client only checks them on whole downloads.
      'x-goog-hash': corrupt ? `crc32c=AAAAAA==,md5=${'A'.repeat(22)}==` : hashes(object.bytes),
    };
    if (object.contentEncoding === 'gzip') {
      // Range ignored, whole object with 200; as stored with Accept-Encoding: gzip, else decompressed without a length.
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(size) });
        res.end(object.bytes);
      } else {
        res.writeHead(200, headers);
        res.end(gunzipSync(object.bytes));
      }
      return;
    }
    const range = req.headers.range;
    if (!range) {
      res.writeHead(200, { ...headers, 'content-length': String(size) });
      res.end(object.bytes);
      return;
    }
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    if (!m || (m[1] === '' && m[2] === '')) {
      res.writeHead(200, { ...headers, 'content-length': String(size) });
      res.end(object.bytes);
      return;
    }
    let start: number;
    let end: number;
    if (m[1] === '') {
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
    if (start >= size || end < start) {
      res.setHeader('content-range', `bytes */${size}`);
      return gcsError(res, 416, 'requestedRangeNotSatisfiable', 'The requested range cannot be satisfied.');
    }
    const body = object.bytes.subarray(start, end + 1);
    res.writeHead(206, { ...headers, 'content-length': String(body.length), 'content-range': `bytes ${start}-${end}/${size}` });
    res.end(body);
  }

  const fake: FakeGcs = {
    url,
    tokenUri,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    createBucket(bucket) {
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
    },
    putObject(bucket, key, bytes, options = {}) {
      fake.createBucket(bucket);
      const object: StoredObject = { bytes: Buffer.from(bytes), contentEncoding: options.contentEncoding, generation: String(++generation), updated: new Date() };
      buckets.get(bucket)!.set(key, object);
      return { generation: object.generation };
    },
    deleteObject(bucket, key) {
      buckets.get(bucket)?.delete(key);
    },
    forbid(bucket, clientEmail) {
      if (!forbidden.has(bucket)) forbidden.set(bucket, new Set());
      forbidden.get(bucket)!.add(clientEmail);
    },
    revoke: auth.revoke,
    requireClientEmail: auth.requireClientEmail,
    trustKey: auth.trustKey,
    failNext(failure, count = 1) {
      failures = { failure, count };
    },
    corruptHashes(on) {
      corrupt = on;
    },
    requests: {
      get count() {
        return log.filter((r) => r.kind === 'storage').length;
      },
      get tokens() {
        return log.filter((r) => r.kind === 'token').length;
      },
      log,
      reset() {
        log.length = 0;
      },
    },
  };
  return fake;
}

function metadata(bucket: string, name: string, object: StoredObject) {
  return {
    kind: 'storage#object',
    id: `${bucket}/${name}/${object.generation}`,
    name,
    bucket,
    generation: object.generation,
    metageneration: '1',
    contentType: 'application/octet-stream',
    ...(object.contentEncoding ? { contentEncoding: object.contentEncoding } : {}),
    storageClass: 'STANDARD',
    size: String(object.bytes.length), // uint64 fields are JSON strings in the API
    md5Hash: createHash('md5').update(object.bytes).digest('base64'),
    crc32c: crc32cBase64(object.bytes),
    etag: `C${object.generation.slice(-8)}=`,
    timeCreated: object.updated.toISOString(),
    updated: object.updated.toISOString(),
  };
}

function hashes(bytes: Buffer): string {
  return `crc32c=${crc32cBase64(bytes)},md5=${createHash('md5').update(bytes).digest('base64')}`;
}

function gcsError(res: ServerResponse, status: number, reason: string, message: string): void {
  json(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }] } });
}

/** GCS orders names by their UTF-8 bytes, not by UTF-16 code units as `Array.prototype.sort` does. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

let crcTable: Uint32Array | undefined;
/** CRC32C (Castagnoli), big-endian, base64: the form of `x-goog-hash: crc32c=…`. */
function crc32cBase64(bytes: Uint8Array): string {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}
