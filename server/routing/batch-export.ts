// The S3 Batch export as a job kind: one job per destination and UTC day (key `connectionId:date`). The export's own
// delivery row (dataType `manifest`, key = the day's manifest key, window = the day) is created QUEUED when the export
// is asked for, turns UPLOADING when the job starts and DELIVERED (rows = every row of the day, bytes = the manifest's)
// or FAILED at the end; each data file written gets its own DELIVERED row as it is written. A transient S3 failure is
// retried by the engine (the row says RETRYING with the error); a configuration failure (denied, missing bucket,
// unusable KMS key, bad credentials) fails the row and turns the destination INACTIVE with the reason.
import { randomUUID } from 'node:crypto';
import { JetStreamEventLog } from '../ingest/jetstream-log.js';
import type { JobChange, JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import { BatchExportError, dayLayout, eventLogRowSource, exportDay, type BatchFile, type BatchRowSource, type SegmentMetadataRecord } from './batch/index.js';
import { jetStreamRowSource } from './batch/jetstream-source.js';
import { DeliveryEntity } from './delivery.entity.js';
import { destinationStore, type DestinationSettings } from './s3-destination.js';
import type { RoutingContext } from './stream-writer.js';

export const BATCH_KIND = 'batch-export';
export const batchKey = (connectionId: string, date: string) => `${connectionId}:${date}`;

/**
 * The delivery table is unique on (connection, data type, first log position), which the streaming writer's batches
 * fill; an export reads by day, not by position, so its rows take distinct negative numbers there instead.
 */
let seq = Math.floor(Math.random() * 1000);
export const batchPosition = () => -(Date.now() * 1000 + (seq++ % 1000));

export interface BatchContext extends RoutingContext {
  /** Segment metadata of one workspace, or (null) of all. */
  segmentMetadata(workspaceId: string | null): Promise<Record<string, unknown>[]>;
}

/** The export's own delivery row, QUEUED (written by the mutation or the schedule before the job is queued). */
export function exportDelivery(id: string, connection: { id: string; workspaceId: string; settings: Record<string, unknown> }, date: string, workerId: string): DeliveryEntity {
  const settings = connection.settings as unknown as DestinationSettings;
  const start = new Date(`${date}T00:00:00.000Z`);
  return Object.assign(new DeliveryEntity(), {
    id, connectionId: connection.id, workspaceId: connection.workspaceId, dataType: 'manifest',
    key: dayLayout(settings.prefix ?? '', date).manifest, rows: 0, bytes: 0, uncompressedBytes: 0,
    windowStart: start, windowEnd: new Date(start.getTime() + 86_400_000), firstPosition: batchPosition(), lastPosition: 0,
    worker: workerId, attempt: 1, status: 'QUEUED' as const, error: null, startedAt: new Date(), finishedAt: null,
  });
}

export class BatchExportKind implements JobKind {
  readonly name = BATCH_KIND;

  constructor(private readonly ctx: BatchContext) {}

  private repo() {
    return this.ctx.db.getRepository(DeliveryEntity);
  }

  private async update(row: DeliveryEntity, change: Partial<DeliveryEntity>): Promise<void> {
    Object.assign(row, change);
    await this.repo().update({ id: row.id }, change);
    await this.ctx.publish(row);
  }

  /** The day's rows of one workspace or (null) all, from whichever log keeps the events. */
  private source(date: string, workspaceId: string | null, segmentMetadata: () => AsyncIterable<SegmentMetadataRecord[]>): BatchRowSource {
    const log = this.ctx.log;
    if (log instanceof JetStreamEventLog) return jetStreamRowSource(log, this.ctx.sql, { date, workspaceId, segmentMetadata });
    return eventLogRowSource(this.ctx.sql, { date, workspaceIds: workspaceId ? [workspaceId] : null, segmentMetadata });
  }

  async run(job: JobEntity, signal: AbortSignal): Promise<void> {
    const { connectionId, date, deliveryId } = job.payload as { connectionId: string; date: string; deliveryId: string };
    const row = await this.repo().findOneBy({ id: deliveryId });
    if (!row) return; // the destination was deleted meanwhile
    const connection = await this.ctx.connections.byId(connectionId);
    if (!connection || connection.platform !== 'S3_BATCH' || connection.status !== 'ACTIVE') {
      await this.update(row, { status: 'FAILED', error: `The destination is ${connection?.status ?? 'deleted'}: nothing was exported`, finishedAt: new Date() });
      return;
    }
    const settings = connection.settings as unknown as DestinationSettings;
    await this.update(row, { status: 'UPLOADING', attempt: job.attempt, error: null, startedAt: new Date(), finishedAt: null });
    const scope = settings.scope === 'ALL_WORKSPACES' ? null : connection.workspaceId;
    const store = destinationStore(connection.settings, this.ctx.connections.openCredentials(connection), this.ctx.config);
    const segmentMetadata = async function* (this: void, ws: string | null, read: BatchContext['segmentMetadata']): AsyncIterable<SegmentMetadataRecord[]> {
      yield (await read(ws)) as unknown as SegmentMetadataRecord[];
    };
    let recorded: Promise<void> = Promise.resolve();
    const record = async (file: BatchFile) => {
      if (file.dataType === 'manifest') return;
      const now = new Date();
      const d = Object.assign(new DeliveryEntity(), {
        id: randomUUID(), connectionId, workspaceId: connection.workspaceId, dataType: file.dataType, key: file.key,
        rows: file.rows, bytes: file.bytes, uncompressedBytes: 0, windowStart: row.windowStart, windowEnd: row.windowEnd,
        firstPosition: batchPosition(), lastPosition: 0, worker: this.ctx.workerId, attempt: job.attempt, status: 'DELIVERED' as const,
        error: null, startedAt: new Date(now.getTime() - file.durationMs), finishedAt: now,
      });
      await this.repo().insert(d);
      await this.ctx.publish(d);
    };
    try {
      const result = await exportDay({
        s3: store.s3Client(),
        bucket: settings.bucketName,
        prefix: settings.prefix ?? '',
        kmsKeyArn: settings.kmsKeyArn ?? null,
        format: settings.format ?? 'JSON_GZIP',
        date,
        signal,
        source: this.source(date, scope, () => segmentMetadata(scope, this.ctx.segmentMetadata)),
        onFile: (file) => {
          recorded = recorded.then(() => record(file));
        },
      });
      await recorded;
      const manifest = result.files[result.files.length - 1]!;
      const rows = result.files.filter((f) => f.dataType !== 'manifest').reduce((a, f) => a + f.rows, 0);
      await this.update(row, { status: 'DELIVERED', rows, bytes: manifest.bytes, error: null, finishedAt: new Date() });
      log.info('batch export delivered', { connectionId, date, files: result.files.length, rows, deleted: result.deleted.length });
    } catch (error) {
      await recorded.catch(() => undefined);
      if (signal.aborted) throw error;
      if (error instanceof BatchExportError && error.kind === 'configuration') {
        await this.update(row, { status: 'FAILED', error: error.message, finishedAt: new Date() });
        log.warn('destination refused a batch export', { connectionId, reason: error.message });
        await this.ctx.connections.markAuthFailure(connectionId, error.message);
      } else {
        await this.update(row, { status: 'RETRYING', error: (error as Error)?.message ?? String(error) });
      }
      throw error;
    } finally {
      store.close();
    }
  }

  retryable(error: unknown): boolean {
    return !(error instanceof BatchExportError && error.kind === 'configuration') && !(error instanceof RangeError);
  }

  describe(error: unknown): string {
    return `The batch export failed: ${(error as Error)?.message ?? String(error)}`;
  }

  /** A job that ended without a retry queued (the last attempt, a cancel): its delivery row ends FAILED too. */
  async after(job: JobEntity, change: JobChange): Promise<void> {
    if (change !== 'ended' || job.status === 'SUCCEEDED') return;
    const { deliveryId } = job.payload as { deliveryId: string };
    const row = await this.repo().findOneBy({ id: deliveryId });
    if (!row || row.status === 'DELIVERED' || row.status === 'FAILED') return;
    const retrying = /attempt \d+ of \d+/.test(job.error ?? '') && job.status === 'FAILED';
    if (retrying) return;
    await this.update(row, { status: 'FAILED', error: row.error ?? job.error, finishedAt: new Date() });
  }
}
