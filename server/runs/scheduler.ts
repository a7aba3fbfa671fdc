import { notUsableReason } from '../connections/state-machine.js';
import type { JobEngine } from '../jobs/engine.js';
import { MinuteTicker } from '../jobs/minute-ticker.js';
import { log } from '../log.js';
import type { ImportEntity } from '../imports/import.entity.js';
import type { ImportService } from '../imports/import.service.js';
import { slotKey } from '../imports/schedule.js';

/**
 * Scheduled runs (daily, hourly, every N hours, cron: imports/schedule.ts). Every minute (and once at start, which
 * catches slots missed while the server was down: one run, however many were missed, as the next run time then
 * moves past now) each due import fires its slot: "this import, this UTC day" for a daily schedule, claimed in the job engine's slot table, so a day runs once
 * whatever the number of servers, restarts, or schedule changes that day (moving the time later on a day that
 * already ran does not run it again). The next run time then moves past now. A BLOCKED import, or one whose
 * connection is INACTIVE or DEPRECATED, gets a skipped run with the reason in its history instead; one whose
 * connection is being validated (PROCESSING) waits for the next tick.
 */
export class Scheduler extends MinuteTicker {
  constructor(
    private readonly imports: ImportService,
    private readonly jobs: JobEngine,
  ) {
    super('scheduler', (now) => this.fire(now));
  }

  /** Queues every import whose run time has come. */
  private async fire(now: Date): Promise<void> {
    const due = await this.imports.due(now);
    if (!due.length) return;
    const connections = new Map((await this.imports.connectionsOf([...new Set(due.map((imp) => imp.connectionId))])).map((c) => [c.id, c]));
    for (const imp of due) {
      const connection = connections.get(imp.connectionId);
      // A connection being validated is ACTIVE or INACTIVE within seconds: the run stays due for the next tick.
      if (connection?.status === 'PROCESSING') continue;
      const fired = await this.jobs.claimSlot(`import:${imp.id}`, slotOf(imp));
      await this.imports.advanceSchedule(imp, now);
      if (!fired) continue;
      const skipped = imp.status === 'BLOCKED' ? (imp.statusReason ?? 'the import is BLOCKED') : connection && notUsableReason(connection);
      if (skipped) {
        await this.imports.recordSkipped(imp, skipped);
        continue;
      }
      const run = await this.imports.enqueueScheduled(imp);
      log.info(run ? 'scheduled run queued' : 'scheduled run skipped: a run is already active', { importId: imp.id });
    }
  }
}

/** The slot a due import fires (schedule.ts): for a daily schedule the UTC day its run was due, whatever the time. */
export function slotOf(imp: Pick<ImportEntity, 'nextRunAt' | 'schedule'>): string {
  return slotKey(imp.schedule, imp.nextRunAt!);
}
