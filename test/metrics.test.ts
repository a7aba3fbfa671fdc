/**
 * `GET /metrics` through real HTTP: scraped and parsed before and after real work (an import run from a local S3
 * server, events over POST /v1/events, named GraphQL requests, a graphql-ws subscription), and every value checked
 * to move by exactly what the work did (DuckDB writes the file and says how many rows it holds).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { eventually, startInlet, subscribe, subscribeReady, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

const TOKEN = `metrics-${randomUUID()}`;
let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;

/** One sample: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (the format prom-client writes): samples, HELP and TYPE lines. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_x, c) => (c === 'n' ? '\n' : c));
    samples.push({ name: m[1]!, labels, value: m[3] === '+Inf' ? Infinity : Number(m[3]) });
  }
  return { samples, types };
}

async function scrape(token: string | null = TOKEN) {
  const res = await fetch(`${inlet.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const parsed = parse(await res.text());
  /** The value of the sample with exactly these labels (0 when absent: a counter not yet touched). */
  const value = (name: string, labels: Record<string, string> = {}) =>
    parsed.samples.find((s) => s.name === name && Object.keys(labels).length === Object.keys(s.labels).length && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;
  return { ...parsed, value };
}

beforeAll(async () => {
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('metrics');
  const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-metrics-'));
  // 1,000 rows, 10 of them without a user id (rejected by the run).
  await db.run(`COPY (SELECT CASE WHEN i % 100 = 7 THEN NULL ELSE 'u' || (i % 30) END AS user_id, TIMESTAMP '2025-03-01' + INTERVAL (i) MINUTE AS ts, i AS n FROM range(1000) t(i))
    TO '${work}/part-0.csv' (FORMAT csv, HEADER)`);
  await s3.uploadDir('metrics', 'data/events/', work);
  inlet = await startInlet({ INLET_METRICS_TOKEN: TOKEN });
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe('GET /metrics', () => {
  it('needs the metrics token when one is set: 401 without it or with another, never an API key', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Bearer ${inlet.adminKey}`, TOKEN]) {
      const res = await fetch(`${inlet.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const scraped = await scrape();
    // Node's default process metrics are there.
    expect(scraped.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(scraped.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(scraped.types.get('inlet_import_run_duration_seconds')).toBe('histogram');
    expect(scraped.types.get('inlet_import_runs_total')).toBe('counter');
  });

  it('moves run, row, byte, duration and schema-refresh values by exactly what an import run did', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'metrics', schemaPrefix: 'data/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'metrics' } });
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId: createConnection.id, name: 'metrics events', table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'ts', schedule: 'manual' },
    });
    const before = await scrape();
    const sub = await subscribeReady(inlet, `subscription($id: ID) { importRunUpdated(importId: $id) { id status } }`, { id: createImport.id });
    const { runImport } = await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
    await sub.until((e) => e.some((x: any) => x.importRunUpdated.id === runImport.id && x.importRunUpdated.status === 'SUCCEEDED'));
    sub.unsubscribe();
    // The run's end reactions (metrics among them) finish before its job leaves the engine.
    await inlet.idle();
    const after = await scrape();
    const { importRun: run } = await inlet.ok(`query($id: ID!) { importRun(id: $id) { status rowsRead rowsImported rowsRejected bytesRead } }`, { id: runImport.id });
    expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 1000, rowsImported: 990, rowsRejected: 10 });
    const [{ n }] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM (SELECT i FROM range(1000) t(i) WHERE i % 100 <> 7)`);
    expect(run.rowsImported).toBe(Number(n));
    const delta = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
    const type = { type: 'USER_ACTIVITY' };
    expect(delta('inlet_import_runs_total', { ...type, status: 'SUCCEEDED' })).toBe(1);
    expect(delta('inlet_import_runs_total', { ...type, status: 'FAILED' })).toBe(0);
    expect(delta('inlet_import_rows_read_total', type)).toBe(1000);
    expect(delta('inlet_import_rows_imported_total', type)).toBe(990);
    expect(delta('inlet_import_rows_rejected_total', type)).toBe(10);
    expect(delta('inlet_import_bytes_read_total', type)).toBe(run.bytesRead);
    expect(run.bytesRead).toBeGreaterThan(0);
    expect(delta('inlet_import_run_duration_seconds_count', { ...type, status: 'SUCCEEDED' })).toBe(1);
    expect(delta('inlet_import_run_duration_seconds_bucket', { ...type, status: 'SUCCEEDED', le: '+Inf' })).toBe(1);
    // The run refreshed the schema first: one refresh, with the requests and bytes the connection shows for it.
    const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { schemaRefresh { requests bytesRead } } }`, { id: createConnection.id });
    expect(delta('inlet_schema_refreshes_total', { outcome: 'ok' })).toBe(1);
    expect(delta('inlet_schema_refresh_requests_total')).toBe(connection.schemaRefresh.requests);
    expect(delta('inlet_schema_refresh_bytes_total')).toBe(connection.schemaRefresh.bytesRead);
    expect(connection.schemaRefresh.requests).toBeGreaterThan(0);
  });

  it('reads queue depth and the oldest queued job from the job table at scrape time', async () => {
    const dbs = inlet.server.services.db;
    const p = testDatabase === 'postgres' ? (n: number) => `$${n}` : () => '?';
    const insert = `INSERT INTO job (id, kind, key, payload, status, attempt, "notBefore", "cancelRequested", "createdAt") VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`;
    // A kind no engine here runs, so the rows stay queued: as another server's queue would look from this one.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    await dbs.query(insert, [randomUUID(), 'metrics-test', 'a', '{}', 'QUEUED', 1, null, 0, twoHoursAgo]);
    await dbs.query(insert, [randomUUID(), 'metrics-test', 'b', '{}', 'QUEUED', 2, new Date(Date.now() + 3600_000).toISOString(), 0, new Date().toISOString()]);
    try {
      const scraped = await scrape();
      expect(scraped.value('inlet_jobs_queued', { kind: 'metrics-test' })).toBe(2);
      expect(scraped.value('inlet_jobs_queued', { kind: 'import-run' })).toBe(0);
      // The retry waiting for its time is queued but not due: the oldest due job is the two-hour-old one.
      const age = scraped.value('inlet_jobs_oldest_queued_age_seconds', { kind: 'metrics-test' });
      expect(age).toBeGreaterThanOrEqual(7200);
      expect(age).toBeLessThan(7200 + 600);
    } finally {
      await dbs.query(`DELETE FROM job WHERE kind = 'metrics-test'`);
    }
    expect((await scrape()).value('inlet_jobs_queued', { kind: 'metrics-test' })).toBe(0);
  });

  it('counts events ingested and rejected, and open subscriptions', async () => {
    const before = await scrape();
    expect(before.value('inlet_graphql_subscriptions_open')).toBe(0);
    const sub = subscribe(inlet.ws(), `subscription { eventsIngested { counts { type accepted rejected } } }`);
    // The gauge is the acknowledgement that the server has registered the subscription.
    await eventually(async () => (await scrape()).value('inlet_graphql_subscriptions_open') === 1, 20_000, 'the subscription to open');
    const events = [
      ...[1, 2, 3].map(() => ({ event_id: randomUUID(), type: 'Pageview', user_id: 'u-1', properties: {} })),
      { event_id: randomUUID(), user_id: 'u-1', properties: {} },
    ];
    const res = await fetch(`${inlet.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${inlet.adminKey}` }, body: JSON.stringify(events) });
    const answer = await res.json();
    expect(answer).toMatchObject({ accepted: 3 });
    expect(answer.rejected).toHaveLength(1);
    // The per-second tally is counted before it is published, so once it arrives the scrape holds it.
    await sub.until((e) => e.length > 0);
    const after = await scrape();
    expect(after.value('inlet_events_ingested_total') - before.value('inlet_events_ingested_total')).toBe(3);
    expect(after.value('inlet_events_rejected_total') - before.value('inlet_events_rejected_total')).toBe(1);
    sub.unsubscribe();
    await eventually(async () => (await scrape()).value('inlet_graphql_subscriptions_open') === 0, 20_000, 'the subscription to close');
  });

  it('times GraphQL requests by operation name, type and outcome, bounding names', async () => {
    const before = await scrape();
    await inlet.ok(`query MetricsProbe { viewer { isAdmin } }`);
    await inlet.ok(`query MetricsProbe { viewer { isAdmin } }`);
    await inlet.gql(`mutation MetricsFail { deleteImport(id: "nope") }`);
    await inlet.ok(`{ viewer { isAdmin } }`);
    const after = await scrape();
    const count = (labels: Record<string, string>) => after.value('inlet_graphql_request_duration_seconds_count', labels) - before.value('inlet_graphql_request_duration_seconds_count', labels);
    expect(count({ operation: 'MetricsProbe', type: 'query', outcome: 'ok' })).toBe(2);
    expect(count({ operation: 'MetricsFail', type: 'mutation', outcome: 'error' })).toBe(1);
    expect(count({ operation: 'anonymous', type: 'query', outcome: 'ok' })).toBe(1);
  });
});

describe('GET /metrics without a token configured', () => {
  it('is open (Prometheus scrapes without credentials), and a bad token setting stops the start', async () => {
    const open = await startInlet();
    try {
      const res = await fetch(`${open.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('inlet_import_runs_total');
    } finally {
      await open.close();
    }
    await expect(startInlet({ INLET_METRICS_TOKEN: 'short' })).rejects.toThrow('INLET_METRICS_TOKEN must be at least 16 characters without spaces');
  });
});
