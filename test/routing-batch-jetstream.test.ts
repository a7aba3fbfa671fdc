// S3 Batch export over the JetStream event log (INLET_EVENT_LOG=nats://127.0.0.1:4222): a past UTC day is found in
// the stream by receive time, among events received the day before and the day after, of two workspaces sharing the
// stream; `exportDay` writes the day's events, aliases (kept in the database beside the stream), segment metadata and
// manifest to a real S3-protocol server (s3rver), and DuckDB reads them back. JSON gzip of one workspace, Parquet of
// all workspaces, a re-run that rewrites and prunes, the daily schedule, and the source's bounded, repeatable pages.
// Real nats-server; SQLite, and PostgreSQL with TEST_DATABASE_URL, as the database beside the stream.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { jetStreamRowSource } from '../server/routing/batch/jetstream-source.js';
import type { EventRecord } from '../server/routing/batch/index.js';
import { ApiKeyScope } from '../server/workspaces/workspace.entity.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';
import { natsReachable } from './helpers/nats.js';

const BUCKET = 'js-batch';
const DAY = '2026-06-15';
const at = (iso: string) => Date.parse(iso);
const EXPORT = `mutation($id: ID!, $date: String!) { exportDay(connectionId: $id, date: $date) { id status } }`;

describe('S3 Batch from the JetStream log', async () => {
  const reachable = await natsReachable();
  let s3: LocalS3;
  let inlet: TestInlet;
  let mine: string;
  let other: string;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-batch-js-'));
  /** The day's event ids per workspace, and the amount of each Purchase of mine. */
  const day = { mine: [] as string[], other: [] as string[], amounts: new Map<string, number>() };

  const ingest = async (ws: string, when: string, type: string, n: number, inDay: boolean, props: (i: number) => Record<string, unknown> = () => ({})) => {
    const events = Array.from({ length: n }, (_, i) => ({
      event_id: randomUUID(), type, user_id: `u-${i}`, properties: props(i),
      ...(ws === mine ? { aliases: [{ tag: 'email', id: `${randomBytes(4).toString('hex')}@x.io` }] } : {}),
    }));
    const r = await inlet.server.services.ingest.ingest({ workspaceId: ws, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, events, at(when));
    expect(r.accepted).toBe(n);
    if (inDay) day[ws === mine ? 'mine' : 'other'].push(...events.map((e) => e.event_id));
    if (inDay && type === 'Purchase') for (const e of events) day.amounts.set(e.event_id, e.properties.amount as number);
  };

  async function createBatch(prefix: string, format: string, scope: string) {
    const { createConnection } = await inlet.ok(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
      input: { name: `Batch ${prefix}`, s3Batch: { region: 'us-east-1', bucketName: BUCKET, prefix, endpoint: s3.endpoint, format, scope, schedule: 'manual', credentials: { ...S3_KEY } } },
    });
    await inlet.idle();
    return createConnection.id as string;
  }

  /** Exports the day and answers the export's delivery and the files' deliveries. */
  async function exportDay(id: string) {
    const { exportDay: queued } = await inlet.ok(EXPORT, { id, date: DAY });
    await inlet.idle();
    const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { deliveries(first: 100) { edges { node { id dataType key rows status error } } } } }`, { id });
    const rows = connection.deliveries.edges.map((e: any) => e.node) as { id: string; dataType: string; key: string; rows: number; status: string; error: string | null }[];
    return { run: rows.find((d) => d.id === queued.id)!, files: rows.filter((d) => d.dataType !== 'manifest') };
  }

  async function download(prefix: string): Promise<{ dir: string; keys: string[] }> {
    const dir = path.join(tmp, randomUUID());
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    const keys = (page.Contents ?? []).map((o) => o.Key!).sort();
    for (const key of keys) {
      const file = path.join(dir, key);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
    }
    return { dir, keys };
  }

  beforeAll(async () => {
    if (!reachable) return;
    s3 = await startS3();
    await s3.createBucket(BUCKET);
    inlet = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: `inlet_test_${randomBytes(6).toString('hex')}` });
    mine = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
    other = (await inlet.ok(`mutation { createWorkspace(name: "other") { id } }`)).createWorkspace.id;
    // In receive order (the stream's order): the day before, the day's first and last milliseconds, the day after.
    await ingest(mine, '2026-06-14T23:59:59.999Z', 'Purchase', 4, false, () => ({ amount: -1 }));
    await ingest(mine, '2026-06-15T00:00:00.000Z', 'Purchase', 10, true, (i) => ({ amount: i + 0.5, sku: `s${i}` }));
    await ingest(other, '2026-06-15T06:00:00.000Z', 'Click', 7, true);
    await ingest(mine, '2026-06-15T12:00:00.000Z', 'Signup', 6, true, () => ({ plan: 'pro' }));
    await ingest(mine, '2026-06-15T12:00:00.001Z', 'Click', 3, true);
    await ingest(mine, '2026-06-15T23:59:59.999Z', 'Purchase', 2, true, (i) => ({ amount: 100 + i, sku: 'late' }));
    await ingest(mine, '2026-06-16T00:00:00.000Z', 'Signup', 5, false, () => ({ plan: 'next' }));
    await ingest(other, '2026-06-16T00:00:01.000Z', 'Click', 3, false);
  });

  afterAll(async () => {
    if (!reachable) return;
    await (inlet?.server.services.ingest.log as JetStreamEventLog | undefined)?.deleteStream().catch(() => undefined);
    await inlet?.close();
    await s3?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.skipIf(!reachable)('exports one workspace\'s day as JSON gzip: only that day\'s events, its aliases, a manifest; a re-run rewrites the same keys and prunes the rest', async () => {
    const id = await createBatch('js-json/', 'JSON_GZIP', 'WORKSPACE');
    const first = await exportDay(id);
    expect(first.run).toMatchObject({ status: 'DELIVERED', rows: 21 + 21, error: null });
    expect(first.files.map((f) => `${f.dataType}:${f.rows}`).sort()).toEqual(['aliases:21', 'events:12', 'events:3', 'events:6', 'segment_metadata:0']);

    const { dir, keys } = await download('js-json/');
    expect(keys).toEqual([
      `js-json/_manifests/date=${DAY}.json`,
      `js-json/aliases/date=${DAY}/part-00000.json.gz`,
      `js-json/events/type=Click/date=${DAY}/part-00000.json.gz`,
      `js-json/events/type=Purchase/date=${DAY}/part-00000.json.gz`,
      `js-json/events/type=Signup/date=${DAY}/part-00000.json.gz`,
      `js-json/segment_metadata/date=${DAY}/part-00000.json.gz`,
    ]);
    const db = await duck();
    try {
      const events = await db.json<{ event_id: string; type: string; workspace_id: string; received_at: string; amount: number | null; segments: string }>(
        `SELECT event_id, type, workspace_id, CAST(received_at AS VARCHAR) AS received_at, CAST(properties->>'amount' AS DOUBLE) AS amount, CAST(segments AS VARCHAR) AS segments
         FROM read_json(${sqlString(path.join(dir, 'js-json/events/**/*.json.gz'))}, format = 'newline_delimited', columns = {event_id: 'VARCHAR', type: 'VARCHAR', workspace_id: 'VARCHAR', received_at: 'VARCHAR', properties: 'JSON', segments: 'INTEGER[]'})`,
      );
      expect(events.map((e) => e.event_id).sort()).toEqual([...day.mine].sort());
      expect(new Set(events.map((e) => e.event_id)).size).toBe(21);
      expect(events.every((e) => e.workspace_id === mine && e.received_at.startsWith(DAY) && e.segments === '[]')).toBe(true);
      for (const e of events.filter((e) => e.type === 'Purchase')) expect(e.amount).toBe(day.amounts.get(e.event_id));
      const [aliases] = await db.json<{ n: string; ws: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT workspace_id) AS ws FROM read_json(${sqlString(path.join(dir, 'js-json/aliases/**/*.json.gz'))}, format = 'newline_delimited')`);
      expect(aliases).toEqual({ n: '21', ws: '1' });
    } finally {
      db.close();
    }

    // Parts of an earlier, larger run (another type, a second part) are deleted; the day's keys are written again.
    const stale = [`js-json/events/type=Refund/date=${DAY}/part-00000.json.gz`, `js-json/events/type=Purchase/date=${DAY}/part-00001.json.gz`];
    for (const key of stale) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'old' }));
    const again = await exportDay(id);
    expect(again.run).toMatchObject({ status: 'DELIVERED', rows: 42 });
    expect((await download('js-json/')).keys).toEqual(keys);
    const manifest = JSON.parse(await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `js-json/_manifests/date=${DAY}.json` }))).Body!.transformToString());
    expect(manifest.rows).toMatchObject({ events: 21, aliases: 21, segment_metadata: 0 });
  });

  it.skipIf(!reachable)('exports every workspace\'s day as Parquet for an all-workspaces destination', async () => {
    const id = await createBatch('js-parquet/', 'PARQUET_SNAPPY', 'ALL_WORKSPACES');
    const { run } = await exportDay(id);
    expect(run).toMatchObject({ status: 'DELIVERED', rows: 28 + 21, error: null });
    const { dir } = await download('js-parquet/');
    const db = await duck();
    try {
      const rows = await db.json<{ workspace_id: string; type: string; n: string; ids: string }>(
        `SELECT workspace_id, type, COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM read_parquet(${sqlString(path.join(dir, 'js-parquet/events/**/*.parquet'))})
         WHERE CAST(received_at AS DATE) = DATE '${DAY}' GROUP BY ALL ORDER BY ALL`,
      );
      expect(rows).toEqual([
        ...[
          { workspace_id: mine, type: 'Click', n: '3', ids: '3' },
          { workspace_id: mine, type: 'Purchase', n: '12', ids: '12' },
          { workspace_id: mine, type: 'Signup', n: '6', ids: '6' },
          { workspace_id: other, type: 'Click', n: '7', ids: '7' },
        ].sort((a, b) => (a.workspace_id + a.type < b.workspace_id + b.type ? -1 : 1)),
      ]);
      const all = await db.json<{ event_id: string }>(`SELECT event_id FROM read_parquet(${sqlString(path.join(dir, 'js-parquet/events/**/*.parquet'))})`);
      expect(all.map((r) => r.event_id).sort()).toEqual([...day.mine, ...day.other].sort());
      const purchases = await db.json<{ event_id: string; amount: number; sku: string }>(
        `SELECT event_id, properties.amount AS amount, properties.sku AS sku FROM read_parquet(${sqlString(path.join(dir, 'js-parquet/events/type=Purchase/**/*.parquet'))})`,
      );
      for (const p of purchases) expect(p.amount).toBe(day.amounts.get(p.event_id));
      expect(purchases.filter((p) => p.sku === 'late')).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it.skipIf(!reachable)('the daily schedule exports the previous UTC day from the stream', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const sent = Array.from({ length: 3 }, () => ({ event_id: randomUUID(), type: 'Scheduled', user_id: 'u-s' }));
    await inlet.server.services.ingest.ingest({ workspaceId: mine, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, sent);
    const { createConnection } = await inlet.ok(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
      input: { name: 'Scheduled', s3Batch: { region: 'us-east-1', bucketName: BUCKET, prefix: 'js-sched/', endpoint: s3.endpoint, format: 'JSON_GZIP', schedule: 'daily@03:00', credentials: { ...S3_KEY } } },
    });
    await inlet.idle();
    const routing = inlet.server.services.routing;
    routing.now = () => Date.parse(`${today}T00:00:00Z`) + 86_400_000 + 3 * 3_600_000 + 60_000; // 03:01 the next day
    try {
      await routing.scheduleExports();
      await inlet.idle();
    } finally {
      routing.now = () => Date.now();
    }
    const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { deliveries(first: 20) { edges { node { dataType key rows status } } } } }`, { id: createConnection.id });
    const runs = connection.deliveries.edges.map((e: any) => e.node).filter((d: any) => d.dataType === 'manifest');
    expect(runs).toEqual([{ dataType: 'manifest', key: `js-sched/_manifests/date=${today}.json`, rows: 3, status: 'DELIVERED' }]);
    const { dir } = await download('js-sched/events/');
    const db = await duck();
    try {
      const rows = await db.json<{ event_id: string }>(`SELECT event_id FROM read_json(${sqlString(path.join(dir, 'js-sched/events/**/*.json.gz'))}, format = 'newline_delimited')`);
      expect(rows.map((r) => r.event_id).sort()).toEqual(sent.map((e) => e.event_id).sort());
    } finally {
      db.close();
    }
  });

  it.skipIf(!reachable)('the source reads the day in pages of at most pageRows messages and gives the same rows on every read', async () => {
    const log = inlet.server.services.ingest.log as JetStreamEventLog;
    const source = jetStreamRowSource(log, inlet.server.services.ingest.sql, { date: DAY, workspaceId: mine, pageRows: 4 });
    // Every type (null): the day's types, each event once.
    const all: EventRecord[] = [];
    for await (const chunk of source.events(null)) all.push(...chunk);
    expect([...new Set(all.map((e) => e.type))].sort()).toEqual(['Click', 'Purchase', 'Signup']);
    expect(new Set(all.map((e) => e.event_id)).size).toBe(all.length);
    const read = async () => {
      const ids: string[] = [];
      for await (const chunk of source.events(['Purchase', 'Signup'])) {
        expect(chunk.length).toBeLessThanOrEqual(4);
        ids.push(...chunk.map((e) => e.event_id));
      }
      return ids;
    };
    const once = await read();
    expect(once).toHaveLength(18);
    expect(await read()).toEqual(once);
    const texts: string[] = [];
    for await (const chunk of source.eventsJson!(['Click'])) texts.push(...chunk.map((e) => e.text));
    expect(texts.map((t) => JSON.parse(t).event_id)).toEqual(day.mine.slice(16, 19));
  });
});
