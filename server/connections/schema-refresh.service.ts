import { In, type DataSource } from 'typeorm';
import { SourceError } from '../connectors/errors.js';
import type { DiscoveredTable } from '../connectors/connector.js';
import { conflict } from '../graphql/errors.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { ConnectionEntity } from './connection.entity.js';
import type { ConnectionService } from './connection.service.js';
import { SchemaRefreshEntity, SourceTableEntity } from './source-table.entity.js';

/** A refresh still IN_PROGRESS after this long was left by a server that stopped; a new one may start. */
const STALE_MS = 30 * 60_000;

/** Runs after a refresh stored new tables (schema-change detection hooks in here). */
export type RefreshListener = (connection: ConnectionEntity, tables: SourceTableEntity[]) => Promise<void>;

/** The seed's "schema resync": discovers tables and columns and keeps them, with the cost of the discovery. */
export class SchemaRefreshService {
  private readonly listeners: RefreshListener[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly db: DataSource, private readonly connections: ConnectionService) {
    connections.onActive((connection) => void this.start(connection).catch(() => undefined));
  }

  onRefreshed(listener: RefreshListener): void {
    this.listeners.push(listener);
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Starts a refresh in the background and returns at once; a second refresh while one runs is refused. */
  async request(principal: Principal, id: string): Promise<ConnectionEntity> {
    const connection = await this.connections.require(principal, id);
    if (connection.status !== 'ACTIVE') throw conflict(`Connection "${connection.name}" is ${connection.status}: only ACTIVE connections can be refreshed`);
    if (!(await this.start(connection))) throw conflict(`A schema refresh of "${connection.name}" is already in progress`);
    return connection;
  }

  /** Claims the refresh slot and runs discovery in the background; false when one is already running. */
  async start(connection: ConnectionEntity): Promise<boolean> {
    let claimed!: (won: boolean) => void;
    const won = new Promise<boolean>((resolve) => (claimed = resolve));
    // Tracked from the first moment, so `idle()` cannot miss a refresh that is still claiming its slot.
    const work: Promise<unknown> = (async () => {
      const ok = await this.claim(connection.id);
      claimed(ok);
      if (ok) await this.run(connection);
    })()
      .catch((error) => log.error('schema refresh crashed', { connectionId: connection.id, error: String(error) }))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
    return won;
  }

  /** Runs a refresh now and waits for it (used before every import run). Returns the tables, or throws the reason. */
  async refreshNow(connection: ConnectionEntity): Promise<SourceTableEntity[]> {
    if (!(await this.claim(connection.id))) {
      await this.waitForRunning(connection.id);
      return this.tables([connection.id]);
    }
    const result = await this.run(connection);
    if (result instanceof Error) throw result;
    return result;
  }

  async state(connectionIds: readonly string[]): Promise<SchemaRefreshEntity[]> {
    return this.db.getRepository(SchemaRefreshEntity).findBy({ connectionId: In([...connectionIds]) });
  }

  async tables(connectionIds: readonly string[]): Promise<SourceTableEntity[]> {
    if (!connectionIds.length) return [];
    return this.db.getRepository(SourceTableEntity).find({ where: { connectionId: In([...connectionIds]) }, order: { name: 'ASC' } });
  }

  /** An atomic claim: insert the row, or flip a finished (or stale) one to IN_PROGRESS; two servers cannot both win. */
  private async claim(connectionId: string): Promise<boolean> {
    const repo = this.db.getRepository(SchemaRefreshEntity);
    const now = new Date();
    const fresh = { status: 'IN_PROGRESS' as const, startedAt: now, finishedAt: null, error: null, requests: 0, bytesRead: 0 };
    const existing = await repo.findOneBy({ connectionId });
    if (!existing) {
      try {
        await repo.insert({ connectionId, ...fresh });
        return true;
      } catch {
        return false; // another request inserted it first
      }
    }
    const claimed = await repo
      .createQueryBuilder()
      .update()
      .set(fresh)
      .where('connectionId = :connectionId', { connectionId })
      .andWhere('(status <> :running OR startedAt < :stale)', { running: 'IN_PROGRESS', stale: new Date(now.getTime() - STALE_MS).toISOString() })
      .execute();
    return Boolean(claimed.affected);
  }

  private async waitForRunning(connectionId: string): Promise<void> {
    const repo = this.db.getRepository(SchemaRefreshEntity);
    for (;;) {
      const row = await repo.findOneBy({ connectionId });
      if (!row || row.status !== 'IN_PROGRESS') return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async run(connection: ConnectionEntity): Promise<SourceTableEntity[] | Error> {
    const connector = this.connections.connectorFor(connection);
    try {
      const discovered = await connector.discover();
      const rows = discovered.map((t) => toEntity(connection.id, t));
      await this.db.transaction(async (tx) => {
        await tx.delete(SourceTableEntity, { connectionId: connection.id });
        if (rows.length) await tx.getRepository(SourceTableEntity).insert(rows as never);
        await tx.getRepository(SchemaRefreshEntity).update(
          { connectionId: connection.id },
          { status: 'COMPLETED', finishedAt: new Date(), error: null, requests: connector.stats.requests, bytesRead: connector.stats.bytesRead },
        );
      });
      log.info('schema refreshed', { connectionId: connection.id, tables: rows.length, requests: connector.stats.requests, bytesRead: connector.stats.bytesRead });
      for (const listener of this.listeners) await listener(connection, rows);
      return rows;
    } catch (error) {
      const message = error instanceof SourceError ? error.message : `Schema refresh failed unexpectedly (${(error as Error).name}); try again`;
      if (!(error instanceof SourceError)) log.error('schema refresh crashed', { connectionId: connection.id, error: String((error as Error).stack ?? error) });
      await this.db.getRepository(SchemaRefreshEntity).update(
        { connectionId: connection.id },
        { status: 'ERROR', finishedAt: new Date(), error: message, requests: connector.stats.requests, bytesRead: connector.stats.bytesRead },
      );
      if (error instanceof SourceError && error.kind === 'auth') await this.connections.markAuthFailure(connection.id, error.message);
      return error instanceof SourceError ? error : new SourceError('internal', message);
    } finally {
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
  });
}

