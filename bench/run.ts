/**
 * `npm run bench`: end-to-end import throughput and memory of every import type, against the anchors the imports
 * issues name.
 *
 * Writes a 2,000,000-row, 5-column data set (user id, integer, string, timestamp, float; 200,000 users, so each
 * keyed type keeps one row in ten) with DuckDB as gzipped CSV and as ZSTD Parquet into a local S3-protocol server,
 * imports each through the real pipeline (a real Inlet server process, compiled as `npm start` runs it; GraphQL
 * runImport, waiting for SUCCEEDED) as each import type, and prints rows/s, the server's peak RSS and its CPU time
 * (all threads). In the same rounds it times the anchor of the store: on SQLite the sqlite3 shell's `.import` of the
 * plain CSV, on PostgreSQL (BENCH_DATABASE_URL) PostgreSQL's own `COPY … FROM` the plain CSV file (streamed from this
 * process, as psql's `\copy` does) into a table of the same column types; and DuckDB's CREATE TABLE AS read_csv /
 * read_parquet.
 *
 * Usage: npm run bench [-- rows]. Environment:
 * - BENCH_REPEAT=n: rounds (default 3).
 * - BENCH_TYPES=USER_PROFILE,IDENTITY: the import types (default all four).
 * - BENCH_FORMATS=csv|parquet|csv,parquet (default both).
 * - BENCH_DUCKDB=0: skip the DuckDB anchors.
 * - BENCH_DATABASE_URL=postgres://…: the server (and the anchor) on PostgreSQL.
 * One round of one type at 2M rows takes about 15 s here; all four types, both formats, 1 round: about 2 minutes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cpuSeconds, mb, peakRss, resetPeakRss, startBenchServer } from './server.js';
import { duck } from '../test/helpers/duckdb.js';
import { startS3, S3_KEY } from '../test/helpers/s3.js';

type ImportType = 'USER_PROFILE' | 'USER_ACTIVITY' | 'IDENTITY' | 'GROUP_MEMBERSHIP';
type Format = 'CSV' | 'PARQUET';

/** Each type's mapping of the same five columns (every column stored, so each type writes the same cells). */
const TYPE_INPUTS: Record<ImportType, Record<string, unknown>> = {
  USER_PROFILE: { columns: ['n', 'label', 'at', 'score'], userIdColumn: 'user_id' },
  USER_ACTIVITY: { columns: ['n', 'label', 'score'], userIdColumn: 'user_id', timestampColumn: 'at' },
  IDENTITY: { columns: ['n', 'score'], userIdColumn: 'user_id', identifierColumn: 'label', identifierType: 'crm_id', timestampColumn: 'at' },
  GROUP_MEMBERSHIP: { columns: ['n', 'score'], userIdColumn: 'user_id', groupIdColumn: 'label', timestampColumn: 'at' },
};
const list = <T extends string>(value: string | undefined, all: readonly T[]): T[] => {
  const picked = (value ?? '').split(',').map((v) => v.trim().toUpperCase()).filter(Boolean);
  const unknown = picked.filter((v) => !all.includes(v as T));
  if (unknown.length) throw new Error(`unknown ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  return picked.length ? (picked as T[]) : [...all];
};
const TYPES = list<ImportType>(process.env.BENCH_TYPES, Object.keys(TYPE_INPUTS) as ImportType[]);
const FORMATS = list<Format>(process.env.BENCH_FORMATS, ['CSV', 'PARQUET']);
const WITH_DUCKDB = process.env.BENCH_DUCKDB !== '0';
const PG_URL = process.env.BENCH_DATABASE_URL || null;

const rows = Number(process.argv[2] ?? 2_000_000);
/**
 * Rounds: each figure is the median over this many rounds, each ratio the median of the rounds' ratios; peak RSS is
 * the highest seen. The first round's imports start a cold read worker, as a daily run does; every round is printed.
 */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-'));
const rate = (seconds: number) => `${(rows / seconds / 1e6).toFixed(2)}M rows/s`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(
  `Inlet import benchmark: ${rows.toLocaleString('en')} rows × 5 columns, ${TYPES.join(', ')} × ${FORMATS.join(', ')}, median of ${REPEAT} rounds, ` +
    `${PG_URL ? 'PostgreSQL' : 'SQLite'} (node ${process.version}, ${os.cpus().length} cores, load average ${load()})\n`,
);
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

// On PostgreSQL, a schema of its own (dropped at the end), so that benchmarks run side by side do not meet.
const pgSchema = `inlet_bench_${process.pid}`;
const { server, port, key } = await startBenchServer(work, { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', ...(PG_URL ? { DATABASE_SCHEMA: pgSchema } : {}) });
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
async function connect(prefix: string, format: Format): Promise<string> {
  const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: format, s3: { region: 'us-east-1', bucketName: 'bench', schemaPrefix: prefix, dataFormat: format, partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { ...S3_KEY } } },
  });
  await waitFor(async () => (await gql(`query($id: ID!) { connection(id: $id) { tables { name } } }`, { id: createConnection.id })).connection.tables.length > 0, 'discovery');
  return createConnection.id;
}

interface Measured {
  seconds: number;
  rss: number;
  /** CPU seconds of the server process (all its threads) during the import: moves less with the machine's load than wall time. */
  cpu: number;
}

/** One import of the table as `type` through GraphQL, to SUCCEEDED: its seconds and the server's peak RSS meanwhile. */
async function importOnce(connectionId: string, type: ImportType, name: string): Promise<Measured> {
  // A new import each time: an incremental import's second run would find no new file to read.
  const { createImport } = await gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name, table: 'events', type, schedule: 'manual', ...TYPE_INPUTS[type] },
  });
  resetPeakRss(server.pid!);
  const cpuBefore = cpuSeconds(server.pid!);
  const started = performance.now();
  const { runImport } = await gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
  const run = await waitFor(async () => {
    const { importRun } = await gql(`query($id: ID!) { importRun(id: $id) { status error rowsImported } }`, { id: runImport.id });
    if (importRun.status === 'FAILED') throw new Error(importRun.error);
    return importRun.status === 'SUCCEEDED' ? importRun : null;
  }, 'the run');
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRss(server.pid!);
  const cpu = cpuSeconds(server.pid!) - cpuBefore;
  if (run.rowsImported !== rows) throw new Error(`imported ${run.rowsImported} rows, expected ${rows}`);
  // Keys: 200,000 users, and one label per user, so every keyed type keeps 200,000 rows (activity keeps them all).
  const { import: imported } = await gql(`query($id: ID!) { import(id: $id) { rowCount } }`, { id: createImport.id });
  const expected = type === 'USER_ACTIVITY' ? rows : Math.min(rows, 200_000);
  if (imported.rowCount !== expected) throw new Error(`${type}: rowCount ${imported.rowCount}, expected ${expected}`);
  // Its table is dropped, so the database does not grow by a table per import over the rounds.
  await gql(`mutation($id: ID!) { deleteImport(id: $id) }`, { id: createImport.id });
  return { seconds, rss, cpu };
}

const timed = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

/** The store's anchor: the sqlite3 shell's `.import`, or PostgreSQL's COPY of the plain CSV; null when it cannot run. */
let anchorName: string;
let anchor: ((i: number) => Promise<number>) | null;
if (PG_URL) {
  anchorName = 'PostgreSQL COPY … FROM the plain CSV';
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  process.on('exit', () => void client.end().catch(() => {}));
  anchor = async (i) => {
    const table = `${pgSchema}.anchor_${i}`;
    // The column types Inlet's PostgreSQL store gives these columns.
    await client.query(`CREATE TABLE ${table} (user_id text, n bigint, label text, at timestamptz, score double precision)`);
    const seconds = await timed(() => pipeline(createReadStream(`${work}/events.csv`), client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER)`))));
    await client.query(`DROP TABLE ${table}`);
    return seconds;
  };
} else {
  anchorName = 'sqlite3 shell .import (plain CSV)';
  try {
    execFileSync('sqlite3', ['-version']);
    // Not execFileSync: a blocked event loop cannot see the server close an idle keep-alive connection, and the next
    // request would go out on the closed socket.
    anchor = async (i) => {
      const file = path.join(work, `anchor-${i}.sqlite`);
      const seconds = await timed(() => promisify(execFile)('sqlite3', [file, '-cmd', '.mode csv', `.import ${work}/events.csv events`]));
      rmSync(file, { force: true });
      return seconds;
    };
  } catch {
    anchor = null;
    console.log('(sqlite3 shell not found: apt-get install sqlite3 for the anchor)');
  }
}

// Rounds: in each, every type times the anchor and then its imports back to back, so that the machine's drift (this
// machine type's figures move by ±20% over minutes) reaches the anchor and the imports alike; each ratio is taken
// against the anchor timed just before it.
const connections = Object.fromEntries(await Promise.all(FORMATS.map(async (f) => [f, await connect(`${f.toLowerCase()}/`, f)] as const))) as Record<Format, string>;
interface Round {
  type: ImportType;
  anchor: number | null;
  imports: Partial<Record<Format, Measured>>;
}
const rounds: Round[][] = [];
const duckRounds: { csv: number; parquet: number }[] = [];
for (let i = 0; i < REPEAT; i++) {
  const round: Round[] = [];
  for (const type of TYPES) {
    const entry: Round = { type, anchor: anchor ? await anchor(i) : null, imports: {} };
    for (const format of FORMATS) entry.imports[format] = await importOnce(connections[format], type, `${type} ${format} ${i + 1}`);
    round.push(entry);
    console.log(
      `  round ${i + 1} ${type}: anchor ${entry.anchor === null ? '-' : `${entry.anchor.toFixed(2)} s`}` +
        FORMATS.map((f) => `, ${f} ${entry.imports[f]!.seconds.toFixed(2)} s${entry.anchor ? ` (${(entry.anchor / entry.imports[f]!.seconds).toFixed(2)})` : ''} ${mb(entry.imports[f]!.rss)} cpu ${entry.imports[f]!.cpu.toFixed(2)} s`).join('') +
        ` (load ${load()})`,
    );
  }
  rounds.push(round);
  if (WITH_DUCKDB) {
    const csv = await timed(() => db.run(`CREATE OR REPLACE TABLE a AS SELECT * FROM read_csv('${work}/events.csv.gz')`));
    const parquet = await timed(() => db.run(`CREATE OR REPLACE TABLE b AS SELECT * FROM read_parquet('${work}/events.parquet')`));
    duckRounds.push({ csv, parquet });
  }
}
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
if (PG_URL) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
  await client.end();
}
db.close();
await s3.close();

const fixed = (x: number) => x.toFixed(2);
const line = (label: string, time: number, r: number | null, rss?: number, each?: number[], cpu?: number) =>
  console.log(
    `${label.padEnd(52)} ${fixed(time).padStart(6)} s  ${rate(time).padStart(16)}${r ? `   ratio to the anchor: ${fixed(r)}${each ? ` (rounds: ${each.map(fixed).join(', ')})` : ''}` : ''}${rss ? `   peak RSS ${mb(rss)}` : ''}${cpu ? `   server CPU ${fixed(cpu)} s` : ''}`,
  );
console.log(`\n${PG_URL ? 'PostgreSQL' : 'SQLite'}, load average ${load()} (1, 5, 15 min)`);
let peak = 0;
for (const [t, type] of TYPES.entries()) {
  for (const format of FORMATS) {
    const per = rounds.map((round) => round[t]!);
    const ratios = anchor ? per.map((r) => r.anchor! / r.imports[format]!.seconds) : [];
    const rss = Math.max(...per.map((r) => r.imports[format]!.rss));
    peak = Math.max(peak, rss);
    const cpu = median(per.map((r) => r.imports[format]!.cpu));
    line(`Inlet: ${format === 'CSV' ? 'gzipped CSV' : 'ZSTD Parquet'} → ${type}`, median(per.map((r) => r.imports[format]!.seconds)), anchor ? median(ratios) : null, rss, ratios, cpu);
  }
}
if (anchor) line(`anchor: ${anchorName}`, median(rounds.flat().map((r) => r.anchor!)), null);
if (WITH_DUCKDB) {
  line('anchor: DuckDB CREATE TABLE AS read_csv (gz)', median(duckRounds.map((r) => r.csv)), null);
  line('anchor: DuckDB CREATE TABLE AS read_parquet', median(duckRounds.map((r) => r.parquet)), null);
}
console.log(`\nInlet server peak RSS: ${mb(peak)} (idle after start: ${mb(baseRss)}); target < 300 MB: ${peak < 300 * 1024 * 1024 ? 'met' : 'NOT met'}`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
