/**
 * runs/: how an import's data moves. run-engine.ts is the import-run job kind (the pipeline of one run, on the job
 * engine); scheduler.ts fires each import's schedule slot once. The read side is in pipeline/, the writes in storage/.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { SchemaRefreshService } from '../connections/schema-refresh.service.js';
import { notUsableReason } from '../connections/state-machine.js';
import type { ReadRequest, ReadUnit } from '../connectors/connector.js';
import { SourceError } from '../connectors/errors.js';
import type { DomainEvents } from '../events/domain-events.js';
import { JobCancelled, type JobEngine, type JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import { nextSlice, quoteIdent, sliceOver, type DataStore, type StageKey, type Statement } from '../storage/data-store.js';
import { IMPORT_TYPES, keyColumns } from '../imports/import-types.js';
import { ImportRunEntity, ImportUnitEntity, type ImportEntity, type RejectedRowSample } from '../imports/import.entity.js';
import { counts, publishStatements, transitionRun, type RunJobPayload } from '../imports/import.repository.js';
import type { ImportService } from '../imports/import.service.js';
import { firstMissing, latestTime, ParallelRead, prewarmReadWorker, readSource, withStrings } from '../pipeline/parallel-read.js';
import { KeyedWindow } from '../pipeline/keyed-window.js';

/** Rejected rows kept per run: enough to see the pattern, bounded so a bad file cannot bloat the database. */
const REJECT_SAMPLE = 100;
const BATCH_ROWS = 10_000;
const PROGRESS_MS = 500;
/** How far before the last successful read `watermark.since` reaches: the source's clock may run behind ours. */
const SINCE_MARGIN_MS = 3600_000;

/** The job kind of an import run. */
export const IMPORT_RUN = 'import-run';

/** The ImportRun event: the run's row without the rejects sample (NOTIFY payloads are small). */
export type ImportRunEvent = Omit<ImportRunEntity, 'rejects'> & { rejects?: RejectedRowSample[] };

/**
 * The import-run job kind: the streaming pipeline of one run (pre-run schema refresh → blocked check → connector →
 * batches → staging table → one publishing transaction that also ends the job). Queueing, claiming, heartbeats,
 * retries and recovery are the job engine's (server/jobs/engine.ts); the run's row mirrors the job's status.
 */
export class ImportRunKind implements JobKind {
  readonly name = IMPORT_RUN;
  readonly interruptedMessage = 'Interrupted: the server stopped during the run; nothing it wrote was published';
  /** Runs executing here, with their counters (written with progress and at the end). */
  private readonly live = new Map<string, ImportRunEntity>();

  constructor(
    private readonly db: DataSource,
    private readonly store: DataStore,
    private readonly events: DomainEvents,
    private readonly connections: ConnectionService,
    private readonly schemaRefresh: SchemaRefreshService,
    private readonly imports: ImportService,
    private readonly jobs: JobEngine,
    private readonly config: Config,
  ) {
    // The first run would otherwise wait for a read worker to load its modules.
    prewarmReadWorker();
  }

  retryable(error: unknown): boolean {
    return error instanceof SourceError && error.kind === 'transient';
  }

  describe(error: unknown): string {
    if (error instanceof SourceError) return error.message;
    log.error('run crashed', { error: String((error as Error)?.stack ?? error) });
    return `The run failed unexpectedly (${(error as Error)?.name ?? 'error'}); the details are in the server log`;
  }

  async mirror(tx: EntityManager, job: JobEntity): Promise<void> {
    const run = await transitionRun(tx, job, this.live.get(job.id));
    const live = this.live.get(job.id);
    if (live) Object.assign(live, { status: run.status, error: run.error, finishedAt: run.finishedAt });
  }

  async after(job: JobEntity, change: 'queued' | 'started' | 'ended'): Promise<void> {
    const live = this.live.get(job.id);
    if (live && change === 'ended') Object.assign(live, { status: job.status, error: job.error, finishedAt: job.finishedAt });
    const run = live ?? (await this.db.getRepository(ImportRunEntity).findOneBy({ id: job.id }));
    if (!run) return;
    await this.publish(run);
    if (change !== 'ended') return;
    this.live.delete(job.id);
    // Whatever the end (failed, cancelled, interrupted elsewhere), nothing staged outlives the run.
    await this.store.dropTable(stageName(job.id));
    await this.store.dropTable(`${stageName(job.id)}_latest`);
    await this.store.dropTable(rebuildName(job.id));
    const startedAt = run.startedAt ?? job.startedAt;
    const finishedAt = run.finishedAt ?? job.finishedAt;
    await this.events.publish({
      type: 'ImportRunFinished', runId: run.id, importId: run.importId, workspaceId: run.workspaceId, status: job.status as 'SUCCEEDED' | 'FAILED' | 'CANCELLED', error: job.error,
      rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected, bytesRead: run.bytesRead,
      durationMs: startedAt && finishedAt ? new Date(finishedAt).getTime() - new Date(startedAt).getTime() : null,
    });
  }

  async run(job: JobEntity, signal: AbortSignal): Promise<'ended'> {
    const run = await this.db.getRepository(ImportRunEntity).findOneByOrFail({ id: job.id });
    this.live.set(job.id, run);
    const imp = await this.imports.byId(run.importId);
    const connection = imp ? await this.connections.byId(imp.connectionId) : null;
    if (!imp || !connection) throw new JobCancelled('The import or its connection was deleted');
    const stage = stageName(run.id);
    let progress: NodeJS.Timeout | null = null;
    try {
      const unusable = notUsableReason(connection);
      if (unusable) throw new SourceError('user', unusable);
      // Every run starts from a fresh look at the source: the schema refresh the schema-change rules compare against
      // (a job of its own, heartbeated like this one; detection reacts to it before it returns).
      await this.schemaRefresh.refreshBeforeRun(connection, signal);
      const blocked = await this.imports.blockedReason(imp.id);
      if (blocked) throw new JobCancelled(`Skipped: ${blocked}`);

      const current = (await this.imports.byId(imp.id))!;
      const rules = IMPORT_TYPES[current.type];
      // A re-sync of an incremental import reads everything (no watermark, no record of files read) and rebuilds the
      // data beside the live table; profiles are full snapshots already, so theirs is an ordinary run.
      const rebuild = (job.payload as RunJobPayload).trigger === 'RESYNC' && rules.incremental;
      const connector = this.connections.connectorFor(connection);
      const request: ReadRequest = {
        table: current.table,
        columns: current.stored.map((s) => s.name),
        types: Object.fromEntries(current.stored.map((s) => [s.name, s.type])),
        batchSize: BATCH_ROWS,
        maxDecompressedBytes: this.config.maxDecompressedBytes, maxCompressionRatio: this.config.maxCompressionRatio,
        parquetReadBytes: this.config.parquetReadBytes,
        watermark:
          current.timestampColumn && rules.incremental
            ? rebuild
              ? { column: current.timestampColumn, after: null, since: null }
              : { column: current.timestampColumn, after: current.watermark, since: await this.lastReadStart(current.id) }
            : undefined,
      };
      let units = await connector.planRead(request);
      if (rules.incremental && !rebuild) {
        const seen = new Set((await this.db.getRepository(ImportUnitEntity).find({ where: { importId: current.id }, select: { unitId: true } })).map((u) => u.unitId));
        units = units.filter((u) => !u.key || !seen.has(u.id));
      }
      run.filesTotal = units.length;
      run.filesDone = 0;

      const required = rules.required(current).map((r) => ({ index: current.stored.findIndex((s) => s.name === r.name), reason: r.reason }));
      const requiredIndexes = required.map((r) => r.index);
      const timestampIndex = current.timestampColumn ? current.stored.findIndex((s) => s.name === current.timestampColumn) : -1;
      const stageKey = rules.stageKey(current);
      // The units are read and parsed on another core (a worker, started now so it loads while the stage is made)
      // while this thread checks rows and inserts them, batch by batch, as columns. A keyed type keeps one row per key
      // in a window here instead (keyedWindow), its text as the reader's bytes, and inserts what the window hands over.
      // PostgreSQL's COPY takes text as the reader's bytes too: without a window only SQLite needs strings.
      const window = this.keyedWindow(current, stageKey);
      const text = window ? 'held' : this.store.dialect === 'postgres' ? 'bytes' : 'strings';
      const reader = new ParallelRead(readSource(this.connections, connection, this.config), connector, request, units, this.store.walFile, text);
      const imported: { unit: ReadUnit; rows: number }[] = [];
      /** Rows inserted into the stage by this attempt (a keyed stage may keep fewer: one per key). */
      let staged = 0;
      // The greatest event time seen (epoch ms for timestamps, text for dates), for the next incremental read.
      let maxMs = -Infinity;
      let maxDate: string | null = null;
      try {
        await this.store.createStage(stage, current.stored, stageKey);
        progress = setInterval(() => void this.progress(run, connector.stats.bytesRead), PROGRESS_MS);

        for (const [index, unit] of units.entries()) {
          let unitRows = 0;
          for await (const batch of reader.unit(index)) {
            // A cancel (or another server taking the run over) stops the run between batches.
            signal.throwIfAborted();
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
              const time = batch.columns[timestampIndex];
              const latest = latestTime(time && withStrings(time), good, batch.length);
              if (latest.ms > maxMs) maxMs = latest.ms;
              if (latest.text !== null && (maxDate === null || latest.text > maxDate)) maxDate = latest.text;
            }
            if (window) {
              // A turn for requests between slices of a batch's rows, as SQLite's inserts give one (SLICE_MS).
              for (const winners of window.add(batch, good)) {
                if (winners) await this.store.insertWinners(stage, current.stored, winners, stageKey!);
                else if (sliceOver()) await nextSlice();
              }
              // The batches the window holds no row of any more go back to the worker, whose scavenges free them.
              reader.giveBack(window.letGo());
            } else await this.store.insertColumns(stage, current.stored, batch, good, stageKey);
            const inserted = good ? good.length : batch.length;
            run.rowsImported += inserted;
            staged += inserted;
            unitRows += inserted;
          }
          run.filesDone++;
          imported.push({ unit, rows: unitRows });
        }
        if (window) for (const winners of window.drain()) await this.store.insertWinners(stage, current.stored, winners, stageKey!);
        // A window that never overflowed handed over one row per key: the publish need not reduce the stage.
        await this.store.endStage(stage, true, window?.overflows === 0);
      } finally {
        reader.close();
        // After a failure: stops writing the stage (nothing once it ended above).
        await this.store.endStage(stage, false);
      }
      run.bytesRead = connector.stats.bytesRead;
      clearInterval(progress);
      progress = null;
      signal.throwIfAborted();

      const share = run.rowsRead ? run.rowsRejected / run.rowsRead : 0;
      if (share > current.rejectThreshold) {
        throw new SourceError(
          'user',
          `${run.rowsRejected} of ${run.rowsRead} rows were rejected (${(share * 100).toFixed(1)}%), above this import's threshold of ${(current.rejectThreshold * 100).toFixed(1)}%; nothing from this run was published`,
        );
      }
      if (!(await this.store.tableExists(current.dataTable))) await this.store.createTable(current.dataTable, current.stored, keyColumns(current));
      const seenMax = maxMs > -Infinity ? new Date(maxMs).toISOString() : maxDate;
      // Publishing is one transaction: the rows, the record of which files were imported, the watermark, and the
      // end of the job and its run, guarded so a cancelled run (or one another server took over) publishes nothing.
      const now = new Date();
      const units_ = imported.filter((u) => u.unit.key && rules.incremental).map((u) => ({ unitId: u.unit.id, rows: u.rows }));
      if (rebuild) {
        await this.store.transaction([...(await this.rebuildStatements(current, stage, run.id, seenMax, staged)), this.jobs.endStatement(job, now), ...publishStatements(run, now, units_, null)]);
      } else {
        const emptyTarget = await this.store.isEmpty(current.dataTable);
        const maxTimestamp = seenMax && (!current.watermark || seenMax > current.watermark) ? seenMax : current.watermark;
        await this.store.transaction([
          ...rules.publish(this.store, current, stage, emptyTarget, staged),
          this.jobs.endStatement(job, now),
          ...publishStatements(run, now, units_, maxTimestamp !== current.watermark && maxTimestamp ? { importId: current.id, value: maxTimestamp } : null),
        ]);
      }
      log.info('run succeeded', { runId: run.id, importId: current.id, rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected });
      return 'ended';
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'auth') {
        // Credentials rejected: retrying cannot help; the connection says why.
        await this.connections.markAuthFailure(connection.id, error.message).catch((e) => log.error('could not mark the connection', { error: String(e) }));
      }
      throw error;
    } finally {
      if (progress) clearInterval(progress);
    }
  }

  /**
   * A re-sync's publish: the import type's own publish applied to an empty table of the data table's shape (so each
   * type keeps its rules: activity appends, identity upserts, groups keep the newest row per membership), then that
   * table swapped for the live one, the record of imported files replaced and the watermark set to what this run
   * saw. The caller runs these in the publishing transaction: readers see the old data or the new, never a mix.
   */
  private async rebuildStatements(imp: ImportEntity, stage: string, runId: string, watermark: string | null, staged: number): Promise<Statement[]> {
    const fresh = rebuildName(runId);
    await this.store.dropTable(fresh);
    await this.store.createTable(fresh, imp.stored, keyColumns(imp));
    return [
      // The type's row count expressions add to the current count: start the rebuilt table's from zero.
      { sql: `UPDATE "import" SET "rowCount" = 0 WHERE "id" = ?`, params: [imp.id] },
      ...IMPORT_TYPES[imp.type].publish(this.store, { ...imp, dataTable: fresh }, stage, true, staged),
      { sql: `DROP TABLE ${quoteIdent(imp.dataTable)}` },
      { sql: `ALTER TABLE ${quoteIdent(fresh)} RENAME TO ${quoteIdent(imp.dataTable)}` },
      { sql: `DELETE FROM "import_unit" WHERE "importId" = ?`, params: [imp.id] },
      { sql: `UPDATE "import" SET "watermark" = ? WHERE "id" = ?`, params: [watermark, imp.id] },
    ];
  }

  /**
   * The keyed window of a run (pipeline/keyed-window.ts): for keyed types, whose stage otherwise gets every row read
   * (PostgreSQL's appended and reduced by a sort at publish, SQLite's upserted one by one), when the store can have
   * it compare as the stage does (DataStore.windowRules); null otherwise (activity keeps every row;
   * INLET_KEYED_WINDOW_KEYS=0).
   */
  private keyedWindow(imp: ImportEntity, key: StageKey | null): KeyedWindow | null {
    if (!key || this.config.keyedWindowKeys <= 0) return null;
    const index = (column: string) => imp.stored.findIndex((s) => s.column === column);
    const types = imp.stored.map((s) => s.type);
    const keyIndexes = key.key.map(index);
    const newest = key.newest === null ? null : index(key.newest);
    const rules = this.store.windowRules(types, keyIndexes, newest);
    return rules && new KeyedWindow({ types, key: keyIndexes, newest, limit: this.config.keyedWindowKeys, ...rules });
  }

  /** When the import's last successful run started, less SINCE_MARGIN_MS (ISO); null before its first success. */
  private async lastReadStart(importId: string): Promise<string | null> {
    const last = await this.db.getRepository(ImportRunEntity).findOne({ where: { importId, status: 'SUCCEEDED' }, order: { startedAt: 'DESC' }, select: { startedAt: true } });
    return last?.startedAt ? new Date(last.startedAt.getTime() - SINCE_MARGIN_MS).toISOString() : null;
  }

  private reject(run: ImportRunEntity, file: string, row: number | null, reason: string): void {
    run.rowsRejected++;
    if (run.rejects.length < REJECT_SAMPLE) run.rejects.push({ file, row, reason });
  }

  /** Progress: the counters on the run's row and an event; a failed write waits for the next tick (never throws). */
  private async progress(run: ImportRunEntity, bytesRead: number): Promise<void> {
    try {
      run.bytesRead = bytesRead;
      run.heartbeatAt = new Date();
      const { rejects: _r, ...numbers } = counts(run);
      await this.db.getRepository(ImportRunEntity).update({ id: run.id, status: 'RUNNING' }, { ...numbers, heartbeatAt: run.heartbeatAt });
      await this.publish(run);
    } catch (error) {
      log.warn('run progress not recorded', { runId: run.id, error: String(error) });
    }
  }

  private async publish(run: ImportRunEntity): Promise<void> {
    const { rejects: _r, ...fields } = run;
    await this.events.publish({ ...JSON.parse(JSON.stringify(fields)), type: 'ImportRunUpdated' });
  }
}

/** The table a re-sync builds the import's new data in, swapped for the live one when it succeeds. */
export function rebuildName(runId: string): string {
  return `rebuild_${runId.replace(/-/g, '')}`;
}

/** The staging table of a run. */
export function stageName(runId: string): string {
  return `stage_${runId.replace(/-/g, '')}`;
}
