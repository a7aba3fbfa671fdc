// Segment metadata for S3 Streaming destinations: when a workspace's segments change (evaluated, deleted), routing
// raises each streaming destination's `metadataVersion` and queues this job for the ACTIVE ones (one per destination
// at most: changes while one is queued fold into it). It writes a full snapshot of the workspace's segment metadata as
// one gzip JSON-lines file under `segment_metadata/…` with the writer's naming rules, recorded as a delivery, and then
// records the version it read as `metadataWritten`; when the version moved meanwhile (a change while it wrote), it
// writes again. The supervisor queues it for any destination still owed one (a failed snapshot, a change that came as
// the job ended).
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LessThan, type DataSource } from 'typeorm';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { Config } from '../config.js';
import type { ConnectionService } from '../connections/connection.service.js';
import { SourceError } from '../connectors/errors.js';
import type { JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { batchPosition } from './batch-export.js';
import { DeliveryEntity, DestinationEntity } from './delivery.entity.js';
import { destinationStore, type DestinationSettings } from './s3-destination.js';
import { streamKey } from './stream-writer.js';

export const SEGMENT_METADATA_KIND = 'destination-segment-metadata';

/** Snapshots one job writes at most when segments keep changing while it writes (the supervisor queues the next). */
const MAX_ROUNDS = 3;

export interface SegmentMetadataContext {
  db: DataSource;
  config: Config;
  connections: ConnectionService;
  workerId: string;
  now(): number;
  segmentMetadata(workspaceId: string | null): Promise<Record<string, unknown>[]>;
  publish(delivery: DeliveryEntity): Promise<void>;
}

export class SegmentMetadataKind implements JobKind {
  readonly name = SEGMENT_METADATA_KIND;

  constructor(private readonly ctx: SegmentMetadataContext) {}

  async run(job: JobEntity): Promise<void> {
    const connection = await this.ctx.connections.byId(job.key);
    if (!connection || connection.platform !== 'S3_STREAMING' || connection.status !== 'ACTIVE') return;
    const destinations = this.ctx.db.getRepository(DestinationEntity);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const state = await destinations.findOneBy({ connectionId: connection.id });
      if (state?.paused) return;
      const version = state?.metadataVersion ?? 0;
      if (round > 0 && version <= (state?.metadataWritten ?? 0)) return;
      if (!(await this.write(job, connection))) return;
      await destinations.update({ connectionId: connection.id, metadataWritten: LessThan(version) }, { metadataWritten: version });
    }
  }

  /** Writes one snapshot; false when the destination was turned INACTIVE by the failure. */
  private async write(job: JobEntity, connection: ConnectionEntity): Promise<boolean> {
    const settings = connection.settings as unknown as DestinationSettings;
    const records = await this.ctx.segmentMetadata(connection.workspaceId);
    const text = records.map((r) => JSON.stringify(r) + '\n').join('');
    const body = gzipSync(text);
    const at = this.ctx.now();
    const hash = createHash('sha256').update(`${connection.id}:${at}:${text}`).digest('hex').slice(0, 12);
    const repo = this.ctx.db.getRepository(DeliveryEntity);
    const row = Object.assign(new DeliveryEntity(), {
      id: randomUUID(), connectionId: connection.id, workspaceId: connection.workspaceId, dataType: 'segment_metadata',
      key: streamKey(settings.prefix ?? '', 'segment_metadata', at, hash, this.ctx.workerId), rows: records.length, bytes: body.length,
      uncompressedBytes: Buffer.byteLength(text), windowStart: new Date(at), windowEnd: new Date(at), firstPosition: batchPosition(), lastPosition: 0,
      worker: this.ctx.workerId, attempt: job.attempt, status: 'UPLOADING' as const, error: null, startedAt: new Date(), finishedAt: null,
    });
    await repo.insert(row);
    await this.ctx.publish(row);
    const store = destinationStore(connection.settings, this.ctx.connections.openCredentials(connection), this.ctx.config);
    try {
      await store.upload(row.key, body);
      Object.assign(row, { status: 'DELIVERED', finishedAt: new Date() });
    } catch (error) {
      const e = error instanceof SourceError ? error : new SourceError('internal', `Upload failed unexpectedly (${(error as Error)?.name ?? 'error'})`);
      const fatal = e.kind === 'auth' || e.kind === 'not-found' || e.kind === 'user';
      Object.assign(row, { status: 'FAILED', error: e.message, finishedAt: new Date() });
      await repo.update({ id: row.id }, { status: row.status, error: row.error, finishedAt: row.finishedAt });
      await this.ctx.publish(row);
      if (fatal) {
        await this.ctx.connections.markAuthFailure(connection.id, e.message);
        return false;
      }
      throw e;
    } finally {
      store.close();
    }
    await repo.update({ id: row.id }, { status: row.status, finishedAt: row.finishedAt });
    await this.ctx.publish(row);
    return true;
  }

  retryable(error: unknown): boolean {
    return error instanceof SourceError && error.kind === 'transient';
  }

  describe(error: unknown): string {
    return `Writing segment metadata failed: ${(error as Error)?.message ?? String(error)}`;
  }
}
