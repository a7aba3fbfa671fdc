/**
 * `npm run bench:events`: sustained event ingestion through real HTTP against a real Inlet server process (compiled,
 * as `npm start` runs it) on SQLite: 8 concurrent clients send batches of 500 events of about 300 bytes for 30 s
 * (BENCH_SECONDS); events/s, p50/p99 request latency, the server's peak RSS. Then a paced phase at 10,000 events/s
 * offered (p99 there), and in the same run the anchor: the same events appended by a bare better-sqlite3 prepared
 * insert loop into the same table (one transaction per batch, the server's pragmas).
 * BENCH_DATABASE_URL=postgres://… runs the server on PostgreSQL instead (the anchor stays SQLite);
 * BENCH_EVENT_LOG=nats://127.0.0.1:4222 makes JetStream the event log (a stream of its own, deleted afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cpuSeconds, mb, peakRss, startBenchServer } from './server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = 8;
const BATCH = 500;
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-events-'));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

// Unique event ids from a counter (so nothing is deduplicated away), about 300 bytes an event as JSON.
let counter = 0;
const runId = randomBytes(2).toString('hex');
function event(): Record<string, unknown> {
  const n = counter++;
  return {
    event_id: `${runId}0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    type: n % 5 === 0 ? 'Checkout' : 'Pageview',
    user_id: `user-${n % 100000}`,
    time: '2026-12-01T10:00:00.000Z',
    session_id: `s-${n % 5000}`,
    properties: { client: { url: `https://shop.example/p/${n % 1000}`, referrer: 'https://search.example/?q=shoes', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' }, amount: n % 100 },
  };
}
const sample = JSON.stringify(event());
counter = 0;

const jetstream = process.env.BENCH_EVENT_LOG ?? '';
const stream = `INLET_BENCH_${runId}`;
const { server, port, key } = await startBenchServer(work, jetstream ? { INLET_EVENT_LOG: jetstream, INLET_EVENT_STREAM: stream } : {});
const url = `http://127.0.0.1:${port}/v1/events`;
const baseRss = peakRss(server.pid!);

let retried = 0;
/** Sends one batch and answers its latency; a 429 is retried after its Retry-After (as a client would), and counted. */
async function post(): Promise<number> {
  const body = JSON.stringify(Array.from({ length: BATCH }, event));
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
    const answer = (await res.json()) as { accepted?: number };
    if (res.status === 429) {
      retried++;
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (res.status !== 200 || answer.accepted !== BATCH) throw new Error(`batch refused: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return performance.now() - t0;
  }
}

console.log(`Inlet event ingestion benchmark (node ${process.version}, ${os.cpus().length} cores, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}${jetstream ? ', event log on JetStream' : ''}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}): ${CLIENTS} clients, ${BATCH} events a batch, ~${sample.length} bytes an event, ${SECONDS} s\n`);
// Warm-up: the first batches prepare statements and learn the two types.
for (let i = 0; i < 10; i++) await post();

/** The largest anonymous (heap, buffers) and file-backed (mapped files, e.g. SQLite's) parts of the server's RSS seen during the run. */
const rssParts = { anon: 0, file: 0 };
const sampler = setInterval(() => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  rssParts.anon = Math.max(rssParts.anon, Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
  rssParts.file = Math.max(rssParts.file, Number(/RssFile:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
}, 100);
const latencies: number[] = [];
const cpu0 = cpuSeconds(server.pid!);
const start = performance.now();
const until = start + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < until) latencies.push(await post());
  }),
);
const elapsed = (performance.now() - start) / 1000;
const serverCpuUs = ((cpuSeconds(server.pid!) - cpu0) * 1e6) / (latencies.length * BATCH);
const sent = latencies.length * BATCH;
const rss = peakRss(server.pid!);
clearInterval(sampler);
const rate = sent / elapsed;
console.log(`saturated   ${Math.round(rate).toLocaleString('en').padStart(9)} events/s   p50 ${pct(latencies, 50).toFixed(1)} ms   p99 ${pct(latencies, 99).toFixed(1)} ms   peak RSS ${mb(rss)} (at start ${mb(baseRss)}; largest anonymous ${mb(rssParts.anon)}, file-backed ${mb(rssParts.file)})   server CPU ${serverCpuUs.toFixed(1)} µs an event`);

// Paced: 10,000 events/s offered (20 batches a second, each on its own schedule), for a third of the time.
const paced: number[] = [];
const pacedSeconds = Math.max(5, Math.round(SECONDS / 3));
const pacedStart = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < pacedSeconds * 20; i++) {
  const due = pacedStart + i * 50;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inFlight.push(post().then((ms) => void paced.push(ms)));
}
await Promise.all(inFlight);
console.log(`paced       ${'10,000'.padStart(9)} events/s offered   p50 ${pct(paced, 50).toFixed(1)} ms   p99 ${pct(paced, 99).toFixed(1)} ms   429s retried (whole run) ${retried}`);
// SIGTERM lets a profiled server (BENCH_SERVER_NODE_ARGS="--cpu-prof …") write its profile; SIGKILL if it lingers.
const exited = new Promise((r) => server.once('exit', r));
server.kill('SIGTERM');
await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
server.kill('SIGKILL');
if (jetstream) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: jetstream.replace(/^nats:\/\//, '') });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.close();
}

// The anchor: the same rows, a bare prepared insert loop on the same table, indexes and pragmas, one transaction a batch.
const anchorDb = new Database(path.join(work, 'anchor.sqlite'));
anchorDb.pragma('journal_mode = WAL');
anchorDb.pragma('synchronous = FULL');
anchorDb.exec(`CREATE TABLE "event_log" ("seq" INTEGER PRIMARY KEY AUTOINCREMENT, "workspace_id" text NOT NULL, "event_id" text NOT NULL, "type" text NOT NULL,
  "user_id" text NOT NULL, "time" text NOT NULL, "received_at" text NOT NULL, "body" text NOT NULL);
  CREATE UNIQUE INDEX "event_log_dedupe" ON "event_log" ("workspace_id", "event_id");
  CREATE INDEX "event_log_position" ON "event_log" ("workspace_id", "seq");`);
const insert = anchorDb.prepare(`INSERT INTO "event_log" ("workspace_id", "event_id", "type", "user_id", "time", "received_at", "body") VALUES (?, ?, ?, ?, ?, ?, ?)`);
const ws = 'bench-workspace';
const appendBatch = anchorDb.transaction((events: Record<string, unknown>[], at: string) => {
  for (const e of events) insert.run(ws, e.event_id, e.type, e.user_id, e.time, at, JSON.stringify({ ...e, received_at: at, workspace_id: ws }));
});
const anchorBatches = Math.max(20, Math.round(sent / BATCH));
const batches = Array.from({ length: Math.min(anchorBatches, 2000) }, () => Array.from({ length: BATCH }, event));
const a0 = performance.now();
const c0 = process.cpuUsage();
for (const b of batches) appendBatch(b, new Date().toISOString());
const anchorRate = (batches.length * BATCH) / ((performance.now() - a0) / 1000);
const anchorCpu = process.cpuUsage(c0);
const anchorCpuUs = (anchorCpu.user + anchorCpu.system) / (batches.length * BATCH);
anchorDb.close();
console.log(`anchor      ${Math.round(anchorRate).toLocaleString('en').padStart(9)} events/s   (bare better-sqlite3 prepared insert, one transaction per batch, synchronous=FULL)   CPU ${anchorCpuUs.toFixed(1)} µs an event`);
console.log(`\nratio to anchor: ${(rate / anchorRate).toFixed(2)}x (by CPU an event: ${(anchorCpuUs / serverCpuUs).toFixed(2)}x)   load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}   targets: ≥ 50,000 events/s, ≥ 0.5x anchor, p99 < 100 ms at 10,000/s, RSS < 300 MB`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
