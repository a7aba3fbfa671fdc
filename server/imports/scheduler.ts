import cron, { type ScheduledTask } from 'node-cron';
import { notUsableReason } from '../connections/state-machine.js';
import { log } from '../log.js';
import type { ImportService } from './import.service.js';
import type { RunEngine } from './run-engine.js';

/**
 * Daily runs. Every minute (and once at start, which catches a day missed while the server was down) each due
 * import's next run time is moved to the next day by an atomic update; whoever moves it queues the run, so an
 * import runs once a day whatever the number of servers or restarts. A BLOCKED import, or one whose connection is
 * INACTIVE or DEPRECATED, gets a skipped run with the reason in its history instead; one whose connection is being
 * validated (PROCESSING) waits for the next tick.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private ticking = false;

  constructor(private readonly imports: ImportService, private readonly engine: RunEngine) {}

  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule('* * * * *', () => void this.tick(), { timezone: 'Etc/UTC' });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  /** Queues every import whose run time has come. */
  async tick(now = new Date()): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const due = await this.imports.due(now);
      if (!due.length) return;
      const connections = new Map((await this.imports.connectionsOf([...new Set(due.map((imp) => imp.connectionId))])).map((c) => [c.id, c]));
      for (const imp of due) {
        const connection = connections.get(imp.connectionId);
        // A connection being validated is ACTIVE or INACTIVE within seconds: the run stays due for the next tick.
        if (connection?.status === 'PROCESSING') continue;
        if (!(await this.imports.claimDue(imp, now))) continue;
        const skipped = imp.status === 'BLOCKED' ? (imp.statusReason ?? 'the import is BLOCKED') : connection && notUsableReason(connection);
        if (skipped) {
          await this.engine.recordSkipped(imp, 'SCHEDULE', skipped);
          continue;
        }
        const run = await this.engine.enqueue(imp, 'SCHEDULE');
        log.info(run ? 'scheduled run queued' : 'scheduled run skipped: a run is already active', { importId: imp.id });
      }
    } catch (error) {
      log.error('scheduler tick failed', { error: String(error) });
    } finally {
      this.ticking = false;
    }
  }
}
