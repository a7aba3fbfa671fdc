// S3 Batch export end to end through the public API: events sent to POST /v1/events, `exportDay` queues the export
// job, the files land in a real S3-protocol server (s3rver, behind the fault proxy) and DuckDB reads them back; the
// export's deliveries are listed on the connection; a re-run rewrites the day; a refused key turns the destination
// INACTIVE with the reason. SQLite, and PostgreSQL with TEST_DATABASE_URL.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_REFRESH } from '../server/connections/schema-refresh.service.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';

const BUCKET = 'batch-export';
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id status statusReason } }`;
const EXPORT = `mutation($id: ID!, $date: String!) { exportDay(connectionId: $id, date: $date) { id dataType key status rows windowStart windowEnd } }`;

let s3: LocalS3;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let inlet: TestInlet;
let eventsKey: string;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-batch-export-'));
const today = new Date().toISOString().slice(0, 10);

async function createBatch(prefix: string, format = 'PARQUET_SNAPPY') {
  const { createConnection } = await inlet.ok(CREATE, {
    input: { name: `Batch ${prefix}`, s3Batch: { region: 'us-east-1', bucketName: BUCKET, prefix, endpoint: proxy.endpoint, format, schedule: 'manual', credentials: { ...S3_KEY } } },
  });
  await inlet.idle();
  return createConnection.id as string;
}

async function send(events: unknown[]) {
  const res = await fetch(`${inlet.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${eventsKey}` }, body: JSON.stringify(events) });
  expect(res.status).toBe(200);
}

/** Pauses every streaming destination but one (their segment metadata jobs would otherwise share the job slots); returns their ids. */
async function pauseOtherStreams(keep: string): Promise<string[]> {
  const { connections } = await inlet.ok(`{ connections(type: DESTINATION, first: 100) { edges { node { id platform { id } } } } }`);
  const others = connections.edges.map((e: any) => e.node).filter((c: any) => c.platform.id === 'S3_STREAMING' && c.id !== keep).map((c: any) => c.id as string);
  for (const id of others) await inlet.ok(`mutation($id: ID!) { pauseDestination(id: $id) { id } }`, { id });
  return others;
}

async function deliveries(id: string) {
  const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { status statusReason deliveries(first: 100) { edges { node { id dataType key rows bytes status error attempt } } } } }`, { id });
  return { status: connection.status, reason: connection.statusReason, rows: connection.deliveries.edges.map((e: any) => e.node) as { id: string; dataType: string; key: string; rows: number; bytes: number; status: string; error: string | null }[] };
}

async function download(prefix: string): Promise<{ dir: string; keys: string[] }> {
  const dir = path.join(tmp, randomUUID());
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  const keys = (page.Contents ?? []).map((o) => o.Key!).sort();
  for (const key of keys) {
    const body = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
    const file = path.join(dir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return { dir, keys };
}

const ev = (type = 'Purchase') => ({ event_id: randomUUID(), type, user_id: `u-${randomBytes(3).toString('hex')}`, properties: { amount: 12.5 }, aliases: [{ tag: 'email', id: `${randomBytes(3).toString('hex')}@x.io` }] });

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  proxy = await startFaultProxy(s3.endpoint);
  inlet = await startInlet({});
  const workspaceId = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  eventsKey = (await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "events", scope: EVENTS) { key } }`, { w: workspaceId })).createApiKey.key;
});

afterAll(async () => {
  await inlet?.close();
  await proxy?.close();
  await s3?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('exportDay', () => {
  it('refuses a malformed or future date naming `date`, and a source connection naming `connectionId`', async () => {
    const id = await createBatch('refuse/');
    for (const date of ['2026-13-01', 'yesterday', '2999-01-01']) {
      const errors = (await inlet.gql(EXPORT, { id, date })).errors!;
      expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'date' } });
    }
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'stream/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    const errors = (await inlet.gql(EXPORT, { id: stream.id, date: today })).errors!;
    expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'connectionId' } });
    await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: stream.id });
  });

  it('the schedule exports the previous UTC day once per slot, across ticks', async () => {
    const { createConnection } = await inlet.ok(CREATE, {
      input: { name: 'Scheduled', s3Batch: { region: 'us-east-1', bucketName: BUCKET, prefix: 'sched/', endpoint: proxy.endpoint, format: 'JSON_GZIP', schedule: 'daily@03:00', credentials: { ...S3_KEY } } },
    });
    await inlet.idle();
    const routing = inlet.server.services.routing;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000);
    routing.now = () => tomorrow.getTime() + 3 * 3_600_000 + 60_000; // 03:01 the next day
    try {
      await routing.scheduleExports();
      await routing.scheduleExports();
      await inlet.idle();
      await routing.scheduleExports();
      await inlet.idle();
    } finally {
      routing.now = () => Date.now();
    }
    const runs = (await deliveries(createConnection.id)).rows.filter((d) => d.dataType === 'manifest');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ key: `sched/_manifests/date=${today}.json`, status: 'DELIVERED' });
  });

  it('exports the day: Parquet parts DuckDB reads, a manifest, one delivery per file; a re-run rewrites the day', async () => {
    const id = await createBatch('daily/');
    await send([...Array.from({ length: 30 }, () => ev('Purchase')), ...Array.from({ length: 12 }, () => ev('Signup'))]);
    const { exportDay } = await inlet.ok(EXPORT, { id, date: today });
    expect(exportDay).toMatchObject({ dataType: 'manifest', key: `daily/_manifests/date=${today}.json`, status: 'QUEUED' });
    expect(new Date(exportDay.windowStart).toISOString()).toBe(`${today}T00:00:00.000Z`);
    await inlet.idle();
    const first = await deliveries(id);
    const run = first.rows.find((d) => d.id === exportDay.id)!;
    expect(run).toMatchObject({ status: 'DELIVERED', rows: 30 + 12 + 42 + 0 });
    const files = first.rows.filter((d) => d.dataType !== 'manifest');
    expect(files.map((d) => d.dataType).sort()).toEqual(['aliases', 'events', 'events', 'segment_metadata']);
    expect(files.every((d) => d.status === 'DELIVERED' && d.bytes > 0)).toBe(true);

    const { dir, keys } = await download('daily/');
    expect(keys).toContain(`daily/events/type=Purchase/date=${today}/part-00000.parquet`);
    const db = await duck();
    try {
      const [counts] = await db.json<{ n: string; types: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT type) AS types FROM read_parquet(${sqlString(path.join(dir, 'daily/events/**/*.parquet'))})`);
      expect(counts).toEqual({ n: '42', types: '2' });
      const [aliases] = await db.json<{ n: string }>(`SELECT COUNT(*) AS n FROM read_parquet(${sqlString(path.join(dir, 'daily/aliases/**/*.parquet'))})`);
      expect(aliases.n).toBe('42');
    } finally {
      db.close();
    }

    // A re-run of the same day after more events rewrites it: the new manifest counts every event of the day.
    await send(Array.from({ length: 5 }, () => ev('Purchase')));
    const again = (await inlet.ok(EXPORT, { id, date: today })).exportDay;
    await inlet.idle();
    const second = (await deliveries(id)).rows.find((d) => d.id === again.id)!;
    expect(second).toMatchObject({ status: 'DELIVERED', rows: 47 + 47 });
    const manifest = JSON.parse(await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `daily/_manifests/date=${today}.json` }))).Body!.transformToString());
    expect(manifest.rows.events).toBe(47);
  });

  it('answers CONFLICT while an export of that day is queued', async () => {
    const id = await createBatch('twice/');
    proxy.hold();
    try {
      await inlet.ok(EXPORT, { id, date: today });
      const errors = (await inlet.gql(EXPORT, { id, date: today })).errors!;
      expect(errors[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      proxy.release();
    }
    await inlet.idle();
  });

  it('a dropped connection is asked again at once: the export is delivered on its first attempt', async () => {
    const id = await createBatch('resets/');
    await send([ev('Purchase')]);
    // Two resets in a row on the uploads (a server closing kept-alive sockets under load): within the client's reconnects.
    proxy.failNext(2, 'reset', 'PUT');
    const { exportDay } = await inlet.ok(EXPORT, { id, date: today });
    await inlet.idle();
    const after = await deliveries(id);
    expect(after.status).toBe('ACTIVE');
    expect(after.rows.find((d) => d.id === exportDay.id)).toMatchObject({ status: 'DELIVERED', attempt: 1 });
  });

  it('a refused key turns the destination INACTIVE with the reason, and the export FAILED', async () => {
    const id = await createBatch('denied/');
    proxy.deny(true, { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' });
    try {
      const { exportDay } = await inlet.ok(EXPORT, { id, date: today });
      await inlet.idle();
      const after = await deliveries(id);
      expect(after.status).toBe('INACTIVE');
      expect(after.reason).toMatch(/access key|credentials/i);
      expect(after.rows.find((d) => d.id === exportDay.id)).toMatchObject({ status: 'FAILED' });
    } finally {
      proxy.deny(false);
    }
  });
});

describe('segment metadata in S3 Streaming', () => {
  it('writes a full snapshot under segment_metadata/ when a segment is evaluated and when it is deleted', async () => {
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream meta', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'meta/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    await inlet.idle();
    await send(Array.from({ length: 3 }, () => ev('Purchase')));
    const created = await inlet.gql(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id code } }`, {
      input: { name: 'Buyers', rule: { activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 7 } } },
    });
    expect(created.errors).toBeUndefined();
    await inlet.idle();
    const metaRows = async () => (await deliveries(stream.id)).rows.filter((d) => d.dataType === 'segment_metadata' && d.status === 'DELIVERED');
    const first = await metaRows();
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first[0]!.key).toMatch(/^meta\/segment_metadata\/year=\d{4}\/month=\d{2}\/day=\d{2}\/hour=\d{2}\/\d+-[0-9a-f]{12}-[^/]+\.jsonl\.gz$/);
    const { dir } = await download('meta/segment_metadata/');
    const db = await duck();
    try {
      const rows = await db.json<{ code: string; name: string; size: string }>(
        `SELECT code, name, size FROM read_json(${sqlString(path.join(dir, first[0]!.key))}, format = 'newline_delimited')`,
      );
      expect(rows).toEqual([expect.objectContaining({ code: String(created.data.createSegment.code), name: 'Buyers' })]);
    } finally {
      db.close();
    }
    await inlet.ok(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id: created.data.createSegment.id });
    await inlet.idle();
    const after = await metaRows();
    expect(after.length).toBe(first.length + 1);
    const latest = after[0]!; // newest first
    expect(latest.rows).toBe(0);
  });

  it('a segment that changes while a snapshot is being written is in a snapshot written after it', async () => {
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream meta 2', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'meta2/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    await inlet.idle();
    await send([ev('Purchase')]);
    const createSegment = async (name: string) =>
      (await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, {
        input: { name, rule: { activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 7 } } },
      })).createSegment.id as string;
    const evaluated = async (id: string) => (await inlet.ok(`query($id: ID!) { segment(id: $id) { lastEvaluatedAt } }`, { id })).segment.lastEvaluatedAt;
    // The other streaming destinations of this file pause, so that their held snapshots do not take both job slots.
    const others = await pauseOtherStreams(stream.id);
    proxy.hold();
    try {
      await createSegment('Early');
      // The snapshot for "Early" is being uploaded (held): the change below comes while its job runs.
      await expect.poll(async () => (await deliveries(stream.id)).rows.some((d) => d.dataType === 'segment_metadata' && d.status === 'UPLOADING'), { timeout: 20_000 }).toBe(true);
      const late = await createSegment('Late');
      await expect.poll(() => evaluated(late), { timeout: 20_000 }).not.toBeNull();
    } finally {
      proxy.release();
    }
    await inlet.idle();
    const { segments } = await inlet.ok(`{ segments { totalCount } }`);
    const snapshots = (await deliveries(stream.id)).rows.filter((d) => d.dataType === 'segment_metadata' && d.status === 'DELIVERED');
    expect(snapshots[0]!.rows).toBe(segments.totalCount); // the newest has "Late" too
    for (const id of others) await inlet.ok(`mutation($id: ID!) { resumeDestination(id: $id) { id } }`, { id });
  });

  it('a snapshot that failed is written once the destination is ACTIVE again', async () => {
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream meta 3', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'meta3/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    await inlet.idle();
    const others = await pauseOtherStreams(stream.id);
    await send([ev('Purchase')]);
    await inlet.idle();
    proxy.deny(true, { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' });
    try {
      await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, {
        input: { name: 'While refused', rule: { activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 7 } } },
      });
      await inlet.idle();
      expect((await deliveries(stream.id)).status).toBe('INACTIVE');
    } finally {
      proxy.deny(false);
    }
    await inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id: stream.id });
    const { segments } = await inlet.ok(`{ segments { totalCount } }`);
    // Nothing changed since: the snapshot is owed, and the supervisor queues it.
    await expect
      .poll(async () => (await deliveries(stream.id)).rows.find((d) => d.dataType === 'segment_metadata' && d.status === 'DELIVERED')?.rows, { timeout: 20_000 })
      .toBe(segments.totalCount);
    for (const id of others) await inlet.ok(`mutation($id: ID!) { resumeDestination(id: $id) { id } }`, { id });
  });

  it('a streaming destination created in a workspace that has segments gets their snapshot when it turns ACTIVE', async () => {
    await send([ev('Purchase')]);
    await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, {
      input: { name: 'Before the destination', rule: { activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 7 } } },
    });
    await inlet.idle();
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream meta 4', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'meta4/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    await inlet.idle();
    const { segments } = await inlet.ok(`{ segments { totalCount } }`);
    const snapshots = (await deliveries(stream.id)).rows.filter((d) => d.dataType === 'segment_metadata' && d.status === 'DELIVERED');
    expect(snapshots.map((d) => d.rows)).toEqual([segments.totalCount]);
    expect(segments.totalCount).toBeGreaterThan(0);
  });
});

describe('destinations are not sources', () => {
  it('gets no schema refresh when it turns ACTIVE, and is refused as the connection of createImport naming connectionId', async () => {
    const id = await createBatch('notsource/');
    const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { status } }`, { id });
    expect(connection.status).toBe('ACTIVE');
    expect(await inlet.server.services.jobs.latest(SCHEMA_REFRESH, id)).toBeNull();
    const result = await inlet.gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId: id, name: 'From a destination', table: 'events', type: 'USER_PROFILE', columns: ['a'], userIdColumn: 'a', schedule: 'manual' },
    });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'connectionId' } });
    expect(result.errors?.[0]?.message).toMatch(/destination/);
  });
});

describe('delivery lag metric', () => {
  it('GET /metrics has inlet_delivery_lag_seconds per streaming destination, read at scrape time', async () => {
    const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream lag', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'lag/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
    await inlet.idle();
    await inlet.ok(`mutation($id: ID!) { pauseDestination(id: $id) { id } }`, { id: stream.id });
    await send([ev('Purchase')]);
    const routing = inlet.server.services.routing;
    routing.now = () => Date.now() + 120_000; // the undelivered event is two minutes old
    try {
      const text = await (await fetch(`${inlet.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`inlet_delivery_lag_seconds{destination="${stream.id}"}`));
      expect(line).toBeDefined();
      expect(Number(line!.split(' ').pop())).toBeGreaterThanOrEqual(119);
    } finally {
      routing.now = () => Date.now();
    }
  });
});

describe('DESTINATION_LAGGING', () => {
  it('fires once when a streaming destination passes INLET_ALERT_LAG_SECONDS, not again while it stays behind', async () => {
    const hits: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const { createNotificationChannel } = await inlet.ok(`mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { channel { id } } }`, {
        input: { name: 'lag', url, kind: 'WEBHOOK', kinds: ['DESTINATION_LAGGING'] },
      });
      const { createConnection: stream } = await inlet.ok(CREATE, { input: { name: 'Stream behind', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'behind/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } } });
      await inlet.idle();
      await inlet.ok(`mutation($id: ID!) { pauseDestination(id: $id) { id } }`, { id: stream.id });
      await send([ev('Purchase')]);
      const routing = inlet.server.services.routing;
      routing.now = () => Date.now() + 2 * 3_600_000; // two hours behind; the default threshold is 3600 s
      try {
        await routing.checkLag();
        await routing.checkLag();
        await inlet.idle();
      } finally {
        routing.now = () => Date.now();
      }
      const { notificationDeliveries } = await inlet.ok(`query($id: ID!) { notificationDeliveries(channelId: $id, first: 10) { edges { node { alertKind reason status } } } }`, { id: createNotificationChannel.channel.id });
      const lagging = notificationDeliveries.edges.map((e: any) => e.node).filter((n: any) => n.reason.includes('Stream behind'));
      expect(lagging).toHaveLength(1);
      expect(lagging[0]).toMatchObject({ alertKind: 'DESTINATION_LAGGING', status: 'DELIVERED' });
      expect(hits.some((h) => h.includes('DESTINATION_LAGGING'))).toBe(true);
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});
