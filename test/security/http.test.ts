/**
 * The HTTP edge against a real server: protocol mistakes, malformed and oversized bodies and unknown paths each
 * get a JSON answer in the GraphQL error shape with the client's code and status, never an HTML page or an
 * INTERNAL_SERVER_ERROR, and nothing of a malformed body reaches a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { MALFORMED_REQUESTS, MARKER, type MalformedRequest } from './corpus/malformed-bodies.js';
import { OVERSIZED_BODIES } from './corpus/oversized-bodies.js';

let inlet: TestInlet;
/** Everything written to stdout and stderr while a request is served (express's own handler writes there). */
const streams: string[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  inlet = await startInlet();
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      streams.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => void (stream.write = write));
  }
});
afterAll(async () => {
  restore.forEach((r) => r());
  await inlet?.close();
});

async function send(request: { method: string; path: string; body?: string | Buffer | Record<string, unknown>; headers?: Record<string, string>; authenticated?: boolean }) {
  const body = request.body === undefined || typeof request.body === 'string' || Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    ...(request.body !== undefined && typeof request.body === 'object' && !Buffer.isBuffer(request.body) ? { 'content-type': 'application/json' } : {}),
    ...(request.authenticated === false ? {} : { authorization: `Bearer ${inlet.adminKey}` }),
    ...request.headers,
  };
  const res = await fetch(`${inlet.url}${request.path}`, { method: request.method, headers, body: Buffer.isBuffer(body) ? new Uint8Array(body) : body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** The log lines (and stream writes) a block produced. */
async function loggedDuring<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const logsFrom = inlet.logs.length;
  const streamsFrom = streams.length;
  const value = await fn();
  return { value, lines: [...inlet.logs.slice(logsFrom), ...streams.slice(streamsFrom)] };
}

describe('protocol mistakes and unknown paths', () => {
  it.each(MALFORMED_REQUESTS.map((r) => [r.name, r] as const))('answers %s in JSON with the client’s code, logging no error', async (_name, request: MalformedRequest) => {
    const { value: answer, lines } = await loggedDuring(() => send(request));
    expect(answer.type).toMatch(/json/);
    const body = JSON.parse(answer.text);
    expect({ status: answer.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: request.status, code: request.code });
    expect(typeof body.errors[0].message).toBe('string');
    expect(lines.filter((l) => /"level":"error"|Error:|at .*\(/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });

  it('logs a malformed body by its size and hash only', async () => {
    const body = `{"query": "${MARKER}`;
    const { lines } = await loggedDuring(() => send({ method: 'POST', path: '/graphql', body, headers: { 'content-type': 'application/json' } }));
    const line = lines.find((l) => l.includes('malformed JSON body'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'warn', bytes: Buffer.byteLength(body), sha256: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  it('still serves the UI paths and GraphQL itself', async () => {
    expect((await inlet.ok(`{ viewer { isAdmin } }`)).viewer.isAdmin).toBe(true);
    const get = await send({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ viewer { isAdmin } }')}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(JSON.parse(get.text).data.viewer.isAdmin).toBe(true);
    expect((await send({ method: 'GET', path: '/healthz' })).status).toBe(200);
  });

  it('tells every cache to keep no GraphQL answer: each is private to its key', async () => {
    const res = await fetch(inlet.url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${inlet.adminKey}` }, body: JSON.stringify({ query: '{ viewer { isAdmin } }' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('oversized bodies', () => {
  it.each(OVERSIZED_BODIES.map((b) => [b.name, b] as const))('refuses %s, and the server answers the next request', async (_name, oversized) => {
    const { body, headers } = oversized.make();
    const { value: answer, lines } = await loggedDuring(() => send({ method: 'POST', path: '/graphql', body, headers }));
    expect(answer.type).toMatch(/json/);
    const parsed = JSON.parse(answer.text);
    expect({ status: answer.status, code: parsed.errors?.[0]?.extensions?.code }).toEqual({ status: oversized.status, code: oversized.code });
    if (oversized.limit) expect(parsed.errors[0].extensions.limit).toBe(oversized.limit);
    if (oversized.status === 413) expect(parsed.errors[0].message).toMatch(/larger than the limit of \d+ bytes/);
    expect(lines.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    expect((await inlet.ok(`{ viewer { isAdmin } }`)).viewer.isAdmin).toBe(true);
  });
});
