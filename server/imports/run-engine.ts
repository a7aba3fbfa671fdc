import { randomUUID } from 'node:crypto';
import { IsNull, LessThan, LessThanOrEqual, Not, Or, type DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { ConnectionEntity } from '../connections/connection.entity.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { SchemaRefreshService } from '../connections/schema-refresh.service.js';
import { notUsableReason } from '../connections/state-machine.js';
import type { ReadRequest, ReadUnit } from '../connectors/connector.js';
import { SourceError } from '../connectors/errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import { log } from '../log.js';
import type { DataStore } from './data-store.js';
import { IMPORT_TYPES, keyColumns } from './import-types.js';
import { ImportEntity, ImportRunEntity, ImportUnitEntity, type ImportRunTrigger, type RejectedRowSample } from './import.entity.js';
import { firstMissing, latestTime, ParallelRead, prewarmReadWorker, readSource } from './parallel-read.js';

/** Rejected rows kept per run: enough to see the pattern, bounded so a bad file cannot bloat the database. */
const REJECT_SAMPLE = 100;
const BATCH_ROWS = 10_000;
const PROGRESS_MS = 500;
/** How far before the last successful read `watermark.since` reaches: the source's clock may run behind ours. */
const SINCE_MARGIN_MS = 3600_000;

/** The ImportRun event: the run's row without the rejects sample (NOTIFY payloads are small). */
export type ImportRunEvent = Omit<ImportRunEntity, 'rejects'> & { rejects?: RejectedRowSample[] };

/** Decides whether a run may start after the pre-run schema refresh; a string is the reason it is skipped. */
export type PreRunCheck = (imp: ImportEntity, connection: ConnectionEntity) => Promise<string | null>;

/**
 * Runs imports: a queue of runs in the database (so any server can pick them up and none runs twice), the
 * streaming pipeline (connector → batches → staging table → one publishing transaction), retries with backoff,
 * and recovery of runs interrupted by a stopped server.
 */
export class RunEngine {
  readonly instanceId = randomUUID();
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  private stopped = false;
  private readonly preRunChecks: PreRunCheck[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly store: DataStore,
    private readonly bus: EventBus,
    private readonly connections: ConnectionService,
    private readonly schemaRefresh: SchemaRefreshService,
    private readonly config: Config,
    private readonly concurrency = 2,
  ) {}

  /** Schema-change detection hooks in here: it may block a run before it reads anything. */
  addPreRunCheck(check: PreRunCheck): void {
    this.preRunChecks.push(check);
  }

  /** Recovers interrupted runs and starts polling the queue. */
  async start(): Promise<void> {
    await this.recoverInterrupted(true);
    // The first run would otherwise wait for a read worker to load its modules.
    prewarmReadWorker();
    this.timer = setInterval(() => void this.pump(), 1000);
    void this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** Waits until no run is queued or running on this server (tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.pump();
      if (!this.running.size && !this.pumping) {
        const repo = this.db.getRepository(ImportRunEntity);
        const queued = await repo.count({ where: { status: 'QUEUED', notBefore: Or(IsNull(), LessThanOrEqual(new Date())) } });
        const mine = await repo.count({ where: { status: 'RUNNING', owner: this.instanceId } });
        if (!queued && !mine && !this.pumping && !this.running.size) return;
      }
      await Promise.race([...this.running.values(), new Promise((r) => setTimeout(r, 50))]);
    }
  }

  /**
   * Queues a run unless one is queued or running for the import (a partial unique index makes this hold across
   * servers too). Returns the run, or null when one is already active.
   */
  async enqueue(imp: ImportEntity, trigger: ImportRunTrigger, attempt = 1, notBefore: Date | null = null): Promise<ImportRunEntity | null> {
    const run: ImportRunEntity = Object.assign(new ImportRunEntity(), {
      id: randomUUID(), importId: imp.id, workspaceId: imp.workspaceId, status: 'QUEUED', trigger, attempt, queuedAt: new Date(), notBefore,
      startedAt: null, finishedAt: null, heartbeatAt: null, owner: null, filesTotal: null, filesDone: null,
      rowsRead: 0, rowsImported: 0, rowsRejected: 0, bytesRead: 0, error: null, rejects: [],
    });
    try {
      await this.db.getRepository(ImportRunEntity).insert(run as never);
    } catch (error) {
      if (/unique|duplicate/i.test(String((error as Error).message))) return null;
      throw error;
    }
    await this.publish(run);
    void this.pump();
    return run;
  }

  /** Records a run that did not start (a BLOCKED import's scheduled run), so the history says why. */
  async recordSkipped(imp: ImportEntity, trigger: ImportRunTrigger, reason: string): Promise<ImportRunEntity> {
    const now = new Date();
    const run: ImportRunEntity = Object.assign(new ImportRunEntity(), {
      id: randomUUID(), importId: imp.id, workspaceId: imp.workspaceId, status: 'CANCELLED', trigger, attempt: 1, queuedAt: now, notBefore: null,
      startedAt: null, finishedAt: now, heartbeatAt: null, owner: null, filesTotal: null, filesDone: null,
      rowsRead: 0, rowsImported: 0, rowsRejected: 0, bytesRead: 0, error: `Skipped: ${reason}`, rejects: [],
    });
    await this.db.getRepository(ImportRunEntity).insert(run as never);
    await this.publish(run);
    return run;
  }

  /** When the import's last successful run started, less SINCE_MARGIN_MS (ISO); null before its first success. */
  private async lastReadStart(importId: string): Promise<string | null> {
    const last = await this.db.getRepository(ImportRunEntity).findOne({ where: { importId, status: 'SUCCEEDED' }, order: { startedAt: 'DESC' }, select: { startedAt: true } });
    return last?.startedAt ? new Date(last.startedAt.getTime() - SINCE_MARGIN_MS).toISOString() : null;
  }

  /** Marks runs left RUNNING by a stopped server FAILED (interrupted), drops their staging tables, and retries them. */
  async recoverInterrupted(atStart: boolean): Promise<void> {
    const repo = this.db.getRepository(ImportRunEntity);
    // On SQLite only this process writes the database, so at start every RUNNING run is an orphan.
    const orphaned = await repo.find({
      where: atStart && this.store.dialect === 'sqlite'
        ? { status: 'RUNNING' }
        : { status: 'RUNNING', owner: Not(this.instanceId), heartbeatAt: LessThan(new Date(Date.now() - this.config.runStaleMs)) },
    });
    for (const run of orphaned) {
      const claimed = await repo.update({ id: run.id, status: 'RUNNING' }, { status: 'FAILED', finishedAt: new Date(), error: 'Interrupted: the server stopped during the run; nothing it wrote was published' } as never);
      if (!claimed.affected) continue;
      await this.store.dropTable(stageName(run.id));
      await this.store.dropTable(`${stageName(run.id)}_latest`);
      const failed = await repo.findOneByOrFail({ id: run.id });
      await this.publish(failed);
      log.warn('run interrupted', { runId: run.id, importId: run.importId });
      const imp = await this.db.getRepository(ImportEntity).findOneBy({ id: run.importId });
      if (imp) await this.enqueue(imp, 'RETRY', run.attempt + 1);
    }
  }

  /** Claims queued runs that are due, up to the concurrency limit, and runs them. */
  async pump(): Promise<void> {
    if (this.pumping || this.stopped) return;
    this.pumping = true;
    try {
      if (this.store.dialect === 'postgres') await this.recoverInterrupted(false);
      const repo = this.db.getRepository(ImportRunEntity);
      while (this.running.size < this.concurrency) {
        const next = await repo.findOne({
          where: { status: 'QUEUED', notBefore: Or(IsNull(), LessThanOrEqual(new Date())) },
          order: { queuedAt: 'ASC' },
        });
        if (!next) break;
        const now = new Date();
        const claimed = await repo.update({ id: next.id, status: 'QUEUED' }, { status: 'RUNNING', startedAt: now, heartbeatAt: now, owner: this.instanceId } as never);
        if (!claimed.affected) continue; // another server took it
        const run = Object.assign(next, { status: 'RUNNING' as const, startedAt: now, heartbeatAt: now, owner: this.instanceId });
        const work = this.execute(run).finally(() => this.running.delete(run.id));
        this.running.set(run.id, work);
      }
    } catch (error) {
      log.error('run queue failed', { error: String(error) });
    } finally {
      this.pumping = false;
    }
  }

  private async execute(run: ImportRunEntity): Promise<void> {
    const imp = await this.db.getRepository(ImportEntity).findOneBy({ id: run.importId });
    const connection = imp ? await this.db.getRepository(ConnectionEntity).findOneBy({ id: imp.connectionId }) : null;
    if (!imp || !connection) {
      await this.finish(run, 'CANCELLED', 'The import or its connection was deleted');
      return;
    }
    await this.publish(run);
    const stage = stageName(run.id);
    let heartbeat: NodeJS.Timeout | null = null;
    try {
      const unusable = notUsableReason(connection);
      if (unusable) throw new SourceError('user', unusable);
      // Every run starts from a fresh look at the source: the schema refresh the schema-change rules compare against.
      await this.schemaRefresh.refreshNow(connection);
      for (const check of this.preRunChecks) {
        const reason = await check(imp, connection);
        if (reason) {
          await this.finish(run, 'CANCELLED', `Skipped: ${reason}`);
          return;
        }
      }
      const current = await this.db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id });
      const rules = IMPORT_TYPES[current.type];
      const connector = this.connections.connectorFor(connection);
      const request: ReadRequest = {
        table: current.table,
        columns: current.stored.map((s) => s.name),
        types: Object.fromEntries(current.stored.map((s) => [s.name, s.type])),
        batchSize: BATCH_ROWS,
        maxDecompressedBytes: this.config.maxDecompressedBytes, maxCompressionRatio: this.config.maxCompressionRatio,
        watermark: current.timestampColumn && rules.incremental ? { column: current.timestampColumn, after: current.watermark, since: await this.lastReadStart(current.id) } : undefined,
      };
      let units = await connector.planRead(request);
      if (rules.incremental) {
        const seen = new Set((await this.db.getRepository(ImportUnitEntity).find({ where: { importId: current.id }, select: { unitId: true } })).map((u) => u.unitId));
        units = units.filter((u) => !u.key || !seen.has(u.id));
      }
      run.filesTotal = units.length;
      run.filesDone = 0;

      // The units are read and parsed on another core (a worker, started now so it loads while the stage is made)
      // while this thread checks rows and inserts them, batch by batch, as columns.
      const reader = new ParallelRead(readSource(this.connections, connection, this.config), connector, request, units, this.store.walFile);
      const required = rules.required(current).map((r) => ({ index: current.stored.findIndex((s) => s.name === r.name), reason: r.reason }));
      const requiredIndexes = required.map((r) => r.index);
      const timestampIndex = current.timestampColumn ? current.stored.findIndex((s) => s.name === current.timestampColumn) : -1;
      const upsertKey = rules.stageKeyed ? keyColumns(current) : undefined;
      const imported: { unit: ReadUnit; rows: number }[] = [];
      // The greatest event time seen (epoch ms for timestamps, text for dates), for the next incremental read.
      let maxMs = -Infinity;
      let maxDate: string | null = null;
      try {
        await this.store.dropTable(stage);
        await this.store.createTable(stage, current.stored, rules.stageKeyed ? keyColumns(current) : undefined);
        heartbeat = setInterval(() => void this.progress(run, connector.stats.bytesRead), PROGRESS_MS);

        for (const [index, unit] of units.entries()) {
          let unitRows = 0;
          for await (const batch of reader.unit(index)) {
            run.rowsRead += batch.length + batch.rejects.length;
            for (const reject of batch.rejects) this.reject(run, unit.label, reject.row, reject.reason);
            // The rows to insert (null: all of them); a row missing a required value is rejected.
            let good: Int32Array | null = null;
            const missing = firstMissing(batch, requiredIndexes);
            if (missing) {
              good = new Int32Array(batch.length);
              let kept = 0;
              // Rows are numbered from firstRow, skipping the numbers of rows the format already rejected.
              const skipped = new Set(batch.rejects.map((r) => r.row));
              let rowNumber = batch.firstRow;
              for (let i = 0; i < batch.length; i++, rowNumber++) {
                while (skipped.has(rowNumber)) rowNumber++;
                if (missing[i]! >= 0) this.reject(run, unit.label, rowNumber, required[missing[i]!]!.reason);
                else good[kept++] = i;
              }
              good = good.subarray(0, kept);
            }
            if (timestampIndex >= 0) {
              const latest = latestTime(batch.columns[timestampIndex], good, batch.length);
              if (latest.ms > maxMs) maxMs = latest.ms;
              if (latest.text !== null && (maxDate === null || latest.text > maxDate)) maxDate = latest.text;
            }
            await this.store.insertColumns(stage, current.stored, batch, good, upsertKey);
            const inserted = good ? good.length : batch.length;
            run.rowsImported += inserted;
            unitRows += inserted;
          }
          run.filesDone++;
          imported.push({ unit, rows: unitRows });
        }
      } finally {
        reader.close();
      }
      run.bytesRead = connector.stats.bytesRead;
      clearInterval(heartbeat);
      heartbeat = null;

      const share = run.rowsRead ? run.rowsRejected / run.rowsRead : 0;
      if (share > current.rejectThreshold) {
        throw new SourceError(
          'user',
          `${run.rowsRejected} of ${run.rowsRead} rows were rejected (${(share * 100).toFixed(1)}%), above this import's threshold of ${(current.rejectThreshold * 100).toFixed(1)}%; nothing from this run was published`,
        );
      }
      if (!(await this.store.tableExists(current.dataTable))) await this.store.createTable(current.dataTable, current.stored, keyColumns(current));
      const emptyTarget = await this.store.isEmpty(current.dataTable);
      const seenMax = maxMs > -Infinity ? new Date(maxMs).toISOString() : maxDate;
      const maxTimestamp = seenMax && (!current.watermark || seenMax > current.watermark) ? seenMax : current.watermark;
      // Publishing is one transaction: the rows, the record of which files were imported, and the watermark.
      const now = new Date().toISOString();
      await this.store.transaction([
        ...rules.publish(this.store, current, stage, emptyTarget),
        ...imported
          .filter((u) => u.unit.key && rules.incremental)
          .map((u) => ({ sql: `INSERT INTO import_unit ("importId", "unitId", "runId", "rows", "importedAt") VALUES (?, ?, ?, ?, ?)`, params: [current.id, u.unit.id, run.id, u.rows, now] })),
        ...(maxTimestamp !== current.watermark ? [{ sql: `UPDATE "import" SET "watermark" = ? WHERE "id" = ?`, params: [maxTimestamp, current.id] }] : []),
      ]);
      await this.finish(run, 'SUCCEEDED', null);
      log.info('run succeeded', { runId: run.id, importId: current.id, rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected });
    } catch (error) {
      if (heartbeat) clearInterval(heartbeat);
      await this.store.dropTable(stage).catch(() => undefined);
      await this.store.dropTable(`${stage}_latest`).catch(() => undefined);
      await this.fail(run, imp, connection, error);
    }
  }

  private reject(run: ImportRunEntity, file: string, row: number | null, reason: string): void {
    run.rowsRejected++;
    if (run.rejects.length < REJECT_SAMPLE) run.rejects.push({ file, row, reason });
  }

  private async progress(run: ImportRunEntity, bytesRead: number): Promise<void> {
    run.bytesRead = bytesRead;
    run.heartbeatAt = new Date();
    await this.db
      .getRepository(ImportRunEntity)
      .update({ id: run.id, status: 'RUNNING' }, { heartbeatAt: run.heartbeatAt, filesTotal: run.filesTotal, filesDone: run.filesDone, rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected, bytesRead } as never)
      .catch(() => undefined);
    await this.publish(run);
  }

  private async fail(run: ImportRunEntity, imp: ImportEntity, connection: ConnectionEntity, error: unknown): Promise<void> {
    const source = error instanceof SourceError ? error : null;
    const message = source ? source.message : `The run failed unexpectedly (${(error as Error)?.name ?? 'error'}); the details are in the server log`;
    if (!source) log.error('run crashed', { runId: run.id, error: String((error as Error)?.stack ?? error) });
    await this.finish(run, 'FAILED', message);
    if (source?.kind === 'auth') {
      // Credentials rejected: retrying cannot help; the connection says why.
      await this.connections.markAuthFailure(connection.id, source.message);
      return;
    }
    if (source?.kind === 'transient' && run.attempt <= this.config.retryDelaysMs.length) {
      const delay = this.config.retryDelaysMs[run.attempt - 1]!;
      await this.enqueue(imp, 'RETRY', run.attempt + 1, new Date(Date.now() + delay));
      log.info('run will be retried', { runId: run.id, importId: imp.id, inMs: delay });
    }
  }

  private async finish(run: ImportRunEntity, status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', error: string | null): Promise<void> {
    Object.assign(run, { status, error, finishedAt: new Date() });
    await this.db.getRepository(ImportRunEntity).update(
      { id: run.id },
      { status, error, finishedAt: run.finishedAt, filesTotal: run.filesTotal, filesDone: run.filesDone, rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected, bytesRead: run.bytesRead, rejects: run.rejects } as never,
    );
    await this.publish(run);
  }

  private async publish(run: ImportRunEntity): Promise<void> {
    const { rejects: _r, ...event } = run;
    await this.bus.publish(Topic.ImportRun, event);
  }
}

/** The staging table of a run. */
export function stageName(runId: string): string {
  return `stage_${runId.replace(/-/g, '')}`;
}

