import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { flattenPages } from './helpers/fixtures.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../server/build.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { eventually, startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, S3_KEY, type LocalS3 } from './helpers/s3.js';

let s3: LocalS3;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let serverMain: string;
let child: ChildProcess | null = null;
let inlet: TestInlet | null = null;
const ROWS = 1_000_000;

beforeAll(async () => {
  // The child is the compiled server `npm start` runs (dist/server), built here into a directory of this file's own.
  mkdirSync('.vitest-tmp', { recursive: true });
  serverMain = await buildServer(mkdtempSync(path.resolve('.vitest-tmp', 'server-')));
  s3 = await startS3();
  await s3.createBucket('crash');
  const lines = ['user_id,n,at'];
  for (let i = 0; i < ROWS; i++) lines.push(`u${i % 1000},${i},2025-01-01 00:00:00`);
  await s3.put('crash', 'data/events/part-0.csv.gz', gzipSync(lines.join('\n') + '\n'));
  // The server reads through a proxy that can slow the file down: an import of it takes well under a second.
  proxy = await startFaultProxy(s3.endpoint);
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await inlet?.close();
  await proxy?.close();
  await s3?.close();
  if (serverMain) rmSync(path.dirname(serverMain), { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

it('a server killed with SIGKILL mid-run: the run is marked interrupted on the next start, retried, and nothing is half-written', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-crash-'));
  const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, INLET_API_KEY: adminKey, INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', INLET_SCHEDULER: 'false',
    INLET_RUN_STALE_MS: '1000', LOG_LEVEL: 'warn',
    ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
  };
  // A real server process, killed the hard way.
  child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let childLog = '';
  child.stdout!.on('data', (chunk: Buffer) => (childLog += chunk.toString()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  await eventually(async () => gql('{ viewer { isAdmin } }').catch(() => null), 30_000, 'the child server to start');
  const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: 'crash', s3: { region: 'us-east-1', bucketName: 'crash', schemaPrefix: 'data/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint, credentials: { ...S3_KEY } } },
  });
  await eventually(async () => (await gql(`query($id: ID!) { connection(id: $id) { tables { name } } }`, { id: createConnection.id })).connection.tables.length > 0, 20_000, 'discovery');
  const { createImport } = await gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId: createConnection.id, name: 'events', table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
  });
  // About 2.5 s of reading: long enough to be killed with rows inserted, not yet published.
  proxy.throttle(1024 * 1024);
  const { runImport } = await gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
  await eventually(async () => {
    const { importRun } = await gql(`query($id: ID!) { importRun(id: $id) { status rowsImported } }`, { id: runImport.id });
    return importRun.status === 'RUNNING' && importRun.rowsImported > 0;
  }, 30_000, 'the run to be under way');
  // The compiled server reads on its worker thread (dist/server/read-worker.js), not on the main-thread fallback.
  expect(childLog).not.toMatch(/read worker cannot start/);
  child.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));
  child = null;
  proxy.throttle(0);

  inlet = await startInlet({ INLET_RUN_STALE_MS: '1000' }, { dataDir, schema, adminKey });
  const runs = await eventually(async () => {
    const { import: imp } = flattenPages(await inlet!.ok(`query($id: ID!) { import(id: $id) { runs { edges { node { id status trigger attempt error } } } } }`, { id: createImport.id }));
    return imp.runs[0]?.status === 'SUCCEEDED' ? imp.runs : null;
  }, 60_000, 'the retried run to succeed');
  expect(runs.map((r: any) => [r.status, r.trigger, r.attempt])).toEqual([['SUCCEEDED', 'RETRY', 2], ['FAILED', 'MANUAL', 1]]);
  expect(runs[1].id).toBe(runImport.id);
  expect(runs[1].error).toMatch(/Interrupted/);
  const { import: imp } = await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount } }`, { id: createImport.id });
  expect(imp.rowCount).toBe(ROWS);
  const staged = await inlet.server.services.store.tableExists(`stage_${runImport.id.replace(/-/g, '')}`);
  expect(staged).toBe(false);
}, 120_000);
