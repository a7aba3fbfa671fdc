// Routing: destinations (connections of type DESTINATION) and what they deliver. The connection itself (settings,
// sealed credentials, status machine, history) belongs to the connections domain; this service owns a destination's
// own state (paused), its deliveries, its position in the event log and the streaming writers.
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { In, type DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { DomainEvents, EventOf } from '../events/domain-events.js';
import { badInput, conflict } from '../errors.js';
import { nextRunAfter } from '../imports/schedule.js';
import { pageOf, type Page } from '../graphql/pagination.js';
import type { IngestService } from '../ingest/ingest.service.js';
import type { JobEngine } from '../jobs/engine.js';
import { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { DeliveryEntity, DestinationEntity } from './delivery.entity.js';
import { consumerOf, STREAM_KIND, StreamWriterKind } from './stream-writer.js';
import { BATCH_KIND, BatchExportKind, batchKey, exportDelivery } from './batch-export.js';
import { parseDay } from './batch/index.js';
import type { DestinationSettings } from './s3-destination.js';
import { SEGMENT_METADATA_KIND, SegmentMetadataKind } from './segment-metadata.js';

const DESTINATION_PLATFORMS = ['S3_STREAMING', 'S3_BATCH'];
/** How often each server makes sure every ACTIVE streaming destination has a writer (one queued or running lease job). */
const SUPERVISE_MS = 2000;

/** This server's stable id in streamed file names: INLET_WORKER_ID, or a hash of the host name and port. */
export function workerIdOf(config: Config): string {
  return config.workerId ?? createHash('sha256').update(`${os.hostname()}:${config.port}`).digest('hex').slice(0, 8);
}

export class RoutingService {
  /** The clock the writers close windows by (tests move it instead of waiting for an hour boundary). */
  now: () => number = () => Date.now();
  readonly workerId: string;
  readonly writer: StreamWriterKind;
  readonly batch: BatchExportKind;
  readonly segmentMetadataWriter: SegmentMetadataKind;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly connections: ConnectionService,
    private readonly ingest: IngestService,
    private readonly jobs: JobEngine,
    private readonly config: Config,
    segmentMetadata: (workspaceId: string | null) => Promise<Record<string, unknown>[]> = async () => [],
  ) {
    this.workerId = workerIdOf(config);
    this.writer = new StreamWriterKind(
      {
        db,
        sql: ingest.sql,
        log: ingest.log,
        config,
        connections,
        workerId: this.workerId,
        now: () => this.now(),
        publish: (d) => this.publish(d),
      },
      jobs,
    );
    this.segmentMetadataWriter = new SegmentMetadataKind({ db, config, connections, workerId: this.workerId, now: () => this.now(), segmentMetadata, publish: (d) => this.publish(d) });
    this.batch = new BatchExportKind({ db, sql: ingest.sql, log: ingest.log, config, connections, workerId: this.workerId, segmentMetadata, publish: (d) => this.publish(d) });
  }

  /** Starts supervising writers: every ACTIVE, unpaused S3 Streaming destination gets one (the lease keeps it to one server). */
  start(): void {
    this.timer = setInterval(() => void this.superviseWriters().catch((error) => log.warn('routing supervisor failed', { error: String(error) })), SUPERVISE_MS);
    this.timer.unref();
    void this.superviseWriters().catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Queues an S3 Batch export of one UTC day (the exportDay mutation). Answers the export's delivery row (dataType
   * `manifest`, key = the day's manifest key), QUEUED until the job starts.
   */
  async exportDay(principal: Principal, connectionId: string, date: string): Promise<DeliveryEntity> {
    const connection = await this.connections.require(principal, connectionId);
    if (connection.platform !== 'S3_BATCH') throw badInput('connectionId', `Connection "${connection.name}" is not an S3 Batch destination: only those export days`);
    try {
      parseDay(date);
    } catch {
      throw badInput('date', `date must be a UTC day as YYYY-MM-DD, not ${JSON.stringify(date)}`);
    }
    if (date > new Date(this.now()).toISOString().slice(0, 10)) throw badInput('date', `${date} is in the future: only a past or the current UTC day can be exported`);
    if (connection.status !== 'ACTIVE') throw conflict(`Destination "${connection.name}" is ${connection.status}${connection.statusReason ? ` (${connection.statusReason})` : ''}: reconnect it before exporting`);
    const row = await this.queueExport(connection, date, randomUUID());
    if (!row) throw conflict(`An export of ${date} for "${connection.name}" is already queued or running`);
    return row;
  }

  /**
   * A workspace's segments changed (wiring, on SegmentEvaluated / SegmentDeleted): each of its streaming destinations
   * owes a segment metadata snapshot (its metadataVersion goes up), and the ACTIVE ones get the job that writes it
   * (one at a time per destination). A change while that job runs is written by the same job (it compares versions
   * when done); one it misses (it was ending), and a snapshot that failed, the supervisor queues again.
   */
  async segmentsChanged(workspaceId: string): Promise<void> {
    const p = this.db.options.type === 'postgres' ? '$1' : '?';
    await this.db.query(
      `UPDATE "destination" SET "metadataVersion" = "metadataVersion" + 1
       WHERE "workspaceId" = ${p} AND "connectionId" IN (SELECT c."id" FROM "connection" c WHERE c."platform" = 'S3_STREAMING')`,
      [workspaceId],
    );
    const rows = await this.db.query(`SELECT c."id" FROM "connection" c WHERE c."platform" = 'S3_STREAMING' AND c."status" = 'ACTIVE' AND c."workspaceId" = ${p}`, [workspaceId]);
    for (const { id } of rows as { id: string }[]) await this.jobs.enqueue(SEGMENT_METADATA_KIND, id, {});
  }

  /** Records the export's QUEUED row and queues its job; null (and nothing kept) when one for that day is queued or running. */
  private async queueExport(connection: ConnectionEntity, date: string, id: string): Promise<DeliveryEntity | null> {
    const key = batchKey(connection.id, date);
    const busy = await this.db.getRepository(JobEntity).findOneBy({ kind: BATCH_KIND, key, status: In(['QUEUED', 'RUNNING']) });
    if (busy) return null;
    const row = exportDelivery(id, connection, date, this.workerId);
    try {
      await this.db.getRepository(DeliveryEntity).insert(row);
    } catch (error) {
      if (/unique|duplicate/i.test(String((error as Error).message))) return null; // the slot's row exists: another server queued it
      throw error;
    }
    const job = await this.jobs.enqueue(BATCH_KIND, key, { connectionId: connection.id, date, deliveryId: id });
    if (!job) {
      await this.db.getRepository(DeliveryEntity).delete({ id });
      return null;
    }
    await this.publish(row);
    return row;
  }

  /**
   * The daily schedule of S3 Batch destinations: at each slot of a destination's schedule (after it was created),
   * the previous UTC day is exported once across servers (the slot's delivery row has an id derived from the slot).
   */
  async scheduleExports(): Promise<void> {
    const rows = await this.db.query(`SELECT c."id" FROM "connection" c WHERE c."platform" = 'S3_BATCH' AND c."status" = 'ACTIVE'`);
    const now = this.now();
    for (const { id } of rows as { id: string }[]) {
      const connection = await this.connections.byId(id);
      if (!connection) continue;
      const schedule = (connection.settings as unknown as DestinationSettings).schedule ?? 'daily@03:00';
      // The latest slot at or before now, within the last day.
      let slot: Date | null = null;
      for (let at = nextRunAfter(schedule, new Date(now - 86_400_000 - 1)); at && at.getTime() <= now; at = nextRunAfter(schedule, at)) slot = at;
      if (!slot || slot.getTime() <= connection.createdAt.getTime()) continue;
      const day = new Date(Date.UTC(slot.getUTCFullYear(), slot.getUTCMonth(), slot.getUTCDate()) - 86_400_000).toISOString().slice(0, 10);
      const slotId = createHash('sha256').update(`${id}:${slot.toISOString()}`).digest('hex');
      const uuid = `${slotId.slice(0, 8)}-${slotId.slice(8, 12)}-4${slotId.slice(13, 16)}-8${slotId.slice(17, 20)}-${slotId.slice(20, 32)}`;
      if (await this.db.getRepository(DeliveryEntity).existsBy({ id: uuid })) continue;
      await this.queueExport(connection, day, uuid);
    }
  }

  /** Queues a writer for every ACTIVE, unpaused streaming destination that has none queued or running. */
  async superviseWriters(): Promise<void> {
    await this.scheduleExports().catch((error) => log.warn('batch export schedule failed', { error: String(error) }));
    if (Date.now() - this.lastLagCheck >= 15_000) await this.checkLag().catch((error) => log.warn('lag check failed', { error: String(error) }));
    const active = (await this.db.query(
      `SELECT c."id", CASE WHEN d."metadataVersion" > d."metadataWritten" THEN 1 ELSE 0 END AS "owed"
       FROM "connection" c LEFT JOIN "destination" d ON d."connectionId" = c."id"
       WHERE c."platform" = 'S3_STREAMING' AND c."status" = 'ACTIVE' AND (d."paused" IS NULL OR d."paused" = 0)`,
    )) as { id: string; owed: number | string }[];
    if (!active.length) return;
    const ids = active.map((r) => r.id);
    const busy = await this.db.getRepository(JobEntity).find({ where: { kind: In([STREAM_KIND, SEGMENT_METADATA_KIND]), key: In(ids), status: In(['QUEUED', 'RUNNING']) }, select: { kind: true, key: true } });
    const have = new Set(busy.map((j) => `${j.kind}:${j.key}`));
    for (const { id, owed } of active) {
      if (!have.has(`${STREAM_KIND}:${id}`)) await this.jobs.enqueue(STREAM_KIND, id, {});
      // A segment metadata snapshot owed and not being written: one missed at the end of a job, or one that failed.
      if (Number(owed) && !have.has(`${SEGMENT_METADATA_KIND}:${id}`)) await this.jobs.enqueue(SEGMENT_METADATA_KIND, id, {});
    }
  }

  /** A connection's status changed (wiring): a destination gets its state and log position, and a writer when ACTIVE. */
  async onConnectionStatus(event: EventOf<'ConnectionStatusChanged'>): Promise<void> {
    const connection = await this.connections.byId(event.connectionId);
    if (!connection || !DESTINATION_PLATFORMS.includes(connection.platform)) return;
    if (event.from === null) {
      // A streaming destination of a workspace that has segments owes their snapshot from the start: the supervisor
      // writes it once the destination is ACTIVE, not at the next segment change.
      const p = this.db.options.type === 'postgres' ? '$1' : '?';
      const hasSegments = connection.platform === 'S3_STREAMING' && (await this.db.query(`SELECT 1 FROM "segment" WHERE "workspaceId" = ${p} LIMIT 1`, [connection.workspaceId])).length > 0;
      await this.db.getRepository(DestinationEntity).insert({ connectionId: connection.id, workspaceId: connection.workspaceId, paused: 0, metadataVersion: hasSegments ? 1 : 0, updatedAt: new Date() });
      // From now on retention keeps the workspace's events until this destination has delivered them: a new
      // destination starts with every event still in the log.
      if (connection.platform === 'S3_STREAMING') await this.ingest.log.commit(consumerOf(connection.id), connection.workspaceId, 0);
    }
    if (event.to === 'ACTIVE' && connection.platform === 'S3_STREAMING') {
      const state = await this.db.getRepository(DestinationEntity).findOneBy({ connectionId: connection.id });
      if (state?.paused) return;
      await this.jobs.enqueue(STREAM_KIND, connection.id, {});
      // A segment metadata snapshot owed (the workspace had segments when it was created, or one failed): written now.
      if (state && state.metadataVersion > state.metadataWritten) await this.jobs.enqueue(SEGMENT_METADATA_KIND, connection.id, {});
    }
  }

  /** A connection was deleted (wiring): its deliveries, state and log position go too (retention stops waiting for it). */
  async forget(event: EventOf<'ConnectionDeleted'>): Promise<void> {
    if (!DESTINATION_PLATFORMS.includes(event.platform)) return;
    await this.db.getRepository(DeliveryEntity).delete({ connectionId: event.connectionId });
    await this.db.getRepository(DestinationEntity).delete({ connectionId: event.connectionId });
    await this.ingest.sql.run(`DELETE FROM "event_consumer" WHERE "consumer" = ?`, [consumerOf(event.connectionId)]);
  }

  /** Whether a destination is paused (false for sources). */
  async isPaused(connectionId: string): Promise<boolean> {
    const row = await this.db.getRepository(DestinationEntity).findOneBy({ connectionId });
    return Boolean(row?.paused);
  }

  /** Paused flags of many connections in one query. */
  async pausedMap(connectionIds: readonly string[]): Promise<Map<string, boolean>> {
    if (!connectionIds.length) return new Map();
    const rows = await this.db.getRepository(DestinationEntity).findBy({ connectionId: In([...connectionIds]) });
    return new Map(rows.map((r) => [r.connectionId, Boolean(r.paused)]));
  }

  /** Pauses (or resumes) a destination: its writer stops at its next safe point; resuming starts where it stopped. */
  async setPaused(principal: Principal, id: string, paused: boolean): Promise<ConnectionEntity> {
    const connection = await this.connections.require(principal, id);
    if (!DESTINATION_PLATFORMS.includes(connection.platform)) throw conflict(`Connection "${connection.name}" is a source: only destinations can be paused`);
    await this.db.getRepository(DestinationEntity).upsert({ connectionId: id, workspaceId: connection.workspaceId, paused: paused ? 1 : 0, updatedAt: new Date() }, ['connectionId']);
    if (!paused && connection.status === 'ACTIVE' && connection.platform === 'S3_STREAMING') await this.jobs.enqueue(STREAM_KIND, id, {});
    log.info(paused ? 'destination paused' : 'destination resumed', { connectionId: id });
    return connection;
  }

  /** Age in seconds of the oldest event the destination has not delivered; 0 when caught up; null for batch destinations. */
  async lagSeconds(connection: { id: string; workspaceId: string; platform: string }): Promise<number | null> {
    if (connection.platform !== 'S3_STREAMING') return null;
    const age = await this.ingest.log.oldestUntakenAgeMs(consumerOf(connection.id), connection.workspaceId, this.now());
    return age === null ? 0 : age / 1000;
  }

  /** Told each measured lag (wiring: the DESTINATION_LAGGING alert). */
  private lagListeners: ((lag: { destination: string; workspaceId: string; seconds: number }) => Promise<void>)[] = [];
  private lastLagCheck = 0;

  onLag(listener: (lag: { destination: string; workspaceId: string; seconds: number }) => Promise<void>): void {
    this.lagListeners.push(listener);
  }

  /** Measures every streaming destination's lag and tells the listeners (at most every 15 s from the supervisor). */
  async checkLag(): Promise<void> {
    this.lastLagCheck = Date.now();
    if (!this.lagListeners.length) return;
    for (const lag of await this.allLags()) for (const l of this.lagListeners) await l(lag);
  }

  /** Every S3 Streaming destination's lag (not paused or paused alike), for the delivery-lag gauge and alert. */
  async allLags(): Promise<{ destination: string; workspaceId: string; seconds: number }[]> {
    const rows = (await this.db.query(`SELECT "id", "workspaceId" FROM "connection" WHERE "platform" = 'S3_STREAMING'`)) as { id: string; workspaceId: string }[];
    const out: { destination: string; workspaceId: string; seconds: number }[] = [];
    for (const r of rows) out.push({ destination: r.id, workspaceId: r.workspaceId, seconds: (await this.lagSeconds({ id: r.id, workspaceId: r.workspaceId, platform: 'S3_STREAMING' })) ?? 0 });
    return out;
  }

  /** A page of a destination's deliveries, newest first (the shared keyset pagination). */
  async deliveries(principal: Principal, connectionId: string, first?: number | null, after?: string | null): Promise<Page<DeliveryEntity>> {
    const query = this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.connectionId = :connectionId AND d.workspaceId = :workspaceId', { connectionId, workspaceId: principal.workspaceId });
    return pageOf(query, { first, after, sort: [{ property: 'startedAt', direction: 'DESC' }] }, (row) => row);
  }

  private async publish(d: DeliveryEntity): Promise<void> {
    await this.events.publish({
      type: 'DeliveryUpdated',
      id: d.id,
      connectionId: d.connectionId,
      workspaceId: d.workspaceId,
      dataType: d.dataType,
      key: d.key,
      rows: d.rows,
      bytes: d.bytes,
      windowStart: d.windowStart?.toISOString() ?? null,
      windowEnd: d.windowEnd?.toISOString() ?? null,
      attempt: d.attempt,
      status: d.status,
      error: d.error,
      startedAt: d.startedAt.toISOString(),
      finishedAt: d.finishedAt?.toISOString() ?? null,
    });
  }
}
