import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import type { ConnectionService } from '../connections/connection.service.js';
import type { SchemaRefreshService } from '../connections/schema-refresh.service.js';
import type { SourceTableEntity } from '../connections/source-table.entity.js';
import type { DomainEvents } from '../events/domain-events.js';
import { badInput, conflict } from '../errors.js';
import type { ImportEntity, StoredColumn } from '../imports/import.entity.js';
import type { ImportService } from '../imports/import.service.js';
import { log } from '../log.js';
import { EntityRows } from '../db/rows.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { detectChanges, type DetectedChange } from './rules.js';
import { SchemaChangeEntity, type SchemaChangeStatus } from './schema-change.entity.js';

export type SchemaChangeEvent = Omit<SchemaChangeEntity, 'detectedAt' | 'resolvedAt'> & { detectedAt: string; resolvedAt: string | null };

const signatureOf = (c: DetectedChange) => [c.kind, c.column, c.previousType ?? '', c.newType ?? ''].join('|');

/**
 * Schema changes: after every refresh (manual, or the one before each run) each import of the connection is compared
 * with the table's current schema. New changes are recorded once and announced; unsupported ones BLOCK the import
 * with a reason that says what changed, where, and the ways out; a source that went back resolves them by itself.
 */
export class SchemaChangeService {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly connections: ConnectionService,
    private readonly imports: ImportService,
    private readonly schemaRefresh: SchemaRefreshService,
  ) {}

  /** Forgets an import's schema changes (it was deleted). */
  async forgetImport(importId: string): Promise<void> {
    await this.db.getRepository(SchemaChangeEntity).delete({ importId });
  }

  /**
   * The imports' schema changes, oldest first: of one status, or (null) every one. The imports list asks for the
   * pending ones only; an import's resolved history (every accepted or dismissed column) is not read for it.
   */
  async list(importIds: readonly string[], status: string | null = null): Promise<SchemaChangeEntity[]> {
    if (!importIds.length) return [];
    const where = `WHERE "s"."importId" IN ${EntityRows.list(importIds.length)}${status ? ` AND "s"."status" = ?` : ''}`;
    return EntityRows.of(this.db).select(SchemaChangeEntity, 's', `${where} ORDER BY "s"."detectedAt" ASC, "s"."id" ASC`, status ? [...importIds, status] : [...importIds]);
  }

  /** Compares each import of the connection with the tables its last refresh stored. */
  async detectForConnection(connectionId: string): Promise<void> {
    const connection = await this.connections.byId(connectionId);
    if (!connection) return;
    const tables = await this.schemaRefresh.tables([connectionId]);
    const imports = await this.imports.ofConnection(connectionId);
    // CSV has no types and is read by position; Parquet and warehouse tables carry typed, named columns.
    const typed = connection.settings.dataFormat !== 'CSV';
    for (const imp of imports) {
      const table = tables.find((t) => t.name === imp.table);
      if (!table || table.ignoredReason) continue; // the run itself reports a table that is gone or unreadable
      await this.detect(imp, table, typed);
    }
  }

  private async detect(imp: ImportEntity, table: SourceTableEntity, typed: boolean): Promise<void> {
    const detected = detectChanges(imp.acceptedSchema, table.columns, typed, new Set(imp.stored.map((s) => s.name)));
    const repo = this.db.getRepository(SchemaChangeEntity);
    const existing = await repo.findBy({ importId: imp.id });
    const live = new Map(existing.filter((c) => c.status !== 'RESOLVED').map((c) => [c.signature, c]));
    const seen = new Set<string>();
    const fresh: SchemaChangeEntity[] = [];
    const now = new Date();
    for (const change of detected) {
      const signature = signatureOf(change);
      seen.add(signature);
      if (live.has(signature)) continue;
      fresh.push(Object.assign(new SchemaChangeEntity(), {
        id: randomUUID(), importId: imp.id, workspaceId: imp.workspaceId, kind: change.kind, column: change.column,
        previousType: change.previousType, newType: change.newType, support: change.support, status: 'PENDING' as const,
        description: change.description, parent: change.parent ?? null, detectedAt: now, resolvedAt: null, sourceFile: table.schemaFile, signature,
      }));
    }
    const reverted = existing.filter((c) => c.status === 'PENDING' && !seen.has(c.signature));
    if (fresh.length) await repo.insert(fresh);
    if (reverted.length) await repo.update({ id: In(reverted.map((c) => c.id)) }, { status: 'RESOLVED', resolvedAt: now });
    for (const change of fresh) await this.events.publish({ ...this.event(change), type: 'SchemaChangeDetected' });
    if (fresh.length || reverted.length) log.info('schema changes', { importId: imp.id, detected: fresh.length, resolved: reverted.length });
    await this.updateBlocked(imp);
  }

  /** BLOCKED while an unsupported change is pending; ACTIVE again once none is. */
  private async updateBlocked(imp: ImportEntity): Promise<void> {
    const pending = await this.db.getRepository(SchemaChangeEntity).find({ where: { importId: imp.id, status: 'PENDING', support: 'UNSUPPORTED' }, order: { detectedAt: 'ASC' } });
    if (pending.length) {
      const where = pending[0]!.sourceFile ? ` in ${pending[0]!.sourceFile}` : '';
      const reason =
        `Unsupported schema change${pending.length > 1 ? 's' : ''}${where}: ${pending.map((c) => c.description).join('; ')}. ` +
        'Runs are stopped so no cohort is fed broken data. Either revert the change at the source (the import becomes ACTIVE again by itself at the next schema refresh), or create a new import for the new schema.';
      await this.imports.block(imp, reason);
    } else await this.imports.unblock(imp);
  }

  /** Accepts pending supported new columns: the next run imports them; rows imported before have them null. */
  async accept(principal: Principal, importId: string, columns: string[]): Promise<ImportEntity> {
    const imp = await this.imports.require(principal, importId);
    const changes = await this.pendingFor(imp, columns, 'accept');
    const table = await this.schemaRefresh.table(imp.connectionId, imp.table);
    const stored = [...imp.stored];
    const selected = [...imp.columns];
    const accepted = [...imp.acceptedSchema];
    const added: StoredColumn[] = [];
    let next = Math.max(-1, ...stored.map((s) => Number(s.column.slice(1)))) + 1;
    for (const change of changes) {
      if (change.parent) {
        // A struct's new fields come in with the struct: its accepted shape becomes the current one.
        const current = table?.columns.find((c) => c.name === change.parent);
        const index = accepted.findIndex((c) => c.name === change.parent);
        if (current && index >= 0) accepted[index] = { ...accepted[index]!, sourceType: current.sourceType ?? null };
        continue;
      }
      const current = table?.columns.find((c) => c.name === change.column);
      if (!current) throw conflict(`Column "${change.column}" is no longer in table "${imp.table}"; refresh the schema`);
      const position = table!.columns.indexOf(current);
      accepted.push({ name: current.name, type: current.type, nullable: current.nullable, position, isPartition: current.isPartition, sourceType: current.sourceType ?? null, nested: Boolean(current.nested) });
      const column: StoredColumn = { name: current.name, type: current.type, column: `c${next++}` };
      stored.push(column);
      selected.push(current.name);
      added.push(column);
    }
    // One transaction: the import takes the columns and the changes turn ACCEPTED together, or neither does.
    await this.imports.addDataColumns(imp, added);
    await this.db.transaction(async (tx) => {
      await this.imports.acceptColumns(imp, { stored, columns: selected, acceptedSchema: accepted }, tx);
      await tx.getRepository(SchemaChangeEntity).update({ id: In(changes.map((c) => c.id)) }, { status: 'ACCEPTED' });
    });
    log.info('schema changes accepted', { importId: imp.id, columns });
    return this.imports.require(principal, importId);
  }

  /** Dismisses pending supported changes: they are not asked about again. */
  async dismiss(principal: Principal, importId: string, columns: string[]): Promise<ImportEntity> {
    const imp = await this.imports.require(principal, importId);
    const changes = await this.pendingFor(imp, columns, 'dismiss');
    await this.imports.assertUnused(imp, [...new Set(changes.map((c) => c.parent ?? c.column))], 'dismiss changes to');
    await this.db.getRepository(SchemaChangeEntity).update({ id: In(changes.map((c) => c.id)) }, { status: 'DISMISSED' });
    return this.imports.require(principal, importId);
  }

  /** The pending supported changes named by `columns` (a struct field brings its siblings: all or nothing). */
  private async pendingFor(imp: ImportEntity, columns: string[], verb: 'accept' | 'dismiss'): Promise<SchemaChangeEntity[]> {
    if (!columns.length) throw badInput('columns', `Name at least one column to ${verb}`);
    const pending = await this.db.getRepository(SchemaChangeEntity).findBy({ importId: imp.id, status: 'PENDING' });
    const chosen = new Map<string, SchemaChangeEntity>();
    columns.forEach((name, i) => {
      const change = pending.find((c) => c.column === name);
      if (!change) throw badInput(`columns.${i}`, `No pending schema change for column "${name}" on import "${imp.name}"`);
      if (change.support !== 'SUPPORTED') {
        throw badInput(`columns.${i}`, `The change to "${name}" is unsupported and cannot be ${verb}ed: revert it at the source, or create a new import`);
      }
      if (verb === 'accept' && change.kind !== 'COLUMN_ADDED') throw badInput(`columns.${i}`, `Only new columns can be accepted; "${name}" is ${change.kind}`);
      for (const c of change.parent ? pending.filter((p) => p.parent === change.parent) : [change]) chosen.set(c.id, c);
    });
    return [...chosen.values()];
  }

  event(change: SchemaChangeEntity): SchemaChangeEvent {
    return { ...change, detectedAt: change.detectedAt.toISOString(), resolvedAt: change.resolvedAt?.toISOString() ?? null };
  }
}

export type { SchemaChangeStatus };
