/**
 * The child process of `npm run bench:routing-batch`: one S3 Batch export of the benchmark's day, as the job runs it
 * (exportDay reading the log through eventLogRowSource), reporting its time, CPU time and peak RSS on stdout as JSON.
 * The parent compiles this file with esbuild and runs it with the Node options of `npm start`, as the server runs
 * compiled: under tsx its compiler and module cache alone would add about 70 MB to the export's resident memory.
 * With BENCH_EVENT_LOG=nats://… it reads the parent's JetStream stream (BENCH_EVENT_STREAM) through jetStreamRowSource.
 * With BENCH_THREADS=1 it also prints its garbage collections (count and pause time by kind) and the CPU time of each
 * of its threads still running at the end (V8's helpers: concurrent marking, compilation) on stderr.
 * Usage: node routing-batch-export.js <dataDir> <s3 endpoint> <JSON_GZIP|PARQUET_SNAPPY> <day>
 */
import { S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/data-source.js';
import { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { ingestSql } from '../server/ingest/sql.js';
import { eventLogRowSource, exportDay, type ExportFormat } from '../server/routing/batch/index.js';
import { jetStreamRowSource } from '../server/routing/batch/jetstream-source.js';
import { peakRss, statCpuSeconds } from './proc.js';

/** BENCH_EVENT_LOG=nats://…: the benchmark's log is a JetStream stream instead of the database's table. */
export const natsLogUrl = process.env.BENCH_EVENT_LOG?.startsWith('nats://') ? process.env.BENCH_EVENT_LOG : null;
export const BENCH_RETENTION_MS = 7 * 86_400_000;

/** The benchmark's database: SQLite in `dataDir`, or PostgreSQL (BENCH_DATABASE_URL, schema BENCH_SCHEMA). */
export function openBenchDatabase(dataDir: string) {
  const config = loadConfig({ DATA_DIR: dataDir, INLET_API_KEY: 'inlet_bench_unused_key_0000', ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL, DATABASE_SCHEMA: process.env.BENCH_SCHEMA } : {}) });
  return openDatabase(config);
}

export interface ExportFigures {
  seconds: number;
  cpuSeconds: number;
  /** CPU time of the export's own thread (the process's less its worker threads'): the part no second core can take. */
  threadCpuSeconds: number;
  rows: number;
  files: number;
  bytes: number;
  peakRss: number;
  baseRss: number;
  /** Where the peak is: V8's heap (committed) or memory outside it (ArrayBuffers, SQLite, native buffers). */
  atPeak: { heapTotal: number; external: number; arrayBuffers: number; rss: number };
}

/** This process's main thread's CPU seconds (its task id is the pid; Node 20 has no per-thread cpuUsage). */
const mainThreadCpu = () => statCpuSeconds(`/proc/self/task/${process.pid}/stat`);

if (process.argv[2] === 'export') {
  const [, , , dataDir, endpoint, format, day] = process.argv as [string, string, string, string, string, ExportFormat, string];
  const db = await openBenchDatabase(dataDir);
  const sql = ingestSql(db);
  const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const log = natsLogUrl ? new JetStreamEventLog(natsLogUrl, process.env.BENCH_EVENT_STREAM!, BENCH_RETENTION_MS, sql) : null;
  const source = log ? jetStreamRowSource(log, sql, { date: day, workspaceId: null }) : eventLogRowSource(sql, { date: day, workspaceIds: null });
  const gcs: Record<string, { n: number; ms: number }> = {};
  if (process.env.BENCH_THREADS) {
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    const kinds: Record<number, string> = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const k = kinds[(e as unknown as { detail: { kind: number } }).detail.kind] ?? 'other';
        (gcs[k] ??= { n: 0, ms: 0 }).n++;
        gcs[k]!.ms += e.duration;
      }
    }).observe({ entryTypes: ['gc'] });
  }
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const thread0 = mainThreadCpu();
  const peak = { heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) Object.assign(peak, { heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss });
  }, 50);
  const result = await exportDay({ s3, bucket: 'bench', prefix: `${format.toLowerCase()}/`, format, date: day, source, ...(process.env.BENCH_ROW_GROUP_ROWS ? { rowGroupRows: Number(process.env.BENCH_ROW_GROUP_ROWS) } : {}) });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const events = result.files.filter((f) => f.dataType === 'events');
  const figures: ExportFigures = {
    seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, threadCpuSeconds: mainThreadCpu() - thread0, rows: events.reduce((n, f) => n + f.rows, 0), files: result.files.length, bytes: events.reduce((n, f) => n + f.bytes, 0),
    // VmHWM, this process image's own high-water mark. Not getrusage's maxRSS: Linux carries it over from the forked
    // parent into the exec'd child, so it reported the benchmark parent's size (with DuckDB's table of the day, up to
    // 615 MB) instead of the export's.
    peakRss: peakRss('self'), baseRss, atPeak: peak,
  };
  if (process.env.BENCH_THREADS) {
    const { readdirSync, readFileSync } = await import('node:fs');
    process.stderr.write(`gc ${JSON.stringify(gcs)}\n`);
    for (const t of readdirSync('/proc/self/task')) {
      const name = readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim();
      process.stderr.write(`thread ${t} ${name} ${statCpuSeconds(`/proc/self/task/${t}/stat`).toFixed(2)} s\n`);
    }
  }
  process.stdout.write(JSON.stringify(figures));
  await log?.close();
  await db.destroy();
  process.exit(0);
}
