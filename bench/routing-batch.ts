/**
 * `npm run bench:routing-batch`: the S3 Batch export of one UTC day of 1,000,000 events (BENCH_EVENTS), already in the
 * event log (appended through the log's own append path, in batches of 5,000, not over HTTP), into a local S3 server
 * (s3rver), as Parquet (Snappy) and as JSON gzip. Each export runs in its own child process (the library as the job
 * will run it, reading the log through eventLogRowSource; routing-batch-export.ts, compiled and run with the Node
 * options of `npm start`, as the server runs), so its peak RSS is its own. Anchors in the same run: DuckDB
 * `COPY … TO` the same rows (loaded into a DuckDB table from the log's JSON bodies, not timed) as Parquet Snappy and as
 * gzip JSONL on local disk, each timed right after the export of its format. BENCH_FORMATS=PARQUET_SNAPPY runs one;
 * BENCH_ROUNDS=3 runs each pair three times (the machine is shared: its speed drifts from one minute to the next, the
 * ratio within a pair much less). BENCH_DATABASE_URL=postgres://… puts the log on PostgreSQL instead of SQLite;
 * BENCH_EVENT_LOG=nats://host:4222 puts it in a JetStream stream of its own (deleted afterwards), read through jetStreamRowSource.
 * Diagnostics: BENCH_THREADS=1 has the child print its garbage collections and each thread's CPU time on stderr;
 * BENCH_KEEP_DIR=1 keeps the data directory (its path is the one printed by the setup).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DbEventLog, type LogRow } from '../server/ingest/event-log.js';
import { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { ingestSql } from '../server/ingest/sql.js';
import type { ExportFormat } from '../server/routing/batch/index.js';
import { BENCH_RETENTION_MS, natsLogUrl, openBenchDatabase, type ExportFigures } from './routing-batch-export.js';
import { mb, startCommand } from './server.js';

const DAY = '2026-11-30';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const TYPES = ['Pageview', 'Checkout', 'Search', 'VideoPlay'];

// ---- parent ----------------------------------------------------------------------------------------------------
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-batch-'));
const dataDir = path.join(work, 'data');
if (process.env.BENCH_DATABASE_URL) process.env.BENCH_SCHEMA = `bench_${randomBytes(4).toString('hex')}`;
const db = await openBenchDatabase(dataDir);
const sql = ingestSql(db);
if (natsLogUrl) process.env.BENCH_EVENT_STREAM = `inlet_bench_${randomBytes(4).toString('hex')}`;
const log = natsLogUrl ? new JetStreamEventLog(natsLogUrl, process.env.BENCH_EVENT_STREAM!, BENCH_RETENTION_MS, sql) : new DbEventLog(sql);
const workspaces = ['ws-a', 'ws-b'];
const runId = randomBytes(2).toString('hex');

// About 330 bytes an event as JSON, received across the day.
const t0 = performance.now();
const BATCH = 5000;
const jsonl = path.join(work, 'day.jsonl');
const copyOut = createWriteStream(jsonl);
for (let start = 0; start < EVENTS; start += BATCH) {
  const rows: LogRow[] = [];
  for (let n = start; n < Math.min(EVENTS, start + BATCH); n++) {
    const receivedAt = new Date(Date.parse(`${DAY}T00:00:00.000Z`) + Math.floor((n / EVENTS) * 86_400_000)).toISOString();
    const type = TYPES[n % 7 === 0 ? 1 : n % 11 === 0 ? 2 : n % 13 === 0 ? 3 : 0]!;
    const ws = workspaces[n % 2]!;
    const e = {
      event_id: `${runId}0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type, user_id: `user-${n % 100000}`,
      time: receivedAt, session_id: `s-${n % 5000}`,
      properties: { client: { url: `https://shop.example/p/${n % 1000}`, referrer: 'https://search.example/?q=shoes' }, amount: (n % 1000) / 10, count: n % 100, title: `Product ${n % 1000}` },
      aliases: [], received_at: receivedAt, workspace_id: ws,
    };
    const body = JSON.stringify(e);
    rows.push({ eventId: e.event_id, type, userId: e.user_id, time: e.time, receivedAt, body });
    if (!copyOut.write(body + '\n')) await once(copyOut, 'drain');
  }
  // Grouped by workspace, as ingestion appends.
  for (const ws of workspaces) await log.append(ws, rows.filter((r) => r.body.includes(`"workspace_id":"${ws}"`)));
}
copyOut.end();
await once(copyOut, 'finish');
console.log(`setup: ${EVENTS.toLocaleString('en')} events of ${DAY} appended to the ${log instanceof JetStreamEventLog ? 'JetStream' : sql.dialect} log in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed below)`);
if (process.env.BENCH_KEEP_DIR) console.log(`data directory (kept): ${dataDir}`);
await db.destroy();

// The local S3 server, in this process (its work is not counted in the export's RSS, which is the child's).
const { startS3 } = await import('../test/helpers/s3.js');
const s3 = await startS3();
await s3.createBucket('bench');

// Anchors: DuckDB COPY … TO the same rows on local disk (the table is loaded first, not timed). Each export is timed
// right before its anchor, so the machine's drift (it is shared) reaches both alike; the load average is printed with
// each pair.
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`CREATE TABLE day AS SELECT * FROM read_json('${jsonl}', format = 'newline_delimited')`);
const anchor = async (format: string, file: string) => {
  const a0 = performance.now();
  await duck.run(`COPY day TO '${file}' (${format})`);
  return { seconds: (performance.now() - a0) / 1000, bytes: statSync(file).size };
};
const anchorOf = {
  PARQUET_SNAPPY: () => anchor('FORMAT parquet, COMPRESSION snappy', path.join(work, 'anchor.parquet')),
  JSON_GZIP: () => anchor('FORMAT json, COMPRESSION gzip', path.join(work, 'anchor.jsonl.gz')),
};

const pairs: { format: ExportFormat; r: ExportFigures; a: { seconds: number; bytes: number; load: number } }[] = [];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
// The export child, compiled as the server is (server/build.ts), run with the environment and Node options of `npm start`.
const childJs = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/bench/routing-batch-export.js');
await build({ entryPoints: [fileURLToPath(new URL('./routing-batch-export.ts', import.meta.url))], outfile: childJs, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)), logLevel: 'warning' });
const start = startCommand();
for (let round = 0; round < ROUNDS; round++) for (const format of (process.env.BENCH_FORMATS?.split(',') ?? ['PARQUET_SNAPPY', 'JSON_GZIP']) as ExportFormat[]) {
  const child = spawn(process.execPath, [...start.nodeArgs, ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean), childJs, 'export', dataDir, s3.endpoint, format, DAY], {
    env: { ...start.env, ...process.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`the ${format} export failed (exit ${code})`);
  const r = JSON.parse(out) as ExportFigures;
  pairs.push({ format, r, a: { ...(await anchorOf[format]()), load: os.loadavg()[0]! } });
}
await s3.close();

console.log(`\nmachine: ${os.cpus().length} cores, shared with other work (figures are lower bounds); load average after each pair below`);
const line = (name: string, r: ExportFigures, a: { seconds: number; bytes: number; load: number }) =>
  console.log(
    `${name.padEnd(15)} ${r.seconds.toFixed(1).padStart(6)} s (${r.cpuSeconds.toFixed(1)} s CPU, ${r.threadCpuSeconds.toFixed(1)} s on the export's thread)  ${Math.round(r.rows / r.seconds).toLocaleString('en').padStart(9)} rows/s  ${mb(r.bytes).padStart(7)}  peak RSS ${mb(r.peakRss)} (${mb(r.baseRss)} before the export; at the peak V8 heap ${mb(r.atPeak.heapTotal)}, external ${mb(r.atPeak.external)})   ` +
      `anchor ${a.seconds.toFixed(1)} s (${mb(a.bytes)})  ratio ${(a.seconds / r.seconds).toFixed(2)}x  load ${a.load.toFixed(1)}`,
  );
for (const { format, r, a } of pairs) {
  if (r.rows !== EVENTS) throw new Error(`${format} exported ${r.rows} rows, not ${EVENTS}`);
  line(format, r, a);
}
console.log(`targets: Parquet ≥ 0.25x DuckDB COPY, peak RSS < 300 MB`);
if (!process.env.BENCH_KEEP_DIR) rmSync(work, { recursive: true, force: true });
if (log instanceof JetStreamEventLog) {
  await log.deleteStream();
  await log.close();
}
if (process.env.BENCH_DATABASE_URL) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${process.env.BENCH_SCHEMA} CASCADE`);
  await c.end();
}
process.exit(0);
