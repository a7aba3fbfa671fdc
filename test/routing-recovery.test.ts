// The S3 Streaming writer through crashes: the compiled server (what `npm start` runs) writes a destination and is
// killed with SIGKILL while an upload is held in flight by the fault proxy. On SQLite the same server starts again
// on its data directory; on PostgreSQL a second server was running all along, wrote nothing while the first held the
// lease, and takes the destination over once the dead server's heartbeat is stale. Either way DuckDB reads every
// event back exactly once.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../server/build.js';
import { STREAM_KIND } from '../server/routing/stream-writer.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { eventually, startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';

const BUCKET = 'crash';
let s3: LocalS3;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let serverMain: string;
let child: ChildProcess | null = null;
let second: TestInlet | null = null;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-routing-crash-'));

beforeAll(async () => {
  mkdirSync('.vitest-tmp', { recursive: true });
  serverMain = await buildServer(mkdtempSync(path.resolve('.vitest-tmp', 'server-')));
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  proxy = await startFaultProxy(s3.endpoint);
}, 180_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  proxy?.release();
  await second?.close();
  await proxy?.close();
  await s3?.close();
  if (serverMain) rmSync(path.dirname(serverMain), { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function download(prefix: string): Promise<{ dir: string; keys: string[] }> {
  const dir = path.join(tmp, randomUUID());
  const keys: string[] = [];
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  for (const o of page.Contents ?? []) keys.push(o.Key!);
  for (const key of keys) {
    const body = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
    const file = path.join(dir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return { dir, keys: keys.sort() };
}

const ev = () => ({ event_id: randomUUID(), type: 'Pageview', user_id: `u-${randomBytes(2).toString('hex')}`, properties: { n: 1 } });

it('kill -9 mid-upload: the writer resumes (or another server takes over) and every event lands once', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-crash-'));
  const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const masterKey = randomBytes(32).toString('hex');
  const port = await freePort();
  const common = { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', INLET_SCHEDULER: 'false', INLET_RUN_STALE_MS: '1500', INLET_STREAM_FLUSH_SECONDS: '1', INLET_MASTER_KEY: masterKey };
  const env = {
    ...process.env, ...common, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, INLET_API_KEY: adminKey, LOG_LEVEL: 'warn', INLET_WORKER_ID: 'wa',
    ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
  };
  child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const send = async (url: string, events: unknown[]) => {
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify(events) });
    expect(res.status).toBe(200);
  };
  await eventually(async () => gql('{ viewer { isAdmin } }').catch(() => null), 30_000, 'the child server to start');
  const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: 'crash', s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix: 'out/', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } },
  });
  const id = createConnection.id as string;
  const delivered = async (query: (q: string, v: Record<string, unknown>) => Promise<any>) =>
    (await query(`query($id: ID!) { connection(id: $id) { status deliveries(first: 200) { edges { node { dataType rows status key } } } } }`, { id })).connection;
  await eventually(async () => (await delivered(gql)).status === 'ACTIVE', 20_000, 'ACTIVE');

  // PostgreSQL: a second server shares the database from the start; it must not write while the first holds the lease.
  if (testDatabase === 'postgres') {
    second = await startInlet({ ...common, INLET_WORKER_ID: 'wb', INLET_EVENT_PURGE_INTERVAL_MS: '3600000' }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'inlet-b-')), schema, adminKey });
  }

  const sent: string[] = [];
  const first = Array.from({ length: 300 }, ev);
  sent.push(...first.map((e) => e.event_id));
  await send(base, first);
  await eventually(async () => (await delivered(gql)).deliveries.edges.some((e: any) => e.node.status === 'DELIVERED'), 20_000, 'a first delivery');
  if (second) {
    const job = await second.server.services.jobs.latest(STREAM_KIND, id);
    expect(job?.status).toBe('RUNNING');
    expect(job?.owner).not.toBe(second.server.services.jobs.instanceId);
  }

  // The next upload is held in the proxy: the writer is certainly mid-upload when it is killed.
  proxy.hold();
  const during = Array.from({ length: 300 }, ev);
  sent.push(...during.map((e) => e.event_id));
  await send(base, during);
  await proxy.whenHeld();
  child.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));
  child = null;
  // The held request goes on to S3 now: the object may land although its writer died before recording it delivered.
  proxy.release();

  second ??= await startInlet({ ...common, INLET_WORKER_ID: 'wb' }, { dataDir, schema, adminKey });
  const after = Array.from({ length: 200 }, ev);
  sent.push(...after.map((e) => e.event_id));
  await send(second.url, after);
  await eventually(async () => {
    const d = await delivered((q, v) => second!.ok(q, v));
    const rows = d.deliveries.edges.filter((e: any) => e.node.dataType === 'events' && e.node.status === 'DELIVERED').reduce((a: number, e: any) => a + e.node.rows, 0);
    return rows >= sent.length;
  }, 40_000, 'every event delivered');

  const { dir, keys } = await download('out/');
  expect(keys.some((k) => k.endsWith('-wa.jsonl.gz'))).toBe(true);
  expect(keys.some((k) => k.endsWith('-wb.jsonl.gz'))).toBe(true);
  const db = await duck();
  try {
    const rows = await db.json<{ event_id: string; n: string }>(
      `SELECT event_id, COUNT(*) AS n FROM read_json(${sqlString(path.join(dir, 'out/events/**/*.jsonl.gz'))}, format = 'newline_delimited') GROUP BY event_id`,
    );
    expect(rows.filter((r) => r.n !== '1')).toEqual([]);
    expect(rows.map((r) => r.event_id).sort()).toEqual([...sent].sort());
  } finally {
    db.close();
  }
  await second.close();
  second = null;
  rmSync(dataDir, { recursive: true, force: true });
}, 180_000);
