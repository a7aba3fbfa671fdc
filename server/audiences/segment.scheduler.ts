import { MinuteTicker } from '../jobs/minute-ticker.js';
import { log } from '../log.js';
import type { SegmentService } from './segment.service.js';

/**
 * Hourly evaluations of segments whose rule uses time windows or events: every minute each such segment fires its
 * slot "this segment, this UTC hour" in the job engine's slot table, so an hour evaluates once whatever the number of
 * servers. The work itself is a segment-evaluation job.
 */
export class SegmentScheduler extends MinuteTicker {
  constructor(segments: SegmentService) {
    super('segment scheduler', async (now) => {
      const queued = await segments.tickHourly(now);
      if (queued) log.info('hourly segment evaluations queued', { queued });
    });
  }
}
