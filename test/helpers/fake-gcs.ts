/**
 * A stand-in for Google Cloud Storage, in process, for tests. It follows the documented JSON API
 * (https://cloud.google.com/storage/docs/json_api/v1/objects/list, https://cloud.google.com/storage/docs/json_api/v1/objects/get
 * with `alt=media` and `Range`, https://cloud.google.com/storage/docs/json_api/v1/buckets/get) and the OAuth2 token endpoint
 * that the service-account JWT-bearer grant posts to (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 *
 * Only the routes that `@google-cloud/storage` v7 calls for Inlet's reads are served; anything else answers 501 so a new
 * call shows up as a failing test rather than as silently wrong data.
 */
import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  putObject(bucket: string, key: string, bytes: Uint8Array | string): { generation: string };
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
  generation: string;
  updated: Date;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Starts a fake GCS (storage JSON API plus token endpoint) on a free loopback port. */
export async function startFakeGcs(): Promise<FakeGcs> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const forbidden = new Map<string, Set<string>>();
  const revoked = new Set<string>();
  const trusted = new Map<string, KeyObject>();
  const tokens = new Map<string, string>(); // access token → client_email
  let required: string | undefined;
  let failures: { failure: number | 'reset' | 'truncate'; count: number } | null = null;
  let corrupt = false;
  // Generations are microsecond timestamps in GCS; a counter keeps them unique and increasing within a test.
  let generation = Date.now() * 1000;
  let tokenSeq = 0;
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

    if (entry.kind === 'token') return token(req, res);

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
    const email = bearer === undefined ? undefined : tokens.get(bearer);
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
      'x-goog-stored-content-encoding': 'identity',
      'x-goog-stored-content-length': String(size),
      // GCS sends the whole object's hashes even on ranged reads; the client only checks them on whole downloads.
      'x-goog-hash': corrupt ? `crc32c=AAAAAA==,md5=${'A'.repeat(22)}==` : hashes(object.bytes),
    };
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

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request', error_description: 'POST only' });
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== JWT_BEARER) {
      return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
    }
    const assertion = form.get('assertion') ?? '';
    const [h, p, s] = assertion.split('.');
    let header: { alg?: string };
    let claims: { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(h!, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    } catch {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: malformed.' });
    }
    const now = Math.floor(Date.now() / 1000);
    if (header.alg !== 'RS256' || !claims.iss || !claims.scope || !claims.iat || !claims.exp) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: missing claims.' });
    }
    if (claims.aud !== tokenUri) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: audience is not this token endpoint.' });
    if (claims.exp - claims.iat > 3600 || Math.abs(claims.iat - now) > 300) {
      return json(res, 400, {
        error: 'invalid_grant',
        error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      });
    }
    const key = trusted.get(claims.iss);
    const signed = key && s ? verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')) : false;
    if (!signed || revoked.has(claims.iss)) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    if (required !== undefined && claims.iss !== required) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid grant: account not found' });

    const accessToken = `ya29.fake-${++tokenSeq}-${createHash('sha256').update(assertion).digest('hex').slice(0, 24)}`;
    tokens.set(accessToken, claims.iss);
    json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
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
    putObject(bucket, key, bytes) {
      fake.createBucket(bucket);
      const object = { bytes: Buffer.from(bytes), generation: String(++generation), updated: new Date() };
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
    revoke(clientEmail) {
      revoked.add(clientEmail);
    },
    requireClientEmail(clientEmail) {
      required = clientEmail;
    },
    trustKey(clientEmail, publicKey) {
      trusted.set(clientEmail, typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey);
    },
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

export interface ServiceAccountKeyFile {
  /** The key file text, as a user would paste it. */
  json: string;
  clientEmail: string;
  privateKeyPem: string;
}

/** A throwaway service-account key whose `token_uri` points at the fake, trusted by it. */
export function makeServiceAccountKey(fake: FakeGcs, options: { clientEmail?: string; projectId?: string } = {}): ServiceAccountKeyFile {
  const projectId = options.projectId ?? 'inlet-test';
  const clientEmail = options.clientEmail ?? `inlet-reader@${projectId}.iam.gserviceaccount.com`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  fake.trustKey(clientEmail, publicKey);
  const key = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: createHash('sha1').update(privateKeyPem).digest('hex'),
    private_key: privateKeyPem,
    client_email: clientEmail,
    client_id: '100000000000000000000',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: fake.tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    universe_domain: 'googleapis.com',
  };
  return { json: JSON.stringify(key, null, 2), clientEmail, privateKeyPem };
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

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
