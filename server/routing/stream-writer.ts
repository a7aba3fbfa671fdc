// The S3 Streaming writer: a lease job per destination (exactly one server writes it; another takes over once the
// heartbeat stops). It reads the workspace's events from the destination's position in the event log, cuts them into
// batches and uploads each batch as one gzip JSON-lines file per data type, then advances the position.
//
// Batches are a function of the log, not of timing, so a retry (or another server) rebuilds the same batch and
// writes the same key:
// - a batch is a run of consecutive events (by position) whose receive times fall in one window; windows are
//   INLET_STREAM_FLUSH_SECONDS long, aligned to the epoch and cut at every hour boundary (a file never spans two
//   partitions); a batch also ends before the event that would take it past INLET_STREAM_MAX_FILE_BYTES;
// - a batch at the end of the log closes once its window has ended (plus a grace for events still committing);
// - before uploading, the batch's files are recorded (key, first and last position); a retry, or a server taking
//   over, uploads exactly those positions to exactly those keys again, and the position advances only after every
//   file of the batch is uploaded, in the transaction that marks them DELIVERED.
import { createHash, randomUUID } from 'node:crypto';
import { createGzip, type ZlibOptions } from 'node:zlib';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { ConnectionService } from '../connections/connection.service.js';
import { SourceError } from '../connectors/errors.js';
import type { EventLog, LoggedEvent } from '../ingest/event-log.js';
import type { IngestSql } from '../ingest/sql.js';
import type { JobEngine, JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import { GZIP_WRITE_BYTES } from './batch/index.js';
import { DeliveryEntity, DestinationEntity } from './delivery.entity.js';
import { destinationStore, type DestinationSettings, type S3DestinationStore } from './s3-destination.js';

export const STREAM_KIND = 'destination-stream';
const PAGE = 5000;
const HOUR_MS = 3_600_000;

/** The log consumer name of a destination (its row in event_consumer holds the position, and retention waits for it). */
export const consumerOf = (connectionId: string) => `destination:${connectionId}`;

/** The window an event received at `t` (ms) falls in: flush-aligned, cut at hour boundaries. */
export function windowOf(t: number, flushMs: number): { start: number; end: number } {
  const aligned = Math.floor(t / flushMs) * flushMs;
  const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
  return { start: Math.max(aligned, hour), end: Math.min(aligned + flushMs, hour + HOUR_MS) };
}

/** `{prefix}{dataType}/year=YYYY/month=MM/day=DD/hour=HH/{timestamp}-{hash}-{worker}.jsonl.gz` (UTC). */
export function streamKey(prefix: string, dataType: string, windowStart: number, hash: string, worker: string): string {
  const d = new Date(windowStart).toISOString();
  return `${prefix}${dataType}/year=${d.slice(0, 4)}/month=${d.slice(5, 7)}/day=${d.slice(8, 10)}/hour=${d.slice(11, 13)}/${windowStart}-${hash}-${worker}.jsonl.gz`;
}

/** A short hash of a batch's first and last log positions (and its destination). */
export function batchHash(connectionId: string, first: number, last: number): string {
  return createHash('sha256').update(`${connectionId}:${first}:${last}`).digest('hex').slice(0, 12);
}

/** Uncompressed bytes a file lets wait for zlib (which compresses on the thread pool) before its writer pauses. */
const GZIP_QUEUE_BYTES = 1024 * 1024;
/** Level 1 (zlib's fast deflate): about 3x the speed of the default 6 for some 10% larger files; streaming must keep up with ingestion. */
const GZIP_LEVEL = 1;

/**
 * A gzip stream collecting its output in memory (only the compressed bytes are held). Lines reach zlib in pieces of
 * about GZIP_WRITE_BYTES; zlib works on the thread pool while the writer reads on, and once about 1 MB waits for it,
 * `add` answers true and the writer awaits `drained()`: memory per file stays bounded however fast the log is read.
 */
class GzipFile {
  private readonly gz = createGzip({ level: GZIP_LEVEL, writableHighWaterMark: GZIP_QUEUE_BYTES } as ZlibOptions);
  private readonly chunks: Buffer[] = [];
  private pending: string[] = [];
  private pendingBytes = 0;
  private full = false;
  rows = 0;
  uncompressed = 0;
  constructor() {
    this.gz.on('data', (c: Buffer) => this.chunks.push(c));
  }
  /** Adds a line; true when zlib is behind and the caller should await `drained()` before adding more. */
  add(line: string, bytes = Buffer.byteLength(line)): boolean {
    this.rows++;
    this.uncompressed += bytes;
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= GZIP_WRITE_BYTES) this.drain();
    return this.full;
  }
  private drain(): void {
    if (!this.pending.length) return;
    this.full = !this.gz.write(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }
  async drained(): Promise<void> {
    if (!this.full) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => (this.gz.off('error', fail), resolve());
      const fail = (error: Error) => (this.gz.off('drain', done), reject(error));
      this.gz.once('drain', done);
      this.gz.once('error', fail);
    });
    this.full = false;
  }
  async finish(): Promise<Buffer> {
    this.drain();
    await new Promise<void>((resolve, reject) => {
      this.gz.once('end', resolve);
      this.gz.once('error', reject);
      this.gz.end();
    });
    return Buffer.concat(this.chunks);
  }
  discard(): void {
    this.gz.destroy();
  }
}

/**
 * Whether a stored body already is the output line: ingestion writes `segments` last, so the body ends with the
 * top-level `,"segments":[…]}` (a quote inside a JSON string is escaped, so the pattern cannot come from a value, and
 * a `]` right before the final `}` closes an array that is a field of the top-level object).
 */
function endsWithSegments(body: string): boolean {
  if (!body.endsWith(']}')) return false;
  const at = body.lastIndexOf(',"segments":[');
  return at > 0 && body.indexOf(']', at) === body.length - 2;
}

/** Whether a stored body may carry alias records: some `"aliases":[` not closed at once (ingestion stores `[]` when none). */
function mayHaveAliases(body: string): boolean {
  for (let at = body.indexOf('"aliases":['); at >= 0; at = body.indexOf('"aliases":[', at + 11)) {
    if (body.charCodeAt(at + 11) !== 93 /* ] */) return true;
  }
  return false;
}

/**
 * The lines of one event: the stored event (with its segments, empty until audiences exist) and its alias records.
 * The stored body is written as it is when it already has its segments (no parse, no stringify); it is parsed only
 * when it names aliases or lacks segments.
 */
function linesOf(e: LoggedEvent): { event: string; aliases: string[] } {
  const text = e.body;
  const complete = endsWithSegments(text);
  const named = mayHaveAliases(text);
  if (complete && !named) return { event: text + '\n', aliases: [] };
  const body = JSON.parse(text) as Record<string, unknown>;
  const event = complete ? text + '\n' : JSON.stringify('segments' in body ? body : { ...body, segments: [] }) + '\n';
  const aliases: string[] = [];
  const list = Array.isArray(body.aliases) ? (body.aliases as { tag?: unknown; id?: unknown; priority?: unknown }[]) : [];
  for (const a of list) {
    aliases.push(JSON.stringify({ user_id: body.user_id, tag: a.tag, id: a.id, priority: a.priority ?? null, time: body.time, workspace_id: body.workspace_id }) + '\n');
  }
  return { event, aliases };
}

/** A batch being built: consecutive events of one window. */
class Batch {
  readonly events = new GzipFile();
  readonly aliases = new GzipFile();
  first = 0;
  last = 0;
  constructor(readonly window: { start: number; end: number }) {}
  /** Adds an event's lines; true when zlib is behind (await `drained()`). */
  add(e: LoggedEvent, lines: { event: string; aliases: string[] }, bytes: number): boolean {
    if (!this.first) this.first = e.position;
    this.last = e.position;
    let full = this.events.add(lines.event, bytes);
    for (const a of lines.aliases) full = this.aliases.add(a) || full;
    return full;
  }
  async drained(): Promise<void> {
    await this.events.drained();
    await this.aliases.drained();
  }
  discard(): void {
    this.events.discard();
    this.aliases.discard();
  }
}

/** What the routing service gives both of its writers (this streaming writer and the batch export). */
export interface RoutingContext {
  db: DataSource;
  sql: IngestSql;
  /** The event log events are read from (the database's tables, or a JetStream stream). */
  log: EventLog;
  config: Config;
  connections: ConnectionService;
  workerId: string;
  /** Records a delivery's change for listeners (deliveryUpdated). */
  publish(delivery: DeliveryEntity): Promise<void>;
}

/** Where the writer reads its settings and clock from (the routing service). */
export interface StreamContext extends RoutingContext {
  /** The clock windows are closed by (tests move it instead of waiting an hour). */
  now(): number;
}

class Stop extends Error {}

/** The job kind: one lease per S3 Streaming destination (key: the connection id). */
export class StreamWriterKind implements JobKind {
  readonly name = STREAM_KIND;
  readonly lease = true;
  readonly interruptedMessage = 'Interrupted: the writing server stopped; another server takes the destination over';

  constructor(private readonly ctx: StreamContext, private readonly jobs: JobEngine) {}

  async run(job: JobEntity, signal: AbortSignal): Promise<void> {
    await new StreamWriter(this.ctx, job.key, signal, job, this.jobs).run();
  }

  retryable(): boolean {
    return false; // the routing service queues a writer again for every ACTIVE destination
  }

  describe(error: unknown): string {
    return `The streaming writer failed: ${(error as Error)?.message ?? String(error)}`;
  }
}

/** One writer's life on one destination, until it is not ACTIVE, is paused, or the lease is lost. */
class StreamWriter {
  private store: S3DestinationStore | null = null;
  private storeVersion = '';
  private batch: Batch | null = null;
  private readPos = -1;
  /** Events read past a closed batch, kept for the next one (they are not read again). */
  private carry: LoggedEvent[] = [];
  private failures = 0;
  private readonly flushMs: number;
  private readonly graceMs: number;
  private readonly pollMs: number;

  constructor(private readonly ctx: StreamContext, private readonly connectionId: string, private readonly signal: AbortSignal, private readonly job: JobEntity, private readonly jobs: JobEngine) {
    this.flushMs = ctx.config.streamFlushSeconds * 1000;
    this.graceMs = Math.min(5000, this.flushMs / 2);
    this.pollMs = Math.max(50, Math.min(1000, this.flushMs / 4));
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        if (this.signal.aborted) return;
        const target = await this.target();
        if (!target) return;
        const { workspaceId, settings } = target;
        const committed = await this.ctx.log.position(consumerOf(this.connectionId), workspaceId);
        const open = await this.openBatch(committed);
        if (open.length) {
          this.reset();
          await this.deliver(workspaceId, settings, open, committed);
          continue;
        }
        if (this.readPos < committed) {
          this.reset();
          this.readPos = committed;
        }
        const ready = await this.readMore(workspaceId);
        if (ready) {
          await this.record(workspaceId, settings, ready);
          continue;
        }
        await this.sleep(this.pollMs);
      }
    } catch (error) {
      if (error instanceof Stop) return;
      throw error;
    } finally {
      this.reset();
      this.store?.close();
    }
  }

  private reset(): void {
    this.batch?.discard();
    this.batch = null;
    this.readPos = -1;
    this.carry = [];
  }

  /** The destination while it should be written: ACTIVE, not paused; null otherwise (the writer ends). */
  private async target(): Promise<{ workspaceId: string; settings: DestinationSettings } | null> {
    const connection = await this.ctx.connections.byId(this.connectionId);
    if (!connection || connection.platform !== 'S3_STREAMING' || connection.status !== 'ACTIVE') return null;
    const dest = await this.ctx.db.getRepository(DestinationEntity).findOneBy({ connectionId: this.connectionId });
    if (dest?.paused) return null;
    const version = `${connection.sealedCredentials}|${JSON.stringify(connection.settings)}`;
    if (!this.store || version !== this.storeVersion) {
      this.store?.close();
      this.store = destinationStore(connection.settings, this.ctx.connections.openCredentials(connection), this.ctx.config);
      this.storeVersion = version;
    }
    return { workspaceId: connection.workspaceId, settings: connection.settings as unknown as DestinationSettings };
  }

  /** The recorded batch not yet delivered (after a failure, a crash or a takeover): its files, by data type. */
  private async openBatch(committed: number): Promise<DeliveryEntity[]> {
    const rows = await this.ctx.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.connectionId = :id', { id: this.connectionId })
      .andWhere(`d.status <> 'DELIVERED'`)
      .andWhere('d.lastPosition > :committed', { committed })
      .orderBy('d.firstPosition', 'ASC')
      .getMany();
    if (!rows.length) return [];
    const first = rows[0]!.firstPosition;
    return rows.filter((r) => r.firstPosition === first);
  }

  /** Reads the log after `readPos` into the current batch; returns a batch once it is closed. */
  private async readMore(workspaceId: string): Promise<Batch | null> {
    for (;;) {
      if (this.signal.aborted) throw new Stop();
      const carried = this.carry.length > 0;
      const events = carried ? this.carry : await this.ctx.log.read(workspaceId, this.readPos, PAGE);
      this.carry = [];
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        const window = windowOf(Date.parse(e.receivedAt), this.flushMs);
        const lines = linesOf(e);
        const bytes = Buffer.byteLength(lines.event);
        const b = this.batch;
        if (b && (b.window.start !== window.start || b.events.uncompressed + bytes > this.ctx.config.streamMaxFileBytes)) {
          // This event starts the next batch: the current one is closed, and nothing after it was taken in.
          this.carry = events.slice(i);
          return this.take();
        }
        this.batch ??= new Batch(window);
        const full = this.batch.add(e, lines, bytes);
        this.readPos = e.position;
        if (full) await this.batch.drained();
      }
      if (!carried && events.length < PAGE) break;
    }
    if (this.batch && this.ctx.now() >= this.batch.window.end + this.graceMs) return this.take();
    return null;
  }

  private take(): Batch {
    const b = this.batch!;
    this.batch = null;
    this.readPos = b.last;
    return b;
  }

  /** Records a closed batch's files (UPLOADING) before any upload, then delivers them. */
  private async record(workspaceId: string, settings: DestinationSettings, batch: Batch): Promise<void> {
    const files = [
      { dataType: 'events', file: batch.events },
      { dataType: 'aliases', file: batch.aliases },
    ];
    const hash = batchHash(this.connectionId, batch.first, batch.last);
    const now = new Date();
    const rows = files
      .filter((f) => f.file.rows > 0)
      .map((f) =>
        Object.assign(new DeliveryEntity(), {
          id: randomUUID(), connectionId: this.connectionId, workspaceId, dataType: f.dataType,
          key: streamKey(settings.prefix, f.dataType, batch.window.start, hash, this.ctx.workerId),
          rows: f.file.rows, bytes: 0, uncompressedBytes: f.file.uncompressed,
          windowStart: new Date(batch.window.start), windowEnd: new Date(batch.window.end),
          firstPosition: batch.first, lastPosition: batch.last, worker: this.ctx.workerId,
          attempt: 1, status: 'UPLOADING' as const, error: null, startedAt: now, finishedAt: null,
        }),
      );
    const bodies = new Map<string, Buffer>();
    for (const f of files) {
      if (f.file.rows > 0) bodies.set(f.dataType, await f.file.finish());
      else f.file.discard();
    }
    try {
      await this.ctx.db.transaction(async (tx) => {
        // Still this server's lease? A writer that lost it must not record a batch under its own worker id.
        const mine = await tx.query(`SELECT 1 FROM "job" WHERE "id" = ${tx.connection.options.type === 'postgres' ? '$1' : '?'} AND "status" = 'RUNNING' AND "owner" = ${tx.connection.options.type === 'postgres' ? '$2' : '?'}`, [this.job.id, this.jobs.instanceId]);
        if (!mine.length) throw new Stop();
        await tx.getRepository(DeliveryEntity).insert(rows);
      });
    } catch (error) {
      if (error instanceof Stop) throw error;
      // Another server recorded this batch first: its record (and key) wins; the loop picks it up.
      if (/unique|duplicate/i.test(String((error as Error).message))) return;
      throw error;
    }
    for (const r of rows) await this.ctx.publish(r);
    await this.upload(settings, rows, bodies, batch.last);
  }

  /** Rebuilds a recorded batch from the log (exactly its positions) and uploads it to the recorded keys. */
  private async deliver(workspaceId: string, settings: DestinationSettings, rows: DeliveryEntity[], committed: number): Promise<void> {
    const last = rows[0]!.lastPosition;
    const events = new GzipFile();
    const aliases = new GzipFile();
    let at = committed;
    while (at < last) {
      if (this.signal.aborted) throw new Stop();
      const page = await this.ctx.log.read(workspaceId, at, PAGE);
      if (!page.length) break;
      for (const e of page) {
        if (e.position > last) break;
        const lines = linesOf(e);
        let full = events.add(lines.event);
        for (const a of lines.aliases) full = aliases.add(a) || full;
        at = e.position;
        if (full) await Promise.all([events.drained(), aliases.drained()]);
      }
      if (page.length < PAGE) break;
    }
    const bodies = new Map<string, Buffer>([
      ['events', await events.finish()],
      ['aliases', await aliases.finish()],
    ]);
    await this.upload(settings, rows, bodies, last);
  }

  /** Uploads a batch's files; on success marks them DELIVERED and advances the position in one transaction. */
  private async upload(settings: DestinationSettings, rows: DeliveryEntity[], bodies: Map<string, Buffer>, last: number): Promise<void> {
    const started = Date.now();
    try {
      for (const r of rows) {
        if (this.signal.aborted) throw new Stop();
        const body = bodies.get(r.dataType)!;
        r.bytes = body.length;
        await this.store!.upload(r.key, body);
      }
    } catch (error) {
      if (error instanceof Stop) throw error;
      await this.failed(rows, error);
      return;
    }
    const finishedAt = new Date();
    await this.ctx.sql.batch([
      ...rows.map((r) => ({
        sql: `UPDATE "delivery" SET "status" = 'DELIVERED', "error" = NULL, "bytes" = ?, "finishedAt" = ? WHERE "id" = ?`,
        params: [r.bytes, finishedAt.toISOString(), r.id],
      })),
      {
        sql: `INSERT INTO "event_consumer" ("consumer", "workspace_id", "position", "updated_at") VALUES (?, ?, ?, ?)
              ON CONFLICT ("consumer", "workspace_id") DO UPDATE SET "position" = excluded."position", "updated_at" = excluded."updated_at"
              WHERE excluded."position" > "event_consumer"."position"`,
        params: [consumerOf(this.connectionId), rows[0]!.workspaceId, last, finishedAt.toISOString()],
      },
    ]);
    this.failures = 0;
    log.debug('delivered', { connectionId: this.connectionId, files: rows.length, rows: rows[0]?.rows, ms: Date.now() - started });
    for (const r of rows) await this.ctx.publish(Object.assign(r, { status: 'DELIVERED', error: null, finishedAt }));
  }

  /** A failed upload: transient ones are retried with backoff and jitter (forever, while ACTIVE); the rest turn the destination INACTIVE. */
  private async failed(rows: DeliveryEntity[], error: unknown): Promise<void> {
    const e = error instanceof SourceError ? error : new SourceError('internal', `Upload failed unexpectedly (${(error as Error)?.name ?? 'error'})`);
    const fatal = e.kind === 'auth' || e.kind === 'not-found' || e.kind === 'user';
    const status = fatal ? 'FAILED' : 'RETRYING';
    const repo = this.ctx.db.getRepository(DeliveryEntity);
    for (const r of rows) {
      Object.assign(r, { status, error: e.message, attempt: r.attempt + 1, finishedAt: fatal ? new Date() : null });
      await repo.update({ id: r.id }, { status, error: e.message, attempt: r.attempt, finishedAt: r.finishedAt });
      await this.ctx.publish(r);
    }
    if (fatal) {
      log.warn('destination refused a delivery', { connectionId: this.connectionId, reason: e.message });
      await this.ctx.connections.markAuthFailure(this.connectionId, e.message);
      throw new Stop();
    }
    this.failures++;
    const delay = Math.min(60_000, 250 * 2 ** Math.min(this.failures, 8));
    log.info('delivery will be retried', { connectionId: this.connectionId, attempt: rows[0]?.attempt, error: e.message });
    await this.sleep(delay / 2 + Math.random() * (delay / 2));
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
