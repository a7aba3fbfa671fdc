import cron, { type ScheduledTask } from 'node-cron';
import { log } from '../log.js';
import type { ImportService } from './import.service.js';
import type { RunEngine } from './run-engine.js';

/**
 * Daily runs. Every minute (and once at start, which catches a day missed while the server was down) each due
 * import's next run time is moved to the next day by an atomic update; whoever moves it queues the run, so an
 * import runs once a day whatever the number of servers or restarts. BLOCKED imports get a skipped run in their
 * history instead.
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
      for (const imp of await this.imports.due(now)) {
        if (!(await this.imports.claimDue(imp, now))) continue;
        if (imp.status === 'BLOCKED') {
          await this.engine.recordSkipped(imp, 'SCHEDULE', imp.statusReason ?? 'the import is BLOCKED');
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
