/**
 * `npm run bench:api`: the API under load (issue 20, targets 2 and 5), against a real server process compiled as
 * `npm start` runs it, on SQLite or, with BENCH_DATABASE_URL, on PostgreSQL (a schema of its own, dropped at the end).
 *
 * 1. Lists: 1,000 connections and 300 imports (each with one run) created through the API in one workspace, then 12
 *    concurrent clients for BENCH_API_SECONDS (default 20) on each of the admin UI's own list queries
 *    (client/src/features/connections/connections.graphql and imports/imports.graphql: the first page of 50 with
 *    nested platform, connection, last run and row count): requests/s, p50/p99, the server's peak RSS.
 *    Targets: p99 < 100 ms, ≥ 200 requests/s, RSS < 300 MB.
 * 2. Responsiveness during imports: the Viewer query (authenticated, trivial) sent every 100 ms, first with the server
 *    idle (the anchor), then while two imports of BENCH_API_ROWS rows (default 2,000,000; bench/run.ts's data set)
 *    run at the default job concurrency: gzipped CSV → USER_ACTIVITY and ZSTD Parquet → USER_PROFILE.
 *    Targets: p99 < 50 ms, RSS < 300 MB.
 * Usage: npm run bench:api; BENCH_API_PART=lists|imports runs one part; BENCH_API_CONNECTIONS / BENCH_API_IMPORTS
 * shrink the workspace; BENCH_API_KEEP=<dir> keeps the lists' workspace there (and, on PostgreSQL, in the schema
 * bench_api_keep, or BENCH_API_KEEP_SCHEMA) and reuses it on the next run, so that measuring a change to the lists takes seconds, not minutes.
 * BENCH_API_RUN_HISTORY=<n> gives each import n earlier runs (a run every 15 minutes before its real one), written
 * straight into the server's database before the lists are measured, as a workspace that has run for days has them
 * (n = 1,000 is ten days); a later run replaces them, so 0 takes them away again.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cpuSeconds, mb, peakRss, resetPeakRss, startBenchServer } from './server.js';
import { duck } from '../test/helpers/duckdb.js';
import { startS3, S3_KEY } from '../test/helpers/s3.js';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 20);
const ROWS = Number(process.env.BENCH_API_ROWS ?? 2_000_000);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 1000);
const IMPORTS = Number(process.env.BENCH_API_IMPORTS ?? 300);
const CLIENTS = 12;
const PART = process.env.BENCH_API_PART ?? 'all';
const RUN_HISTORY = process.env.BENCH_API_RUN_HISTORY === undefined ? null : Number(process.env.BENCH_API_RUN_HISTORY);
const MB300 = 300 * 1024 * 1024;

const doc = (file: string) => readFileSync(new URL(`../client/src/features/${file}`, import.meta.url), 'utf8');
const CONNECTIONS_DOC = doc('connections/connections.graphql');
const IMPORTS_DOC = doc('imports/imports.graphql');
const VIEWER_DOC = doc('auth/viewer.graphql');

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
};
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const ms = (x: number) => `${x.toFixed(1)} ms`;

const KEEP = process.env.BENCH_API_KEEP;
const pgUrl = process.env.BENCH_DATABASE_URL;
const work = KEEP ? path.resolve(KEEP, pgUrl ? 'postgresql' : 'sqlite') : mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-api-'));
if (KEEP) mkdirSync(work, { recursive: true });
// BENCH_API_KEEP_SCHEMA names the kept schema, so that two kept workspaces (two checkouts) can share one PostgreSQL.
const schema = pgUrl ? (KEEP ? (process.env.BENCH_API_KEEP_SCHEMA ?? 'bench_api_keep') : `bench_api_${randomBytes(4).toString('hex')}`) : '';
/** Written once the lists' workspace is complete: a kept one is reused only then. */
const listsReady = path.join(work, `lists-${CONNECTIONS}-${IMPORTS}.done`);
console.log(
  `Inlet API benchmark on ${pgUrl ? 'PostgreSQL' : 'SQLite'}: ${CONNECTIONS} connections, ${IMPORTS} imports, ${CLIENTS} clients × ${SECONDS} s per list; ` +
    `two imports of ${ROWS.toLocaleString('en')} rows (node ${process.version}, ${os.cpus().length} cores, load average ${load()})\n`,
);

const db = await duck();
const s3 = await startS3();
await s3.createBucket('bench');
await db.run(`COPY (SELECT 'u' || i AS user_id, 'tier' || (i % 3) AS tier FROM range(10) t(i)) TO '${work}/profiles.csv' (FORMAT csv, HEADER)`);
await s3.put('bench', 'small/profiles/part-0.csv', readFileSync(`${work}/profiles.csv`));
if (PART !== 'lists') {
  const select = `SELECT 'user-' || (i % 200000) AS user_id, i::BIGINT AS n, 'label ' || (i % 5000) AS label,
    TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (i % 31536000) SECOND AS at, (i % 100000) / 7.0 AS score FROM range(${ROWS}) t(i)`;
  await db.run(`COPY (${select}) TO '${work}/events.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  await db.run(`COPY (${select}) TO '${work}/events.parquet' (FORMAT parquet, COMPRESSION zstd)`);
  await s3.put('bench', 'big/csv/events/part-0.csv.gz', readFileSync(`${work}/events.csv.gz`));
  await s3.put('bench', 'big/parquet/events/part-0.parquet', readFileSync(`${work}/events.parquet`));
}
db.close();

const { server, port, key } = await startBenchServer(work, { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', ...(schema ? { DATABASE_SCHEMA: schema } : {}) });
const url = `http://127.0.0.1:${port}/graphql`;
/**
 * Requests that went out on a keep-alive socket the server closed at the same moment (its idle timer fires late when
 * its event loop was blocked): sent again, and counted.
 */
let resets = 0;
const post = async (query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<Response> => {
  const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables, operationName }) });
  try {
    return await send();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    resets++;
    return send();
  }
};
const gql = async (query: string, variables: Record<string, unknown> = {}, operationName?: string) => {
  const body = await (await post(query, variables, operationName)).json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const until = async <T>(fn: () => Promise<T | null | false>, what: string): Promise<T> => {
  for (let i = 0; i < 12_000; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what}`);
};
const createConnection = async (name: string, prefix: string, format: 'CSV' | 'PARQUET') =>
  (
    await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
      input: { name, s3: { region: 'us-east-1', bucketName: 'bench', schemaPrefix: prefix, dataFormat: format, partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { ...S3_KEY } } },
    })
  ).createConnection.id as string;
const settled = () =>
  until(async () => {
    const { connectionStatusCounts } = await gql(`{ connectionStatusCounts { status count } }`);
    return !connectionStatusCounts.some((c: { status: string; count: number }) => c.status === 'PROCESSING' && c.count > 0);
  }, 'connections to settle');
/** Waits until the connection's discovery has listed its table. */
const discovered = (id: string) =>
  until(async () => (await gql(`query($id: ID!) { connection(id: $id) { status tables { name } } }`, { id })).connection.tables.length > 0, 'discovery');
const createImport = async (input: Record<string, unknown>) => (await gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, { input: { schedule: 'manual', ...input } })).createImport.id as string;
const runImport = async (id: string) => (await gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id })).runImport.id as string;
const finished = async (runId: string) => {
  const { importRun } = await gql(`query($id: ID!) { importRun(id: $id) { status error rowsImported } }`, { id: runId });
  if (importRun.status === 'FAILED' || importRun.status === 'CANCELLED') throw new Error(`run ${runId}: ${importRun.status} ${importRun.error}`);
  return importRun.status === 'SUCCEEDED' ? importRun : null;
};

/** The lists' workspace: CONNECTIONS connections, IMPORTS imports, each run once. */
async function createListsWorkspace(): Promise<void> {
  let t = performance.now();
  const connectionIds: string[] = [];
  while (connectionIds.length < CONNECTIONS) {
    const n = Math.min(25, CONNECTIONS - connectionIds.length);
    connectionIds.push(...(await Promise.all(Array.from({ length: n }, (_, i) => createConnection(`conn ${connectionIds.length + i}`, 'small/', 'CSV')))));
  }
  await settled();
  for (let i = 0; i < Math.min(IMPORTS, connectionIds.length); i++) await discovered(connectionIds[i]!);
  console.log(`${CONNECTIONS} connections created and discovered in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  for (let i = 0; i < IMPORTS; i += 10) {
    const ids = await Promise.all(
      Array.from({ length: Math.min(10, IMPORTS - i) }, (_, k) =>
        createImport({ connectionId: connectionIds[(i + k) % connectionIds.length], name: `import ${i + k}`, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id' }),
      ),
    );
    const runs = await Promise.all(ids.map(runImport));
    // Any end will do (a source busy under this load can fail a run, to be retried later): the list shows the last run.
    for (const run of runs) await until(async () => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes((await gql(`query($id: ID!) { importRun(id: $id) { status } }`, { id: run })).importRun.status), 'a small run');
  }
  console.log(`${IMPORTS} imports created and run once in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  if (KEEP) writeFileSync(listsReady, '');
}

/**
 * BENCH_API_RUN_HISTORY: each import's earlier runs, written by SQL (creating them through the API would take hours).
 * Ids start with `bench-history-`, so they are replaced on the next run whatever their number.
 */
async function writeRunHistory(n: number): Promise<void> {
  const t = performance.now();
  const columns = `"id", "importId", "workspaceId", "status", "trigger", "attempt", "queuedAt", "startedAt", "finishedAt", "rowsRead", "rowsImported", "rowsRejected", "bytesRead", "rejects"`;
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(`DELETE FROM "import_run" WHERE "id" LIKE 'bench-history-%'`);
      const at = (minutes: string) => `to_char((r."queuedAt"::timestamptz - make_interval(mins => ${minutes})) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      await client.query(
        `INSERT INTO "import_run" (${columns}) SELECT 'bench-history-' || r."id" || '-' || k, r."importId", r."workspaceId", 'SUCCEEDED', 'SCHEDULE', 1, ${at('15 * k')}, ${at('15 * k')}, ${at('15 * k - 1')}, 10, 10, 0, 100, '[]'
         FROM "import_run" r CROSS JOIN generate_series(1, $1::int) k WHERE r."id" NOT LIKE 'bench-history-%'`,
        [n],
      );
      await client.query(`ANALYZE "import_run"`);
    } finally {
      await client.end();
    }
  } else {
    const file = new Database(path.join(work, 'data', 'inlet.sqlite'));
    try {
      file.pragma('busy_timeout = 10000');
      file.transaction(() => {
        file.prepare(`DELETE FROM "import_run" WHERE "id" LIKE 'bench-history-%'`).run();
        const at = (minutes: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', r."queuedAt", '-' || (${minutes}) || ' minutes')`;
        file
          .prepare(
            `WITH RECURSIVE k(n) AS (SELECT 1 WHERE ? > 0 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
             INSERT INTO "import_run" (${columns}) SELECT 'bench-history-' || r."id" || '-' || k.n, r."importId", r."workspaceId", 'SUCCEEDED', 'SCHEDULE', 1, ${at('15 * k.n')}, ${at('15 * k.n')}, ${at('15 * k.n - 1')}, 10, 10, 0, 100, '[]'
             FROM "import_run" r CROSS JOIN k WHERE r."id" NOT LIKE 'bench-history-%'`,
          )
          .run(n, n);
      })();
    } finally {
      file.close();
    }
  }
  console.log(`each import given ${n.toLocaleString('en')} earlier runs (BENCH_API_RUN_HISTORY) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

const results: string[] = [];

if (PART !== 'imports') {
  // ---- part 1: the lists under load ----
  if (!existsSync(listsReady)) await createListsWorkspace();
  else console.log(`reusing the workspace kept in ${work}\n`);
  if (RUN_HISTORY !== null) await writeRunHistory(RUN_HISTORY);

  const hammer = async (label: string, document: string, operationName: string) => {
    // Warm-up: the first requests compile statements and fill caches, as any running server has.
    for (let i = 0; i < 5; i++) await gql(document, {}, operationName);
    resetPeakRss(server.pid!);
    const latencies: number[] = [];
    let errors = 0;
    let bytes = 0;
    const end = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const cpu0 = cpuSeconds(server.pid!);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const res = await post(document, {}, operationName);
          const text = await res.text();
          latencies.push(performance.now() - t0);
          bytes = text.length;
          if (!res.ok || JSON.parse(text).errors) errors++;
        }
      }),
    );
    const rate = latencies.length / ((performance.now() - started) / 1000);
    // The server's CPU time per request moves far less with the machine's load than the rate does.
    const cpuMs = ((cpuSeconds(server.pid!) - cpu0) * 1000) / latencies.length;
    const rss = peakRss(server.pid!);
    const p99 = pct(latencies, 99);
    const line =
      `${label.padEnd(34)} ${rate.toFixed(0).padStart(5)} req/s   p50 ${ms(pct(latencies, 50)).padStart(9)}   p99 ${ms(p99).padStart(9)}   server CPU ${cpuMs.toFixed(2)} ms/request` +
      `   ${(bytes / 1024).toFixed(0)} KB/answer   peak RSS ${mb(rss)}   errors ${errors}   load ${load()}   targets: ${p99 < 100 && rate >= 200 && rss < MB300 ? 'met' : 'NOT met'}`;
    console.log(line);
    results.push(line);
  };
  await hammer('connections, first page (50)', CONNECTIONS_DOC, 'Connections');
  await hammer('imports, first page (50), nested', IMPORTS_DOC, 'Imports');
}

if (PART !== 'lists') {
  // ---- part 2: a trivial query every 100 ms while two big imports run ----
  /** Probes over 50 ms, with when they were sent (seconds since the runs started). */
  const slow: string[] = [];
  let origin = performance.now();
  const probe = async (stop: () => boolean): Promise<number[]> => {
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    for (let tick = performance.now(); !stop(); ) {
      pending.push(
        (async () => {
          const t0 = performance.now();
          const body = await (await post(VIEWER_DOC, {}, 'Viewer')).json();
          if (body.errors) throw new Error(JSON.stringify(body.errors));
          latencies.push(performance.now() - t0);
          if (performance.now() - t0 > 50) slow.push(`${((t0 - origin) / 1000).toFixed(1)} s: ${(performance.now() - t0).toFixed(0)} ms`);
        })(),
      );
      tick += 100;
      await new Promise((r) => setTimeout(r, Math.max(0, tick - performance.now())));
    }
    await Promise.all(pending);
    return latencies;
  };
  const csv = await createConnection('big CSV', 'big/csv/', 'CSV');
  const parquet = await createConnection('big Parquet', 'big/parquet/', 'PARQUET');
  await discovered(csv);
  await discovered(parquet);
  const activity = await createImport({ connectionId: csv, name: 'big activity', table: 'events', type: 'USER_ACTIVITY', columns: ['n', 'label', 'score'], userIdColumn: 'user_id', timestampColumn: 'at' });
  const profile = await createImport({ connectionId: parquet, name: 'big profile', table: 'events', type: 'USER_PROFILE', columns: ['n', 'label', 'score'], userIdColumn: 'user_id' });

  const idleEnd = performance.now() + 5000;
  const idle = await probe(() => performance.now() > idleEnd);
  resetPeakRss(server.pid!);
  slow.length = 0;
  const started = (origin = performance.now());
  const cpu0 = cpuSeconds(server.pid!);
  const runs = [await runImport(activity), await runImport(profile)];
  let done = false;
  const during = probe(() => done);
  const imported = await Promise.all(runs.map((run) => until(() => finished(run), 'a big run')));
  done = true;
  const latencies = await during;
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid!) - cpu0;
  const rss = peakRss(server.pid!);
  const p99 = pct(latencies, 99);
  console.log('');
  const lines = [
    `Viewer every 100 ms, server idle      ${String(idle.length).padStart(4)} queries   p50 ${ms(pct(idle, 50)).padStart(9)}   p99 ${ms(pct(idle, 99)).padStart(9)}   max ${ms(Math.max(...idle))}`,
    `Viewer every 100 ms, two imports run  ${String(latencies.length).padStart(4)} queries   p50 ${ms(pct(latencies, 50)).padStart(9)}   p99 ${ms(p99).padStart(9)}   max ${ms(Math.max(...latencies))}` +
      `   peak RSS ${mb(rss)}   resets ${resets}   load ${load()}   targets (p99 < 50 ms, RSS < 300 MB): ${p99 < 50 && rss < MB300 ? 'met' : 'NOT met'}`,
    `  over 50 ms: ${slow.length} (${slow.slice(0, 12).join(', ')}${slow.length > 12 ? ', …' : ''})`,
    `  the two runs (${imported.map((r) => r.rowsImported.toLocaleString('en')).join(' + ')} rows imported) took ${seconds.toFixed(1)} s together, ${cpu.toFixed(1)} s of the server's CPU`,
  ];
  for (const line of lines) console.log(line);
  results.push(...lines);
}

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await s3.close();
if (pgUrl && !KEEP) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
if (!KEEP) rmSync(work, { recursive: true, force: true });
process.exit(0);
