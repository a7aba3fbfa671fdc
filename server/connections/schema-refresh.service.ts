import { In, type DataSource, type EntityManager } from 'typeorm';
import { SourceError } from '../connectors/errors.js';
import type { DiscoveredTable } from '../connectors/connector.js';
import type { DomainEvents } from '../events/domain-events.js';
import { conflict } from '../errors.js';
import type { JobEngine, JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import type { ConnectionEntity } from './connection.entity.js';
import type { ConnectionService } from './connection.service.js';
import { SchemaRefreshEntity, SourceTableEntity } from './source-table.entity.js';

/** The job kind of a schema refresh (key: the connection id). */
export const SCHEMA_REFRESH = 'schema-refresh';

/**
 * The seed's "schema resync": discovers tables and columns and keeps them, with the cost of the discovery. Each
 * refresh is a job (server/jobs/engine.ts), so a refresh held by a server that stopped is recovered like a run;
 * `schema_refresh` mirrors the job's status for the API. Publishes SchemaRefreshed when one ends.
 */
export class SchemaRefreshService implements JobKind {
  readonly name = SCHEMA_REFRESH;
  readonly interruptedMessage = 'Interrupted: the server stopped during the schema refresh';
  /** Discovery costs of refreshes running here, for their `schema_refresh` row. */
  private readonly stats = new Map<string, { requests: number; bytesRead: number; tables: number }>();

  constructor(private readonly db: DataSource, private readonly connections: ConnectionService, private readonly events: DomainEvents, private readonly jobs: JobEngine) {}

  /** Starts a refresh in the background and returns at once; a second refresh while one runs is refused. */
  async request(principal: Principal, id: string): Promise<ConnectionEntity> {
    const connection = await this.connections.require(principal, id);
    if (connection.status !== 'ACTIVE') throw conflict(`Connection "${connection.name}" is ${connection.status}: only ACTIVE connections can be refreshed`);
    if (!(await this.enqueue(connection))) throw conflict(`A schema refresh of "${connection.name}" is already in progress`);
    return connection;
  }

  /** Queues a refresh job; false when one is already queued or running. */
  async enqueue(connection: { id: string; workspaceId: string }): Promise<boolean> {
    return Boolean(await this.jobs.enqueue(SCHEMA_REFRESH, connection.id, { connectionId: connection.id, workspaceId: connection.workspaceId }));
  }

  /** Refreshes now and waits (before every import run); throws the refresh's error. */
  async refreshBeforeRun(connection: ConnectionEntity, signal?: AbortSignal): Promise<void> {
    await this.jobs.runInline(SCHEMA_REFRESH, connection.id, { connectionId: connection.id, workspaceId: connection.workspaceId }, signal);
  }

  async state(connectionIds: readonly string[]): Promise<SchemaRefreshEntity[]> {
    return this.db.getRepository(SchemaRefreshEntity).findBy({ connectionId: In([...connectionIds]) });
  }

  async tables(connectionIds: readonly string[]): Promise<SourceTableEntity[]> {
    if (!connectionIds.length) return [];
    return this.db.getRepository(SourceTableEntity).find({ where: { connectionId: In([...connectionIds]) }, order: { name: 'ASC' } });
  }

  /** One discovered table, or null. */
  async table(connectionId: string, name: string): Promise<SourceTableEntity | null> {
    return this.db.getRepository(SourceTableEntity).findOneBy({ connectionId, name });
  }

  retryable(error: unknown): boolean {
    return error instanceof SourceError && error.kind === 'transient';
  }

  describe(error: unknown): string {
    if (error instanceof SourceError) return error.message;
    log.error('schema refresh crashed', { error: String((error as Error)?.stack ?? error) });
    return `Schema refresh failed unexpectedly (${(error as Error)?.name ?? 'error'}); try again`;
  }

  /** The `schema_refresh` row follows the job: queued or running is IN_PROGRESS. */
  async mirror(tx: EntityManager, job: JobEntity): Promise<void> {
    const repo = tx.getRepository(SchemaRefreshEntity);
    const connectionId = job.key;
    const stats = this.stats.get(job.id) ?? { requests: 0, bytesRead: 0 };
    const row =
      job.status === 'QUEUED' || job.status === 'RUNNING'
        ? { status: 'IN_PROGRESS' as const, startedAt: job.startedAt ?? job.createdAt, finishedAt: null, error: null, requests: 0, bytesRead: 0 }
        : { status: job.status === 'SUCCEEDED' ? ('COMPLETED' as const) : ('ERROR' as const), finishedAt: job.finishedAt, error: job.error, requests: stats.requests, bytesRead: stats.bytesRead };
    const existing = await repo.findOneBy({ connectionId });
    if (existing) await repo.update({ connectionId }, row);
    else await repo.insert({ connectionId, startedAt: job.createdAt, ...row });
  }

  async after(job: JobEntity, change: 'queued' | 'started' | 'ended'): Promise<void> {
    if (change !== 'ended') return;
    const stats = this.stats.get(job.id);
    this.stats.delete(job.id);
    await this.events.publish({ type: 'SchemaRefreshed', connectionId: job.key, workspaceId: String(job.payload.workspaceId), tables: stats?.tables ?? 0, error: job.status === 'SUCCEEDED' ? null : job.error, requests: stats?.requests ?? 0, bytesRead: stats?.bytesRead ?? 0 });
  }

  async run(job: JobEntity): Promise<void> {
    const connection = await this.connections.byId(job.key);
    if (!connection) throw new SourceError('user', 'The connection was deleted');
    const connector = this.connections.connectorFor(connection);
    const stats = { requests: 0, bytesRead: 0, tables: 0 };
    this.stats.set(job.id, stats);
    try {
      const kept = await this.db.getRepository(SourceTableEntity).find({ where: { connectionId: connection.id }, select: { name: true, sampleOf: true, sampleRows: true } });
      const discovered = await connector.discover(new Map(kept.map((t) => [t.name, t])));
      const rows = discovered.map((t) => toEntity(connection.id, t));
      await this.db.transaction(async (tx) => {
        await tx.delete(SourceTableEntity, { connectionId: connection.id });
        if (rows.length) await tx.getRepository(SourceTableEntity).save(rows, { reload: false });
      });
      stats.tables = rows.length;
      log.info('schema refreshed', { connectionId: connection.id, tables: rows.length, requests: connector.stats.requests, bytesRead: connector.stats.bytesRead });
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'auth') await this.connections.markAuthFailure(connection.id, error.message);
      throw error;
    } finally {
      stats.requests = connector.stats.requests;
      stats.bytesRead = connector.stats.bytesRead;
      await connector.close?.().catch(() => undefined);
    }
  }
}

function toEntity(connectionId: string, t: DiscoveredTable): SourceTableEntity {
  return Object.assign(new SourceTableEntity(), {
    connectionId,
    name: t.name,
    columns: t.columns,
    partitionColumns: t.partitionColumns,
    fileCount: t.fileCount,
    totalBytes: t.totalBytes,
    schemaFile: t.schemaFile,
    warnings: t.warnings,
    ignoredReason: t.ignoredReason,
    details: t.details,
    partitionValues: t.partitionValues ?? null,
    newestFileAt: t.newestFileAt ?? null,
    sampleRows: t.sampleRows ?? null,
    sampleOf: t.sampleOf ?? null,
  });
}
