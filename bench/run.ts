/**
 * `npm run bench`: end-to-end import throughput and memory, against the anchors the imports issue names.
 *
 * Writes a 2,000,000-row, 5-column data set (user id, integer, string, timestamp, float) with DuckDB as gzipped CSV
 * and as ZSTD Parquet into a local S3-protocol server, imports each through the real pipeline (a real Inlet server
 * process, compiled as `npm start` runs it; GraphQL runImport, waiting for SUCCEEDED) and prints rows/s and the
 * server's peak RSS. Then times the anchors on the same files: the sqlite3 shell's `.import` of the plain CSV, and
 * DuckDB's CREATE TABLE AS read_csv / read_parquet.
 * Usage: npm run bench [-- rows]; BENCH_REPEAT=n sets the number of rounds (default 3).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mb, peakRss, resetPeakRss, startBenchServer } from './server.js';
import { duck } from '../test/helpers/duckdb.js';
import { startS3, S3_KEY } from '../test/helpers/s3.js';

const rows = Number(process.argv[2] ?? 2_000_000);
/**
 * Rounds: each figure is the median over this many rounds, each ratio the median of the rounds' ratios; peak RSS is
 * the highest seen. The first round's imports start a cold read worker, as a daily run does; every round is printed.
 */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-'));
const rate = (seconds: number) => `${(rows / seconds / 1e6).toFixed(2)}M rows/s`;

console.log(`Inlet import benchmark: ${rows.toLocaleString('en')} rows × 5 columns, median of ${REPEAT} rounds (node ${process.version}, ${os.cpus().length} cores)\n`);
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

const { server, port, key } = await startBenchServer(work, { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true' });
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
const baseRss = peakRss(server.pid!);

/** A connection to one prefix of the bench bucket, discovered. */
async function connect(prefix: string, format: 'CSV' | 'PARQUET'): Promise<string> {
  const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: format, s3: { region: 'us-east-1', bucketName: 'bench', schemaPrefix: prefix, dataFormat: format, partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { ...S3_KEY } } },
  });
  await waitFor(async () => (await gql(`query($id: ID!) { connection(id: $id) { tables { name } } }`, { id: createConnection.id })).connection.tables.length > 0, 'discovery');
  return createConnection.id;
}

/** One import of the table through GraphQL, to SUCCEEDED: its seconds and the server's peak RSS meanwhile. */
async function importOnce(connectionId: string, name: string): Promise<{ seconds: number; rss: number }> {
  // A new import each time: an activity import's second run would find no new file to read.
  const { createImport } = await gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name, table: 'events', type: 'USER_ACTIVITY', columns: ['n', 'label', 'score'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
  });
  resetPeakRss(server.pid!);
  const started = performance.now();
  const { runImport } = await gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
  const run = await waitFor(async () => {
    const { importRun } = await gql(`query($id: ID!) { importRun(id: $id) { status error rowsImported } }`, { id: runImport.id });
    if (importRun.status === 'FAILED') throw new Error(importRun.error);
    return importRun.status === 'SUCCEEDED' ? importRun : null;
  }, 'the run');
  const seconds = (performance.now() - started) / 1000;
  if (run.rowsImported !== rows) throw new Error(`imported ${run.rowsImported} rows, expected ${rows}`);
  return { seconds, rss: peakRss(server.pid!) };
}

const timed = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};
let haveSqlite = true;
try {
  execFileSync('sqlite3', ['-version']);
} catch {
  haveSqlite = false;
  console.log('(sqlite3 shell not found: apt-get install sqlite3 for the anchor)');
}

// Rounds: each times the anchor and both imports back to back, so that the machine's drift (this machine type's
// figures move by ±20% over minutes) reaches the anchor and the imports alike; each ratio is taken within a round.
const csvConnection = await connect('csv/', 'CSV');
const parquetConnection = await connect('parquet/', 'PARQUET');
const rounds: { sqlite: number | null; csv: { seconds: number; rss: number }; parquet: { seconds: number; rss: number }; duckCsv: number; duckParquet: number }[] = [];
for (let i = 0; i < REPEAT; i++) {
  // Not execFileSync: a blocked event loop cannot see the server close an idle keep-alive connection, and the next
  // request would go out on the closed socket.
  const sqlite = haveSqlite ? await timed(() => promisify(execFile)('sqlite3', [path.join(work, `anchor-${i}.sqlite`), '-cmd', '.mode csv', `.import ${work}/events.csv events`])) : null;
  const csv = await importOnce(csvConnection, `CSV ${i + 1}`);
  const parquet = await importOnce(parquetConnection, `PARQUET ${i + 1}`);
  const duckCsv = await timed(() => db.run(`CREATE TABLE a${i} AS SELECT * FROM read_csv('${work}/events.csv.gz')`));
  const duckParquet = await timed(() => db.run(`CREATE TABLE b${i} AS SELECT * FROM read_parquet('${work}/events.parquet')`));
  rounds.push({ sqlite, csv, parquet, duckCsv, duckParquet });
}
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
db.close();
await s3.close();

const fixed = (x: number) => x.toFixed(2);
const seconds = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
const ratio = (pick: (r: (typeof rounds)[number]) => { seconds: number }) => (haveSqlite ? median(rounds.map((r) => r.sqlite! / pick(r).seconds)) : null);
const line = (label: string, time: number, r: number | null, rss?: number) =>
  console.log(`${label.padEnd(48)} ${fixed(time).padStart(6)} s  ${rate(time).padStart(16)}${r ? `   ratio to sqlite3 .import: ${fixed(r)}` : ''}${rss ? `   peak RSS ${mb(rss)}` : ''}`);
console.log('');
const csvRss = Math.max(...rounds.map((r) => r.csv.rss));
const parquetRss = Math.max(...rounds.map((r) => r.parquet.rss));
line('Inlet: gzipped CSV → USER_ACTIVITY (runImport)', seconds((r) => r.csv.seconds), ratio((r) => r.csv), csvRss);
line('Inlet: ZSTD Parquet → USER_ACTIVITY (runImport)', seconds((r) => r.parquet.seconds), ratio((r) => r.parquet), parquetRss);
if (haveSqlite) line('anchor: sqlite3 shell .import (plain CSV)', seconds((r) => r.sqlite!), null);
line('anchor: DuckDB CREATE TABLE AS read_csv (gz)', seconds((r) => r.duckCsv), null);
line('anchor: DuckDB CREATE TABLE AS read_parquet', seconds((r) => r.duckParquet), null);
console.log('\nRounds (the first starts a cold read worker, as a daily run does):');
rounds.forEach((r, i) =>
  console.log(
    `  ${i + 1}: sqlite3 ${r.sqlite === null ? '-' : fixed(r.sqlite)} s, CSV ${fixed(r.csv.seconds)} s${r.sqlite ? ` (${fixed(r.sqlite / r.csv.seconds)})` : ''} ${mb(r.csv.rss)}, ` +
      `Parquet ${fixed(r.parquet.seconds)} s${r.sqlite ? ` (${fixed(r.sqlite / r.parquet.seconds)})` : ''} ${mb(r.parquet.rss)}`,
  ),
);
const rss = Math.max(csvRss, parquetRss);
console.log(`\nInlet server peak RSS: ${mb(rss)} (idle after start: ${mb(baseRss)}); target < 300 MB: ${rss < 300 * 1024 * 1024 ? 'met' : 'NOT met'}`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
