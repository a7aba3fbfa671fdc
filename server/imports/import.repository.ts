import type { EntityManager } from 'typeorm';
import type { JobEntity } from '../jobs/job.entity.js';
import type { Statement } from '../storage/data-store.js';
import { ImportRunEntity, type ImportRunStatus, type ImportRunTrigger } from './import.entity.js';
import { canRunTransition } from './state-machine.js';

/**
 * The import domain's writes that take part in other transactions: a run's status change (inside the job engine's
 * transaction, so the job and its run record never disagree) and the statements of a run's publishing transaction.
 */

/** The payload of an import-run job. */
export interface RunJobPayload {
  importId: string;
  workspaceId: string;
  trigger: ImportRunTrigger;
  [key: string]: string;
}

/** Refused run transition (the table in state-machine.ts). */
export class RunTransitionRefused extends Error {
  constructor(readonly runId: string, readonly from: ImportRunStatus | null, readonly to: ImportRunStatus) {
    super(`Run ${runId} cannot go from ${from ?? 'nothing'} to ${to}`);
    this.name = 'RunTransitionRefused';
  }
}

/**
 * The one place a run's status changes: checks the transition table and writes by compare-and-set on the status
 * it read. `live` carries the counts of a run this process is executing.
 */
export async function transitionRun(tx: EntityManager, job: JobEntity, live?: ImportRunEntity): Promise<ImportRunEntity> {
  const repo = tx.getRepository(ImportRunEntity);
  const to = job.status as ImportRunStatus;
  const current = await repo.findOneBy({ id: job.id });
  const from = current?.status ?? null;
  if (!canRunTransition(from, to)) throw new RunTransitionRefused(job.id, from, to);
  const payload = job.payload as RunJobPayload;
  if (!current) {
    const run = Object.assign(new ImportRunEntity(), {
      id: job.id, importId: payload.importId, workspaceId: payload.workspaceId, status: to, trigger: job.attempt > 1 && payload.trigger !== 'RESYNC' ? 'RETRY' : payload.trigger,
      attempt: job.attempt, queuedAt: job.createdAt, notBefore: job.notBefore, startedAt: null, finishedAt: job.finishedAt, heartbeatAt: null, owner: null,
      filesTotal: null, filesDone: null, rowsRead: 0, rowsImported: 0, rowsRejected: 0, bytesRead: 0, error: job.error, rejects: [],
    });
    await repo.insert(run);
    return run;
  }
  const changes: Partial<ImportRunEntity> =
    to === 'RUNNING'
      ? { status: to, startedAt: job.startedAt, heartbeatAt: job.heartbeatAt, owner: job.owner }
      : { status: to, error: job.error, finishedAt: job.finishedAt, ...(live ? counts(live) : {}) };
  const result = await repo.update({ id: job.id, status: from! }, changes);
  if (!result.affected) throw new RunTransitionRefused(job.id, from, to);
  return Object.assign(current, changes);
}

/** A run's progress counters, as stored. */
export function counts(run: ImportRunEntity): Pick<ImportRunEntity, 'filesTotal' | 'filesDone' | 'rowsRead' | 'rowsImported' | 'rowsRejected' | 'bytesRead' | 'rejects'> {
  return { filesTotal: run.filesTotal, filesDone: run.filesDone, rowsRead: run.rowsRead, rowsImported: run.rowsImported, rowsRejected: run.rowsRejected, bytesRead: run.bytesRead, rejects: run.rejects };
}

/** Statements of a successful run's publishing transaction, besides the import type's own: files read, watermark, the run's end. */
export function publishStatements(run: ImportRunEntity, at: Date, units: { unitId: string; rows: number }[], watermark: { importId: string; value: string } | null): Statement[] {
  if (!canRunTransition(run.status, 'SUCCEEDED')) throw new RunTransitionRefused(run.id, run.status, 'SUCCEEDED');
  const now = at.toISOString();
  return [
    ...units.map((u) => ({ sql: `INSERT INTO import_unit ("importId", "unitId", "runId", "rows", "importedAt") VALUES (?, ?, ?, ?, ?)`, params: [run.importId, u.unitId, run.id, u.rows, now] })),
    ...(watermark ? [{ sql: `UPDATE "import" SET "watermark" = ? WHERE "id" = ?`, params: [watermark.value, watermark.importId] }] : []),
    {
      sql: `UPDATE "import_run" SET "status" = 'SUCCEEDED', "error" = NULL, "finishedAt" = ?, "filesTotal" = ?, "filesDone" = ?, "rowsRead" = ?, "rowsImported" = ?, "rowsRejected" = ?, "bytesRead" = ?, "rejects" = ? WHERE "id" = ? AND "status" = 'RUNNING'`,
      params: [now, run.filesTotal, run.filesDone, run.rowsRead, run.rowsImported, run.rowsRejected, run.bytesRead, JSON.stringify(run.rejects), run.id],
      expectChanges: 1,
    },
  ];
}
