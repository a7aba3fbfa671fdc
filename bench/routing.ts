/**
 * `npm run bench:routing`: S3 Streaming delivery throughput. A real Inlet server process (compiled, as `npm start`
 * runs it) on SQLite, 1,000,000 events (BENCH_EVENTS) already in its event log (received over the past hour, so every
 * window is closed and the writer is bound by its own pace), delivered through an S3 Streaming destination into a
 * local S3-protocol server (s3rver, in this process); time until the destination has caught up, events/s, the
 * server's peak RSS while it delivers. Anchor in the same run: DuckDB `COPY … TO` the same rows (the same JSON
 * bodies) as gzip JSON lines on local disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { startS3 } from '../test/helpers/s3.js';
import { mb, peakRss, resetPeakRss, startBenchServer } from './server.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-routing-'));

const s3 = await startS3();
await s3.createBucket('bench');
const { server, port, key } = await startBenchServer(work, { INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', INLET_WORKER_ID: 'bench' });
server.once('exit', (code, signal) => console.log(`the server exited (${code ?? signal})`));
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
const runId = randomBytes(2).toString('hex');
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
      ...(n % 10 === 0 ? { aliases: [{ tag: 'email_sha256', id: `h${n}`, priority: 0 }] } : {}),
      received_at: receivedAt,
      workspace_id: workspaceId,
      segments: [],
    };
    const body = JSON.stringify(event);
    bytes += body.length + 1;
    rows.push([workspaceId, event.event_id, event.type, event.user_id, event.time, receivedAt, body]);
    text += body + '\n';
  }
  db.transaction(() => rows.forEach((r) => insert.run(...r)))();
  if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
}
await new Promise<void>((r) => out.end(() => r()));
db.close();
console.log(`Inlet S3 Streaming benchmark (node ${process.version}, ${os.cpus().length} cores, SQLite): ${EVENTS.toLocaleString('en')} events in the log (${mb(bytes)} of JSON) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('The machine is shared (several sessions on 2 cores): figures are noisy; compare the ratio to the anchor, not absolutes.\n');

// Deliver: the destination starts at the beginning of the log.
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
console.log(`S3 Streaming: ${EVENTS.toLocaleString('en')} events delivered in ${deliverS.toFixed(1)} s = ${Math.round(EVENTS / deliverS).toLocaleString('en')} events/s, ${last!.deliveries.totalCount} files (events + aliases), server peak RSS ${mb(rss)}`);

// Anchor: DuckDB writes the same rows as gzip JSON lines on local disk.
const duck = await (await DuckDBInstance.create(':memory:')).connect();
const target = path.join(work, 'anchor.jsonl.gz');
const t2 = performance.now();
await duck.run(`COPY (SELECT * FROM read_json('${ndjson}', format = 'newline_delimited')) TO '${target}' (FORMAT json, COMPRESSION gzip)`);
const anchorS = (performance.now() - t2) / 1000;
console.log(`Anchor, DuckDB COPY … TO gzip JSON lines on local disk: ${anchorS.toFixed(1)} s = ${Math.round(EVENTS / anchorS).toLocaleString('en')} events/s (${mb(statSync(target).size)})`);
console.log(`Ratio: Inlet delivers at ${(anchorS / deliverS).toFixed(2)}x the anchor's rate`);

server.kill('SIGKILL');
await s3.close();
rmSync(work, { recursive: true, force: true });
process.exit(0);
