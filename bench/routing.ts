/**
 * `npm run bench:routing`: S3 Streaming delivery throughput. A real Inlet server process (compiled, as `npm start`
 * runs it) on SQLite, 1,000,000 events (BENCH_EVENTS) already in its event log (received over the past hour, so every
 * window is closed and the writer is bound by its own pace), delivered through an S3 Streaming destination into a
 * local S3-protocol server (s3rver, in this process); time until the destination has caught up, events/s, the
 * server's peak RSS while it delivers. Anchor in the same run: DuckDB `COPY … TO` the same rows (the same JSON
 * bodies) as gzip JSON lines on local disk. Then the ingest → object latency: the server restarted on the same data
 * with a short flush interval, events posted through HTTP while the destination streams, and for each the time until
 * an object holding it is listed. BENCH_EVENT_LOG=nats://127.0.0.1:4222 runs it all on a JetStream log.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, statSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startS3 } from '../test/helpers/s3.js';
import { mb, peakRss, resetPeakRss, startBenchServer } from './server.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/** BENCH_EVENT_LOG=nats://127.0.0.1:4222: the server's event log is a JetStream stream (made for this run, deleted after). */
const NATS = process.env.BENCH_EVENT_LOG ?? '';
const runId = randomBytes(2).toString('hex');
const STREAM = `inlet_bench_${runId}_${randomBytes(4).toString('hex')}`;
const serverEnv: Record<string, string> = { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', INLET_WORKER_ID: 'bench', ...(NATS ? { INLET_EVENT_LOG: NATS, INLET_EVENT_STREAM: STREAM } : {}) };
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-routing-'));

const s3 = await startS3();
await s3.createBucket('bench');
const { server, port, key } = await startBenchServer(work, serverEnv);
/** Stops a server: SIGTERM first, so a profiled one (BENCH_SERVER_NODE_ARGS=--cpu-prof …) writes its profile. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  child.kill('SIGKILL');
}
const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<any> => {
  // A loaded machine can stall the server past its keep-alive timeout: a reset reused socket is retried.
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  }).catch(async (error) => {
    if (server.exitCode !== null || server.signalCode !== null) throw error;
    await new Promise((r) => setTimeout(r, 500));
    return null;
  });
  if (!res) return gql(query, variables);
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const workspaceId: string = (await gql('{ viewer { workspace { id } } }')).viewer.workspace.id;

// The events, as ingestion stores them (the log's columns and body), written straight into the server's SQLite log
// (WAL: the server keeps running) and into an NDJSON file for the anchor.
const ndjson = path.join(work, 'events.ndjson');
const out = createWriteStream(ndjson);
const db = new Database(path.join(work, 'data', 'inlet.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 10000');
const insert = db.prepare(`INSERT INTO "event_log" ("workspace_id", "event_id", "type", "user_id", "time", "received_at", "body") VALUES (?, ?, ?, ?, ?, ?, ?)`);
// On JetStream the events are published as ingestion publishes them (subject per workspace, Nats-Msg-Id), with acks.
const nats = NATS ? await connect({ servers: NATS.replace(/^nats:\/\//, '') }) : null;
const jsm = nats ? await jetstreamManager(nats) : null;
// The server makes its stream when it starts; made here only if it has not yet (it updates the settings later).
if (jsm) await jsm.streams.info(STREAM).catch(() => jsm.streams.add({ name: STREAM, subjects: [`${STREAM}.>`] }));
const start = Date.now() - 2 * 3600_000;
const t0 = performance.now();
let bytes = 0;
for (let at = 0; at < EVENTS; at += 10_000) {
  const rows: unknown[][] = [];
  let text = '';
  for (let n = at; n < Math.min(EVENTS, at + 10_000); n++) {
    const receivedAt = new Date(start + Math.floor((n * 3600_000) / EVENTS)).toISOString();
    const event = {
      event_id: `${runId}0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      type: n % 5 === 0 ? 'Checkout' : 'Pageview',
      user_id: `user-${n % 100000}`,
      time: receivedAt,
      session_id: `s-${n % 5000}`,
      properties: { client: { url: `https://shop.example/p/${n % 1000}`, referrer: 'https://search.example/?q=shoes' }, amount: n % 100 },
      // As ingestion stores it: `aliases` always present (empty when the event names none).
      aliases: n % 10 === 0 ? [{ tag: 'email_sha256', id: `h${n}`, priority: 0 }] : [],
      received_at: receivedAt,
      workspace_id: workspaceId,
      segments: [],
    };
    const body = JSON.stringify(event);
    bytes += body.length + 1;
    rows.push([workspaceId, event.event_id, event.type, event.user_id, event.time, receivedAt, body]);
    text += body + '\n';
  }
  if (jsm) {
    const js = jsm.jetstream();
    for (let i = 0; i < rows.length; i += 500) {
      await Promise.all(rows.slice(i, i + 500).map((r) => js.publish(`${STREAM}.${workspaceId}`, r[6] as string, { msgID: `${workspaceId}:${r[1]}`, timeout: 60_000 })));
    }
  } else db.transaction(() => rows.forEach((r) => insert.run(...r)))();
  if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
}
await new Promise<void>((r) => out.end(() => r()));
db.close();
console.log(`Inlet S3 Streaming benchmark (node ${process.version}, ${os.cpus().length} cores, SQLite${NATS ? ', event log on JetStream' : ''}): ${EVENTS.toLocaleString('en')} events in the log (${mb(bytes)} of JSON) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('The machine is shared (several sessions on 2 cores): figures are noisy; compare the ratio to the anchor, not absolutes.\n');

// Deliver: the destination starts at the beginning of the log.
const idleRss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) * 1024;
resetPeakRss(server.pid!);
const t1 = performance.now();
const { createConnection } = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
  input: { name: 'bench', s3Streaming: { region: 'us-east-1', bucketName: 'bench', prefix: 'inlet/', endpoint: s3.endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } },
});
let last: { lagSeconds: number | null; status: string; deliveries: { totalCount: number } } | null = null;
for (;;) {
  last = (await gql(`query($id: ID!) { connection(id: $id) { status lagSeconds deliveries(first: 1) { totalCount } } }`, { id: createConnection.id })).connection;
  if (last!.status === 'INACTIVE') throw new Error('the destination turned INACTIVE');
  if (last!.status === 'ACTIVE' && last!.lagSeconds === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
const deliverS = (performance.now() - t1) / 1000;
const rss = peakRss(server.pid!);
const files = (await gql(`query($id: ID!) { connection(id: $id) { deliveries(first: 500) { edges { node { dataType bytes } } } } }`, { id: createConnection.id })).connection.deliveries.edges;
const gzBytes = files.reduce((n: number, e: { node: { dataType: string; bytes: number } }) => n + (e.node.dataType === 'events' ? e.node.bytes : 0), 0);
console.log(`S3 Streaming: ${EVENTS.toLocaleString('en')} events delivered in ${deliverS.toFixed(1)} s = ${Math.round(EVENTS / deliverS).toLocaleString('en')} events/s, ${last!.deliveries.totalCount} files (events + aliases; events ${mb(gzBytes)} gzip), server peak RSS ${mb(rss)} (${mb(idleRss)} before) (load ${os.loadavg()[0]!.toFixed(1)})`);

// Anchor: DuckDB writes the same rows as gzip JSON lines on local disk.
const duck = await (await DuckDBInstance.create(':memory:')).connect();
const target = path.join(work, 'anchor.jsonl.gz');
const t2 = performance.now();
await duck.run(`COPY (SELECT * FROM read_json('${ndjson}', format = 'newline_delimited')) TO '${target}' (FORMAT json, COMPRESSION gzip)`);
const anchorS = (performance.now() - t2) / 1000;
console.log(`Anchor, DuckDB COPY … TO gzip JSON lines on local disk: ${anchorS.toFixed(1)} s = ${Math.round(EVENTS / anchorS).toLocaleString('en')} events/s (${mb(statSync(target).size)})`);
console.log(`Ratio: Inlet delivers at ${(anchorS / deliverS).toFixed(2)}x the anchor's rate (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);

// Ingest → object visible: a server on the same data (the destination is caught up) with a short flush interval
// (BENCH_FLUSH_SECONDS, 10), events posted through HTTP (BENCH_LATENCY_SECONDS of 20 batches of 50 a second) while
// the destination streams; for every event, the time from its acknowledgement until an object holding it is listed.
await stopServer(server);
const FLUSH = Number(process.env.BENCH_FLUSH_SECONDS ?? 10);
const POST_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const live = await startBenchServer(work, { ...serverEnv, INLET_API_KEY: key, INLET_STREAM_FLUSH_SECONDS: String(FLUSH) });
const acked = new Map<string, number>();
const seen = new Map<string, number>();
const listed = new Set<string>();
let posting = true;
let postEnd = Infinity;
const watcher = (async () => {
  // Lists every 200 ms; a new object is read and each of its events gets the time the listing first showed it.
  while (posting || seen.size < acked.size) {
    const at = performance.now();
    let token: string | undefined;
    do {
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: 'bench', Prefix: 'inlet/events/', ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (listed.has(o.Key!)) continue;
        listed.add(o.Key!);
        const object = await s3.client.send(new GetObjectCommand({ Bucket: 'bench', Key: o.Key! }));
        for (const line of gunzipSync(await object.Body!.transformToByteArray()).toString('utf8').split('\n')) {
          const id = line && (JSON.parse(line) as { event_id: string }).event_id;
          if (id && acked.has(id) && !seen.has(id)) seen.set(id, at);
        }
      }
      token = page.NextContinuationToken;
    } while (token);
    if (!posting && performance.now() - postEnd > (FLUSH + 60) * 1000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
})();
/** Posts 50 events; they count from their acknowledgement. */
async function post(events: { event_id: string }[]): Promise<void> {
  // A loaded machine can stall the server past its keep-alive timeout: a reset reused socket is sent again (the
  // event ids make a resend a duplicate, not a second copy).
  const res = await fetch(`http://127.0.0.1:${live.port}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(events) }).catch(() => null);
  if (!res) return new Promise((r) => setTimeout(r, 500)).then(() => post(events));
  const answer = (await res.json()) as { accepted?: number; duplicates?: number };
  // A busy server asks clients to come back (429, Retry-After).
  if (res.status === 429) return new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000)).then(() => post(events));
  if ((answer.accepted ?? 0) + (answer.duplicates ?? 0) !== events.length) throw new Error(`batch refused: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  const t = performance.now();
  for (const e of events) acked.set(e.event_id, t);
}
const batchOf = (i: number) => Array.from({ length: 50 }, (_, j) => ({ event_id: randomUUID(), type: 'Pageview', user_id: `live-${j}`, properties: { n: i } }));
// Warm-up: the restarted server's writer is running once a first batch is listed (its time is not counted).
const warm = batchOf(-1);
await post(warm);
for (const until = performance.now() + (FLUSH + 60) * 1000; !warm.every((e) => seen.has(e.event_id)); await new Promise((r) => setTimeout(r, 200))) {
  if (performance.now() > until) throw new Error('the warm-up batch was never delivered');
}
for (const e of warm) (acked.delete(e.event_id), seen.delete(e.event_id));
const postStart = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < POST_SECONDS * 20; i++) {
  const wait = postStart + i * 50 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inFlight.push(post(batchOf(i)));
}
await Promise.all(inFlight);
postEnd = performance.now();
posting = false;
await watcher;
const latencies = [...acked].map(([id, t]) => (seen.has(id) ? (seen.get(id)! - t) / 1000 : Infinity)).sort((x, y) => x - y);
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(
  `Ingest → object listed (flush ${FLUSH} s, ${acked.size.toLocaleString('en')} events posted over ${POST_SECONDS} s): p50 ${pick(0.5).toFixed(1)} s, p99 ${pick(0.99).toFixed(1)} s, max ${pick(1).toFixed(1)} s` +
    ` (target ≤ flush + 10 s = ${FLUSH + 10} s${latencies.some((l) => l === Infinity) ? `; ${latencies.filter((l) => l === Infinity).length} events never seen` : ''}) (load ${os.loadavg()[0]!.toFixed(1)})`,
);
await stopServer(live.server);
if (jsm) await jsm.streams.delete(STREAM).catch(() => undefined);
await nats?.close();
await s3.close();
rmSync(work, { recursive: true, force: true });
process.exit(0);
