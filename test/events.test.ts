// First-party events through the public API: POST /v1/events over real HTTP, GraphQL over HTTP and graphql-ws, a real
// SQLite or PostgreSQL database, a real S3-protocol server for the IDENTITY import. Nothing is mocked.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server/build.js';
import type { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { eventually, startInlet, subscribe, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';
import { natsReachable } from './helpers/nats.js';

let inlet: TestInlet;
let workspaceId: string;
let eventsKey: string;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a body to /v1/events; `body` may be events (sent as a JSON array), a string or bytes. */
async function send(body: unknown, opts: { key?: string | null; type?: string; gzip?: boolean; headers?: Record<string, string>; url?: string } = {}): Promise<Answer> {
  let raw: string | Buffer = typeof body === 'string' || Buffer.isBuffer(body) ? (body as string | Buffer) : JSON.stringify(body);
  if (opts.gzip) raw = gzipSync(raw);
  const key = opts.key === undefined ? eventsKey : opts.key;
  const res = await fetch(`${opts.url ?? inlet.url}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.type ?? 'application/json',
      ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...opts.headers,
    },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

const ev = (over: Record<string, unknown> = {}) => ({ event_id: randomUUID(), type: 'Pageview', user_id: 'u-1', properties: { client: { url: 'https://example.com/' }, amount: 12.5 }, ...over });
const logCount = () => inlet.server.services.ingest.log.count(workspaceId);

async function createKey(scope: string, name = `k-${scope}`) {
  const { createApiKey } = await inlet.ok(
    `mutation($w: ID!, $n: String!, $s: ApiKeyScope) { createApiKey(workspaceId: $w, name: $n, scope: $s) { key apiKey { id scope } } }`,
    { w: workspaceId, n: name, s: scope },
  );
  return createApiKey;
}

beforeAll(async () => {
  inlet = await startInlet();
  workspaceId = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  const created = await createKey('EVENTS');
  expect(created.apiKey.scope).toBe('EVENTS');
  eventsKey = created.key;
});

afterAll(async () => {
  await inlet?.close();
});

describe('keys', () => {
  it('an events key sends events; GraphQL refuses it with FORBIDDEN; workspace and admin keys may send events too', async () => {
    const refused = await inlet.gql('{ viewer { isAdmin } }', {}, eventsKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/events key/);
    expect((await send([ev()])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const workspaceKey = (await createKey('WORKSPACE')).key;
    expect((await send([ev()], { key: workspaceKey })).status).toBe(200);
    expect((await send([ev()], { key: inlet.adminKey })).status).toBe(200);
    const keys = (await inlet.ok('{ apiKeys { name scope isAdmin } }')).apiKeys;
    expect(keys.find((k: any) => k.name === 'admin (INLET_API_KEY)' || k.isAdmin).scope).toBe('ADMIN');
  });

  it('no key, an unknown key and a revoked key get 401 with a JSON body', async () => {
    expect(await send([ev()], { key: null })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/Bearer/) } });
    expect(await send([ev()], { key: 'inlet_nope' })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/unknown or has been revoked/) } });
    const { key, apiKey } = await createKey('EVENTS', 'to revoke');
    expect((await send([ev()], { key })).status).toBe(200);
    await inlet.ok('mutation($id: ID!) { revokeApiKey(id: $id) }', { id: apiKey.id });
    expect((await send([ev()], { key })).status).toBe(401);
  });

  it('a workspace key cannot create an ADMIN key', async () => {
    const workspaceKey = (await createKey('WORKSPACE', 'ws')).key;
    const result = await inlet.gql(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "x", scope: ADMIN) { key } }`, { w: workspaceId }, workspaceKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('POST /v1/events', () => {
  it('keeps the good events of a batch and names index, field and reason of each refused one', async () => {
    const before = await logCount();
    const good1 = ev();
    const good2 = ev({ event_id: undefined, time: '2026-01-01T10:00:00+02:00', session_id: 's-1', view_id: 'v-1', aliases: [{ tag: 'email_sha256', id: 'abc', priority: 1 }] });
    const badId = randomUUID();
    const answer = await send([
      good1,
      { ...ev({ event_id: badId }), type: '9bad' },
      good2,
      ev({ user_id: '' }),
      ev({ time: new Date(Date.now() + 2 * 3600_000).toISOString() }),
      ev({ time: 'yesterday' }),
      ev({ event_id: 'not-a-uuid' }),
      ev({ properties: [1, 2] }),
      ev({ aliases: [{ tag: 'Email', id: 'x' }] }),
      ev({ extra: 1 }),
      'a string',
      ev({ session_id: 'x'.repeat(257) }),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.rejected.map((r: any) => [r.index, r.field])).toEqual([
      [1, 'type'], [3, 'user_id'], [4, 'time'], [5, 'time'], [6, 'event_id'], [7, 'properties'], [8, 'aliases.0.tag'], [9, 'extra'], [10, ''], [11, 'session_id'],
    ]);
    expect(answer.body.rejected[0]).toEqual({ index: 1, event_id: badId, field: 'type', reason: expect.stringMatching(/\^\[A-Za-z\]/) });
    expect(answer.body.rejected[2].reason).toMatch(/more than 1 hour in the future/);
    expect(await logCount()).toBe(before + 2);
    const recent = (await inlet.ok(`{ recentEvents(userId: "u-1", limit: 2) }`)).recentEvents;
    const stored = recent.find((e: any) => e.session_id === 's-1');
    expect(stored).toMatchObject({ type: 'Pageview', user_id: 'u-1', time: '2026-01-01T08:00:00.000Z', view_id: 'v-1', workspace_id: workspaceId, aliases: [{ tag: 'email_sha256', id: 'abc', priority: 1 }] });
    expect(stored.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(stored.received_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('NDJSON, gzip, and a line that is not JSON refused at its index', async () => {
    const lines = [JSON.stringify(ev({ type: 'Nd' })), '{oops', JSON.stringify(ev({ type: 'Nd' })), ''].join('\n');
    const answer = await send(lines, { type: 'application/x-ndjson', gzip: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: [{ index: 1, field: '', reason: 'the line is not valid JSON' }] });
    expect((await send([ev()], { gzip: true, type: 'application/json; charset=utf-8' })).body.accepted).toBe(1);
  });

  it('refuses unparsable bodies with 400, a wrong content type with 415, each with a JSON message', async () => {
    expect(await send('[{"type":', {})).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not valid JSON/) } });
    expect(await send('{"type":"A"}', {})).toMatchObject({ status: 400, body: { error: expect.stringMatching(/must be an array/) } });
    expect(await send('{oops\n[', { type: 'application/x-ndjson' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/No line/) } });
    expect(await send(Buffer.from('not gzip at all'), { headers: { 'content-encoding': 'gzip' } })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not valid gzip/) } });
    const badUtf8 = Buffer.concat([Buffer.from('[{"type":"A","user_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    expect(await send(badUtf8)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/UTF-8/) } });
    expect(await send('[]', { type: 'text/plain' })).toMatchObject({ status: 415, body: { error: expect.stringMatching(/Content-Type/) } });
    expect(await send('[]', { headers: { 'content-encoding': 'br' } })).toMatchObject({ status: 415 });
    expect((await send('[]')).body).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('limits: 5,000 events, 5 MB on the wire, 20 MB decompressed (a gzip bomb stops at the limit)', async () => {
    // 100 MB of spaces compresses to about 450 KB; the server must stop inflating at 20 MB. (Made first: a pause of
    // seconds between requests would let the server close the idle keep-alive socket under the client.)
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 1 });
    const before = await logCount();
    const many = Array.from({ length: 5001 }, () => ({ type: 'Tiny', user_id: 'u' }));
    expect(await send(many)).toMatchObject({ status: 413, body: { error: expect.stringMatching(/5000 events/) } });
    expect(await send(many.map((e) => JSON.stringify(e)).join('\n'), { type: 'application/x-ndjson' })).toMatchObject({ status: 413 });
    expect((await send(many.slice(0, 5000))).body.accepted).toBe(5000);
    const wire = JSON.stringify([ev({ properties: { pad: 'x'.repeat(5 * 1024 * 1024) } })]);
    expect(await send(wire)).toMatchObject({ status: 413, body: { error: expect.stringMatching(/larger than 5242880 bytes/) } });
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    expect(await send(bomb, { headers: { 'content-encoding': 'gzip' } })).toMatchObject({ status: 413, body: { error: expect.stringMatching(/decompresses to more than/) } });
    // Same process: had the bomb been inflated, 100 MB would have been allocated.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(60 * 1024 * 1024);
    expect(await logCount()).toBe(before + 5000);
  });

  it('per-event limits: properties size, nesting, array length, aliases, huge strings', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 8; i++) deep = { d: deep };
    let ok: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 6; i++) ok = { d: ok };
    const answer = await send([
      ev({ properties: { big: 'x'.repeat(960 * 1024) } }),
      ev({ properties: deep }),
      ev({ properties: { list: Array.from({ length: 1001 }, (_, i) => i) } }),
      ev({ aliases: Array.from({ length: 21 }, (_, i) => ({ tag: 't', id: String(i) })) }),
      ev({ user_id: 'u'.repeat(257) }),
      ev({ type: 'T'.repeat(65) }),
      ev({ properties: ok }),
      ev({ properties: { list: Array.from({ length: 1000 }, (_, i) => i) }, aliases: Array.from({ length: 20 }, (_, i) => ({ tag: 't', id: String(i) })) }),
    ]);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.rejected.map((r: any) => [r.index, r.field])).toEqual([
      [0, 'properties'], [1, 'properties.d.d.d.d.d.d.d.d'], [2, 'properties.list'], [3, 'aliases'], [4, 'user_id'], [5, 'type'],
    ]);
    expect(answer.body.rejected[0].reason).toMatch(/at most 972800/);
    expect(answer.body.rejected[1].reason).toMatch(/deeper than 8/);
  });

  it('a deeply nested body and __proto__ keys: clear answers, no prototype reached, the server stays responsive', async () => {
    const nested = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const deep = await send(nested);
    expect([200, 400]).toContain(deep.status);
    if (deep.status === 200) expect(deep.body.rejected[0]).toMatchObject({ index: 0, reason: 'an event must be a JSON object' });
    const proto = await send('[{"type":"P","user_id":"u","properties":{"__proto__":{"polluted":true}}},{"type":"P","user_id":"u","__proto__":{"polluted":true}},{"type":"P","user_id":"u","properties":{"a":{"__proto__":{"x":1}}}}]');
    expect(proto.status).toBe(200);
    expect(proto.body.rejected.map((r: any) => r.field)).toEqual(['properties.__proto__', '__proto__', 'properties.a.__proto__']);
    expect(({} as any).polluted).toBeUndefined();
    expect((await inlet.ok('{ viewer { isAdmin } }')).viewer.isAdmin).toBe(true);
  });

  it('CORS: this route answers preflights from any origin; GraphQL does not', async () => {
    const pre = await fetch(`${inlet.url}/v1/events`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const post = await send([ev()], { headers: { origin: 'https://shop.example' } });
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
    const gqlPre = await fetch(`${inlet.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(gqlPre.headers.get('access-control-allow-origin')).toBeNull();
    const wrong = await fetch(`${inlet.url}/v1/events`);
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual({ error: 'Use POST to send events' });
  });

  it('a resent batch stores no event twice, and the answer says which were duplicates', async () => {
    const batch = Array.from({ length: 50 }, () => ev({ type: 'Retry' }));
    const before = await logCount();
    expect((await send(batch)).body).toEqual({ accepted: 50, duplicates: 0, rejected: [] });
    expect((await send(batch)).body).toEqual({ accepted: 50, duplicates: 50, rejected: [] });
    // Upper-case ids are the same UUIDs; an id twice in one batch is one event.
    const again = [{ ...batch[0]!, event_id: batch[0]!.event_id.toUpperCase() }, ev({ event_id: batch[1]!.event_id }), ev({ type: 'Retry', event_id: batch[2]!.event_id })];
    const fresh = ev({ type: 'Retry' });
    expect((await send([...again, fresh, fresh])).body).toEqual({ accepted: 5, duplicates: 4, rejected: [] });
    expect(await logCount()).toBe(before + 51);
  });

  it('429 with Retry-After when a consumer of the log is over the backlog limit', async () => {
    const other = await startInlet({ INLET_EVENT_BACKLOG_LIMIT: '3' });
    try {
      const ws = (await other.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      // The routing consumer does not exist yet: a consumer that took nothing stands in for a destination that is down.
      await other.server.services.ingest.log.commit('test-destination', ws, 0);
      expect((await send(Array.from({ length: 5 }, () => ev()), { url: other.url, key: other.adminKey })).status).toBe(200);
      await eventually(async () => other.server.services.ingest.overloaded(ws) !== null, 10_000, 'the backlog to be measured');
      const refused = await send([ev()], { url: other.url, key: other.adminKey });
      expect(refused).toMatchObject({ status: 429, body: { error: expect.stringMatching(/backlog/) } });
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await other.server.services.ingest.log.oldestUntakenAgeMs('test-destination', ws)).toBeGreaterThanOrEqual(0);
      const taken = await other.server.services.ingest.log.read(ws, 0, 100);
      expect(taken.map((e) => e.position)).toEqual([...taken.map((e) => e.position)].sort((a, b) => a - b));
      await other.server.services.ingest.log.commit('test-destination', ws, taken[taken.length - 1]!.position);
      expect(await other.server.services.ingest.log.oldestUntakenAgeMs('test-destination', ws)).toBeNull();
      await eventually(async () => other.server.services.ingest.overloaded(ws) === null, 10_000, 'the backlog to drain');
      expect((await send([ev()], { url: other.url, key: other.adminKey })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('429 with Retry-After while too many requests are in flight (INLET_EVENT_MAX_IN_FLIGHT)', async () => {
    const other = await startInlet({ INLET_EVENT_MAX_IN_FLIGHT: '0' });
    try {
      const refused = await send([ev()], { url: other.url, key: other.adminKey });
      expect(refused).toMatchObject({ status: 429, body: { error: 'Too many event batches are being received at once: retry later' } });
      expect(refused.headers.get('retry-after')).toBe('1');
    } finally {
      await other.close();
    }
  });

  it('retention purges events older than INLET_EVENT_RETENTION, keeping what a consumer has not taken', async () => {
    const other = await startInlet({ INLET_EVENT_RETENTION: '1h' });
    try {
      const ws = (await other.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const log = other.server.services.ingest.log;
      expect((await send(Array.from({ length: 20 }, () => ev()), { url: other.url, key: other.adminKey })).status).toBe(200);
      const [first] = await log.read(ws, 0, 1);
      await log.commit('slow', ws, first!.position + 4);
      await other.server.services.ingest.purge(Date.now() + 2 * 3600_000);
      expect(await log.count(ws)).toBe(15);
      await log.commit('slow', ws, first!.position + 100);
      await other.server.services.ingest.purge(Date.now() + 2 * 3600_000);
      expect(await log.count(ws)).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('retention purge as a job', () => {
  it('two servers tick the same purge slot: one purge job runs, and it purges', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-events-purge-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
    // An hour-long interval keeps the servers' own timers out of the slot the test ticks (two hours ahead).
    const env = { INLET_EVENT_RETENTION: '1h', INLET_EVENT_PURGE_INTERVAL_MS: '3600000' };
    const a = await startInlet(env, { dataDir, schema, adminKey });
    const b = await startInlet(env, { dataDir, schema, adminKey });
    try {
      const ws = (await a.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      expect((await send(Array.from({ length: 30 }, () => ev()), { url: a.url, key: adminKey })).status).toBe(200);
      // A minute into the hour slot two hours ahead, so that the late tick below (a minute later) is in the same slot
      // whatever the clock says now (Date.now() + 2 h failed when the test ran in the last minute of an hour).
      const at = (Math.floor(Date.now() / 3600_000) + 2) * 3600_000 + 60_000;
      const queued = await Promise.all([a.server.services.ingest.schedulePurge(at), b.server.services.ingest.schedulePurge(at)]);
      expect(queued.filter(Boolean)).toHaveLength(1);
      await Promise.all([a.server.services.jobs.idle(), b.server.services.jobs.idle()]);
      // A server whose tick comes late (or restarts) in the same slot fires nothing more.
      expect(await b.server.services.ingest.schedulePurge(at + 60_000)).toBe(false);
      const jobs = await a.server.services.db.query(`SELECT "status", "payload" FROM "job" WHERE "kind" = 'event-purge'`);
      const slot = String(Math.floor(at / 3600_000));
      expect(jobs.filter((j: { payload: string }) => JSON.parse(j.payload).slot === slot).map((j: { status: string }) => j.status)).toEqual(['SUCCEEDED']);
      expect(await a.server.services.ingest.log.count(ws)).toBe(0);
    } finally {
      await b.close();
      await a.close();
      await dropTestSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('event types', () => {
  it('learns types with counts and property paths; an enforced type rejects properties that do not match, naming the path', async () => {
    const answer = await send([
      ev({ type: 'Checkout', properties: { amount: 10, currency: 'EUR', cart: { items: [1], coupon: null } } }),
      ev({ type: 'Checkout', properties: { amount: 12.5, currency: 'EUR', cart: { items: [] } } }),
    ]);
    expect(answer.body.accepted).toBe(2);
    const types = (await inlet.ok(`{ eventTypes { name firstSeen lastSeen countLastHour countLast24h hourlyCounts enforced properties { path types } } }`)).eventTypes;
    const checkout = types.find((t: any) => t.name === 'Checkout');
    expect(checkout).toMatchObject({ countLastHour: 2, countLast24h: 2, enforced: false });
    // The sparkline: 24 clock hours, oldest first; both events in the current hour (the one before, if an hour turned).
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(checkout.hourlyCounts).toHaveLength(24);
    expect(sum(checkout.hourlyCounts.slice(22))).toBe(2);
    expect(sum(checkout.hourlyCounts)).toBe(2);
    // As of their receipt they are the last bar; three hours later they sit three bars to the left; a day later, gone.
    const ws = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
    const asOf = async (ms: number) => (await inlet.server.services.ingest.eventTypes(ws, Date.parse(checkout.lastSeen) + ms)).find((t) => t.name === 'Checkout')!;
    expect((await asOf(0)).hourlyCounts[23]).toBe(2);
    const later = await asOf(3 * 3600_000);
    expect([later.hourlyCounts[20], sum(later.hourlyCounts), later.countLastHour]).toEqual([2, 2, 0]);
    expect(sum((await asOf(25 * 3600_000)).hourlyCounts)).toBe(0);
    expect(checkout.properties).toEqual([
      { path: 'amount', types: ['number'] }, { path: 'cart.coupon', types: ['null'] }, { path: 'cart.items', types: ['array'] }, { path: 'currency', types: ['string'] },
    ]);
    const set = await inlet.ok(`mutation { setEventTypeEnforced(name: "Checkout", enforced: true) { name enforced } }`);
    expect(set.setEventTypeEnforced).toEqual({ name: 'Checkout', enforced: true });
    const enforced = await send([
      ev({ type: 'Checkout', properties: { amount: 'ten' } }),
      ev({ type: 'Checkout', properties: { amount: 3, surprise: true } }),
      ev({ type: 'Checkout', properties: { amount: 3, cart: { coupon: null } } }),
      ev({ type: 'Other', properties: { anything: 1 } }),
    ]);
    expect(enforced.body.accepted).toBe(2);
    expect(enforced.body.rejected).toEqual([
      { index: 0, event_id: expect.any(String), field: 'properties.amount', reason: '"amount" is string; the enforced schema of Checkout has number' },
      { index: 1, event_id: expect.any(String), field: 'properties.surprise', reason: '"surprise" is not in the enforced schema of Checkout' },
    ]);
    const after = (await inlet.ok(`{ eventTypes { name countLastHour properties { path } } }`)).eventTypes.find((t: any) => t.name === 'Checkout');
    expect(after.countLastHour).toBe(3);
    expect(after.properties.map((p: any) => p.path)).not.toContain('surprise');
    await inlet.ok(`mutation { setEventTypeEnforced(name: "Checkout", enforced: false) { enforced } }`);
    expect((await send([ev({ type: 'Checkout', properties: { surprise: true } })])).body.accepted).toBe(1);
    const missing = await inlet.gql(`mutation { setEventTypeEnforced(name: "Never", enforced: true) { name } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('eventsIngested: per-second counts of accepted and rejected events by type', async () => {
    const sub = subscribe(inlet.ws(), `subscription { eventsIngested { at counts { type accepted rejected } } }`);
    // The subscription is live once a message for an earlier batch can arrive; send until one does.
    await eventually(async () => {
      await send([ev({ type: 'Live' }), ev({ type: 'Live' }), ev({ type: 'Live', user_id: '' })]);
      return sub.events.length > 0;
    }, 20_000, 'a first message');
    // Live now: every count from here on arrives. Five more batches of two good events and one bad, sent one after
    // another (a per-second flush may fall between a batch's checks and its append): no count is lost or doubled.
    const total = (events: any[]) => events.flatMap((m: any) => m.eventsIngested.counts).filter((c: any) => c.type === 'Counted')
      .reduce((n: { accepted: number; rejected: number }, c: any) => ({ accepted: n.accepted + c.accepted, rejected: n.rejected + c.rejected }), { accepted: 0, rejected: 0 });
    // The first batch's append waits until a flush has published its rejection: the flush certainly falls in between.
    const log = inlet.server.services.ingest.log;
    const append = log.append;
    log.append = async (...args: Parameters<typeof append>) => {
      log.append = append;
      await sub.until((e) => total(e).rejected >= 1);
      return append.apply(log, args);
    };
    try {
      for (let i = 0; i < 5; i++) await send([ev({ type: 'Counted' }), ev({ type: 'Counted' }), ev({ type: 'Counted', user_id: '' })]);
    } finally {
      log.append = append;
    }
    const events = await sub.until((e) => { const t = total(e); return t.accepted >= 10 && t.rejected >= 5; });
    expect(total(events)).toEqual({ accepted: 10, rejected: 5 });
    sub.unsubscribe();
  });
});

describe('identities', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startS3();
    await s3.createBucket('ids');
    await s3.put('ids', 'data/identity/part-0.csv', 'user_id,email_sha256,seen_at\nu-42,sha-a,2025-02-01 00:00:00\nu-42,sha-b,2025-02-02 00:00:00\nu-7,sha-c,2025-02-03 00:00:00\n');
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('aliases from events merged with the pairs of an IDENTITY import, each with its origin', async () => {
    const t1 = '2026-11-01T00:00:00.000Z';
    const t2 = '2026-11-02T00:00:00.000Z';
    await send([
      ev({ user_id: 'u-42', time: t1, aliases: [{ tag: 'email_sha256', id: 'sha-z', priority: 2 }, { tag: 'device', id: 'd-1' }] }),
      ev({ user_id: 'u-42', time: t2, aliases: [{ tag: 'email_sha256', id: 'sha-z', priority: 5 }] }),
      ev({ user_id: 'u-7', aliases: [{ tag: 'device', id: 'd-9' }] }),
    ]);
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, { bucketName: 'ids', schemaPrefix: 'data/', dataFormat: 'CSV' }) });
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId: createConnection.id, name: 'ids', table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256', timestampColumn: 'seen_at', schedule: 'manual' },
    });
    const { runImport } = await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
    await eventually(async () => (await inlet.ok(`query($id: ID!) { importRun(id: $id) { status } }`, { id: runImport.id })).importRun.status === 'SUCCEEDED', 30_000, 'the import run');
    const { identities } = await inlet.ok(`{ identities(userId: "u-42") { tag id priority origin seenAt } }`);
    const sorted = [...identities].sort((a: any, b: any) => (a.id < b.id ? -1 : 1));
    expect(sorted).toEqual([
      { tag: 'device', id: 'd-1', priority: null, origin: 'event', seenAt: t1 },
      { tag: 'email_sha256', id: 'sha-a', priority: null, origin: createImport.id, seenAt: '2025-02-01T00:00:00.000Z' },
      { tag: 'email_sha256', id: 'sha-b', priority: null, origin: createImport.id, seenAt: '2025-02-02T00:00:00.000Z' },
      { tag: 'email_sha256', id: 'sha-z', priority: 5, origin: 'event', seenAt: t2 },
    ]);
    // An events key reaches none of this.
    expect((await inlet.gql(`{ identities(userId: "u-42") { id } }`, {}, eventsKey)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('durability and dedupe across servers', () => {
  it('two servers on one database: a batch sent to both, and resent, is stored once', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-events-two-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
    const a = await startInlet({}, { dataDir, schema, adminKey });
    const b = await startInlet({}, { dataDir, schema, adminKey });
    try {
      const ws = (await a.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const batch = Array.from({ length: 300 }, () => ev({ type: 'Both' }));
      const answers = await Promise.all([send(batch, { url: a.url, key: adminKey }), send(batch, { url: b.url, key: adminKey }), send(batch, { url: a.url, key: adminKey })]);
      expect(answers.map((x) => x.body.accepted)).toEqual([300, 300, 300]);
      expect(answers.reduce((n, x) => n + x.body.duplicates, 0)).toBe(600);
      expect(await a.server.services.ingest.log.count(ws)).toBe(300);
      expect(await b.server.services.ingest.log.count(ws)).toBe(300);
    } finally {
      await b.close();
      await a.close();
      await dropTestSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a server killed with SIGKILL right after acknowledging loses no acknowledged event', () => crashAfterAcks({}), 120_000);
});

/** Kills a real server process in the tick it acknowledges the 4,000th event, restarts, and finds every acknowledged event in the log's own store. */
async function crashAfterAcks(extraEnv: Record<string, string>): Promise<void> {
  mkdirSync('.vitest-tmp', { recursive: true });
  const serverMain = await buildServer(mkdtempSync(path.resolve('.vitest-tmp', 'server-')));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-events-crash-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
  const port = await freePort();
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, INLET_API_KEY: adminKey, INLET_SCHEDULER: 'false', LOG_LEVEL: 'warn',
      ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  let restarted: TestInlet | null = null;
  try {
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok, 30_000, 'the child server to start');
    const acked: string[] = [];
    let killed = false;
    // Four clients send batches until 4,000 events are acknowledged; the server is killed in the same tick as that answer.
    const client = async () => {
      while (!killed) {
        const batch = Array.from({ length: 250 }, () => ev({ type: 'Crash' }));
        const res = await send(batch, { url, key: adminKey }).catch(() => null);
        if (!res || killed) return;
        expect(res.body.accepted).toBe(250);
        acked.push(...batch.map((e) => e.event_id));
        if (acked.length >= 4000) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    await exited;
    restarted = await startInlet(extraEnv, { dataDir, schema, adminKey });
    const ws = (await restarted.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
    const sql = restarted.server.services.ingest.sql;
    const stored = new Set<string>();
    if (restarted.server.services.ingest.log.kind === 'jetstream') {
      for (const e of await restarted.server.services.ingest.log.read(ws, 0, 1_000_000)) stored.add(String(e.event.event_id));
    } else for (let i = 0; i < acked.length; i += 500) {
      const part = acked.slice(i, i + 500);
      const rows = await sql.all<{ event_id: string }>(`SELECT "event_id" FROM "event_log" WHERE "workspace_id" = ? AND "event_id" IN (${part.map(() => '?').join(', ')})`, [ws, ...part]);
      for (const r of rows) stored.add(r.event_id);
    }
    expect(acked.length).toBeGreaterThanOrEqual(4000);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect(await restarted.server.services.ingest.log.count(ws)).toBeGreaterThanOrEqual(acked.length);
  } finally {
    child.kill('SIGKILL');
    if (restarted?.server.services.ingest.log.kind === 'jetstream') await (restarted.server.services.ingest.log as JetStreamEventLog).deleteStream();
    await restarted?.close();
    await dropTestSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.dirname(serverMain), { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function dropTestSchema(schema: string): Promise<void> {
  if (testDatabase !== 'postgres') return;
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

describe('the JetStream event log (INLET_EVENT_LOG=nats://127.0.0.1:4222)', async () => {
  const reachable = await natsReachable();
  it.skipIf(!reachable)('accepts, dedupes resends by Nats-Msg-Id, counts and reads in order from its own stream', async () => {
    const stream = `inlet_test_${randomBytes(6).toString('hex')}`;
    const other = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: stream });
    const log = other.server.services.ingest.log as JetStreamEventLog;
    try {
      expect(log.kind).toBe('jetstream');
      const ws = (await other.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const batch = [...Array.from({ length: 200 }, () => ev({ type: 'Js' })), ev({ user_id: '' })];
      expect((await send(batch, { url: other.url, key: other.adminKey })).body).toMatchObject({ accepted: 200, duplicates: 0, rejected: [{ index: 200, field: 'user_id' }] });
      expect((await send(batch.slice(0, 200), { url: other.url, key: other.adminKey })).body).toEqual({ accepted: 200, duplicates: 200, rejected: [] });
      expect(await log.count(ws)).toBe(200);
      const read = await log.read(ws, 0, 500);
      // One connection publishes in order: positions follow the batch.
      expect(read.map((e) => e.event.event_id)).toEqual(batch.slice(0, 200).map((e) => e.event_id));
      expect(read.every((e, i) => i === 0 || e.position > read[i - 1]!.position)).toBe(true);
      await log.commit('dest', ws, read[99]!.position);
      expect((await log.read(ws, await log.position('dest', ws), 500)).length).toBe(100);
      expect(await log.oldestUntakenAgeMs('dest', ws)).toBeGreaterThanOrEqual(0);
      const recent = (await other.ok(`{ recentEvents(type: "Js", limit: 3) }`)).recentEvents;
      expect(recent.map((e: any) => e.event_id)).toEqual(read.slice(-3).reverse().map((e) => e.event.event_id));
      // Resent and new events in one batch: each event's own ack says which it is.
      const mixed = [...batch.slice(50, 150), ...Array.from({ length: 50 }, () => ev({ type: 'Js' }))];
      expect((await send(mixed, { url: other.url, key: other.adminKey })).body).toEqual({ accepted: 150, duplicates: 100, rejected: [] });
      expect(await log.count(ws)).toBe(250);
      // With no stream to take the subject nothing is acknowledged: the batch is refused at once, not left waiting.
      await log.deleteStream();
      expect((await send([ev()], { url: other.url, key: other.adminKey })).status).toBe(500);
    } finally {
      await log.deleteStream().catch(() => undefined);
      await other.close();
    }
  });

  it.skipIf(!reachable)('retention keeps what a consumer has not taken and what is younger than INLET_EVENT_RETENTION', async () => {
    const stream = `inlet_test_${randomBytes(6).toString('hex')}`;
    const other = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: stream, INLET_EVENT_RETENTION: '1h' });
    const log = other.server.services.ingest.log as JetStreamEventLog;
    try {
      const ws = (await other.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      expect((await send(Array.from({ length: 20 }, () => ev()), { url: other.url, key: other.adminKey })).status).toBe(200);
      const older = await log.read(ws, 0, 100);
      expect((await send(Array.from({ length: 10 }, () => ev()), { url: other.url, key: other.adminKey })).status).toBe(200);
      const newer = (await log.read(ws, older[19]!.position, 100))[0]!;
      // The stream itself never expires messages: the purge decides.
      expect((await log.connection().then(({ jsm }) => jsm.streams.info(stream))).config.max_age).toBe(0);
      await log.commit('slow', ws, older[4]!.position);
      // As of one retention after the second batch arrived: the first batch is past retention, the second is not.
      const asOf = Date.parse(newer.receivedAt) + 3600_000;
      await other.server.services.ingest.purge(asOf);
      expect(await log.count(ws)).toBe(25);
      expect((await log.read(ws, 0, 1))[0]!.position).toBe(older[5]!.position);
      await log.commit('slow', ws, newer.position + 100);
      await other.server.services.ingest.purge(asOf);
      expect(await log.count(ws)).toBe(10);
      expect((await log.read(ws, 0, 1))[0]!.event.event_id).toBe(newer.event.event_id);
      await other.server.services.ingest.purge(asOf + 3600_000);
      expect(await log.count(ws)).toBe(0);
    } finally {
      await log.deleteStream().catch(() => undefined);
      await other.close();
    }
  });

  it.skipIf(!reachable)('a server killed with SIGKILL right after acknowledging loses no acknowledged event', () =>
    crashAfterAcks({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: `inlet_test_${randomBytes(6).toString('hex')}` }), 120_000);
});
