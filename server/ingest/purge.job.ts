// Retention purges as a job kind: every INLET_EVENT_PURGE_INTERVAL_MS each server ticks the same slot; the job
// engine's slot table lets one server fire it, and the constant job key keeps one purge queued or running at a time.
import type { DataSource } from 'typeorm';
import type { JobEngine, JobKind } from '../jobs/engine.js';
import { JobEntity, JobSlotEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import type { IngestService } from './ingest.service.js';

/** The job kind name of retention purges. */
export const EVENT_PURGE_KIND = 'event-purge';
/** One key for every purge: the engine allows one queued or running job per (kind, key), so purges never overlap. */
const PURGE_KEY = 'retention';
/** Finished purge jobs and fired slots are kept this long (a day of history), then deleted by a later purge. */
const HISTORY_MS = 24 * 3600_000;

/** The slot a tick at `now` fires: the number of the purge interval it falls in. */
export function purgeSlot(now: number, intervalMs: number): string {
  return String(Math.floor(now / intervalMs));
}

/** Fires the purge of the slot `now` falls in, unless a server already did; true when this call queued it. */
export async function schedulePurge(jobs: JobEngine, intervalMs: number, now = Date.now()): Promise<boolean> {
  const slot = purgeSlot(now, intervalMs);
  if (!(await jobs.claimSlot(EVENT_PURGE_KIND, slot))) return false;
  // Null when the previous purge still runs: that purge is already doing this slot's work.
  const job = await jobs.enqueue(EVENT_PURGE_KIND, PURGE_KEY, { slot, now: new Date(now).toISOString() });
  return job !== null;
}

/** The handler: purges the event log (in bounded windows) as of the tick's time, then the purge kind's own history. */
export class EventPurgeKind implements JobKind {
  readonly name = EVENT_PURGE_KIND;
  readonly interruptedMessage = 'Interrupted: the server stopped during the purge (the next slot purges again)';

  constructor(private readonly db: DataSource, private readonly ingest: IngestService) {}

  async run(job: JobEntity, signal: AbortSignal): Promise<void> {
    const now = typeof job.payload.now === 'string' ? Date.parse(job.payload.now) : Date.now();
    await this.ingest.purge(now, signal);
    // Without this, a purge every minute would leave 1,440 job rows and slots a day behind it.
    const before = new Date(Date.now() - HISTORY_MS).toISOString();
    await this.db
      .createQueryBuilder()
      .delete()
      .from(JobEntity)
      .where(`"kind" = :kind AND "status" IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND "finishedAt" < :before`, { kind: EVENT_PURGE_KIND, before })
      .execute();
    await this.db.createQueryBuilder().delete().from(JobSlotEntity).where(`"name" = :name AND "firedAt" < :before`, { name: EVENT_PURGE_KIND, before }).execute();
  }

  retryable(): boolean {
    // The next slot is the retry: a purge is idempotent and comes round every interval.
    return false;
  }

  describe(error: unknown): string {
    log.warn('event purge failed', { error: String(error) });
    return `The event purge failed: ${(error as Error)?.message ?? String(error)}`;
  }
}
