// S3 Batch export (issue 16, item 5) with real parts: events go through the real POST /v1/events of a test server
// into its SQLite or PostgreSQL event log, the export reads one UTC day back from that log and writes it into a real
// S3-protocol server (s3rver), and DuckDB (an independent reader) reads every file back. A recording HTTP proxy in
// front of s3rver records each request's method, path and headers, and can answer the way S3 refuses (AccessDenied,
// a KMS denial) or fails (503); nothing is mocked.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchExportError,
  eventLogRowSource,
  exportDay,
  type AliasRecord,
  type BatchRowSource,
  type EventRecord,
  type ExportDayOptions,
  type Manifest,
  type SegmentMetadataRecord,
} from '../server/routing/batch/index.js';
import { duck, sqlString, type Duck } from './helpers/duckdb.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A forwarding proxy that records every request, and can refuse or fail the next ones the way S3 does. */
async function startRecorder(target: string) {
  const upstream = new URL(target);
  const requests: Recorded[] = [];
  let answer: ((req: http.IncomingMessage) => { status: number; code: string; message: string } | null) | null = null;
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const refusal = answer?.(req);
    if (refusal) {
      req.resume();
      res.writeHead(refusal.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message><RequestId>r</RequestId></Error>`);
      return;
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    refuse(fn: typeof answer) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let client: S3Client;
let workspaceId: string;
let otherWorkspaceId: string;
let date: string;
/** The events of `date` in the log (what the export must give back), by id. */
let expected: Map<string, EventRecord>;
let tmp: string;
const bucket = 'batch';

async function send(key: string, events: unknown[]) {
  const res = await fetch(`${inlet.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(events),
  });
  const body = await res.json();
  expect(res.status).toBe(200);
  expect(body.rejected).toEqual([]);
}

async function eventsKey(workspace: string) {
  const { createApiKey } = await inlet.ok(
    `mutation($w: ID!, $n: String!) { createApiKey(workspaceId: $w, name: $n, scope: EVENTS) { key } }`,
    { w: workspace, n: `events-${randomBytes(3).toString('hex')}` },
  );
  return createApiKey.key as string;
}

/** Every event of a workspace in the log, read through the log's own interface. */
async function logged(workspace: string): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  let after = 0;
  for (;;) {
    const page = await inlet.server.services.ingest.log.read(workspace, after, 1000);
    if (!page.length) return out;
    out.push(...page.map((e) => e.event as unknown as EventRecord));
    after = page[page.length - 1]!.position;
  }
}

const source = (over: Partial<Parameters<typeof eventLogRowSource>[1]> = {}) =>
  eventLogRowSource(inlet.server.services.ingest.sql, { date, workspaceIds: [workspaceId], pageRows: 50, ...over });

const run = (prefix: string, over: Partial<ExportDayOptions> = {}) =>
  exportDay({ s3: client, bucket, prefix, format: 'JSON_GZIP', date, source: source(), ...over });

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

async function get(key: string): Promise<Buffer> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

/** Downloads an object to a local file (DuckDB reads local files here: no httpfs extension offline). */
async function local(key: string): Promise<string> {
  const file = path.join(tmp, key.replaceAll('/', '__'));
  writeFileSync(file, await get(key));
  return file;
}

const readerFor = (key: string, file: string) =>
  key.endsWith('.parquet') ? `read_parquet(${sqlString(file)})` : `read_json(${sqlString(file)}, format = 'newline_delimited', compression = 'gzip')`;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-batch-'));
  inlet = await startInlet();
  s3 = await startS3();
  await s3.createBucket(bucket);
  recorder = await startRecorder(s3.endpoint);
  client = new S3Client({ region: 'us-east-1', endpoint: recorder.endpoint, forcePathStyle: true, credentials: { ...S3_KEY }, maxAttempts: 1 });
  db = await duck();
  workspaceId = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  otherWorkspaceId = (await inlet.ok(`mutation { createWorkspace(name: "other") { id } }`)).createWorkspace.id;

  const key = await eventsKey(workspaceId);
  const pageviews = Array.from({ length: 240 }, (_, i) => ({
    event_id: randomUUID(),
    type: 'Pageview',
    user_id: `u-${i % 17}`,
    time: new Date(Date.UTC(2026, 10, 30, 12, 0, i)).toISOString(),
    session_id: `s-${i % 5}`,
    properties: { client: { url: `https://example.com/p/${i}` }, amount: i + 0.5, count: i, title: `Page ${i}`, flag: i % 2 === 0, mixed: i % 3 === 0 ? 'x' : i },
  }));
  // Aliases are kept per (user, tag, id) with their latest sighting (the event's time): on purchases, timed now.
  const purchases = Array.from({ length: 30 }, (_, i) => ({
    event_id: randomUUID(), type: 'Purchase', user_id: `u-${i}`, properties: { value: i * 10, currency: 'EUR' },
    ...(i % 3 === 0 ? { aliases: [{ tag: 'email_sha256', id: `h-${i}`, priority: 0 }] } : {}),
  }));
  for (let i = 0; i < pageviews.length; i += 60) await send(key, pageviews.slice(i, i + 60));
  await send(key, purchases);
  // Another workspace's events: out of a workspace-scoped export, in an all-workspaces one.
  await send(await eventsKey(otherWorkspaceId), [{ event_id: randomUUID(), type: 'Pageview', user_id: 'other', properties: { amount: 1 } }]);

  // The day is the receive day of the first event; near midnight some may fall on the next day, and are not expected.
  const all = await logged(workspaceId);
  expect(all.length).toBe(270);
  date = all[0]!.received_at.slice(0, 10);
  expected = new Map(all.filter((e) => e.received_at.startsWith(date)).map((e) => [e.event_id, e]));
});

afterAll(async () => {
  db?.close();
  await recorder?.close();
  await s3?.close();
  await inlet?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const fromJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** Reads back every events file of a run with DuckDB: the rows, by event id. */
async function readEvents(files: { key: string; dataType: string }[]) {
  const rows = new Map<string, Record<string, any>>();
  for (const f of files.filter((x) => x.dataType === 'events')) {
    const file = await local(f.key);
    for (const r of await db.json(`SELECT * FROM ${readerFor(f.key, file)}`)) {
      expect(rows.has(r.event_id as string)).toBe(false);
      rows.set(r.event_id as string, r);
    }
  }
  return rows;
}

describe.each(['JSON_GZIP', 'PARQUET_SNAPPY'] as const)('%s', (format) => {
  const prefix = `${format.toLowerCase()}/`;
  let result: Awaited<ReturnType<typeof exportDay>>;

  beforeAll(async () => {
    recorder.requests.length = 0;
    result = await run(prefix, { format });
  });

  it('writes the Hive layout, one partition per event type, and the manifest last with every file and its rows', async () => {
    const ext = format === 'JSON_GZIP' ? 'json.gz' : 'parquet';
    const keys = result.files.map((f) => f.key);
    expect(keys).toContain(`${prefix}events/type=Pageview/date=${date}/part-00000.${ext}`);
    expect(keys).toContain(`${prefix}events/type=Purchase/date=${date}/part-00000.${ext}`);
    expect(keys).toContain(`${prefix}aliases/date=${date}/part-00000.${ext}`);
    // Segment metadata is empty until audiences land; its snapshot file is still written.
    expect(keys).toContain(`${prefix}segment_metadata/date=${date}/part-00000.${ext}`);
    expect(keys.at(-1)).toBe(`${prefix}_manifests/date=${date}.json`);
    expect(await keysUnder(prefix)).toEqual([...keys].sort());

    // Written last: no request after the manifest's PUT, and every data file's upload before it.
    const puts = recorder.requests.filter((r) => r.method === 'PUT' || (r.method === 'POST' && r.url.includes('uploads')));
    expect(decodeURIComponent(puts.at(-1)!.url)).toContain(`_manifests/date=${date}.json`);
    const manifest = JSON.parse((await get(keys.at(-1)!)).toString()) as Manifest;
    expect(manifest.files.map((f) => f.key)).toEqual(keys.slice(0, -1));
    for (const f of manifest.files) {
      const file = await local(f.key);
      const [{ n }] = await db.json<{ n: string }>(`SELECT COUNT(*) AS n FROM ${readerFor(f.key, file)}`);
      expect(Number(n)).toBe(f.rows);
    }
    expect(manifest.rows.events).toBe(expected.size);
    expect(manifest.files.find((f) => f.data_type === 'segment_metadata')!.rows).toBe(0);
  });

  it('DuckDB reads back exactly the events sent that day, with their values', async () => {
    const rows = await readEvents(result.files);
    expect(new Set(rows.keys())).toEqual(new Set(expected.keys()));
    for (const [id, sent] of [...expected].slice(0, 40)) {
      const got = rows.get(id)!;
      expect(got.type).toBe(sent.type);
      expect(got.user_id).toBe(sent.user_id);
      expect(got.workspace_id).toBe(workspaceId);
      expect(new Date(got.time as string).toISOString()).toBe(sent.time);
      expect(new Date(got.received_at as string).toISOString()).toBe(sent.received_at);
      expect(got.segments).toEqual([]);
      const props = typeof got.properties === 'string' ? JSON.parse(got.properties) : got.properties;
      if (sent.type === 'Pageview') {
        expect(got.session_id).toBe(sent.session_id);
        expect(props.amount).toBe(sent.properties!.amount);
        expect(props.title).toBe(sent.properties!.title);
        expect(props.flag).toBe(sent.properties!.flag);
        // JSON-typed values come back as JSON text from both readers.
        expect(fromJson(props.client)).toEqual(sent.properties!.client);
        expect(fromJson(props.mixed)).toEqual(sent.properties!.mixed);
      } else {
        expect(Number(props.value)).toBe(sent.properties!.value);
        expect(props.currency).toBe('EUR');
      }
    }
  });

  it('aliases of the day are exported with their workspace', async () => {
    const f = result.files.find((x) => x.dataType === 'aliases')!;
    const file = await local(f.key);
    const aliases = await db.json<AliasRecord>(`SELECT * FROM ${readerFor(f.key, file)} ORDER BY id`);
    const sentAliases = [...expected.values()].filter((e) => e.time.startsWith(date)).flatMap((e) => (e.aliases ?? []).map((a) => a.id)).sort();
    expect(sentAliases.length).toBeGreaterThan(0);
    expect(aliases.map((a) => a.id)).toEqual(sentAliases);
    expect({ ...aliases[0], priority: Number(aliases[0]!.priority) }).toMatchObject({ tag: 'email_sha256', priority: 0, workspace_id: workspaceId });
    expect(aliases[0]!.time.slice(0, 10)).toBe(date);
  });

  if (format === 'PARQUET_SNAPPY') {
    it('Parquet columns are typed: TIMESTAMP times, a list of integers for segments, typed or JSON properties, Snappy', async () => {
      const f = result.files.find((x) => x.key.includes('type=Pageview'))!;
      const file = await local(f.key);
      const types = new Map((await db.json<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`)).map((r) => [r.column_name, r.column_type]));
      expect(types.get('time')).toBe('TIMESTAMP WITH TIME ZONE');
      expect(types.get('received_at')).toBe('TIMESTAMP WITH TIME ZONE');
      expect(types.get('segments')).toBe('INTEGER[]');
      // amount: always a number with decimals; count: integers; title: strings; flag: booleans; client: objects
      // (JSON text); mixed: strings and numbers (JSON text).
      expect(types.get('properties')).toBe('STRUCT(amount DOUBLE, client JSON, count BIGINT, flag BOOLEAN, mixed JSON, title VARCHAR)');
      const codecs = await db.json<{ c: string }>(`SELECT DISTINCT compression AS c FROM parquet_metadata(${sqlString(file)})`);
      expect(codecs.map((c) => c.c)).toEqual(['SNAPPY']);
      // The same types when the source cannot report property kinds (the export then reads the rows once more).
      const { propertyKinds: _, ...plain } = source();
      const again = await run('parquet-plain/', { format, source: plain });
      const againFile = await local(again.files.find((x) => x.key.includes('type=Pageview'))!.key);
      const [described] = await db.json<{ column_type: string }>(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(againFile)})) WHERE column_name = 'properties'`);
      expect(described!.column_type).toBe(types.get('properties'));
      const [sum] = await db.json<{ s: number }>(`SELECT SUM(properties.count) AS s FROM read_parquet(${sqlString(file)})`);
      const sentSum = [...expected.values()].filter((e) => e.type === 'Pageview').reduce((n, e) => n + (e.properties!.count as number), 0);
      expect(Number(sum!.s)).toBe(sentSum);
    });
  }
});

describe('parts, re-runs and scope', () => {
  it('splits a type into parts of at most the size limit (uncompressed), each readable, none losing or repeating a row', async () => {
    const limit = 8 * 1024;
    const result = await run('parts/', { partSizeBytes: limit });
    const pageviewParts = result.files.filter((f) => f.key.includes('type=Pageview'));
    expect(pageviewParts.length).toBeGreaterThan(3);
    expect(pageviewParts.map((f) => f.key.split('/').at(-1))).toEqual(pageviewParts.map((_, i) => `part-${String(i).padStart(5, '0')}.json.gz`));
    for (const f of pageviewParts) expect(gunzipSync(await get(f.key)).length).toBeLessThanOrEqual(limit);
    const rows = await readEvents(result.files);
    expect(new Set(rows.keys())).toEqual(new Set(expected.keys()));

    const parquet = await run('parts-parquet/', { partSizeBytes: limit, format: 'PARQUET_SNAPPY', rowGroupRows: 20 });
    expect(parquet.files.filter((f) => f.key.includes('type=Pageview')).length).toBeGreaterThan(3);
    expect(new Set((await readEvents(parquet.files)).keys())).toEqual(new Set(expected.keys()));
  });

  it('a re-run with fewer events rewrites the same keys and prunes the parts and partitions the new manifest does not list', async () => {
    const limit = 8 * 1024;
    const first = await run('rerun/', { partSizeBytes: limit });
    const firstKeys = first.files.map((f) => f.key);
    expect(firstKeys.filter((k) => k.includes('type=Pageview')).length).toBeGreaterThan(3);
    // A file from another day stays: pruning touches only this day's folders.
    await s3.put(bucket, 'rerun/events/type=Pageview/date=2000-01-01/part-00000.json.gz', 'old day');

    // The second run sees fewer events: the first 30 pageviews only, no purchases.
    const full = source();
    const fewer: BatchRowSource = {
      ...full,
      eventsJson: undefined, // JSON gzip would read the full day's text otherwise
      eventPages: undefined, // and Parquet its pages
      async *events(types) {
        let left = 30;
        for await (const chunk of full.events(types)) {
          if (left <= 0) return;
          yield chunk.slice(0, left);
          left -= chunk.length;
        }
      },
    };
    const second = await run('rerun/', { partSizeBytes: limit, source: fewer });
    const secondKeys = second.files.map((f) => f.key);
    expect(secondKeys.length).toBeLessThan(firstKeys.length);
    expect(secondKeys.filter((k) => !k.includes('_manifests')).every((k) => firstKeys.includes(k))).toBe(true);
    expect(second.deleted.length).toBeGreaterThan(0);
    expect(second.deleted.some((k) => k.includes('type=Purchase'))).toBe(true);
    expect(await keysUnder('rerun/')).toEqual([...secondKeys, 'rerun/events/type=Pageview/date=2000-01-01/part-00000.json.gz'].sort());
    const manifest = JSON.parse((await get(`rerun/_manifests/date=${date}.json`)).toString()) as Manifest;
    expect(manifest.rows.events).toBe(Math.min(30, [...expected.values()].filter((e) => e.type === 'Pageview').length));
    expect((await readEvents(second.files)).size).toBe(manifest.rows.events);
  });

  it('an all-workspaces export carries every workspace, each row with its workspace_id', async () => {
    const result = await run('all/', { source: source({ workspaceIds: null }) });
    const rows = await readEvents(result.files);
    const workspaces = new Set([...rows.values()].map((r) => r.workspace_id));
    expect(workspaces.has(workspaceId)).toBe(true);
    expect(workspaces.has(otherWorkspaceId) || !(await logged(otherWorkspaceId))[0]!.received_at.startsWith(date)).toBe(true);
    for (const id of expected.keys()) expect(rows.has(id)).toBe(true);
  });

  it('an event logged before segments existed (no `segments` in its body) is exported with segments []', async () => {
    const at = `${date}T05:00:00.000Z`;
    const e = { event_id: randomUUID(), type: 'Legacy', user_id: 'u-old', time: at, properties: { note: 'a "quoted" é' }, received_at: at, workspace_id: 'ws-legacy' };
    await inlet.server.services.ingest.log.append('ws-legacy', [{ eventId: e.event_id, type: e.type, userId: e.user_id, time: at, receivedAt: at, body: JSON.stringify(e) }]);
    for (const format of ['JSON_GZIP', 'PARQUET_SNAPPY'] as const) {
      const result = await run(`legacy-${format}/`, { format, source: source({ workspaceIds: ['ws-legacy'] }) });
      const rows = [...(await readEvents(result.files)).values()];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event_id: e.event_id, user_id: 'u-old', segments: [] });
      const props = typeof rows[0]!.properties === 'string' ? JSON.parse(rows[0]!.properties) : rows[0]!.properties;
      expect(props).toEqual(e.properties);
    }
  });

  it('Parquet: segment metadata keeps its values: integers, a null description, lists of tags (empty too), big sizes, times', async () => {
    const records: SegmentMetadataRecord[] = [
      { code: 7, name: 'Buyers', description: null, tags: ['vip', 'é ünïcode'], size: 2 ** 40 + 3, created_at: `${date}T01:02:03.004Z`, updated_at: `${date}T05:06:07.008Z`, workspace_id: workspaceId },
      { code: 8, name: 'Nobody', description: 'no tags', tags: [], size: null, created_at: '2025-02-28T23:59:59.999Z', updated_at: `${date}T00:00:00.000Z`, workspace_id: workspaceId },
    ];
    const result = await run('segments-parquet/', { format: 'PARQUET_SNAPPY', source: source({ segmentMetadata: async function* () { yield records; } }) });
    const f = result.files.find((x) => x.dataType === 'segment_metadata')!;
    const rows = await db.json<Record<string, any>>(`SELECT code, name, description, tags, size, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at, workspace_id FROM read_parquet(${sqlString(await local(f.key))}) ORDER BY code`);
    expect(rows.map((r) => ({ ...r, code: Number(r.code), size: r.size === null ? null : Number(r.size) }))).toEqual(records);
  });

  it('Parquet: a property that changes kind, or first appears, late in the day (after its type\'s first row group) is typed from the whole day and every value kept', async () => {
    // 300 events in pages of 50 positions, rows of 20 per group: `late` is an integer for 250 events, then text; `extra`
    // appears in the last 50. The schema is fixed from the first pages, so the export must notice and write again.
    const ws = 'ws-late';
    const events = Array.from({ length: 300 }, (_, i) => {
      const at = new Date(Date.parse(`${date}T06:00:00.000Z`) + i * 1000).toISOString();
      const properties: Record<string, unknown> = { n: i, late: i < 250 ? i : `v${i}`, ...(i >= 250 ? { extra: i % 2 === 0 } : {}) };
      return { event_id: randomUUID(), type: 'Late', user_id: `u-${i}`, time: at, properties, received_at: at, workspace_id: ws, segments: [] };
    });
    await inlet.server.services.ingest.log.append(ws, events.map((e) => ({ eventId: e.event_id, type: e.type, userId: e.user_id, time: e.time, receivedAt: e.received_at, body: JSON.stringify(e) })));
    const { propertyKinds: _, ...plain } = source({ workspaceIds: [ws] });
    for (const [name, from] of [['reported', source({ workspaceIds: [ws] })], ['read', plain]] as const) {
      const seen: string[] = [];
      const result = await run(`late-${name}/`, { format: 'PARQUET_SNAPPY', source: from, rowGroupRows: 20, partSizeBytes: 16 * 1024, onFile: (f) => seen.push(f.key) });
      // Each file reported once, though the first parts were written twice.
      expect(seen).toEqual(result.files.map((f) => f.key));
      const parts = result.files.filter((f) => f.dataType === 'events');
      expect(parts.length).toBeGreaterThan(1);
      for (const f of parts) {
        const [described] = await db.json<{ column_type: string }>(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(await local(f.key))})) WHERE column_name = 'properties'`);
        expect(described!.column_type).toBe('STRUCT(extra BOOLEAN, late JSON, n BIGINT)');
      }
      const rows = await readEvents(result.files);
      expect(rows.size).toBe(300);
      for (const e of events) {
        const props = rows.get(e.event_id)!.properties;
        expect(Number(props.n)).toBe(e.properties.n);
        expect(fromJson(props.late)).toEqual(e.properties.late);
        expect(props.extra ?? undefined).toBe(e.properties.extra);
      }
    }
  });

  it('more types than one read writes (16): the first read meets them all and writes 16, one more read writes the rest', async () => {
    const ws = 'ws-many-types';
    const types = Array.from({ length: 20 }, (_, i) => `T${String(i).padStart(2, '0')}`);
    // Interleaved through the day, in an order unlike the types' names: the first read meets T19 first.
    const events = Array.from({ length: 100 }, (_, i) => {
      const at = new Date(Date.parse(`${date}T03:00:00.000Z`) + i * 1000).toISOString();
      return { event_id: randomUUID(), type: types[19 - (i % 20)]!, user_id: `u-${i}`, time: at, properties: { n: i }, received_at: at, workspace_id: ws, segments: [] };
    });
    await inlet.server.services.ingest.log.append(ws, events.map((e) => ({ eventId: e.event_id, type: e.type, userId: e.user_id, time: e.time, receivedAt: e.received_at, body: JSON.stringify(e) })));
    for (const format of ['PARQUET_SNAPPY', 'JSON_GZIP'] as const) {
      const inner = source({ workspaceIds: [ws] });
      const asked: (readonly string[] | null)[] = [];
      const counted: BatchRowSource = {
        ...inner,
        events: (t) => (asked.push(t), inner.events(t)),
        eventsJson: (t) => (asked.push(t), inner.eventsJson!(t)),
        eventPages: (t) => (asked.push(t), inner.eventPages!(t)),
      };
      const result = await run(`many-types-${format}/`, { format, source: counted });
      expect(asked).toEqual([null, ['T00', 'T01', 'T02', 'T03']]);
      const parts = result.files.filter((f) => f.dataType === 'events');
      expect(parts.map((f) => f.eventType).sort()).toEqual(types);
      const rows = await readEvents(result.files);
      expect(rows.size).toBe(100);
      for (const e of events) {
        expect(rows.get(e.event_id)!.type).toBe(e.type);
        expect(Number(rows.get(e.event_id)!.properties.n)).toBe(e.properties.n);
      }
    }
  });

  it('Parquet: when the first read gives up on a kind change, its second read still meets the types after that point', async () => {
    // 10 types in the first 50 events; then T19's `n` turns to text (the schema fixed from the first page no longer
    // holds: the read gives up); 10 more types appear only after that.
    const ws = 'ws-late-types';
    const events = Array.from({ length: 100 }, (_, i) => {
      const at = new Date(Date.parse(`${date}T04:00:00.000Z`) + i * 1000).toISOString();
      const type = i < 60 ? `T${19 - (i % 10)}` : `T${String(19 - (i % 20)).padStart(2, '0')}`;
      return { event_id: randomUUID(), type, user_id: `u-${i}`, time: at, properties: { n: type === 'T19' && i >= 50 ? `v${i}` : i }, received_at: at, workspace_id: ws, segments: [] };
    });
    await inlet.server.services.ingest.log.append(ws, events.map((e) => ({ eventId: e.event_id, type: e.type, userId: e.user_id, time: e.time, receivedAt: e.received_at, body: JSON.stringify(e) })));
    const result = await run('late-types/', { format: 'PARQUET_SNAPPY', source: source({ workspaceIds: [ws] }) });
    const parts = result.files.filter((f) => f.dataType === 'events');
    expect(parts.map((f) => f.eventType).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `T${String(i).padStart(2, '0')}`));
    const rows = await readEvents(result.files);
    expect(rows.size).toBe(100);
    for (const e of events) expect(fromJson(rows.get(e.event_id)!.properties.n)).toEqual(e.properties.n);
  });

  it('Parquet: text columns with few distinct values are dictionary-encoded (nulls inside too), and fall back to PLAIN past the bounds', async () => {
    // 9,100 events in row groups of 4,500: `plan` and `session_id` have a few values and nulls; `note` is all distinct
    // (gives up after DICTIONARY_PROBE values, and the next groups do not try); `big` has 500 distinct values of 2.5 KB
    // (past DICTIONARY_MAX_BYTES in the middle of a group); `rare`, in one row of 10, is all distinct but under the
    // probe: at the group's end PLAIN is smaller.
    const day = `${date}T02:00:00.000Z`;
    const plans = ['free', 'pro', null, 'team', undefined, 'ünïcode ✓'];
    const big = (i: number) => `${i % 500}:`.padEnd(2500, String.fromCharCode(97 + ((i % 500) % 26)));
    const events: EventRecord[] = Array.from({ length: 9100 }, (_, i) => ({
      event_id: randomUUID(), type: 'Dict', user_id: `u-${i % 50}`, time: day, received_at: day, workspace_id: i % 2 ? workspaceId : otherWorkspaceId,
      session_id: i % 3 ? `s-${i % 7}` : null, aliases: [], segments: [],
      properties: { ...(plans[i % 6] !== undefined ? { plan: plans[i % 6] } : {}), note: `note-${i}-${randomBytes(4).toString('hex')}`, big: big(i), ...(i % 10 ? {} : { rare: `r-${i}` }) },
    }));
    const dictSource: BatchRowSource = {
      async *events() {
        for (let i = 0; i < events.length; i += 700) yield events.slice(i, i + 700);
      },
      async *aliases() {},
      async *segmentMetadata() {},
    };
    const result = await run('dictionary/', { format: 'PARQUET_SNAPPY', source: dictSource, rowGroupRows: 4500 });
    const parts = result.files.filter((f) => f.dataType === 'events');
    expect(parts.length).toBe(1);
    const file = await local(parts[0]!.key);
    const encodings = new Map<string, string[]>();
    for (const r of await db.json<{ row_group_id: string; path_in_schema: string; encodings: string }>(`SELECT row_group_id, path_in_schema, encodings FROM parquet_metadata(${sqlString(file)})`)) {
      encodings.set(`${r.row_group_id} ${r.path_in_schema}`, r.encodings.split(',').map((e) => e.trim()));
    }
    const dictionary = (group: number, column: string) => encodings.get(`${group} ${column}`)!.includes('RLE_DICTIONARY');
    for (const group of [0, 1, 2]) {
      for (const column of ['type', 'user_id', 'session_id', 'workspace_id', 'aliases', 'properties, plan']) expect(dictionary(group, column), `${group} ${column}`).toBe(true);
      for (const column of ['event_id', 'properties, note', 'properties, rare']) expect(dictionary(group, column), `${group} ${column}`).toBe(false);
    }
    expect([0, 1].map((g) => dictionary(g, 'properties, big'))).toEqual([false, false]);
    // Every value back as written, nulls where there were none.
    const rows = await readEvents(result.files);
    expect(rows.size).toBe(events.length);
    for (const e of events) {
      const r = rows.get(e.event_id)!;
      expect([r.type, r.user_id, r.session_id, r.workspace_id, fromJson(r.aliases)]).toEqual([e.type, e.user_id, e.session_id, e.workspace_id, []]);
      expect([r.properties.plan, r.properties.note, r.properties.big, r.properties.rare]).toEqual([e.properties!.plan ?? null, e.properties!.note, e.properties!.big, e.properties!.rare ?? null]);
    }
  });

  it('reports progress once per file written, with its rows and bytes', async () => {
    const seen: { key: string; dataType: string; rows: number; bytes: number }[] = [];
    const result = await run('progress/', { onFile: (f) => seen.push(f) });
    expect(seen.map((f) => f.key)).toEqual(result.files.map((f) => f.key));
    for (const f of result.files.slice(0, -1)) expect(f.bytes).toBe((await get(f.key)).length);
  });
});

/** A synthetic day of barely compressible events: more than one 5 MiB multipart part once gzipped. */
function bulkySource(rows: number): BatchRowSource {
  const day = `${date}T01:00:00.000Z`;
  return {
    async *events() {
      for (let i = 0; i < rows; i += 500) {
        yield Array.from({ length: Math.min(500, rows - i) }, (_, j) => ({
          event_id: randomUUID(), type: 'Bulk', user_id: `u-${i + j}`, time: day, received_at: day, workspace_id: workspaceId,
          properties: { blob: randomBytes(3000).toString('base64') }, segments: [1, 2],
        }));
      }
    },
    async *aliases() {},
    async *segmentMetadata() {
      yield [{ code: 7, name: 'Readers', description: null, tags: ['a', 'b'], size: 3, created_at: day, updated_at: day, workspace_id: workspaceId }];
    },
  };
}

describe('encryption and errors', () => {
  it('sends the SSE-KMS headers on every upload (single PUTs, multipart creation) and the manifest when a key is set', async () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    recorder.requests.length = 0;
    const result = await run('kms/', { kmsKeyArn, source: bulkySource(2500) });
    const bulk = result.files.find((f) => f.key.includes('type=Bulk'))!;
    expect(bulk.bytes).toBeGreaterThan(5 * 1024 * 1024);
    const creates = recorder.requests.filter((r) => r.method === 'POST' && /[?&]uploads/.test(r.url));
    const puts = recorder.requests.filter((r) => r.method === 'PUT' && !/partNumber=/.test(r.url));
    expect(creates.length).toBe(1);
    expect(puts.length).toBe(result.files.length - 1);
    for (const r of [...creates, ...puts]) {
      expect(r.headers['x-amz-server-side-encryption']).toBe('aws:kms');
      expect(r.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(kmsKeyArn);
    }
    expect(recorder.requests.filter((r) => /partNumber=/.test(r.url)).length).toBeGreaterThan(1);
    // The segment metadata snapshot from the source is in its file.
    const seg = result.files.find((f) => f.dataType === 'segment_metadata')!;
    const [row] = await db.json(`SELECT * FROM ${readerFor(seg.key, await local(seg.key))}`);
    expect({ ...row, code: Number(row!.code) }).toMatchObject({ code: 7, name: 'Readers', tags: ['a', 'b'], workspace_id: workspaceId });
    // Without a key: no SSE headers (the bucket's default encryption applies).
    recorder.requests.length = 0;
    await run('nokms/');
    expect(recorder.requests.some((r) => r.headers['x-amz-server-side-encryption'])).toBe(false);
  });

  it('AccessDenied is a configuration error naming the operation, the object and the permission; nothing half-written is left', async () => {
    recorder.refuse((req) => (req.method === 'PUT' && decodeURIComponent(req.url ?? '').includes('type=Purchase') ? { status: 403, code: 'AccessDenied', message: 'Access Denied' } : null));
    try {
      const error = await run('denied/').then(() => null, (e) => e);
      expect(error).toBeInstanceOf(BatchExportError);
      expect(error).toMatchObject({ kind: 'configuration', operation: 'PutObject', code: 'AccessDenied' });
      expect(error.message).toMatch(new RegExp(`PutObject denied on s3://${bucket}/denied/events/type=Purchase/date=${date}/part-00000.json.gz: .*s3:PutObject`));
      expect(await keysUnder(`denied/_manifests/`)).toEqual([]);
    } finally {
      recorder.refuse(null);
    }
  });

  it('a KMS denial is a configuration error naming the key and the permission', async () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/dead';
    recorder.refuse((req) =>
      req.method === 'PUT'
        ? { status: 403, code: 'AccessDenied', message: `User: arn:aws:iam::1:user/inlet is not authorized to perform: kms:GenerateDataKey on resource: ${kmsKeyArn}` }
        : null,
    );
    try {
      const error = await run('kmsdenied/', { kmsKeyArn }).then(() => null, (e) => e);
      expect(error).toMatchObject({ kind: 'configuration' });
      expect(error.message).toContain(`KMS key ${kmsKeyArn} not usable: kms:GenerateDataKey`);
    } finally {
      recorder.refuse(null);
    }
  });

  it('throttling and 5xx are transient (the caller retries)', async () => {
    for (const [status, code] of [[503, 'SlowDown'], [500, 'InternalError']] as const) {
      recorder.refuse((req) => (req.method === 'PUT' ? { status, code, message: 'try again' } : null));
      try {
        const error = await run('flaky/').then(() => null, (e) => e);
        expect(error).toMatchObject({ kind: 'transient' });
      } finally {
        recorder.refuse(null);
      }
    }
  });

  it('an aborted export stops and writes no manifest', async () => {
    const controller = new AbortController();
    const error = await run('aborted/', { signal: controller.signal, onFile: () => controller.abort(new Error('stop')) }).then(() => null, (e) => e);
    expect(error?.message).toBe('stop');
    expect(await keysUnder('aborted/_manifests/')).toEqual([]);
  });
});
