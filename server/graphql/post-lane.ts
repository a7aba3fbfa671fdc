/**
 * `POST /graphql` with a plain JSON body, served straight from Node's HTTP server instead of through express.
 *
 * Every GraphQL request took express's whole path before Apollo saw it: the app's prototype swap and final handler,
 * the router matching each route in turn, six route handlers, body-parser (type-is, content-type, raw-body,
 * iconv-lite) and `res.send` (setCharset, mime lookups, freshness). On `{ viewer { isAdmin } }` that was about a
 * quarter of the server's CPU per request (issue 20; README "Audiences"). This lane does the same steps for the one
 * common shape of request, in the same order and with the same answers (`test/security/post-lane.test.ts` compares
 * them byte for byte with express's): the `no-store` header, the body read and parsed as body-parser's strict JSON
 * parser does (UTF-8, byte order mark dropped, an empty body is `{}`), the malformed-body answer and its log line,
 * the query-length refusal, then Apollo exactly as `@as-integrations/express5` calls it, and the answer written as
 * express's `res.send` writes it.
 *
 * Anything else goes to express as before (`take` answers false): another method or path (a query string
 * included), a content type other than `application/json` or `application/json; charset=utf-8`, a
 * `content-encoding`, a body without `content-length` or over the limit, and every request when statements are
 * counted (INLET_COUNT_SQL wraps the request in express).
 */
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type express from 'express';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '../log.js';
import { checkQueryLength, type QueryLimitError } from './limits.js';

/** The content types the lane reads: what body-parser's `application/json` type accepts, in its two usual spellings. */
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);

/**
 * The `content-type` Apollo sets on a complete answer, and what express's `res.send` turns it into (setCharset, then
 * mime-types' contentType: parameter names lower-cased and sorted). Another type is sent by express's own `send`.
 */
const SENT_TYPE: Record<string, string> = {
  'application/json; charset=utf-8': 'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8': 'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8': 'application/json; callbackspec=1.0; charset=utf-8',
};

/** Matches body-parser's strict check: the first character that is not JSON whitespace. */
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/** The answer to a query over the length limit (checkQueryLength), on both paths (app.ts's refuseLongQueries). */
export function queryTooLongAnswer(error: QueryLimitError): unknown {
  return { errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT', limit: error.limit } }] };
}

/** A malformed body is logged by its size and hash only, on both paths: it may hold anything, a key included. */
export function logMalformedBody(path: string, text: string): void {
  log.warn('malformed JSON body', { path, bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex').slice(0, 16) });
}

/** Requests the lane has taken in this process: the tests read it to know which path answered. */
export const postLaneStats = { taken: 0 };

export interface PostLaneOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** The express app: its `request` and `response` prototypes send an answer the lane has no shortcut for. */
  app: express.Express;
  /** Builds the GraphQL context from the request (the same function the express route gives Apollo). */
  context: (req: IncomingMessage) => Promise<TContext>;
  bodyLimitBytes: number;
}

/** The lane: `take(req, res)` serves the request and answers true, or answers false and leaves it to express. */
export function postLane<TContext extends BaseContext>(options: PostLaneOptions<TContext>): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { bodyLimitBytes } = options;
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/graphql') return false;
    const headers = req.headers;
    const type = headers['content-type'];
    if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
    if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    const declared = headers['content-length'];
    if (declared === undefined || !/^\d{1,10}$/.test(declared) || Number(declared) > bodyLimitBytes) return false;
    postLaneStats.taken++;
    // As the express route does first: every answer is private to its key.
    res.setHeader('cache-control', 'no-store');
    readBody(req, res, options);
    return true;
  };
}

function readBody<TContext extends BaseContext>(req: IncomingMessage, res: ServerResponse, options: PostLaneOptions<TContext>): void {
  const chunks: Buffer[] = [];
  let failed = false;
  // raw-body's answer to a request cut short (its socket is usually gone by then; the write is harmless).
  const fail = () => {
    if (failed) return;
    failed = true;
    sendError(res, 400, 'BAD_REQUEST', 'The request could not be read (request.aborted)');
  };
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('aborted', fail);
  req.on('error', fail);
  req.on('end', () => {
    if (failed) return;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    let text = bytes.toString('utf8');
    // iconv-lite, which body-parser decodes with, drops a byte order mark.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let body: unknown;
    try {
      body = parseStrict(text);
    } catch {
      // As app.ts's error handler answers body-parser's entity.parse.failed.
      logMalformedBody('/graphql', text);
      sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
      return;
    }
    serve(req, res, body, options).catch((error: unknown) => {
      log.error('request failed', { path: '/graphql', method: 'POST', message: (error as Error)?.message });
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error: the details are in the server log');
      else res.destroy();
    });
  });
}

/** body-parser's strict JSON: `{}` for an empty body, only an object or an array at the top. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1];
    if (first !== '{' && first !== '[') throw new SyntaxError('strict violation');
  }
  return JSON.parse(text);
}

async function serve<TContext extends BaseContext>(req: IncomingMessage, res: ServerResponse, body: unknown, options: PostLaneOptions<TContext>): Promise<void> {
  // app.ts's refuseLongQueries.
  const query = (body as { query?: unknown } | null)?.query;
  const tooLong = typeof query === 'string' ? checkQueryLength(query) : null;
  if (tooLong) {
    sendJson(res, 400, queryTooLongAnswer(tooLong));
    return;
  }
  // What @as-integrations/express5 hands Apollo: every header (lists joined), the method, no search, the body.
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: () => options.context(req),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    const sentType = SENT_TYPE[String(res.getHeader('content-type'))];
    if (sentType === undefined) return sendWithExpress(req, res, response.body.string, options.app);
    res.setHeader('Content-Type', sentType);
    res.setHeader('Content-Length', String(Buffer.byteLength(response.body.string)));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** An answer of a type the lane does not know what express makes of: express's own `send`, as its route would. */
function sendWithExpress(req: IncomingMessage, res: ServerResponse, text: string, app: express.Express): void {
  Object.setPrototypeOf(req, app.request);
  Object.setPrototypeOf(res, app.response);
  (req as unknown as { res: ServerResponse }).res = res;
  (res as unknown as { req: IncomingMessage }).req = req;
  (res as unknown as express.Response).send(text);
}

/** What express's `res.status(status).json(value)` writes. */
function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
}

/** app.ts's `sendError`: an error answer in the GraphQL shape. */
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}
