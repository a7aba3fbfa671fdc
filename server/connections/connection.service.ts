import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type FindOptionsWhere, type SelectQueryBuilder } from 'typeorm';
import type { Config, PlatformId } from '../config.js';
import { PLATFORMS, platformById } from '../catalog/platforms.js';
import type { Connector, ConnectorFactory } from '../connectors/connector.js';
import { SourceError } from '../connectors/errors.js';
import { connectorFactories } from '../connectors/registry.js';
import type { ConnectionStatusChanged, DomainEvents } from '../events/domain-events.js';
import { badInput, conflict, FieldChecks, notFound } from '../errors.js';
import { countBy, listSort, pageOf, whereContains, type Page } from '../graphql/pagination.js';
import { EntityRows } from '../db/rows.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { ConnectionEntity, ConnectionStatusEventEntity, type ConnectionStatus } from './connection.entity.js';
import { Sealer, registerSecrets } from './secrets.js';
import { SchemaRefreshEntity, SourceTableEntity } from './source-table.entity.js';
import { canTransition } from './state-machine.js';

/** The event every subscriber sees for a status transition: the domain event's fields. */
export type ConnectionStatusEvent = Omit<ConnectionStatusChanged, 'type'>;

export interface ConnectionFilter {
  platform?: PlatformId | null;
  status?: ConnectionStatus | null;
  /** SOURCE or DESTINATION: the platforms of that type. */
  type?: 'SOURCE' | 'DESTINATION' | null;
  /** Part of the name, any case. */
  search?: string | null;
}

export const CONNECTION_STATUSES: readonly ConnectionStatus[] = ['ACTIVE', 'PROCESSING', 'INACTIVE', 'DEPRECATED'];

/** What a status transition may change besides the status (never the settings). */
type TransitionChanges = Partial<Pick<ConnectionEntity, 'validationSeq' | 'sealedCredentials' | 'credentialsHint'>>;

/** Something that may stop a connection from being deleted (imports that use it), with their names. */
export type DeleteGuard = (connectionId: string) => Promise<string[]>;

const VALIDATION_ATTEMPTS = 3;
const VALIDATION_TIMEOUT_MS = 120_000;

/** Connections: create, validate in the background, rotate, deactivate, delete; every status change goes through `transition`. */
export class ConnectionService {
  private readonly deleteGuards: DeleteGuard[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly sealer: Sealer,
    private readonly config: Config,
  ) {}

  /** Lets another domain (imports) refuse deletes while it depends on a connection (registered in wiring.ts). */
  addDeleteGuard(guard: DeleteGuard): void {
    this.deleteGuards.push(guard);
  }

  /** A connection by id, whatever the workspace (background work, which has no principal). */
  async byId(id: string): Promise<ConnectionEntity | null> {
    return this.db.getRepository(ConnectionEntity).findOneBy({ id });
  }

  /** Connections by id, whatever the workspace; `omit` leaves columns out (the lists leave out the sealed credentials). */
  async byIds(ids: readonly string[], omit?: readonly (keyof ConnectionEntity & string)[]): Promise<ConnectionEntity[]> {
    if (!ids.length) return [];
    return EntityRows.of(this.db).select(ConnectionEntity, 'c', `WHERE "c"."id" IN ${EntityRows.list(ids.length)}`, [...ids], omit);
  }

  /** Background work still running (tests and shutdown wait for it). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }


  /** The workspace's connections matching `filter`, as a query builder (alias `c`) for a page or counts. */
  private filtered(principal: Principal, filter: ConnectionFilter): SelectQueryBuilder<ConnectionEntity> {
    const query = this.db.getRepository(ConnectionEntity).createQueryBuilder('c').where('c.workspaceId = :workspaceId', { workspaceId: principal.workspaceId });
    if (filter.platform) query.andWhere('c.platform = :platform', { platform: filter.platform });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('c.platform IN (:...typePlatforms)', { typePlatforms: PLATFORMS.filter((p) => p.type === filter.type).map((p) => p.id) });
    return whereContains(query, 'c.name', filter.search);
  }

  /** One page of the workspace's connections (keyset paging, see graphql/pagination.ts). */
  async page(principal: Principal, filter: ConnectionFilter, page: { first?: number | null; after?: string | null; orderBy?: string | null }): Promise<Page<ConnectionEntity>> {
    // Without the sealed credentials: a list never shows them, so a list request never loads them.
    return pageOf(this.filtered(principal, filter), { first: page.first, after: page.after, sort: listSort<ConnectionEntity>(page.orderBy), omit: ['sealedCredentials'] }, (c) => c);
  }

  /** How many connections match `filter` (its status aside) in each status, in one grouped statement: the UI's chips. */
  async statusCounts(principal: Principal, filter: ConnectionFilter): Promise<{ status: ConnectionStatus; count: number }[]> {
    const counts = await countBy(this.filtered(principal, { ...filter, status: null }), 'c.status', CONNECTION_STATUSES);
    return counts.map(({ value, count }) => ({ status: value, count }));
  }

  async get(principal: Principal, id: string): Promise<ConnectionEntity | null> {
    return this.db.getRepository(ConnectionEntity).findOneBy({ id, workspaceId: principal.workspaceId });
  }

  async require(principal: Principal, id: string): Promise<ConnectionEntity> {
    const found = await this.get(principal, id);
    if (!found) throw notFound('Connection', id);
    return found;
  }

  /** Counts per platform in one query, for the catalog. */
  async countByPlatform(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .getRepository(ConnectionEntity)
      .createQueryBuilder('c')
      .select('c.platform', 'platform')
      .addSelect('COUNT(*)', 'n')
      .where('c.workspaceId = :workspaceId', { workspaceId })
      .groupBy('c.platform')
      .getRawMany<{ platform: string; n: string | number }>();
    return new Map(rows.map((r) => [r.platform, Number(r.n)]));
  }

  async history(connectionIds: readonly string[]): Promise<ConnectionStatusEventEntity[]> {
    if (!connectionIds.length) return [];
    return this.db.getRepository(ConnectionStatusEventEntity).find({ where: { connectionId: In([...connectionIds]) }, order: { at: 'ASC' } });
  }

  /** Validates the input, stores the connection as PROCESSING with sealed credentials, and starts validation. */
  async create(principal: Principal, input: Record<string, unknown>): Promise<ConnectionEntity> {
    // Every field is checked before answering, so the form shows all its mistakes at once.
    const checks = new FieldChecks();
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    checks.check(() => {
      if (!name) throw badInput('name', 'Name is required');
      if (name.length > 200) throw badInput('name', 'Name must be at most 200 characters');
    });
    const given = PLATFORMS.filter((p) => input[p.inputKey] != null);
    if (given.length !== 1) {
      checks.check(() => {
        throw badInput(given[1]?.inputKey ?? 's3', `Set exactly one of ${PLATFORMS.map((p) => p.inputKey).join(', ')} (got ${given.length})`);
      });
      checks.done();
    }
    const platform = given[0]!;
    if (this.config.deprecatedPlatforms.includes(platform.id)) throw badInput(platform.inputKey, `${platform.name} has been retired on this server: new connections cannot be created`);
    const factory = this.factory(platform.id, platform.inputKey);
    const normalized = await checks.checkAsync(() => factory.normalize(input[platform.inputKey] as Record<string, unknown>, this.config, { isAdmin: principal.isAdmin }));
    checks.done();
    if (!normalized) throw new Error('unreachable: a platform input without errors was not normalised');
    registerSecrets(normalized.credentials);
    const now = new Date();
    const connection: ConnectionEntity = Object.assign(new ConnectionEntity(), {
      id: randomUUID(),
      workspaceId: principal.workspaceId,
      name,
      platform: platform.id,
      status: 'PROCESSING' as const,
      statusReason: null,
      settings: normalized.settings,
      sealedCredentials: this.sealer.seal(normalized.credentials),
      credentialsHint: normalized.credentialsHint,
      validationSeq: 1,
      createdAt: now,
      updatedAt: now,
    });
    const event = await this.db.transaction(async (tx) => {
      await tx.getRepository(ConnectionEntity).save(connection, { reload: false });
      return this.record(tx, connection, null, 'PROCESSING', 'Validating the credentials and location', now);
    });
    await this.publish(event);
    log.info('connection created', { connectionId: connection.id, platform: platform.id });
    this.validateInBackground(connection.id, 1);
    return connection;
  }

  /** Back to PROCESSING, and validate again. */
  async revalidate(principal: Principal, id: string): Promise<ConnectionEntity> {
    const connection = await this.require(principal, id);
    this.refuseDeprecated(connection);
    return this.restartValidation(connection, 'Validating again', {});
  }

  /** New credentials: sealed, then validated like a new connection (PROCESSING → ACTIVE or INACTIVE). */
  async rotateCredentials(principal: Principal, id: string, input: Record<string, unknown>): Promise<ConnectionEntity> {
    const connection = await this.require(principal, id);
    this.refuseDeprecated(connection);
    const platform = platformById(connection.platform);
    const factory = this.factory(connection.platform, platform.credentialsKey);
    if (Object.keys(input).filter((k) => input[k] != null).some((k) => k !== platform.credentialsKey)) {
      throw badInput(platform.credentialsKey, `${platform.name} connections take ${platform.credentialsKey} credentials`);
    }
    const normalized = await factory.normalizeCredentials(input, this.config, connection.settings);
    registerSecrets(normalized.credentials);
    return this.restartValidation(connection, 'Validating the new credentials', {
      sealedCredentials: this.sealer.seal(normalized.credentials),
      credentialsHint: normalized.credentialsHint,
    });
  }

  async deactivate(principal: Principal, id: string): Promise<ConnectionEntity> {
    const connection = await this.require(principal, id);
    if (connection.status === 'INACTIVE') return connection;
    this.refuseDeprecated(connection);
    // Bumping the sequence makes a validation still running for it drop its result.
    return this.transition(connection, 'INACTIVE', 'Deactivated by a user', { validationSeq: connection.validationSeq + 1 });
  }

  /** Deletes a connection, its history and discovered tables; refused while imports use it. */
  async delete(principal: Principal, id: string): Promise<boolean> {
    const connection = await this.require(principal, id);
    const users = (await Promise.all(this.deleteGuards.map((g) => g(id)))).flat();
    if (users.length) {
      throw conflict(`Connection "${connection.name}" is used by ${users.length} import(s): ${users.join(', ')}. Delete those imports first.`, { imports: users });
    }
    await this.db.transaction(async (tx) => {
      await tx.delete(ConnectionStatusEventEntity, { connectionId: id });
      await tx.delete(SourceTableEntity, { connectionId: id });
      await tx.delete(SchemaRefreshEntity, { connectionId: id });
      await tx.delete(ConnectionEntity, { id });
    });
    log.info('connection deleted', { connectionId: id });
    await this.events.publish({ type: 'ConnectionDeleted', connectionId: id, workspaceId: connection.workspaceId, platform: connection.platform });
    return true;
  }

  /** A connector for the connection, with its credentials opened (in memory only). */
  connectorFor(connection: ConnectionEntity): Connector {
    const factory = this.factory(connection.platform, 'platform');
    return factory.create(connection.settings, this.openCredentials(connection), this.config);
  }

  /** The connection's credentials, opened in memory, for a connector created elsewhere (a run's read worker). */
  openCredentials(connection: ConnectionEntity): Record<string, string> {
    return this.sealer.open<Record<string, string>>(connection.sealedCredentials);
  }

  /**
   * Turns connections of retired platforms DEPRECATED, and validates again those whose platform is back;
   * connections left PROCESSING by a server that stopped are validated again too.
   */
  async reconcileOnStart(): Promise<void> {
    const repo = this.db.getRepository(ConnectionEntity);
    for (const connection of await repo.find()) {
      const retired = this.config.deprecatedPlatforms.includes(connection.platform);
      if (retired && connection.status !== 'DEPRECATED') {
        await this.transition(connection, 'DEPRECATED', `${platformById(connection.platform).name} has been retired on this server`, { validationSeq: connection.validationSeq + 1 });
      } else if (!retired && connection.status === 'DEPRECATED') {
        await this.restartValidation(connection, `${platformById(connection.platform).name} is available again`, {});
      } else if (connection.status === 'PROCESSING') {
        this.validateInBackground(connection.id, connection.validationSeq);
      }
    }
  }

  /** Marks a connection INACTIVE because a run found its credentials rejected. */
  async markAuthFailure(connectionId: string, reason: string): Promise<void> {
    const connection = await this.db.getRepository(ConnectionEntity).findOneBy({ id: connectionId });
    if (connection && connection.status === 'ACTIVE') await this.transition(connection, 'INACTIVE', reason, { validationSeq: connection.validationSeq + 1 });
  }

  private refuseDeprecated(connection: ConnectionEntity): void {
    if (connection.status === 'DEPRECATED') throw conflict(`Connection "${connection.name}" is DEPRECATED: ${connection.statusReason ?? 'its platform has been retired'}`);
  }

  private factory(platform: PlatformId, field: string): ConnectorFactory {
    const factory = connectorFactories[platform];
    if (!factory) throw badInput(field, `${platformById(platform).name} connections are not available yet on this server`);
    return factory;
  }

  private async restartValidation(connection: ConnectionEntity, reason: string, changes: TransitionChanges): Promise<ConnectionEntity> {
    const seq = connection.validationSeq + 1;
    const updated = await this.transition(connection, 'PROCESSING', reason, { ...changes, validationSeq: seq });
    this.validateInBackground(connection.id, seq);
    return updated;
  }

  /**
   * The one place a status changes: checks the transition table, writes the row and the history event in one
   * transaction (only if nobody changed the status meanwhile), then publishes the event once.
   */
  async transition(connection: ConnectionEntity, to: ConnectionStatus, reason: string | null, changes: TransitionChanges = {}, expectSeq?: number): Promise<ConnectionEntity> {
    if (!canTransition(connection.status, to)) {
      throw conflict(`Connection "${connection.name}" cannot go from ${connection.status} to ${to}`);
    }
    const now = new Date();
    const event = await this.db.transaction(async (tx) => {
      const where: FindOptionsWhere<ConnectionEntity> = { id: connection.id, status: connection.status };
      if (expectSeq !== undefined) where.validationSeq = expectSeq;
      const result = await tx.getRepository(ConnectionEntity).update(where, { ...changes, status: to, statusReason: to === 'ACTIVE' ? null : reason, updatedAt: now });
      if (!result.affected) return null;
      return this.record(tx, connection, connection.status, to, reason, now);
    });
    if (!event) {
      const current = await this.db.getRepository(ConnectionEntity).findOneByOrFail({ id: connection.id });
      if (expectSeq !== undefined) return current; // a newer validation or a user action won: drop this result
      throw conflict(`Connection "${connection.name}" changed meanwhile (now ${current.status}); try again`);
    }
    await this.publish(event);
    return Object.assign(new ConnectionEntity(), connection, changes, { status: to, statusReason: to === 'ACTIVE' ? null : reason, updatedAt: now });
  }

  private async record(tx: EntityManager, connection: ConnectionEntity, from: ConnectionStatus | null, to: ConnectionStatus, reason: string | null, at: Date): Promise<ConnectionStatusEvent> {
    await tx.getRepository(ConnectionStatusEventEntity).insert({ id: randomUUID(), connectionId: connection.id, workspaceId: connection.workspaceId, from, to, reason, at });
    return { connectionId: connection.id, workspaceId: connection.workspaceId, from, to, reason, at: at.toISOString() };
  }

  private async publish(event: ConnectionStatusEvent): Promise<void> {
    await this.events.publish({ type: 'ConnectionStatusChanged', ...event });
  }

  private validateInBackground(id: string, seq: number): void {
    const work = this.validate(id, seq)
      .catch((error) => log.error('validation crashed', { connectionId: id, error: String(error) }))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async validate(id: string, seq: number): Promise<void> {
    const connection = await this.db.getRepository(ConnectionEntity).findOneBy({ id });
    if (!connection || connection.validationSeq !== seq || connection.status !== 'PROCESSING') return;
    let outcome: { to: ConnectionStatus; reason: string | null };
    try {
      // One deadline for every attempt together: the admin UI promises an answer within VALIDATION_TIMEOUT_MS.
      await withTimeout(withRetries(() => this.connectorFor(connection).validate(), VALIDATION_ATTEMPTS), VALIDATION_TIMEOUT_MS);
      outcome = { to: 'ACTIVE', reason: null };
    } catch (error) {
      outcome = { to: 'INACTIVE', reason: describe(error) };
    }
    log.info('connection validated', { connectionId: id, status: outcome.to });
    await this.transition(connection, outcome.to, outcome.reason, {}, seq);
  }
}

/** A message a person can act on, for any error a connector throws. */
export function describe(error: unknown): string {
  if (error instanceof SourceError) return error.message;
  return `Validation failed unexpectedly (${(error as Error)?.name ?? 'error'}); validate again, and report it if it persists`;
}

async function withRetries<T>(fn: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof SourceError && error.kind === 'transient') || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 250 * 4 ** (attempt - 1)));
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceError('transient', `The source did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
