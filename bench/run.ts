/**
 * `npm run bench`: end-to-end import throughput and memory, against the anchors the imports issue names.
 *
 * Writes a 2,000,000-row, 5-column data set (user id, integer, string, timestamp, float) with DuckDB as gzipped CSV
 * and as ZSTD Parquet into a local S3-protocol server, imports each through the real pipeline (a real Inlet server
 * process, compiled as `npm start` runs it; GraphQL runImport, waiting for SUCCEEDED) and prints rows/s and the
 * server's peak RSS. Then times the anchors on the same files: the sqlite3 shell's `.import` of the plain CSV, and
 * DuckDB's CREATE TABLE AS read_csv / read_parquet.
 * Usage: npm run bench [-- rows]; BENCH_REPEAT=n sets the runs per figure (default 3).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../server/build.js';
import { duck } from '../test/helpers/duckdb.js';
import { startS3, S3_KEY } from '../test/helpers/s3.js';

const rows = Number(process.argv[2] ?? 2_000_000);
/**
 * Each figure is the median of this many runs (a single run here varies by ±10%); peak RSS is the highest seen. The
 * first Inlet run of each format starts a cold read worker, as a daily run does; its time is printed too.
 */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (seconds: number) => `${(rows / seconds / 1e6).toFixed(2)}M rows/s`;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // older kernels: the peak then covers everything since start
  }
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

console.log(`Inlet import benchmark: ${rows.toLocaleString('en')} rows × 5 columns, median of ${REPEAT} runs each (node ${process.version}, ${os.cpus().length} cores)\n`);
const db = await duck();
const select = `SELECT 'user-' || (i % 200000) AS user_id, i::BIGINT AS n, 'label ' || (i % 5000) AS label,
  TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (i % 31536000) SECOND AS at, (i % 100000) / 7.0 AS score FROM range(${rows}) t(i)`;
await db.run(`COPY (${select}) TO '${work}/events.csv' (FORMAT csv, HEADER)`);
await db.run(`COPY (${select}) TO '${work}/events.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)`);
await db.run(`COPY (${select}) TO '${work}/events.parquet' (FORMAT parquet, COMPRESSION zstd)`);
console.log(`files: csv ${mb(statSync(`${work}/events.csv`).size)}, csv.gz ${mb(statSync(`${work}/events.csv.gz`).size)}, parquet (zstd) ${mb(statSync(`${work}/events.parquet`).size)}`);

const s3 = await startS3();
await s3.createBucket('bench');
await s3.put('bench', 'csv/events/part-0.csv.gz', readFileSync(`${work}/events.csv.gz`));
await s3.put('bench', 'parquet/events/part-0.parquet', readFileSync(`${work}/events.parquet`));

const port = await freePort();
const key = `inlet_bench_${randomBytes(8).toString('hex')}`;
// The server as `npm start` runs it: compiled, not through tsx. BENCH_SERVER_NODE_ARGS adds Node options to it,
// e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile of the server's main thread.
const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, await buildServer()], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data'), INLET_API_KEY: key, INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', INLET_SCHEDULER: 'false', LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const waitFor = async <T>(fn: () => Promise<T | null | false>, what: string): Promise<T> => {
  for (let i = 0; i < 6000; i++) {
    const v = await fn().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out: ${what}`);
};
await waitFor(() => gql('{ viewer { isAdmin } }'), 'server start');
const baseRss = peakRss(server.pid!);

async function importThrough(prefix: string, format: 'CSV' | 'PARQUET') {
  const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: format, s3: { region: 'us-east-1', bucketName: 'bench', schemaPrefix: prefix, dataFormat: format, partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { ...S3_KEY } } },
  });
  await waitFor(async () => (await gql(`query($id: ID!) { connection(id: $id) { tables { name } } }`, { id: createConnection.id })).connection.tables.length > 0, 'discovery');
  const seconds: number[] = [];
  let rss = 0;
  for (let i = 0; i < REPEAT; i++) {
    // A new import each time: an activity import's second run would find no new file to read.
    const { createImport } = await gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId: createConnection.id, name: `${format} ${i + 1}`, table: 'events', type: 'USER_ACTIVITY', columns: ['n', 'label', 'score'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
    });
    resetPeakRss(server.pid!);
    const started = performance.now();
    const { runImport } = await gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
    const run = await waitFor(async () => {
      const { importRun } = await gql(`query($id: ID!) { importRun(id: $id) { status error rowsImported startedAt finishedAt } }`, { id: runImport.id });
      if (importRun.status === 'FAILED') throw new Error(importRun.error);
      return importRun.status === 'SUCCEEDED' ? importRun : null;
    }, 'the run');
    seconds.push((performance.now() - started) / 1000);
    if (run.rowsImported !== rows) throw new Error(`imported ${run.rowsImported} rows, expected ${rows}`);
    rss = Math.max(rss, peakRss(server.pid!));
  }
  return { seconds: median(seconds), runs: seconds, rss };
}

const csv = await importThrough('csv/', 'CSV');
const parquet = await importThrough('parquet/', 'PARQUET');
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));

// Anchors on the same files, each the median of REPEAT runs into a new table.
const timed = async (fn: (i: number) => unknown) => {
  const seconds: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    await fn(i);
    seconds.push((performance.now() - t) / 1000);
  }
  return median(seconds);
};
let sqliteSeconds: number | null = null;
try {
  sqliteSeconds = await timed((i) => execFileSync('sqlite3', [path.join(work, `anchor-${i}.sqlite`), '-cmd', '.mode csv', `.import ${work}/events.csv events`]));
} catch {
  console.log('(sqlite3 shell not found: apt-get install sqlite3 for the anchor)');
}
const duckCsv = await timed((i) => db.run(`CREATE TABLE a${i} AS SELECT * FROM read_csv('${work}/events.csv.gz')`));
const duckParquet = await timed((i) => db.run(`CREATE TABLE b${i} AS SELECT * FROM read_parquet('${work}/events.parquet')`));
db.close();
await s3.close();

const line = (label: string, seconds: number, anchor: number | null, rss?: number) =>
  console.log(
    `${label.padEnd(48)} ${seconds.toFixed(2).padStart(6)} s  ${rate(seconds).padStart(16)}${anchor ? `   ratio to sqlite3 .import: ${(anchor / seconds).toFixed(2)}` : ''}${rss ? `   peak RSS ${mb(rss)}` : ''}`,
  );
console.log('');
line('Inlet: gzipped CSV → USER_ACTIVITY (runImport)', csv.seconds, sqliteSeconds, csv.rss);
line('Inlet: ZSTD Parquet → USER_ACTIVITY (runImport)', parquet.seconds, sqliteSeconds, parquet.rss);
for (const [label, m] of [['gzipped CSV', csv], ['ZSTD Parquet', parquet]] as const) {
  const first = m.runs[0]!;
  const ratio = sqliteSeconds ? `; the first (cold read worker) at ratio ${(sqliteSeconds / first).toFixed(2)}` : '';
  console.log(`  ${label}: runs ${m.runs.map((x) => x.toFixed(2)).join(', ')} s${ratio}`);
}
if (sqliteSeconds) line('anchor: sqlite3 shell .import (plain CSV)', sqliteSeconds, null);
line('anchor: DuckDB CREATE TABLE AS read_csv (gz)', duckCsv, null);
line('anchor: DuckDB CREATE TABLE AS read_parquet', duckParquet, null);
const rss = Math.max(csv.rss, parquet.rss);
console.log(`\nInlet server peak RSS: ${mb(rss)} (idle after start: ${mb(baseRss)}); target < 300 MB: ${rss < 300 * 1024 * 1024 ? 'met' : 'NOT met'}`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
