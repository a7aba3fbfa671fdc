import type { JobChange, JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import { SEGMENT_EVALUATION, type SegmentService } from './segment.service.js';

/**
 * The segment evaluation job kind: keyed by segment id, so the job engine runs one at a time per segment on any
 * server; a request while one runs is queued again when it ends (`afterEvaluation`).
 */
export class SegmentEvaluationKind implements JobKind {
  readonly name = SEGMENT_EVALUATION;
  readonly interruptedMessage = 'Interrupted: the server stopped during the evaluation';

  constructor(private readonly segments: SegmentService) {}

  async run(job: JobEntity): Promise<void> {
    await this.segments.runEvaluation(job);
  }

  retryable(): boolean {
    return false;
  }

  describe(error: unknown): string {
    log.error('segment evaluation failed', { error: String((error as Error)?.stack ?? error) });
    return `The evaluation failed: ${(error as Error)?.message ?? String(error)}`;
  }

  async after(job: JobEntity, change: JobChange): Promise<void> {
    if (change === 'ended') await this.segments.afterEvaluation(job);
  }
}
