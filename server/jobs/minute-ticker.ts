import cron, { type ScheduledTask } from 'node-cron';
import { log } from '../log.js';

/**
 * Runs `work` once at start (which catches slots missed while the server was down) and then every minute, in UTC,
 * never two ticks at once; a failed tick is logged and the next one tries again. The schedulers (import slots,
 * hourly segment evaluations) are tickers: what they fire is claimed in the job engine's slot table, so a slot fires
 * once whatever the number of servers.
 */
export class MinuteTicker {
  private task: ScheduledTask | null = null;
  private ticking = false;

  constructor(
    /** Names the ticker in its error log line ("<name> tick failed"). */
    private readonly name: string,
    private readonly work: (now: Date) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule('* * * * *', () => void this.tick(), { timezone: 'Etc/UTC' });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  async tick(now = new Date()): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.work(now);
    } catch (error) {
      log.error(`${this.name} tick failed`, { error: String(error) });
    } finally {
      this.ticking = false;
    }
  }
}
