import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In } from 'typeorm';
import { JobEntity } from '../server/jobs/job.entity.js';
import { Sealer } from '../server/connections/secrets.js';
import { AlertStateEntity, NotificationChannelEntity } from '../server/notifications/notification.entity.js';
import { LOOPBACK_NAMES, PRIVATE_ADDRESSES } from './security/corpus/addresses.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { CREATE_CONNECTION, flattenPages, s3Input, settled } from './helpers/fixtures.js';
import { readAllFiles, startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

// Alerts (issue 18) through the public API with real parts: a real server (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set), a real S3-protocol server for the imports whose runs and schema changes raise the alerts,
// and real webhook receivers on loopback (node:http) that verify every signature with the channel's secret, as a
// customer's receiver would, and refuse stale timestamps (replays).

const TOLERANCE_S = 300;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  verdict: 'ok' | 'malformed' | 'bad-signature' | 'stale';
  status: number;
}

/** A receiver's own check, written here from the documented scheme (not imported from the server). */
function verify(secret: string, raw: string, header: string | undefined, nowSeconds: number): Received['verdict'] {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return 'malformed';
  const expected = createHmac('sha256', secret).update(`${match[1]}.${raw}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) return 'bad-signature';
  return Math.abs(nowSeconds - Number(match[1])) > TOLERANCE_S ? 'stale' : 'ok';
}

/** Webhook receivers on one loopback port, one path per channel; each answers its planned status codes, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const plans = new Map<string, number[]>();
  let skewSeconds = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = secrets.get(path);
      const verdict = secret ? verify(secret, raw, req.headers['inlet-signature'] as string | undefined, Math.floor(Date.now() / 1000) + skewSeconds) : 'malformed';
      const status = verdict !== 'ok' ? 400 : (plans.get(path)?.shift() ?? 200);
      received.push({ path, headers: req.headers, raw, body: JSON.parse(raw), verdict, status });
      res.writeHead(status).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    secrets,
    plans,
    /** Accepted requests to `path`. */
    ok: (path: string) => received.filter((r) => r.path === path && r.verdict === 'ok'),
    /** Sends a recorded request again, `laterSeconds` after it was signed (a replay), or with another body. */
    async replay(record: Received, laterSeconds: number, raw = record.raw) {
      skewSeconds = laterSeconds;
      try {
        const res = await fetch(base + record.path, { method: 'POST', headers: { 'content-type': 'application/json', 'inlet-signature': String(record.headers['inlet-signature']) }, body: raw });
        return { status: res.status, verdict: received.at(-1)!.verdict };
      } finally {
        skewSeconds = 0;
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let inlet: TestInlet;
let s3: LocalS3;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let connectionId: string;
const BUCKET = 'alerts';
const ALL_KINDS = ['RUN_FAILED', 'RUN_RECOVERED', 'IMPORT_BLOCKED', 'IMPORT_UNBLOCKED', 'SCHEMA_CHANGE_PENDING', 'CONNECTION_INACTIVE', 'REPEATED_FAILURES'];

const CREATE_CHANNEL = `mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { secret channel { id name kind kinds disabledReason urlHint createdAt } } }`;
const DELIVERIES = `query($id: ID!, $first: Int, $after: String) { notificationDeliveries(channelId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id alertKind test reason status attempts lastStatusCode lastError attemptLog { attempt statusCode error durationMs } } } } }`;

/** Creates a channel whose receiver path is `/hook/<name>` and registers its secret with the receiver. */
async function channel(name: string, kinds: string[], kind: 'WEBHOOK' | 'SLACK' = 'WEBHOOK', on: TestInlet = inlet) {
  const path = `/hook/${name}`;
  const { createNotificationChannel: created } = await on.ok(CREATE_CHANNEL, { input: { name, url: receiver.base + path, kind, kinds } });
  receiver.secrets.set(path, created.secret);
  return { id: created.channel.id as string, path, secret: created.secret as string, channel: created.channel };
}

async function deliveries(channelId: string, on: TestInlet = inlet) {
  return (await on.ok(DELIVERIES, { id: channelId, first: 50 })).notificationDeliveries.edges.map((e: any) => e.node);
}

const csv = (key: string, lines: string[]) => s3.put(BUCKET, key, lines.join('\n') + '\n');

async function profileImport(table: string, on: TestInlet = inlet, name = table) {
  const { createImport } = await on.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id name } }`, {
    input: { connectionId, name, table, type: 'USER_PROFILE', columns: ['a', 'b'], userIdColumn: 'user_id', schedule: 'manual' },
  });
  return createImport as { id: string; name: string };
}

/**
 * Waits until no job is queued or running on any server sharing the database: each server's engine idles (claiming
 * what is due), then the queue itself is checked, since the other server may have claimed a job meanwhile.
 */
async function quiet(servers: TestInlet[]) {
  for (let round = 0; round < 200; round++) {
    for (const s of servers) await s.idle();
    // Retries queued for later count too (they are what a test waits for); the periodic event purge does not.
    const active = await servers[0]!.server.services.db.getRepository(JobEntity).count({ where: { status: In(['QUEUED', 'RUNNING']), kind: In(['import-run', 'schema-refresh', 'notification-delivery']) } });
    if (!active) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('jobs never settled');
}
let servers: TestInlet[] = [];

/** Runs an import now and waits for the run and everything after it (alerts and their deliveries) to finish. */
async function run(importId: string, on: TestInlet = inlet) {
  const { runImport } = await on.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await quiet(servers.length ? servers : [on]);
  const { importRun } = await on.ok(`query($id: ID!) { importRun(id: $id) { status error } }`, { id: runImport.id });
  return importRun as { status: string; error: string | null };
}

async function refresh() {
  await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
  await inlet.idle();
}

const GOOD = ['user_id,a,b', 'u1,1,x', 'u2,2,y'];
// Every row lacks its user id: all rejected, over the threshold, so the run FAILS (not retried: the data's fault).
const BAD = ['user_id,a,b', ',1,x', ',2,y'];

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  receiver = await startReceiver();
  for (const t of ['runs', 'schema', 'pair']) await csv(`csv/${t}/part-1.csv`, GOOD);
  inlet = await startInlet({ INLET_ALERT_RETRY_DELAYS_MS: '0,0,0', INLET_PUBLIC_URL: 'https://inlet.example.com' });
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'Alerts bucket' } });
  connectionId = createConnection.id;
  expect((await settled(inlet, connectionId)).status).toBe('ACTIVE');
});

afterAll(async () => {
  await inlet?.close();
  await receiver?.close();
  await s3?.close();
});

describe('channels', () => {
  it('creates a webhook channel: the signing secret is shown once, the URL never', async () => {
    const { channel: created, secret } = await channel('created', ['RUN_FAILED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'created', kind: 'WEBHOOK', kinds: ['RUN_FAILED'], disabledReason: null, urlHint: `${receiver.base}/…` });
    const listed = await inlet.ok(`{ notificationChannels { id name kind kinds disabledReason urlHint } }`);
    expect(listed.notificationChannels.map((c: any) => c.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain('/hook/created');
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = (await inlet.ok(`{ notificationChannels { id } }`)).notificationChannels.length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: 'x', url: 'not a url', kinds: ['RUN_FAILED'] }, 'url', /not a URL/],
      [{ name: 'x', url: 'ftp://example.com/hook', kinds: ['RUN_FAILED'] }, 'url', /https/],
      [{ name: ' ', url: `${receiver.base}/x`, kinds: ['RUN_FAILED'] }, 'name', /Name/],
      [{ name: 'x', url: `${receiver.base}/x`, kinds: [] }, 'kinds', /at least one/],
    ];
    for (const [input, field, message] of cases) {
      const result = await inlet.gql(CREATE_CHANNEL, { input });
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    const all = await inlet.gql(CREATE_CHANNEL, { input: { name: ' ', url: 'not a url', kinds: [] } });
    expect(all.errors?.[0]?.extensions?.errors.map((e: any) => e.field)).toEqual(['name', 'kinds', 'url']);
    expect((await inlet.ok(`{ notificationChannels { id } }`)).notificationChannels.length).toBe(before);
  });

  it('a server that does not allow private endpoints refuses a webhook on a private address, when saved and when sending', async () => {
    const strict = await startInlet({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'false' });
    try {
      const urls = [...PRIVATE_ADDRESSES.map((c) => `https://${c.host}/hook`), ...LOOPBACK_NAMES.map((h) => `https://${h}/hook`), 'http://example.com/hook'];
      for (const url of urls) {
        const result = await strict.gql(CREATE_CHANNEL, { input: { name: 'private', url, kinds: ['RUN_FAILED'] } });
        expect(result.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
        expect(result.errors?.[0]?.message, url).toMatch(url.startsWith('http:') ? /https/ : /private address/);
      }
      expect(JSON.stringify(await strict.ok(`{ notificationChannels { id } }`))).toBe('{"notificationChannels":[]}');

      // A channel stored with a loopback URL (saved before the rules, or a name that now resolves there) is refused at
      // connect time, on the address the socket would reach: the receiver sees nothing, the log says why.
      const workspaceId = (await strict.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id;
      const sealed = Sealer.fromConfig(strict.config).seal({ url: `${receiver.base}/hook/stored`, secret: 'whsec_x' });
      await strict.server.services.db.getRepository(NotificationChannelEntity).insert({
        id: 'c-stored', workspaceId, name: 'stored', kind: 'WEBHOOK', kinds: ['RUN_FAILED'], sealed, urlHint: 'http://127.0.0.1/…', failingSince: null, disabledReason: null, disabledAt: null, createdAt: new Date(),
      });
      expect((await strict.ok(`mutation { testNotificationChannel(id: "c-stored") }`)).testNotificationChannel).toBe(false);
      expect(receiver.received.filter((r) => r.path === '/hook/stored')).toEqual([]);
      const [log] = await deliveries('c-stored', strict);
      expect(log).toMatchObject({ status: 'FAILED', lastStatusCode: null, lastError: expect.stringMatching(/^Refused: 127\.0\.0\.1, a private address \(loopback/) });
    } finally {
      await strict.close();
    }
  });

  it('send test: one signed delivery the receiver verifies, logged with its response code; replays and tampering are refused', async () => {
    const { id, path } = await channel('test', ['RUN_FAILED']);
    expect((await inlet.ok(`mutation($id: ID!) { testNotificationChannel(id: $id) }`, { id })).testNotificationChannel).toBe(true);
    const [got] = receiver.ok(path);
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(1);
    expect(got!.body).toMatchObject({ kind: 'TEST', workspaceId: expect.any(String), url: 'https://inlet.example.com/#/settings/alerts', reason: expect.stringMatching(/test/) });
    expect(got!.headers['content-type']).toBe('application/json');
    const [log] = await deliveries(id);
    expect(log).toMatchObject({ test: true, alertKind: null, status: 'DELIVERED', attempts: 1, lastStatusCode: 200, attemptLog: [{ attempt: 1, statusCode: 200, error: null }] });

    // The same request sent again past the tolerance, and with a changed body, fails verification.
    expect(await receiver.replay(got!, TOLERANCE_S + 1)).toEqual({ status: 400, verdict: 'stale' });
    expect(await receiver.replay(got!, 0, got!.raw.replace('TEST', 'RUN_FAILED'))).toEqual({ status: 400, verdict: 'bad-signature' });
    expect(await receiver.replay(got!, 0)).toEqual({ status: 200, verdict: 'ok' });
  });

  it('send test to a receiver that answers 500: false, and the attempt is in the log', async () => {
    const { id, path } = await channel('test-500', ['RUN_FAILED']);
    receiver.plans.set(path, [500]);
    expect((await inlet.ok(`mutation($id: ID!) { testNotificationChannel(id: $id) }`, { id })).testNotificationChannel).toBe(false);
    const [log] = await deliveries(id);
    expect(log).toMatchObject({ test: true, status: 'FAILED', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
  });

  it('deletes a channel with its log; another workspace cannot see or touch it', async () => {
    const { id } = await channel('doomed', ['RUN_FAILED']);
    const { createWorkspace } = await inlet.ok(`mutation { createWorkspace(name: "Other") { id } }`);
    const { createApiKey } = await inlet.ok(`mutation($ws: ID!) { createApiKey(workspaceId: $ws, name: "other") { key } }`, { ws: createWorkspace.id });
    expect((await inlet.ok(`{ notificationChannels { id } }`, {}, createApiKey.key)).notificationChannels).toEqual([]);
    expect((await inlet.gql(`mutation($id: ID!) { deleteNotificationChannel(id: $id) }`, { id }, createApiKey.key)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await inlet.ok(`mutation($id: ID!) { deleteNotificationChannel(id: $id) }`, { id })).deleteNotificationChannel).toBe(true);
    expect((await inlet.gql(DELIVERIES, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('alerts: one per change of state', () => {
  it('RUN_FAILED once for two failing runs, REPEATED_FAILURES at the third, RUN_RECOVERED once at the next success', async () => {
    const hook = await channel('runs', ALL_KINDS);
    const imp = await profileImport('runs');
    expect((await run(imp.id)).status).toBe('SUCCEEDED');
    await csv('csv/runs/part-1.csv', BAD);
    const failed = await run(imp.id);
    expect(failed.status).toBe('FAILED');
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED']);
    const [alert] = receiver.ok(hook.path);
    expect(alert!.body).toMatchObject({
      kind: 'RUN_FAILED', import: { id: imp.id, name: 'runs' }, connection: { id: connectionId, name: 'Alerts bucket' },
      url: `https://inlet.example.com/#/imports/${imp.id}`, reason: expect.stringContaining(failed.error!),
    });
    expect(alert!.headers['inlet-delivery']).toEqual(expect.any(String));

    expect((await run(imp.id)).status).toBe('FAILED');
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED']);
    expect((await run(imp.id)).status).toBe('FAILED');
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED', 'REPEATED_FAILURES']);
    expect(receiver.ok(hook.path)[1]!.body.reason).toMatch(/^3 runs of import "runs" failed in a row/);
    expect((await run(imp.id)).status).toBe('FAILED');

    await csv('csv/runs/part-1.csv', GOOD);
    expect((await run(imp.id)).status).toBe('SUCCEEDED');
    expect((await run(imp.id)).status).toBe('SUCCEEDED');
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED', 'REPEATED_FAILURES', 'RUN_RECOVERED']);
    expect(receiver.ok(hook.path)[2]!.body.reason).toMatch(/ran successfully again after 4 failed runs/);
    expect(receiver.received.filter((r) => r.path === hook.path).every((r) => r.verdict === 'ok')).toBe(true);

    // The log, newest first, paged with the shared mechanism.
    const first = (await inlet.ok(DELIVERIES, { id: hook.id, first: 2 })).notificationDeliveries;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node.alertKind)).toEqual(['RUN_RECOVERED', 'REPEATED_FAILURES']);
    const rest = (await inlet.ok(DELIVERIES, { id: hook.id, first: 2, after: first.pageInfo.endCursor })).notificationDeliveries;
    expect(rest.edges.map((e: any) => e.node.alertKind)).toEqual(['RUN_FAILED']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('a failed attempt the engine retries is not a failed run: RUN_FAILED only when the retries ran out, once', async () => {
    const hook = await channel('outage', ['RUN_FAILED', 'RUN_RECOVERED', 'REPEATED_FAILURES']);
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      await csv('csv-flaky/flaky/part-1.csv', GOOD);
      const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv-flaky/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }), name: 'Flaky source' } });
      expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
      const { createImport: imp } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
        input: { connectionId: createConnection.id, name: 'flaky', table: 'flaky', type: 'USER_PROFILE', columns: ['a', 'b'], userIdColumn: 'user_id', schedule: 'manual' },
      });
      const history = async () => (flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 20) { edges { node { status attempt } } } } }`, { id: imp.id }))).import.runs.map((r: any) => [r.status, r.attempt]);
      proxy.failNext(2);
      await run(imp.id);
      expect(await history()).toEqual([['SUCCEEDED', 3], ['FAILED', 2], ['FAILED', 1]]);
      expect(receiver.ok(hook.path)).toEqual([]);
      proxy.failNext(1_000_000);
      await run(imp.id);
      expect((await history()).slice(0, 4)).toEqual([['FAILED', 4], ['FAILED', 3], ['FAILED', 2], ['FAILED', 1]]);
      expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED']);
      expect(receiver.ok(hook.path)[0]!.body.reason).not.toMatch(/retrying/);
    } finally {
      await proxy.close();
    }
  });

  it('a channel gets only the kinds it picked', async () => {
    const only = await channel('only-recovered', ['RUN_RECOVERED']);
    const imp = await profileImport('pair');
    await csv('csv/pair/part-1.csv', BAD);
    expect((await run(imp.id)).status).toBe('FAILED');
    await csv('csv/pair/part-1.csv', GOOD);
    expect((await run(imp.id)).status).toBe('SUCCEEDED');
    expect(receiver.ok(only.path).map((r) => [r.body.kind, r.body.import.id])).toEqual([['RUN_RECOVERED', imp.id]]);
  });

  it('IMPORT_BLOCKED and IMPORT_UNBLOCKED through a real schema change; SCHEMA_CHANGE_PENDING once per new decision', async () => {
    const hook = await channel('schema', ['IMPORT_BLOCKED', 'IMPORT_UNBLOCKED', 'SCHEMA_CHANGE_PENDING']);
    const imp = await profileImport('schema');
    expect((await run(imp.id)).status).toBe('SUCCEEDED');
    // Column b removed (read by position, a CSV import cannot go on): BLOCKED.
    await csv('csv/schema/part-2.csv', ['user_id,a', 'u3,3']);
    await refresh();
    await refresh();
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['IMPORT_BLOCKED']);
    expect(receiver.ok(hook.path)[0]!.body.reason).toMatch(/Column "b".*removed/);
    // Reverted at the source: unblocked by itself.
    await csv('csv/schema/part-2.csv', GOOD);
    await refresh();
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['IMPORT_BLOCKED', 'IMPORT_UNBLOCKED']);
    // A column appended at the end: supported, awaiting a decision; a second refresh finds nothing new.
    await csv('csv/schema/part-2.csv', ['user_id,a,b,c', 'u3,3,z,true']);
    await refresh();
    await refresh();
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['IMPORT_BLOCKED', 'IMPORT_UNBLOCKED', 'SCHEMA_CHANGE_PENDING']);
    expect(receiver.ok(hook.path)[2]!.body).toMatchObject({ import: { id: imp.id }, reason: expect.stringMatching(/1 schema change awaiting a decision: .*"c"/) });
    // Dismissed, then another new column: a new decision, a new alert.
    await inlet.ok(`mutation($id: ID!) { dismissSchemaChanges(importId: $id, columns: ["c"]) { id } }`, { id: imp.id });
    await csv('csv/schema/part-2.csv', ['user_id,a,b,c,d', 'u3,3,z,true,4']);
    await refresh();
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['IMPORT_BLOCKED', 'IMPORT_UNBLOCKED', 'SCHEMA_CHANGE_PENDING', 'SCHEMA_CHANGE_PENDING']);
  });

  it('CONNECTION_INACTIVE once when a connection turns INACTIVE, again only after it was ACTIVE', async () => {
    const hook = await channel('inactive', ['CONNECTION_INACTIVE']);
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'To deactivate' } });
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    expect(receiver.ok(hook.path).map((r) => [r.body.kind, r.body.connection.id])).toEqual([['CONNECTION_INACTIVE', createConnection.id]]);
    expect(receiver.ok(hook.path)[0]!.body).toMatchObject({ url: `https://inlet.example.com/#/connections/${createConnection.id}`, reason: expect.stringMatching(/"To deactivate" turned INACTIVE/) });
    await inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id: createConnection.id });
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    expect(receiver.ok(hook.path)).toHaveLength(2);
  });
});

describe('an alert state change and its deliveries commit together', () => {
  /** A database that refuses to queue delivery jobs: the last write of an alert (a real refusal, from a trigger). */
  async function refuseDeliveryJobs(on: boolean) {
    const db = inlet.server.services.db;
    if (testDatabase === 'postgres') {
      if (on) {
        await db.query(`CREATE FUNCTION refuse_delivery_jobs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault: the delivery job was not written'; END $$`);
        await db.query(`CREATE TRIGGER refuse_delivery_jobs BEFORE INSERT ON "job" FOR EACH ROW WHEN (NEW."kind" = 'notification-delivery') EXECUTE FUNCTION refuse_delivery_jobs()`);
      } else {
        await db.query(`DROP TRIGGER refuse_delivery_jobs ON "job"`);
        await db.query(`DROP FUNCTION refuse_delivery_jobs()`);
      }
    } else if (on) {
      await db.query(`CREATE TRIGGER refuse_delivery_jobs BEFORE INSERT ON "job" WHEN NEW."kind" = 'notification-delivery' BEGIN SELECT RAISE(ABORT, 'injected fault: the delivery job was not written'); END`);
    } else await db.query(`DROP TRIGGER refuse_delivery_jobs`);
  }

  it('a failure after the state was written leaves neither state nor delivery, and the same fact alerts when applied again', async () => {
    const hook = await channel('together', ['RUN_FAILED']);
    const imp = await profileImport('pair', inlet, 'together');
    const workspaceId = (await inlet.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id;
    const fact = { type: 'ImportRunFinished' as const, runId: 'together-run-1', importId: imp.id, workspaceId, status: 'FAILED' as const, error: 'boom' };
    const db = inlet.server.services.db;
    const state = () => db.getRepository(AlertStateEntity).findBy({ subject: `import:${imp.id}`, family: 'run' });
    await refuseDeliveryJobs(true);
    try {
      await expect(inlet.server.services.alerts.runFinished(fact)).rejects.toThrow(/injected fault/);
    } finally {
      await refuseDeliveryJobs(false);
    }
    expect(await state()).toEqual([]);
    expect(await deliveries(hook.id)).toEqual([]);
    // The fact applied again (a retried reaction, another server) finds the state as it was and alerts.
    await inlet.server.services.alerts.runFinished(fact);
    await quiet([inlet]);
    expect((await state()).map((s) => [s.state, s.lastEvent])).toEqual([['FAILING', 'together-run-1']]);
    expect(receiver.ok(hook.path).map((r) => [r.body.kind, r.body.import.id])).toEqual([['RUN_FAILED', imp.id]]);
    expect((await deliveries(hook.id)).map((d: any) => d.status)).toEqual(['DELIVERED']);
  });
});

describe('deliveries', () => {
  it('retries after a 500 from the receiver, each attempt logged with its code; the same alert id each time', async () => {
    const hook = await channel('flaky', ['CONNECTION_INACTIVE']);
    receiver.plans.set(hook.path, [500, 503]);
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'Flaky' } });
    await settled(inlet, createConnection.id);
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    const got = receiver.received.filter((r) => r.path === hook.path);
    expect(got.map((r) => [r.verdict, r.status])).toEqual([['ok', 500], ['ok', 503], ['ok', 200]]);
    expect(new Set(got.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(got.map((r) => r.headers['inlet-delivery'])).size).toBe(1);
    const [log] = await deliveries(hook.id);
    expect(log).toMatchObject({ alertKind: 'CONNECTION_INACTIVE', status: 'DELIVERED', attempts: 3, lastStatusCode: 200, lastError: null });
    expect(log.attemptLog.map((a: any) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 503], [3, 200]]);
    const { notificationChannels } = await inlet.ok(`{ notificationChannels { id disabledReason failingSince } }`);
    expect(notificationChannels.find((c: any) => c.id === hook.id)).toMatchObject({ disabledReason: null, failingSince: null });
  });

  it('a Slack channel gets a readable message with the reason and a link', async () => {
    const hook = await channel('slack', ['CONNECTION_INACTIVE'], 'SLACK');
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'Sales <EU> & co' } });
    await settled(inlet, createConnection.id);
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    const [got] = receiver.ok(hook.path);
    expect(Object.keys(got!.body)).toEqual(['text']);
    const lines = got!.body.text.split('\n');
    expect(lines[0]).toBe(':electric_plug: *Connection inactive* — connection *Sales &lt;EU&gt; &amp; co*');
    expect(lines[1]).toMatch(/^Connection "Sales &lt;EU&gt; &amp; co" turned INACTIVE: /);
    expect(lines[2]).toBe(`<https://inlet.example.com/#/connections/${createConnection.id}|Open in Inlet>`);
  });

  it('a channel that fails continuously for INLET_ALERT_DISABLE_AFTER is disabled with the reason, and gets nothing more until enabled', async () => {
    // The "day" shortened to 1 ms: the first failure starts the clock, a later failing attempt finds it expired.
    const other = await startInlet({ INLET_ALERT_RETRY_DELAYS_MS: '0,0,0,0,0', INLET_ALERT_DISABLE_AFTER: '1ms' });
    try {
      const hook = await channel('down', ['CONNECTION_INACTIVE'], 'WEBHOOK', other);
      receiver.plans.set(hook.path, Array(20).fill(500));
      const deactivate = async (name: string) => {
        const { createConnection } = await other.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name } });
        await settled(other, createConnection.id);
        await other.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
        await other.idle();
      };
      await deactivate('down-1');
      const { notificationChannels } = await other.ok(`{ notificationChannels { id disabledReason disabledAt failingSince } }`);
      const disabled = notificationChannels.find((c: any) => c.id === hook.id);
      expect(disabled.disabledReason).toMatch(/no delivery succeeded for .*the last attempt: HTTP 500\)/);
      expect(disabled.disabledAt).toEqual(expect.any(String));
      const [log] = await deliveries(hook.id, other);
      expect(log.status).toBe('FAILED');
      expect(log.attempts).toBeGreaterThanOrEqual(2); // the first failure never disables: the clock starts there
      expect(log.attempts).toBeLessThan(6); // disabling stopped the retries before they ran out
      const sent = receiver.received.filter((r) => r.path === hook.path).length;

      await deactivate('down-2');
      expect(receiver.received.filter((r) => r.path === hook.path)).toHaveLength(sent);
      expect(await deliveries(hook.id, other)).toHaveLength(1);

      receiver.plans.set(hook.path, []);
      const { enableNotificationChannel } = await other.ok(`mutation($id: ID!) { enableNotificationChannel(id: $id) { disabledReason failingSince } }`, { id: hook.id });
      expect(enableNotificationChannel).toEqual({ disabledReason: null, failingSince: null });
      await deactivate('down-3');
      expect(receiver.ok(hook.path).filter((r) => r.status === 200).map((r) => r.body.connection.name)).toEqual(['down-3']);
    } finally {
      await other.close();
    }
  });

  it('the signing secret and the URL path are never in a response (but the creation), a log line or the database', async () => {
    const hook = await channel('secret-check', ['RUN_FAILED'], 'SLACK');
    await inlet.ok(`mutation($id: ID!) { testNotificationChannel(id: $id) }`, { id: hook.id });
    await inlet.ok(`{ notificationChannels { id name kind kinds urlHint disabledReason } }`);
    await deliveries(hook.id);
    const creation = inlet.responses.filter((r) => r.includes(hook.secret));
    expect(creation).toHaveLength(1);
    expect(creation[0]).toContain('createNotificationChannel');
    expect(inlet.responses.some((r) => r.includes('/hook/secret-check'))).toBe(false);
    expect(inlet.logs.some((l) => l.includes(hook.secret) || l.includes('/hook/secret-check'))).toBe(false);
    if (testDatabase === 'sqlite') {
      const files = readAllFiles(inlet.dataDir);
      expect(files.some((b) => b.includes(hook.secret) || b.includes('/hook/secret-check'))).toBe(false);
    } else {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        const schema = inlet.config.databaseSchema;
        for (const table of ['notification_channel', 'notification_delivery', 'notification_attempt', 'job']) {
          const { rows } = await client.query(`SELECT row_to_json(t)::text AS t FROM ${schema}.${table} t`);
          expect(rows.length, table).toBeGreaterThan(0);
          expect(rows.some((r) => r.t.includes(hook.secret) || r.t.includes('/hook/secret-check')), table).toBe(false);
        }
      } finally {
        await client.end();
      }
    }
  });
});

describe.runIf(testDatabase === 'postgres')('two servers on one PostgreSQL', () => {
  let second: TestInlet;
  beforeAll(async () => {
    second = await startInlet({ INLET_ALERT_RETRY_DELAYS_MS: '0,0,0', INLET_PUBLIC_URL: 'https://inlet.example.com' }, { dataDir: inlet.dataDir, schema: inlet.config.databaseSchema!, adminKey: inlet.adminKey });
    servers = [inlet, second];
  });
  afterAll(async () => {
    servers = [];
    await second?.close();
  });

  it('runs failing and recovering across both servers alert once per change of state', async () => {
    const hook = await channel('two-servers', ['RUN_FAILED', 'RUN_RECOVERED']);
    await csv('csv/two/part-1.csv', BAD);
    await refresh();
    const imp = await profileImport('two');
    expect((await run(imp.id, inlet)).status).toBe('FAILED');
    expect((await run(imp.id, second)).status).toBe('FAILED');
    expect((await run(imp.id, inlet)).status).toBe('FAILED');
    await csv('csv/two/part-1.csv', GOOD);
    expect((await run(imp.id, second)).status).toBe('SUCCEEDED');
    expect((await run(imp.id, inlet)).status).toBe('SUCCEEDED');
    await quiet(servers);
    expect(receiver.ok(hook.path).map((r) => r.body.kind)).toEqual(['RUN_FAILED', 'RUN_RECOVERED']);
  });

  it('both servers applying the same facts at once notify once (compare-and-set on the alert state)', async () => {
    const hook = await channel('race', ['RUN_FAILED', 'RUN_RECOVERED', 'CONNECTION_INACTIVE']);
    const imp = await profileImport('pair', inlet, 'race');
    const workspaceId = (await inlet.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id;
    const twice = [inlet, second, inlet, second];
    const fact = (runId: string, status: 'FAILED' | 'SUCCEEDED') => ({ type: 'ImportRunFinished' as const, runId, importId: imp.id, workspaceId, status, error: status === 'FAILED' ? 'boom' : null });
    // A fresh subject (both insert the first state row), then transitions of an existing row.
    await Promise.all(twice.map((s) => s.server.services.alerts.runFinished(fact('race-run-1', 'FAILED'))));
    await Promise.all(twice.map((s) => s.server.services.alerts.runFinished(fact('race-run-2', 'SUCCEEDED'))));
    const inactive = { type: 'ConnectionStatusChanged' as const, connectionId, workspaceId, from: 'ACTIVE' as const, to: 'INACTIVE' as const, reason: 'race', at: new Date().toISOString() };
    await Promise.all(twice.map((s) => s.server.services.alerts.connectionStatusChanged(inactive)));
    await quiet(servers);
    expect(receiver.ok(hook.path).map((r) => r.body.kind).sort()).toEqual(['CONNECTION_INACTIVE', 'RUN_FAILED', 'RUN_RECOVERED']);
  });
});
