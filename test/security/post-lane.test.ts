/**
 * `POST /graphql` with a plain JSON body is served without express (server/graphql/post-lane.ts). Its answers must be
 * express's, byte for byte: each request here is sent twice, to `/graphql` (the lane) and to `/graphql?` (which the
 * lane leaves to express, whose router reads the same route), and the two answers compared: status, every header in
 * order and spelling (but the date), and the body. Requests the lane must leave to express are checked to reach it.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postLaneStats } from '../../server/graphql/post-lane.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { MARKER } from './corpus/malformed-bodies.js';

let inlet: TestInlet;
let eventsKey: string;

beforeAll(async () => {
  inlet = await startInlet();
  const { viewer } = await inlet.ok(`{ viewer { workspace { id } } }`);
  const created = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "events", scope: EVENTS) { key } }`, { w: viewer.workspace.id });
  eventsKey = created.createApiKey.key;
});
afterAll(async () => {
  await inlet?.close();
});

interface Sent {
  status: number;
  headers: string[];
  body: string;
}

/** One request on a connection of its own (so both paths answer `connection: close` alike). */
function send(path: string, body: string | Buffer, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const url = new URL(inlet.url);
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const kept: string[] = [];
        for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() !== 'date') kept.push(`${raw[i]}: ${raw[i + 1]}`);
        resolve({ status: res.statusCode!, headers: kept, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (key: string | null = null) => ({ 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) });
const admin = () => json(inlet.adminKey);
const withLength = (body: string | Buffer, headers: Record<string, string>) => ({ ...headers, 'content-length': String(Buffer.byteLength(body)) });

/** Each case: a body and its headers (content-length is added). The key is read when the case runs. */
const CASES: { name: string; body: string | Buffer; headers: () => Record<string, string> }[] = [
  { name: 'the smallest authenticated query', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: admin },
  { name: 'userSegments with a variable', body: JSON.stringify({ query: 'query($u: String!) { userSegments(userId: $u) { code name } }', variables: { u: 'u1' } }), headers: admin },
  { name: 'a named operation among two', body: JSON.stringify({ query: 'query A { viewer { isAdmin } } query B { viewer { apiKeyId } }', operationName: 'B' }), headers: admin },
  { name: 'text outside ASCII in a variable and the answer', body: JSON.stringify({ query: 'query($id: ID!) { connection(id: $id) { id } }', variables: { id: 'é✓😀' } }), headers: admin },
  { name: 'a mutation the service refuses (audited)', body: JSON.stringify({ query: 'mutation { createWorkspace(name: "  ") { id } }' }), headers: admin },
  { name: 'an argument with a control character', body: JSON.stringify({ query: 'query($id: ID!) { connection(id: $id) { id } }', variables: { id: 'a\u0000b' } }), headers: admin },
  { name: 'no key', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => json() },
  { name: 'an unknown key', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => json('inlet_nope') },
  { name: 'an events key', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => json(eventsKey) },
  { name: 'a malformed body with a marker', body: `{"query": "{ viewer { isAdmin } }", "variables": {"secret": "${MARKER}"`, headers: admin },
  { name: 'a body of blanks only', body: ' \n\t ', headers: admin },
  { name: 'an empty body', body: '', headers: admin },
  { name: 'a JSON string', body: '"{ viewer { isAdmin } }"', headers: admin },
  { name: 'a JSON array (batching is off)', body: '[{"query":"{ viewer { isAdmin } }"}]', headers: admin },
  { name: 'a body after blanks', body: '\r\n  {"query":"{ viewer { isAdmin } }"}', headers: admin },
  { name: 'a byte order mark', body: '\uFEFF{"query":"{ viewer { isAdmin } }"}', headers: admin },
  { name: 'bytes that are not UTF-8', body: Buffer.concat([Buffer.from('{"query":"{ viewer { isAdmin } }","variables":{"a":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]), headers: admin },
  { name: 'charset=UTF-8', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => ({ ...admin(), 'content-type': 'application/json; charset=UTF-8' }) },
  { name: 'a query text over the length limit', body: JSON.stringify({ query: `{ viewer { ${'isAdmin '.repeat(5_000)}} }` }), headers: admin },
  { name: 'a query over the depth limit', body: JSON.stringify({ query: '{ connections(first: 1) { edges { node { imports { connection { imports { connection { imports { connection { id } } } } } } } } } }' }), headers: admin },
  { name: 'a syntax error', body: JSON.stringify({ query: '{ viewer { isAdmin ' }), headers: admin },
  { name: 'an unknown field', body: JSON.stringify({ query: '{ viewer { nothing } }' }), headers: admin },
  { name: 'a variable of the wrong type', body: JSON.stringify({ query: 'query($id: ID!) { connection(id: $id) { id } }', variables: { id: { a: 1 } } }), headers: admin },
  { name: 'variables as a string', body: JSON.stringify({ query: '{ viewer { isAdmin } }', variables: '{}' }), headers: admin },
  { name: 'a persisted query Inlet does not have', body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }), headers: admin },
  { name: 'introspection (off by default)', body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }), headers: admin },
  { name: 'accept: application/graphql-response+json', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => ({ ...admin(), accept: 'application/graphql-response+json' }) },
  { name: 'accept: application/json; callbackSpec=1.0', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => ({ ...admin(), accept: 'application/json; callbackSpec=1.0' }) },
  { name: 'an accept header Apollo cannot answer', body: JSON.stringify({ query: '{ viewer { isAdmin } }' }), headers: () => ({ ...admin(), accept: 'text/csv' }) },
];

describe('POST /graphql without express', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('answers %s as express does', async (_name, c) => {
    const headers = withLength(c.body, c.headers());
    const taken = postLaneStats.taken;
    const lane = await send('/graphql', c.body, headers);
    expect(postLaneStats.taken, 'the lane took /graphql').toBe(taken + 1);
    const viaExpress = await send('/graphql?', c.body, headers);
    expect(postLaneStats.taken, 'express took /graphql?').toBe(taken + 1);
    expect(lane).toEqual(viaExpress);
    // Every answer says how to cache it: `no-store`, or Apollo's own for a persisted query it does not have.
    expect(lane.headers.some((h) => h.startsWith('cache-control: '))).toBe(true);
  });

  it('logs a malformed body by its size and hash only, as express did', async () => {
    const body = `{"query": "${MARKER}`;
    const from = inlet.logs.length;
    const answer = await send('/graphql', body, withLength(body, admin()));
    expect(answer.status).toBe(400);
    const lines = inlet.logs.slice(from);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'warn', msg: 'malformed JSON body', path: '/graphql', bytes: Buffer.byteLength(body), sha256: expect.stringMatching(/^[0-9a-f]{16}$/) })]);
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  it.each([
    ['a charset body-parser refuses', { 'content-type': 'application/json; charset=latin1' }],
    ['another content type', { 'content-type': 'text/plain' }],
    ['a +json content type', { 'content-type': 'application/graphql+json' }],
    ['a content-encoding, even identity', { 'content-type': 'application/json', 'content-encoding': 'identity' }],
    ['a chunked body', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }],
  ])('leaves %s to express', async (_name, headers) => {
    const body = JSON.stringify({ query: '{ viewer { isAdmin } }' });
    const all: Record<string, string> = { authorization: `Bearer ${inlet.adminKey}`, ...headers };
    if (!all['transfer-encoding']) all['content-length'] = String(Buffer.byteLength(body));
    const taken = postLaneStats.taken;
    const lane = await send('/graphql', body, all);
    expect(postLaneStats.taken).toBe(taken);
    expect(lane).toEqual(await send('/graphql?', body, all));
  });

  it('leaves a body over the limit to express, which refuses it before reading it', async () => {
    const body = JSON.stringify({ query: '{ viewer { isAdmin } }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const taken = postLaneStats.taken;
    const answer = await send('/graphql', body, withLength(body, admin()));
    expect(postLaneStats.taken).toBe(taken);
    expect(answer.status).toBe(413);
  });
});
