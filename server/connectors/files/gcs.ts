import type { Bucket, StorageOptions } from '@google-cloud/storage';
import { Transform, type Readable } from 'node:stream';
import { SourceError } from '../errors.js';
import { explainTokenGrantError, readServiceAccountKey, ServiceAccountTokens, TokenGrantError, type KeyWording, type ScrubLimits, type ServiceAccountKey } from '../google-auth.js';
import { findPrivateAddressError, installGoogleCloudAgents, type EgressAgents } from '../net/agents.js';
import { networkFailure } from '../net/network-errors.js';
import { locationOf, type IoStats, type ListPage, type ObjectInfo, type ObjectStore } from './object-store.js';

export interface GcsStoreOptions {
  bucket: string;
  /** The service-account key file text (JSON), as downloaded from the Cloud console. */
  serviceAccountKey: string;
  /** Another GCS-compatible server (an emulator or a test stand-in); the key's `token_uri` is then honoured as given. */
  endpoint?: string | null;
  /** A download that receives nothing for this long while its reader is waiting fails as transient (default 60 s). */
  stallTimeoutMs?: number;
  /**
   * The agents every connection goes through (net/agents.ts `safeAgents`): they refuse private addresses at connect
   * time, the targets of the storage client's redirects included (its HTTP layer follows them and has no option not to).
   */
  egress: EgressAgents;
}

// Inlet only reads: a token that cannot write or delete limits the damage if it ever leaks.
const READ_ONLY_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_only';
const LIST_FIELDS = 'items(name,size,generation,updated),prefixes,nextPageToken';

/** A GCS bucket as an ObjectStore, authenticated only by the given service-account key (never by ambient credentials). */
export function createGcsStore(options: GcsStoreOptions): ObjectStore {
  const endpoint = options.endpoint || undefined;
  const key = parseServiceAccountKey(options.serviceAccountKey, { trustTokenUri: Boolean(endpoint) });
  const tokens = new ServiceAccountTokens(key, READ_ONLY_SCOPE, options.egress);
  const stats: IoStats = { requests: 0, bytesRead: 0 };
  const where = (objectKey = '') => locationOf({ scheme: 'gs', bucket: options.bucket }, objectKey);
  const explain = (error: unknown, what: string, objectKey: string, generation?: string) => {
    if ((error as { code?: unknown }).code === 401) tokens.forget();
    return explainGcsError(error, what, where(objectKey), key.clientEmail, generation);
  };

  // The client library is big and loaded on first use: a server without GCS connections never loads it.
  let opened: Promise<Bucket> | null = null;
  const bucketOf = (): Promise<Bucket> => (opened ??= openBucket());
  async function openBucket(): Promise<Bucket> {
    const { Storage } = await import('@google-cloud/storage');
    installGoogleCloudAgents('@google-cloud/storage', options.egress);
    const storage = new Storage({
      // The storage client's own key handling posts the JWT grant to a hard-coded Google URL (gtoken ignores the key's
      // token_uri) and retries it; signing the grant here keeps it to one request to the endpoint the key names.
      authClient: tokens as unknown as StorageOptions['authClient'],
      projectId: key.projectId,
      apiEndpoint: endpoint,
      // The client skips authentication entirely for a custom endpoint unless told otherwise.
      useAuthWithCustomEndpoint: true,
      // Inlet's run engine retries with its own backoff; a second layer of retries here would hide outages for minutes
      // and multiply the requests a failing run costs.
      retryOptions: { autoRetry: false, maxRetries: 0 },
      // Per request, up to the response headers for downloads (the body of a long stream is not cut off).
      timeout: 60_000,
    });
    return storage.bucket(options.bucket);
  }

  const stallMs = options.stallTimeoutMs ?? 60_000;

  /** Starts a download and resolves once GCS has answered 2xx, so HTTP errors reject here instead of mid-stream. */
  async function open(objectKey: string, range?: { start: number; end: number }, generation?: string): Promise<{ body: Readable; status: number }> {
    stats.requests++;
    const location = where(objectKey);
    // Raw stored bytes (the client asks with Accept-Encoding: gzip, so a gzip-encoded object arrives compressed and
    // the format detects it by its magic bytes): ranges address the stored object, and listed sizes are stored sizes.
    // The generation seen when listing pins every request of a file to one version: an overwrite between the
    // requests of a Parquet read (footer, then column chunks) answers 404 instead of mixing two files' bytes.
    const source = (await bucketOf())
      .file(objectKey, pinnedGeneration(generation))
      .createReadStream(range ? { start: range.start, end: range.end, decompress: false, validation: false } : { decompress: false });
    let expected: number | undefined;
    let received = 0;
    let lastData = Date.now();
    const body = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        stats.bytesRead += chunk.length;
        lastData = Date.now();
        done(null, chunk);
      },
      flush(done) {
        if (expected !== undefined && received < expected) {
          done(new SourceError('transient', `The download of ${location} was cut off after ${received} of ${expected} bytes`));
        } else done();
      },
    });
    // The client's HTTP layer (node-fetch 2 under teeny-request) neither ends nor fails a Content-Length body whose
    // connection drops mid-transfer, so without this a lost connection would hang a run forever.
    const watchdog = setInterval(
      () => {
        // A paused source means the reader is slow, not GCS: that is not a stall.
        if (source.isPaused() || body.writableNeedDrain) lastData = Date.now();
        else if (Date.now() - lastData >= stallMs) {
          body.destroy(new SourceError('transient', `GCS stopped sending ${location} for ${Math.round(stallMs / 1000)}s`));
        }
      },
      Math.max(10, Math.min(stallMs / 4, 5_000)),
    );
    watchdog.unref();
    source.on('error', (error) => body.destroy(explain(error, 'reading', objectKey, generation)));
    body.on('close', () => {
      clearInterval(watchdog);
      source.destroy();
    });
    const status = new Promise<number>((resolve, reject) => {
      source.once('response', (response: { statusCode?: number; headers?: Record<string, string> }) => {
        const code = response.statusCode ?? 0;
        const length = Number(response.headers?.['content-length'] ?? NaN);
        if (Number.isSafeInteger(length)) expected = length;
        // For an error status the client reads the error body and then destroys the stream: wait for that.
        if (code >= 200 && code < 300) resolve(code);
      });
      body.once('error', reject);
      // Settles nothing if the status already resolved; otherwise a stream that ends unanswered would hang the caller.
      body.once('close', () => reject(new SourceError('transient', `GCS closed the download of ${location} before answering`)));
    });
    source.pipe(body);
    return { body, status: await status };
  }

  return {
    scheme: 'gs',
    bucket: options.bucket,
    stats,
    async list(prefix, { delimiter, token, maxKeys } = {}): Promise<ListPage> {
      stats.requests++;
      let response: RawListResponse;
      try {
        const [, , raw] = await (await bucketOf()).getFiles({
          prefix: prefix || undefined,
          delimiter,
          pageToken: token,
          maxResults: maxKeys,
          autoPaginate: false,
          // Only what a listing needs: a full object resource is ~1 KB, which adds up over 1000 keys a page.
          fields: LIST_FIELDS,
        });
        response = (raw ?? {}) as RawListResponse;
      } catch (error) {
        throw explain(error, 'listing', prefix);
      }
      return {
        objects: (response.items ?? []).map(
          (o): ObjectInfo => ({
            key: o.name,
            size: Number(o.size ?? 0),
            version: o.generation === undefined ? undefined : String(o.generation),
            lastModified: o.updated ? new Date(o.updated) : undefined,
          }),
        ),
        prefixes: response.prefixes ?? [],
        nextToken: response.nextPageToken || undefined,
      };
    },
    async readRange(objectKey, start, end, version) {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
        throw new SourceError('internal', `Invalid byte range ${start}-${end} reading ${where(objectKey)}`);
      }
      const want = end - start + 1;
      const { body, status } = await open(objectKey, { start, end }, version);
      // A 200 means the server ignored the Range header and is sending the object from byte 0 (GCS does so for
      // objects stored with Content-Encoding: gzip).
      const skip = status === 206 ? 0 : start;
      const chunks: Buffer[] = [];
      let received = 0;
      let kept = 0;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        // A whole object served for a range is read to its end, keeping only the range: cutting a download short
        // makes the storage client destroy its HTTP agent (file.js onComplete, a node-fetch 2 workaround), which
        // resets every other GCS download in flight on the shared egress agent. The cost: a sample of a
        // gzip-encoded object downloads it whole once.
        if (status === 206 && received >= want) break;
        const from = Math.max(0, skip - received);
        const to = Math.min(chunk.length, skip + want - received);
        if (to > from) {
          chunks.push(chunk.subarray(from, to));
          kept += to - from;
        }
        received += chunk.length;
      }
      const bytes = Buffer.concat(chunks, kept);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    },
    async readStream(objectKey, version) {
      return (await open(objectKey, undefined, version)).body;
    },
  };
}

/** `{ generation }` for a listed GCS generation (a decimal integer below 2^53: microseconds since 1970), else none. */
function pinnedGeneration(version: string | undefined): { generation: number } | undefined {
  if (version === undefined || !/^\d{1,16}$/.test(version)) return undefined;
  const generation = Number(version);
  return Number.isSafeInteger(generation) && generation > 0 ? { generation } : undefined;
}

interface RawListResponse {
  items?: { name: string; size?: string | number; generation?: string | number; updated?: string }[];
  prefixes?: string[];
  nextPageToken?: string;
}

/** How GCS words a refused key (a key without a `type` is accepted here; BigQuery words its refusals differently). */
const KEY_WORDING: KeyWording = {
  key: 'The GCS service account key',
  field: (name) => (name === 'token_uri' ? "The GCS service account key's token_uri" : `The ${name} in the GCS service account key`),
  wrongType: (type) => `The GCS key has type "${type}", not "service_account": create a key for a service account`,
};

/** Reads a service-account key file; a refused key is a user error that says which field is wrong, never quoting the key. */
export function parseServiceAccountKey(text: string, { trustTokenUri = false } = {}): ServiceAccountKey {
  const key = readServiceAccountKey(text, { trustTokenUri, wording: KEY_WORDING });
  if ('error' in key) throw new SourceError('user', key.error);
  return key;
}

/** How much of a token endpoint's error description GCS messages keep (less than BigQuery's). */
const DESCRIPTION_LIMITS: ScrubLimits = { run: 32, length: 200 };

/** Maps GCS and token-endpoint failures to messages a person can act on. Never includes credential values. */
export function explainGcsError(error: unknown, what: string, location: string, clientEmail: string, generation?: string): SourceError {
  if (error instanceof SourceError) return error;
  const bucketLocation = location.split('/').slice(0, 3).join('/');
  const rejected = (detail: string) =>
    new SourceError('auth', `GCS rejected the service account key for ${clientEmail} (${detail}) ${what} ${location}: check that the key is current and not revoked`);

  if (error instanceof TokenGrantError) return explainTokenGrantError(error, `${what} ${location}`, rejected, DESCRIPTION_LIMITS);
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to GCS ${what} ${location}: ${refused.message}`);

  const e = error as { code?: unknown; errors?: { reason?: string }[]; message?: string; type?: string; name?: string };
  const status = typeof e.code === 'number' ? e.code : 0;
  // Errors from JSON requests carry the parsed reason; on downloads the client leaves the raw error body in `message`.
  const body = errorBody(e);

  if (status === 401) return rejected(body.reason ?? 'HTTP 401');
  if (status === 403) {
    return new SourceError('auth', `Access denied ${what} ${location}: grant the service account ${clientEmail} roles/storage.objectViewer on the bucket`);
  }
  if (status === 404) {
    if (what === 'listing' || /bucket does not exist/i.test(body.message ?? '')) {
      return new SourceError('not-found', `Bucket ${bucketLocation} does not exist: check the bucket name`);
    }
    // A read pinned to the listed generation finds it gone once the object is overwritten (or deleted).
    if (generation !== undefined) {
      return new SourceError('not-found', `${location} changed while it was read (generation ${generation} was replaced or deleted); the next run reads the new version`);
    }
    return new SourceError('not-found', `${location} no longer exists: it was deleted after it was listed`);
  }
  if (status === 416) return new SourceError('not-found', `${location} is shorter than the range asked for: it changed after it was listed`);
  if (status === 408 || status === 429 || status >= 500) return new SourceError('transient', `GCS answered ${status} ${what} ${location}`);
  if (status === 400) return new SourceError('user', `GCS refused ${what} ${location} (${body.reason ?? 'bad request'}): check the bucket name`);

  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'CONTENT_DOWNLOAD_MISMATCH') return new SourceError('transient', `The download of ${location} failed its checksum`);
  const network = networkFailure(error);
  if (network) return new SourceError('transient', `Could not reach GCS ${what} ${location} (${network})`);
  return new SourceError('internal', `GCS failed ${what} ${location}: ${code || e.name || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}

function errorBody(e: { errors?: { reason?: string }[]; message?: string }): { reason?: string; message?: string } {
  const reason = e.errors?.find((x) => x.reason)?.reason;
  if (reason) return { reason, message: e.message };
  try {
    const parsed = JSON.parse(e.message ?? '') as { error?: { message?: string; errors?: { reason?: string }[] } };
    return { reason: parsed.error?.errors?.[0]?.reason, message: parsed.error?.message };
  } catch {
    return { message: e.message };
  }
}
