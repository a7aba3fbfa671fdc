import { platformById } from '../catalog/platforms.js';
import type { PlatformId } from '../config.js';
import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, Not, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { SchemaRefreshService } from '../connections/schema-refresh.service.js';
import { notUsableReason } from '../connections/state-machine.js';
import type { DomainEvents } from '../events/domain-events.js';
import { badInput, conflict, FieldChecks, notFound } from '../errors.js';
import { countBy, listSort, pageOf, whereContains, type Page } from '../graphql/pagination.js';
import { EntityRows } from '../db/rows.js';
import type { JobEngine } from '../jobs/engine.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import type { DataStore } from '../storage/data-store.js';
import { IMPORT_TYPES, type ImportTypeDefinition, type MappingKey, type TextInputField } from './import-types.js';
import { ImportEntity, ImportRunEntity, ImportUnitEntity, type AcceptedColumn, type ImportRunStatus, type ImportStatus, type ImportType, type StoredColumn } from './import.entity.js';
import type { RunJobPayload } from './import.repository.js';
import { defaultSchedule, nextRunAfter, parseSchedule, SCHEDULE_FORMS } from './schedule.js';
import { canImportTransition } from './state-machine.js';

/** The job kind of an import run (run-engine.ts handles it). */
const IMPORT_RUN = 'import-run';

export interface CreateImportInput {
  connectionId: string;
  name: string;
  table: string;
  type: ImportType;
  columns: string[];
  userIdColumn: string;
  timestampColumn?: string | null;
  identifierColumn?: string | null;
  identifierType?: string | null;
  groupIdColumn?: string | null;
  isDeletedColumn?: string | null;
  schedule?: string | null;
  rejectThreshold?: number | null;
}

export interface UpdateImportInput {
  name?: string | null;
  schedule?: string | null;
  rejectThreshold?: number | null;
}

export interface ImportFilter {
  connectionId?: string | null;
  status?: ImportStatus | null;
  /** Part of the name, any case. */
  search?: string | null;
}

export const IMPORT_STATUSES: readonly ImportStatus[] = ['ACTIVE', 'PAUSED', 'BLOCKED'];

/** Import definitions: validation of mappings, schedule, pause/resume, runs on demand, and reading the imported data. */
export class ImportService {
  constructor(
    private readonly db: DataSource,
    private readonly store: DataStore,
    private readonly events: DomainEvents,
    private readonly connections: ConnectionService,
    private readonly schemaRefresh: SchemaRefreshService,
    private readonly jobs: JobEngine,
  ) {}

  /** Checks asked before an import is deleted or its columns dismissed: each answers what uses them (wired in wiring.ts). */
  private readonly usageGuards: ((imp: ImportEntity, columns: string[] | null) => Promise<string[]>)[] = [];

  /** Adds a check naming what uses an import (`columns` null) or some of its columns; a non-empty answer refuses the change. */
  addUsageGuard(guard: (imp: ImportEntity, columns: string[] | null) => Promise<string[]>): void {
    this.usageGuards.push(guard);
  }

  /** CONFLICT naming what uses the import (columns null: the import itself; otherwise any of these columns). */
  async assertUnused(imp: ImportEntity, columns: string[] | null, action: string): Promise<void> {
    const users: string[] = [];
    for (const guard of this.usageGuards) users.push(...(await guard(imp, columns)));
    if (users.length) {
      const what = columns ? `column${columns.length > 1 ? 's' : ''} ${columns.map((c) => `"${c}"`).join(', ')} of import "${imp.name}"` : `import "${imp.name}"`;
      throw conflict(`Cannot ${action} ${what}: used by segment${users.length > 1 ? 's' : ''} ${users.map((u) => `"${u}"`).join(', ')}; change or delete ${users.length > 1 ? 'them' : 'it'} first`, { segments: users });
    }
  }

  /** Every import of a workspace (background work: segments read their metadata). */
  async ofWorkspace(workspaceId: string): Promise<ImportEntity[]> {
    return this.db.getRepository(ImportEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  /** An import by id, whatever the workspace (background work). */
  async byId(id: string): Promise<ImportEntity | null> {
    return this.db.getRepository(ImportEntity).findOneBy({ id });
  }

  /** The imports reading from a connection. */
  async ofConnection(connectionId: string): Promise<ImportEntity[]> {
    return this.db.getRepository(ImportEntity).findBy({ connectionId });
  }

  /** Names of the imports using a connection (a connection in use cannot be deleted). */
  async namesUsing(connectionId: string): Promise<string[]> {
    return (await this.ofConnection(connectionId)).map((i) => i.name);
  }

  /** Why the import cannot run now because it is BLOCKED, or null (the run handler asks before reading). */
  async blockedReason(importId: string): Promise<string | null> {
    const imp = await this.byId(importId);
    return imp?.status === 'BLOCKED' ? (imp.statusReason ?? 'the import is BLOCKED by a schema change') : null;
  }

  /**
   * The one place an import's status changes: checks the transition table (state-machine.ts), writes by
   * compare-and-set on the status it read, and publishes ImportStatusChanged once. CONFLICT when refused or raced.
   */
  async transition(imp: ImportEntity, to: ImportStatus, reason: string | null, changes: Partial<ImportEntity> = {}): Promise<ImportEntity> {
    if (!canImportTransition(imp.status, to)) throw conflict(`Import "${imp.name}" cannot go from ${imp.status} to ${to}${imp.status === 'BLOCKED' ? `: ${imp.statusReason}` : ''}`);
    const update = { ...changes, status: to, statusReason: reason, updatedAt: new Date() };
    const result = await this.db.getRepository(ImportEntity).update({ id: imp.id, status: imp.status }, update);
    if (!result.affected) {
      const current = await this.byId(imp.id);
      throw conflict(`Import "${imp.name}" changed meanwhile (now ${current?.status ?? 'deleted'}); try again`);
    }
    const from = imp.status;
    Object.assign(imp, update);
    await this.events.publish({ type: 'ImportStatusChanged', importId: imp.id, workspaceId: imp.workspaceId, from, to, reason });
    return imp;
  }

  /** BLOCKED with the reason (schema-change detection asks); a no-op when already blocked for that reason. */
  async block(imp: ImportEntity, reason: string): Promise<void> {
    if (imp.status === 'BLOCKED' && imp.statusReason === reason) return;
    await this.transition(imp, 'BLOCKED', reason);
  }

  /** ACTIVE again once nothing blocks it. */
  async unblock(imp: ImportEntity): Promise<void> {
    if (imp.status === 'BLOCKED') await this.transition(imp, 'ACTIVE', null);
  }

  /** Takes in the columns a person accepted from a schema change (the import's side of schema-change accept). */
  async acceptColumns(
    imp: ImportEntity,
    changes: { stored: StoredColumn[]; columns: string[]; acceptedSchema: AcceptedColumn[] },
    /** The caller's transaction, so the caller's own record of the decision commits with the import's. */
    tx: EntityManager,
  ): Promise<void> {
    await tx.getRepository(ImportEntity).update({ id: imp.id }, { ...changes, updatedAt: new Date() });
  }

  /**
   * Adds storage columns to the import's data table, before the definition takes them (DDL runs outside any
   * transaction; a column that exists already is left as it is, so a decision that failed can be made again).
   */
  async addDataColumns(imp: ImportEntity, added: StoredColumn[]): Promise<void> {
    if (await this.store.tableExists(imp.dataTable)) for (const column of added) await this.store.addColumn(imp.dataTable, column);
  }

  /** Cancels the queued and running runs of every import of a connection (it turned INACTIVE or DEPRECATED). */
  async cancelRunsOfConnection(connectionId: string, reason: string): Promise<void> {
    for (const imp of await this.ofConnection(connectionId)) {
      const job = await this.jobs.latest(IMPORT_RUN, imp.id);
      if (job && (job.status === 'QUEUED' || job.status === 'RUNNING')) {
        await this.jobs.cancel(job.id, `Cancelled: ${reason}`);
        log.info('run cancelled with its connection', { runId: job.id, importId: imp.id });
      }
    }
  }

  /** Cancels a run: a queued one at once, a running one stops and drops what it staged; CONFLICT once it has ended. */
  async cancelRun(principal: Principal, id: string): Promise<ImportRunEntity> {
    const run = await this.run(principal, id);
    if (!run) throw notFound('ImportRun', id);
    const outcome = await this.jobs.cancel(id);
    if (outcome === 'final' || outcome === null) throw conflict(`Run ${id} is already ${run.status}: only queued or running runs can be cancelled`);
    // A run on this server stops within a batch; one on another server stops at its next heartbeat.
    await this.jobs.settled(id);
    return (await this.run(principal, id))!;
  }

  async list(principal: Principal, connectionId?: string | null): Promise<ImportEntity[]> {
    return this.db.getRepository(ImportEntity).find({
      where: { workspaceId: principal.workspaceId, ...(connectionId ? { connectionId } : {}) },
      order: { createdAt: 'DESC' },
    });
  }

  /** The workspace's imports matching `filter`, as a query builder (alias `i`) for a page or counts. */
  private filtered(principal: Principal, filter: ImportFilter): SelectQueryBuilder<ImportEntity> {
    const query = this.db.getRepository(ImportEntity).createQueryBuilder('i').where('i.workspaceId = :workspaceId', { workspaceId: principal.workspaceId });
    if (filter.connectionId) query.andWhere('i.connectionId = :connectionId', { connectionId: filter.connectionId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    return whereContains(query, 'i.name', filter.search);
  }

  /** One page of the workspace's imports (keyset paging, see graphql/pagination.ts). */
  async page(principal: Principal, filter: ImportFilter, page: { first?: number | null; after?: string | null; orderBy?: string | null }): Promise<Page<ImportEntity>> {
    // Without the source table's whole accepted schema (every column of it, as JSON: tens of KB for a wide warehouse
    // table), which only schema-change detection reads, and never from a list.
    return pageOf(this.filtered(principal, filter), { first: page.first, after: page.after, sort: listSort<ImportEntity>(page.orderBy), omit: ['acceptedSchema'] }, (i) => i);
  }

  /** How many imports match `filter` (its status aside) in each status, in one grouped statement: the UI's chips. */
  async statusCounts(principal: Principal, filter: ImportFilter): Promise<{ status: ImportStatus; count: number }[]> {
    const counts = await countBy(this.filtered(principal, { ...filter, status: null }), 'i.status', IMPORT_STATUSES);
    return counts.map(({ value, count }) => ({ status: value, count }));
  }

  /** One page of an import's runs (the import already checked to be the caller's). */
  async runPage(imp: { id: string; workspaceId: string }, filter: { status?: ImportRunStatus | null }, page: { first?: number | null; after?: string | null; orderBy?: string | null }): Promise<Page<ImportRunEntity>> {
    const query = this.db
      .getRepository(ImportRunEntity)
      .createQueryBuilder('r')
      .where('r.importId = :importId AND r.workspaceId = :workspaceId', { importId: imp.id, workspaceId: imp.workspaceId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    return pageOf(query, { first: page.first, after: page.after, sort: [{ property: 'queuedAt', direction: page.orderBy === 'QUEUED_AT_ASC' ? 'ASC' : 'DESC' }] }, (r) => r);
  }

  async get(principal: Principal, id: string): Promise<ImportEntity | null> {
    return this.db.getRepository(ImportEntity).findOneBy({ id, workspaceId: principal.workspaceId });
  }

  async require(principal: Principal, id: string): Promise<ImportEntity> {
    const found = await this.get(principal, id);
    if (!found) throw notFound('Import', id);
    return found;
  }

  /** Validates the mappings against the discovered table and creates the import and its (empty) data table. */
  async create(principal: Principal, input: CreateImportInput): Promise<ImportEntity> {
    // Every field is checked before answering (in the form's order), so the form shows all its mistakes at once;
    // checks that need an earlier value (the table needs the connection) run only when that value is good.
    const checks = new FieldChecks();
    const name = input.name?.trim();
    checks.check(() => {
      if (!name) throw badInput('name', 'Name is required');
    });
    const connection = await this.connections.get(principal, input.connectionId);
    const source = checks.check(() => {
      if (!connection) throw badInput('connectionId', `Connection ${input.connectionId} does not exist in this workspace`);
      if (platformById(connection.platform as PlatformId).type === 'DESTINATION') throw badInput('connectionId', `Connection "${connection.name}" is a destination: imports read from a source connection`);
      if (connection.status !== 'ACTIVE') {
        throw badInput('connectionId', `Connection "${connection.name}" is ${connection.status}${connection.statusReason ? ` (${connection.statusReason})` : ''}: imports need an ACTIVE connection`);
      }
      return connection;
    });
    const table = source ? await this.schemaRefresh.table(source.id, input.table) : null;
    checks.check(() => {
      if (!source) return;
      if (!table) throw badInput('table', `Table "${input.table}" was not discovered on "${source.name}"; refresh the schema if it is new`);
      if (table.ignoredReason) throw badInput('table', `Table "${input.table}" cannot be imported: ${table.ignoredReason}`);
    });
    const definition = IMPORT_TYPES[input.type] as ImportTypeDefinition | undefined;
    checks.check(() => {
      if (!definition) throw badInput('type', `Unknown import type ${String(input.type)}`);
    });
    const id = randomUUID();
    const schedule = input.schedule?.trim() || defaultSchedule(id);
    const rejectThreshold = input.rejectThreshold ?? 0.1;
    const checkSettings = () => {
      checks.check(() => {
        if (!parseSchedule(schedule)) throw badInput('schedule', `Schedule must be ${SCHEDULE_FORMS}; got "${schedule}"`);
      });
      checks.check(() => {
        if (!(rejectThreshold >= 0 && rejectThreshold <= 1)) throw badInput('rejectThreshold', 'Reject threshold is a share between 0 and 1 (0.1 = 10%)');
      });
    };
    if (!source || !table || table.ignoredReason || !definition) {
      checkSettings();
      checks.done();
      throw new Error('unreachable: a missing connection, table or type is an input error');
    }
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    // Walk the type's definition: each mapping it lists is checked (required, existing, of an accepted type); any other mapping is dropped.
    const mappings: Record<MappingKey, string | null> = { userIdColumn: null, timestampColumn: null, identifierColumn: null, groupIdColumn: null, isDeletedColumn: null };
    for (const m of definition.mappings) {
      checks.check(() => {
        const value = input[m.key];
        if (!value) {
          if (m.required) throw badInput(m.key, `${m.label} is required for ${input.type} imports`);
          return;
        }
        const column = byName.get(value);
        if (!column) throw badInput(m.key, `Column "${value}" does not exist in table "${table.name}"`);
        if (m.types && !m.types.includes(column.type)) throw badInput(m.key, `${m.label} "${value}" is ${column.type}; it must be ${m.types.join(' or ')}`);
        // One column, one role: a key of (user id, user id) would make every pair a duplicate.
        const taken = definition.mappings.find((other) => mappings[other.key] === value);
        if (taken) throw badInput(m.key, `Column "${value}" is already the ${taken.label.toLowerCase()}`);
        mappings[m.key] = value;
      });
    }
    const texts: Record<TextInputField['key'], string | null> = { identifierType: null };
    for (const f of definition.textInputs) {
      checks.check(() => {
        const value = input[f.key]?.trim() || null;
        if (!value) {
          if (f.required) throw badInput(f.key, f.requiredMessage);
          return;
        }
        if (!new RegExp(f.pattern).test(value)) throw badInput(f.key, f.patternMessage);
        texts[f.key] = value;
      });
    }
    const { userIdColumn, timestampColumn, identifierColumn, groupIdColumn, isDeletedColumn } = mappings;
    const { identifierType } = texts;
    checks.check(() => {
      if (!userIdColumn) throw badInput('userIdColumn', `User id column is required for ${input.type} imports`);
    });
    const columns = input.columns ?? [];
    checks.check(() => {
      columns.forEach((c, i) => {
        if (!byName.has(c)) throw badInput(`columns.${i}`, `Column "${c}" does not exist in table "${table.name}"`);
      });
      if (new Set(columns).size !== columns.length) throw badInput('columns', 'Each column can be selected once');
      const mappedNames = new Set(Object.values(mappings).filter(Boolean));
      if (columns.filter((c) => !mappedNames.has(c)).length < definition.minAttributes) {
        throw badInput('columns', definition.attributesMessage ?? `Select at least ${definition.minAttributes} attribute columns besides the mapped ones`);
      }
    });
    checkSettings();
    checks.done();

    const mapped = [userIdColumn, timestampColumn, identifierColumn, groupIdColumn, isDeletedColumn].filter((c): c is string => Boolean(c));
    const storedNames = [...new Set([...mapped, ...columns])];
    const stored: StoredColumn[] = storedNames.map((n, i) => ({ name: n, type: byName.get(n)!.type, column: `c${i}` }));
    const now = new Date();
    const imp: ImportEntity = Object.assign(new ImportEntity(), {
      id, workspaceId: principal.workspaceId, connectionId: source.id, name, table: table.name, type: input.type, columns,
      userIdColumn, timestampColumn, identifierColumn, identifierType, groupIdColumn, isDeletedColumn,
      status: 'ACTIVE' as const, statusReason: null, schedule, nextRunAt: nextRunAfter(schedule, now), rejectThreshold, stored,
      acceptedSchema: table.columns.map((c, position) => ({ name: c.name, type: c.type, nullable: c.nullable, position, isPartition: c.isPartition, sourceType: c.sourceType ?? null, nested: Boolean(c.nested) })),
      dataTable: `data_${id.replace(/-/g, '')}`, watermark: null, createdAt: now, updatedAt: now,
    });
    await this.db.getRepository(ImportEntity).insert(imp);
    log.info('import created', { importId: id, type: imp.type, connectionId: source.id });
    return imp;
  }

  async update(principal: Principal, id: string, input: UpdateImportInput): Promise<ImportEntity> {
    const imp = await this.require(principal, id);
    const changes: Partial<ImportEntity> = { updatedAt: new Date() };
    if (input.name != null) {
      if (!input.name.trim()) throw badInput('input.name', 'Name cannot be empty');
      changes.name = input.name.trim();
    }
    if (input.schedule != null) {
      if (!parseSchedule(input.schedule)) throw badInput('input.schedule', `Schedule must be ${SCHEDULE_FORMS}; got "${input.schedule}"`);
      changes.schedule = input.schedule;
      changes.nextRunAt = imp.status === 'PAUSED' ? null : nextRunAfter(input.schedule, new Date());
    }
    if (input.rejectThreshold != null) {
      if (!(input.rejectThreshold >= 0 && input.rejectThreshold <= 1)) throw badInput('input.rejectThreshold', 'Reject threshold is a share between 0 and 1');
      changes.rejectThreshold = input.rejectThreshold;
    }
    await this.db.getRepository(ImportEntity).update({ id }, changes);
    return Object.assign(imp, changes);
  }

  async pause(principal: Principal, id: string): Promise<ImportEntity> {
    const imp = await this.require(principal, id);
    if (imp.status === 'PAUSED') return imp;
    if (imp.status === 'BLOCKED') throw conflict(`Import "${imp.name}" is BLOCKED: ${imp.statusReason}`);
    return this.transition(imp, 'PAUSED', null, { nextRunAt: null });
  }

  async resume(principal: Principal, id: string): Promise<ImportEntity> {
    const imp = await this.require(principal, id);
    if (imp.status !== 'PAUSED') return imp;
    return this.transition(imp, 'ACTIVE', null, { nextRunAt: nextRunAfter(imp.schedule, new Date()) });
  }

  /** Starts a run now; refused while one is queued or running, or when the import cannot run. */
  async runNow(principal: Principal, id: string): Promise<ImportRunEntity> {
    const imp = await this.require(principal, id);
    if (imp.status === 'BLOCKED') throw conflict(`Import "${imp.name}" is BLOCKED: ${imp.statusReason}`);
    const connection = await this.connections.byId(imp.connectionId);
    const unusable = connection && notUsableReason(connection);
    if (unusable) throw conflict(unusable);
    const job = await this.jobs.enqueue(IMPORT_RUN, imp.id, this.runPayload(imp, 'MANUAL'));
    if (!job) throw conflict(`Import "${imp.name}" already has a run queued or running`);
    return (await this.db.getRepository(ImportRunEntity).findOneBy({ id: job.id }))!;
  }

  /**
   * Queues a re-sync: a run that reads the whole source again (forgetting the files imported and the watermark) and
   * replaces the import's data in one transaction only if it succeeds (runs/run-engine.ts). The same refusals as
   * `runNow`: CONFLICT while a run is queued or running, or when the import cannot run.
   */
  async resync(principal: Principal, id: string): Promise<ImportRunEntity> {
    const imp = await this.require(principal, id);
    if (imp.status === 'BLOCKED') throw conflict(`Import "${imp.name}" is BLOCKED: ${imp.statusReason}`);
    const connection = await this.connections.byId(imp.connectionId);
    const unusable = connection && notUsableReason(connection);
    if (unusable) throw conflict(unusable);
    const job = await this.jobs.enqueue(IMPORT_RUN, imp.id, this.runPayload(imp, 'RESYNC'));
    if (!job) throw conflict(`Import "${imp.name}" already has a run queued or running: re-sync once it has ended`);
    return (await this.db.getRepository(ImportRunEntity).findOneBy({ id: job.id }))!;
  }

  /** Queues a scheduled run; null when one is already queued or running. */
  async enqueueScheduled(imp: ImportEntity): Promise<string | null> {
    return (await this.jobs.enqueue(IMPORT_RUN, imp.id, this.runPayload(imp, 'SCHEDULE')))?.id ?? null;
  }

  /** Records a scheduled run that did not start, with the reason, in the run history. */
  async recordSkipped(imp: ImportEntity, reason: string): Promise<void> {
    await this.jobs.skip(IMPORT_RUN, imp.id, this.runPayload(imp, 'SCHEDULE'), reason);
  }

  private runPayload(imp: ImportEntity, trigger: RunJobPayload['trigger']): RunJobPayload {
    return { importId: imp.id, workspaceId: imp.workspaceId, trigger };
  }

  /** Deletes the import, its runs and its imported data; refused while a run is running. */
  async delete(principal: Principal, id: string): Promise<boolean> {
    const imp = await this.require(principal, id);
    await this.assertUnused(imp, null, 'delete');
    const active = await this.db.getRepository(ImportRunEntity).findOneBy({ importId: id, status: 'RUNNING' });
    if (active) throw conflict(`Import "${imp.name}" has a run in progress; wait for it to finish`);
    const queued = await this.jobs.latest(IMPORT_RUN, id);
    if (queued?.status === 'QUEUED') await this.jobs.cancel(queued.id, 'The import was deleted');
    await this.db.transaction(async (tx) => {
      await tx.delete(ImportRunEntity, { importId: id });
      await tx.delete(ImportUnitEntity, { importId: id });
      await tx.delete(ImportEntity, { id });
    });
    await this.store.dropTable(imp.dataTable);
    await this.events.publish({ type: 'ImportDeleted', importId: id, workspaceId: imp.workspaceId });
    log.info('import deleted', { importId: id });
    return true;
  }

  /**
   * The newest `limit` runs of each import, newest first: one statement for all ids (`EntityRows.newestPer`). Without
   * their rejects sample (`rejects` null): up to 100 rejected rows per run, about 15 KB of JSON each, read and parsed
   * for every import of a list that shows none of them; `ImportRun.rejects` reads it when asked.
   */
  runs(importIds: readonly string[], limit: number): Promise<ImportRunEntity[][]> {
    return EntityRows.of(this.db).newestPer(ImportRunEntity, 'import', 'importId', 'queuedAt', importIds, limit, ['rejects']);
  }

  /** Imports of each connection, newest first, in one statement (the workspace's only). */
  async ofConnections(principal: Principal, connectionIds: readonly string[]): Promise<ImportEntity[][]> {
    if (!connectionIds.length) return [];
    const rows = await this.db.getRepository(ImportEntity).find({ where: { workspaceId: principal.workspaceId, connectionId: In([...connectionIds]) }, order: { createdAt: 'DESC' } });
    return connectionIds.map((id) => rows.filter((r) => r.connectionId === id));
  }

  async run(principal: Principal, id: string): Promise<ImportRunEntity | null> {
    return this.db.getRepository(ImportRunEntity).findOneBy({ id, workspaceId: principal.workspaceId });
  }

  /** Imported rows as objects keyed by source column names (null-prototype, so any name is an ordinary key). */
  async preview(imp: ImportEntity, limit: number): Promise<Record<string, unknown>[]> {
    const rows = await this.store.select(imp.dataTable, imp.stored, Math.max(0, Math.min(limit, 1000)));
    return rows.map((row) => {
      const record = Object.create(null) as Record<string, unknown>;
      imp.stored.forEach((s, i) => Object.defineProperty(record, s.name, { value: row[i], enumerable: true, writable: true, configurable: true }));
      return record;
    });
  }

  /** Imports whose daily run is due (for the scheduler). */
  async due(now: Date): Promise<ImportEntity[]> {
    return this.db.getRepository(ImportEntity).find({ where: { status: Not('PAUSED'), nextRunAt: LessThanOrEqual(now) } });
  }

  /** Moves an import's next run time past `now` (compare-and-set, so servers ticking together move it once). */
  async advanceSchedule(imp: ImportEntity, now: Date): Promise<void> {
    if (!imp.nextRunAt) return;
    await this.db.getRepository(ImportEntity).update({ id: imp.id, nextRunAt: imp.nextRunAt }, { nextRunAt: nextRunAfter(imp.schedule, now) });
  }

  async connectionsOf(ids: readonly string[]): Promise<ConnectionEntity[]> {
    return this.connections.byIds(ids);
  }
}
