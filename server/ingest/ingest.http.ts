// POST /v1/events: the high-volume collection endpoint (HTTP, not GraphQL). It reads its own body, bounded on the
// wire and after gzip, so it never goes through the GraphQL body parser; it is the one route CORS opens to any origin.
import type express from 'express';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { bearer } from '../graphql/context.js';
import { log } from '../log.js';
import type { Services } from '../services.js';
import type { Principal } from '../workspaces/workspace.service.js';

export const EVENTS_PATH = '/v1/events';
export const MAX_EVENTS = 5000;
export const MAX_WIRE_BYTES = 5 * 1024 * 1024;
export const MAX_DECOMPRESSED_BYTES = 20 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '86400',
};

/** Mounts POST /v1/events (and its CORS preflight) on the app; call it before any body-parsing middleware. */
export function mountIngest(app: express.Express, services: Services): void {
  services.ingest.start();
  app.options(EVENTS_PATH, (_req, res) => void res.set(CORS).status(204).end());
  app.post(EVENTS_PATH, (req, res) => {
    res.set(CORS);
    handle(req, services).then(
      (body) => void res.status(200).json(body),
      (error) => {
        if (error instanceof HttpError) {
          res.set(error.headers).status(error.status).json({ error: error.message });
          return;
        }
        log.error('event ingestion failed', { error: String((error as Error)?.message ?? error) });
        res.status(500).json({ error: 'Internal server error: the details are in the server log' });
      },
    );
  });
  app.all(EVENTS_PATH, (_req, res) => void res.set({ ...CORS, Allow: 'POST, OPTIONS' }).status(405).json({ error: 'Use POST to send events' }));
}

async function handle(req: express.Request, services: Services) {
  const key = bearer(req.headers.authorization);
  if (!key) throw await drain(req, new HttpError(401, 'Send an events key or a workspace key as "Authorization: Bearer <key>"'));
  const principal = await services.workspaces.authenticate(key);
  if (!principal) throw await drain(req, new HttpError(401, 'The API key is unknown or has been revoked'));
  if (!['EVENTS', 'WORKSPACE', 'ADMIN'].includes(principal.scope)) throw await drain(req, new HttpError(403, 'This key may not send events'));
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const ndjson = type === 'application/x-ndjson' || type === 'application/ndjson';
  if (!ndjson && type !== 'application/json') throw await drain(req, new HttpError(415, 'Content-Type must be application/json (an array of events) or application/x-ndjson (one event a line)'));
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) throw await drain(req, new HttpError(415, 'Content-Encoding must be gzip or absent'));
  const busy = services.ingest.overloaded(principal.workspaceId);
  if (busy) throw await drain(req, new HttpError(429, busy.reason, { 'Retry-After': String(busy.retryAfter) }));

  const release = services.ingest.admit();
  try {
    return await decodeAndIngest(req, services, principal, encoding, ndjson);
  } finally {
    release();
  }
}

async function decodeAndIngest(req: express.Request, services: Services, principal: Principal, encoding: string, ndjson: boolean) {
  const wire = await readBody(req);
  let bytes = wire;
  if (encoding !== 'identity') {
    try {
      // maxOutputLength stops inflating at the limit: a gzip bomb never expands past it.
      bytes = await gunzipAsync(wire, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new HttpError(413, `The body decompresses to more than ${MAX_DECOMPRESSED_BYTES} bytes`);
      }
      throw new HttpError(400, 'The body is not valid gzip');
    }
  }
  // isUtf8 validates natively, far faster than a fatal TextDecoder; toString then cannot substitute characters.
  if (!isUtf8(bytes)) throw new HttpError(400, 'The body is not valid UTF-8');
  const text = bytes.toString('utf8');
  const events = ndjson ? parseNdjson(text) : parseArray(text);
  if (events.length > MAX_EVENTS) throw new HttpError(413, `More than ${MAX_EVENTS} events in one request: split the batch`);
  return services.ingest.ingest(principal, events);
}

/** Reads the body up to the wire limit; a larger body is refused as soon as it is known to be larger. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_WIRE_BYTES) return drain(req, new HttpError(413, `The body is larger than ${MAX_WIRE_BYTES} bytes`)).then((e) => Promise.reject(e));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_WIRE_BYTES) {
        done = true;
        chunks.length = 0;
        void drain(req, new HttpError(413, `The body is larger than ${MAX_WIRE_BYTES} bytes`)).then(reject);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => !done && ((done = true), resolve(Buffer.concat(chunks, size))));
    req.on('error', (error) => !done && ((done = true), reject(new HttpError(400, `The body could not be read: ${error.message}`))));
  });
}

/** Past this many dropped bytes a refused upload's connection is cut instead of read to its end. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a refused request before the answer goes out: a client still sending when the server
 * closes would see a connection reset instead of the error. An endless upload is cut at MAX_DRAIN_BYTES.
 */
function drain(req: IncomingMessage, error: HttpError): Promise<HttpError> {
  error.headers.Connection = 'close';
  if (req.readableEnded || req.complete) return Promise.resolve(error);
  return new Promise((resolve) => {
    let dropped = 0;
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > MAX_DRAIN_BYTES) {
        req.off('data', onData);
        req.socket.destroy();
        resolve(error);
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve(error));
    req.once('error', () => resolve(error));
    req.once('close', () => resolve(error));
    req.resume();
  });
}

function parseArray(text: string): unknown[] {
  let parsed: unknown;
  try {
    // JSON.parse makes "__proto__" an ordinary own key (never a prototype); validation then refuses it by name.
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (!Array.isArray(parsed)) throw new HttpError(400, 'An application/json body must be an array of events');
  return parsed;
}

/** One event a line; a line that is not JSON is that event's refusal, unless no line parses at all. */
function parseNdjson(text: string): unknown[] {
  const out: unknown[] = [];
  let parsedAny = false;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    if (out.length >= MAX_EVENTS) {
      out.length = MAX_EVENTS + 1;
      break;
    }
    try {
      out.push(JSON.parse(line));
      parsedAny = true;
    } catch {
      out.push(INVALID_LINE);
    }
  }
  if (out.length && !parsedAny) throw new HttpError(400, 'No line of the application/x-ndjson body is valid JSON');
  return out;
}

/** Marks an NDJSON line that is not JSON; validation refuses it as "not a JSON object" at its index. */
const INVALID_LINE = Symbol('invalid line');
