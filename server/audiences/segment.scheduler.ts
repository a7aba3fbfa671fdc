import cron, { type ScheduledTask } from 'node-cron';
import { log } from '../log.js';
import type { SegmentService } from './segment.service.js';

/**
 * Hourly evaluations of segments whose rule uses time windows or events: every minute each such segment fires its
 * slot "this segment, this UTC hour" in the job engine's slot table, so an hour evaluates once whatever the number of
 * servers. The work itself is a segment-evaluation job.
 */
export class SegmentScheduler {
  private task: ScheduledTask | null = null;
  private ticking = false;

  constructor(private readonly segments: SegmentService) {}

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
      const queued = await this.segments.tickHourly(now);
      if (queued) log.info('hourly segment evaluations queued', { queued });
    } catch (error) {
      log.error('segment scheduler tick failed', { error: String(error) });
    } finally {
      this.ticking = false;
    }
  }
}
