import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { GuardFailed } from '../db/guard.js';
import { log } from '../log.js';
import { releaseFreeMemory } from '../memory.js';
import { JobEntity, JobSlotEntity, type JobPayload, type JobStatus } from './job.entity.js';

/**
 * The job engine: every piece of background work (import runs, schema refreshes, and later deliveries and exports)
 * is a row of the `job` table, and this is the only code that moves a job between statuses.
 *
 * - Claim: a compare-and-set UPDATE (QUEUED → RUNNING, owner = this engine); two engines cannot both win one job.
 *   A partial unique index allows one queued or running job per (kind, key).
 * - Heartbeat: every running job's row is touched every `heartbeatMs` for the job's whole life; the same tick sees a
 *   cancel request and notices when the job is no longer ours.
 * - End: a compare-and-set on (status RUNNING, owner = me), in one transaction with the kind's own record (`mirror`)
 *   and the retry it may queue, so a final status never changes again and a late finisher changes nothing.
 * - Recovery: a RUNNING job whose heartbeat is older than `staleMs` (another server's; on SQLite at start, any) is
 *   marked FAILED (interrupted) by compare-and-set and retried once for that interruption.
 * - Retries: transient failures are queued again after `retryDelaysMs[attempt - 1]` (plus jitter), and the error
 *   says when ("…; retrying in 5 min, attempt 2 of 4").
 * - Schedule slots: `claimSlot(name, slot)` inserts a primary key, so each slot fires once across servers.
 */

/** Statuses a job can end in. */
export type JobEnd = Extract<JobStatus, 'SUCCEEDED' | 'FAILED' | 'CANCELLED'>;
/** What happened to a job, for a kind's `after` hook. */
export type JobChange = 'queued' | 'started' | 'ended';

/** Why a running job's signal was aborted. */
export class JobAborted extends Error {
  constructor(readonly why: 'cancel' | 'lost') {
    super(why === 'cancel' ? 'Cancelled by a user' : 'The job was taken over after its heartbeat stopped');
    this.name = 'JobAborted';
  }
}

/** Thrown by a handler to end its job CANCELLED with this message (a skip decided once the job started). */
export class JobCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobCancelled';
  }
}

/** A handler for one kind of job. */
export interface JobKind {
  readonly name: string;
  /**
   * Does the work; resolving ends the job SUCCEEDED. Return 'ended' when the handler already ended it itself in the
   * same transaction as its work (see `JobEngine.endStatement`). `signal` aborts with a JobAborted.
   */
  run(job: JobEntity, signal: AbortSignal): Promise<void | 'ended'>;
  /** Whether a failure is worth trying again later (a source that is down). */
  retryable(error: unknown): boolean;
  /** The message kept for a failure. */
  describe(error: unknown): string;
  /** The message kept for a job whose server stopped. */
  readonly interruptedMessage?: string;
  /**
   * A lease (a destination's writer): the job runs as long as its work lasts and holds no concurrency slot; its
   * heartbeat is the lease, so another server takes it over once the heartbeat is older than `staleMs`.
   */
  readonly lease?: boolean;
  /** This kind's own backoff (alert deliveries); the engine's `retryDelaysMs` when absent. */
  readonly retryDelaysMs?: readonly number[];
  /** Writes the job's new status into the kind's own record, inside the engine's transaction. */
  mirror?(tx: EntityManager, job: JobEntity): Promise<void>;
  /** After a change committed: events, cleanup. Errors are logged, never thrown. */
  after?(job: JobEntity, change: JobChange): Promise<void>;
}

export interface JobEngineOptions {
  concurrency: number;
  /** A RUNNING job whose heartbeat is older than this was interrupted. */
  staleMs: number;
  retryDelaysMs: number[];
  /** Defaults to a third of staleMs, at most 5 s. */
  heartbeatMs?: number;
  /** How often the queue is polled for jobs queued by other servers (1 s). */
  pollMs?: number;
  /** SQLite: one process owns the database, so every RUNNING job found at start is an orphan. */
  singleProcess: boolean;
}

const UNIQUE = /unique|duplicate/i;
/** How far ahead `idle` looks for queued jobs (retries a few hundred milliseconds off in tests; minutes in production). */
const IDLE_HORIZON_MS = 2_000;
/** The last transaction in line on each SQLite data source (every engine on it takes turns). */
const sqliteTurns = new WeakMap<DataSource, Promise<unknown>>();
/** What to do once each open `JobEngine.transaction` commits (announce the jobs queued in it). */
const onCommit = new WeakMap<EntityManager, (() => Promise<void>)[]>();

/** One job engine per server process. */
export class JobEngine {
  readonly instanceId = randomUUID();
  private readonly kinds = new Map<string, JobKind>();
  private readonly running = new Map<string, { work: Promise<void>; abort: AbortController }>();
  private readonly leaseIds = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  private again = false;
  private started = false;
  private stopped = false;
  private readonly heartbeatMs: number;

  constructor(private readonly db: DataSource, private readonly options: JobEngineOptions) {
    this.heartbeatMs = options.heartbeatMs ?? Math.max(20, Math.min(5000, Math.floor(options.staleMs / 3)));
  }

  /** Adds a kind of job this engine runs. */
  register(kind: JobKind): void {
    this.kinds.set(kind.name, kind);
  }

  /** Recovers interrupted jobs, then claims work: at once, whenever a job ends or is queued here, and every second. */
  async start(): Promise<void> {
    this.started = true;
    await this.recover(this.options.singleProcess);
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.kick();
  }

  /** Stops claiming and waits for the jobs running here. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // Leases run until told: a writer ends at its next safe point and another server's engine claims it again.
    for (const id of this.leaseIds) this.running.get(id)?.abort.abort(new JobAborted('cancel'));
    await Promise.allSettled([...this.running.values()].map((r) => r.work));
  }

  /**
   * Waits until no job of this engine's kinds is queued and due within IDLE_HORIZON_MS, and none runs here (tests);
   * leases, which run as long as their work lasts, are not waited for. A retry queued a moment later is work about to
   * happen: returning before it let a test see a run QUEUED whose retry then ran during the next test.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.started && !this.stopped) await this.pump();
      if (!this.slotsUsed() && !this.pumping) {
        const due = this.started ? await this.dueQuery(false, IDLE_HORIZON_MS).getCount() : 0;
        if (!due && !this.slotsUsed() && !this.pumping) return;
      }
      const work = [...this.running.entries()].filter(([id]) => !this.leaseIds.has(id)).map(([, r]) => r.work);
      await Promise.race([...work, new Promise((r) => setTimeout(r, 25))]);
    }
  }

  /**
   * Queues a job; null when one of this kind and key is already queued or running. With `tx` (a transaction opened
   * by `transaction`), the job is written in it and commits or rolls back with the caller's own writes (an alert's
   * state and its deliveries); it is announced (`after` 'queued', a claim) once that transaction has committed.
   */
  async enqueue(kindName: string, key: string, payload: JobPayload, options: { attempt?: number; notBefore?: Date | null; id?: string; tx?: EntityManager } = {}): Promise<JobEntity | null> {
    const kind = this.kind(kindName);
    const job = newJob(kindName, key, payload, { status: 'QUEUED', attempt: options.attempt ?? 1, notBefore: options.notBefore ?? null, id: options.id });
    const write = async (tx: EntityManager) => {
      await tx.getRepository(JobEntity).insert(job);
      await kind.mirror?.(tx, job);
    };
    const commits = options.tx ? onCommit.get(options.tx) : null;
    if (commits === undefined) throw new Error('enqueue({ tx }) needs a transaction opened by JobEngine.transaction');
    try {
      // In the caller's transaction, a savepoint: a refused insert (PostgreSQL aborts the whole transaction on an
      // error) leaves the caller's writes usable.
      await (options.tx ? options.tx.transaction(write) : this.transaction(write));
    } catch (error) {
      if (UNIQUE.test(String((error as Error).message))) return null;
      throw error;
    }
    const announce = async () => {
      await this.after(kind, job, 'queued');
      this.kick();
    };
    if (commits) commits.push(announce);
    else await announce();
    return job;
  }

  /** Records a job that will not run (e.g. a scheduled run of a blocked import), with the reason, as CANCELLED. */
  async skip(kindName: string, key: string, payload: JobPayload, reason: string): Promise<JobEntity> {
    const kind = this.kind(kindName);
    const now = new Date();
    const job = newJob(kindName, key, payload, { status: 'CANCELLED', attempt: 1, notBefore: null });
    Object.assign(job, { error: `Skipped: ${reason}`, finishedAt: now });
    await this.transaction(async (tx) => {
      await tx.getRepository(JobEntity).insert(job);
      await kind.mirror?.(tx, job);
    });
    await this.after(kind, job, 'ended');
    return job;
  }

  /**
   * Cancels a job: a queued one ends CANCELLED now; a running one is asked to stop (its owner sees the request on its
   * next heartbeat, at once when it runs here) and ends CANCELLED when it does. 'final' when it had already ended.
   */
  async cancel(jobId: string, reason = 'Cancelled by a user'): Promise<'cancelled' | 'requested' | 'final' | null> {
    const repo = this.db.getRepository(JobEntity);
    for (;;) {
      const job = await repo.findOneBy({ id: jobId });
      if (!job) return null;
      if (job.status === 'QUEUED') {
        const kind = this.kind(job.kind);
        Object.assign(job, { status: 'CANCELLED', error: reason, finishedAt: new Date() });
        const won = await this.transaction(async (tx) => {
          const result = await tx.getRepository(JobEntity).update({ id: job.id, status: 'QUEUED' }, { status: 'CANCELLED', error: reason, finishedAt: job.finishedAt });
          if (!result.affected) return false;
          await kind.mirror?.(tx, job);
          return true;
        });
        if (!won) continue; // it started meanwhile: cancel it as a running job
        await this.after(kind, job, 'ended');
        return 'cancelled';
      }
      if (job.status !== 'RUNNING') return 'final';
      const result = await repo.update({ id: job.id, status: 'RUNNING' }, { cancelRequested: 1, error: reason });
      if (!result.affected) continue;
      // Not awaited: the caller may be part of the job itself (a reaction to what the job did).
      this.running.get(job.id)?.abort.abort(new JobAborted('cancel'));
      return 'requested';
    }
  }

  /** Resolves when the job, if it runs on this engine, has ended. */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId)?.work;
  }

  /**
   * Runs a job of `kindName` for `key` inside the caller's own work and waits for it (an import run's pre-run schema
   * refresh): it takes over a queued one, or starts one; when another server runs one, it waits for that to end.
   * The job is heartbeated and recovered like any other; it is not retried (the caller's job is). Throws its error.
   * A job of the key that ends SUCCEEDED after this call began serves the caller as well as its own would: whether
   * it ended while being waited for, or in the moment between this caller's refused insert and its look (another
   * server claimed and finished the queued retry then), it is not run again.
   */
  async runInline(kindName: string, key: string, payload: JobPayload, signal?: AbortSignal): Promise<void> {
    const kind = this.kind(kindName);
    const repo = this.db.getRepository(JobEntity);
    const called = new Date();
    for (;;) {
      signal?.throwIfAborted();
      const now = new Date();
      const job = newJob(kindName, key, payload, { status: 'RUNNING', attempt: 1, notBefore: null });
      Object.assign(job, { owner: this.instanceId, startedAt: now, heartbeatAt: now });
      let mine: JobEntity | null = null;
      let other: JobEntity | null = null;
      try {
        await this.transaction(async (tx) => {
          await tx.getRepository(JobEntity).insert(job);
          await kind.mirror?.(tx, job);
        });
        mine = job;
      } catch (error) {
        if (!UNIQUE.test(String((error as Error).message))) throw error;
        other = await this.activeJob(kindName, key);
        if (other?.status === 'QUEUED' && (await this.claim(other))) [mine, other] = [other, null];
      }
      if (mine) {
        await this.after(kind, mine, 'started');
        const error = await this.execute(kind, mine, false);
        if (error) throw error;
        return;
      }
      // Another server holds it (a queued one this caller could not claim was claimed or cancelled meanwhile): wait
      // until it ends (its heartbeat, or recovery, ends it). None left: it ended before the look.
      let status = other?.status ?? null;
      while (other && (status === 'QUEUED' || status === 'RUNNING')) {
        signal?.throwIfAborted();
        await new Promise((r) => setTimeout(r, Math.min(200, this.heartbeatMs)));
        status = (await repo.findOneBy({ id: other.id }))?.status ?? 'FAILED';
      }
      if (status === 'SUCCEEDED') return;
      // Failed, interrupted or gone: this caller does it (or claims its queued retry), unless the newest job of the
      // key already ended SUCCEEDED since the call began.
      const newest = await this.latest(kindName, key);
      if (newest?.status === 'SUCCEEDED' && newest.finishedAt && newest.finishedAt >= called) return;
    }
  }

  /** The queued or running job of a kind and key (at most one), if any. */
  protected async activeJob(kindName: string, key: string): Promise<JobEntity | null> {
    return this.db.getRepository(JobEntity).findOneBy({ kind: kindName, key, status: In(['QUEUED', 'RUNNING']) });
  }

  /**
   * A statement ending this job SUCCEEDED, for a handler to put in the same transaction as the work it publishes
   * (`DataStore.transaction`): it changes one row only while the job is still this engine's and not cancelled,
   * otherwise the whole transaction rolls back.
   */
  endStatement(job: JobEntity, at: Date): { sql: string; params: unknown[]; expectChanges: number } {
    return {
      sql: `UPDATE "job" SET "status" = 'SUCCEEDED', "error" = NULL, "finishedAt" = ? WHERE "id" = ? AND "status" = 'RUNNING' AND "owner" = ? AND "cancelRequested" = 0`,
      params: [at.toISOString(), job.id, this.instanceId],
      expectChanges: 1,
    };
  }

  /** Claims a schedule slot ("import X, day D"); true for exactly one caller across servers. */
  async claimSlot(name: string, slot: string): Promise<boolean> {
    try {
      await this.db.getRepository(JobSlotEntity).insert({ name, slot, firedAt: new Date() });
      return true;
    } catch (error) {
      if (UNIQUE.test(String((error as Error).message))) return false;
      throw error;
    }
  }

  /** The newest job of a kind and key (the active one when there is one). */
  async latest(kindName: string, key: string): Promise<JobEntity | null> {
    return this.db.getRepository(JobEntity).findOne({ where: { kind: kindName, key }, order: { createdAt: 'DESC' } });
  }

  /** Whether a failed job's retry is queued or running (its failure is not final yet). */
  async retryPending(jobId: string): Promise<boolean> {
    const repo = this.db.getRepository(JobEntity);
    const job = await repo.findOneBy({ id: jobId });
    if (!job) return false;
    const next = await repo.findOneBy({ kind: job.kind, key: job.key, attempt: job.attempt + 1, status: In(['QUEUED', 'RUNNING']) });
    return Boolean(next);
  }

  /** Marks RUNNING jobs whose heartbeat went stale FAILED (interrupted) and retries each once. */
  async recover(all: boolean): Promise<void> {
    const kinds = [...this.kinds.keys()];
    if (!kinds.length) return;
    const qb = this.db.getRepository(JobEntity).createQueryBuilder('j').where('j.status = :running', { running: 'RUNNING' }).andWhere('j.kind IN (:...kinds)', { kinds });
    if (!all) {
      qb.andWhere('(j.heartbeatAt IS NULL OR j.heartbeatAt < :cutoff)', { cutoff: new Date(Date.now() - this.options.staleMs).toISOString() });
      qb.andWhere('(j.owner IS NULL OR j.owner <> :me)', { me: this.instanceId });
    }
    for (const job of await qb.getMany()) {
      const kind = this.kind(job.kind);
      const before = { heartbeatAt: job.heartbeatAt, owner: job.owner };
      const retry = this.retryOf(job, 0);
      const message = `${kind.interruptedMessage ?? 'Interrupted: the server stopped during the job'}${retry ? `; ${retry.note}` : ''}`;
      Object.assign(job, { status: 'FAILED', error: message, finishedAt: new Date() });
      // The compare-and-set on the stale heartbeat makes one recovery pass, on one server, win each interruption.
      const won = await this.transaction(async (tx) => {
        const result = await tx.getRepository(JobEntity).update(
          { id: job.id, status: 'RUNNING', owner: before.owner ?? IsNull(), heartbeatAt: before.heartbeatAt ?? IsNull() },
          { status: 'FAILED', error: message, finishedAt: job.finishedAt },
        );
        if (!result.affected) return false;
        await kind.mirror?.(tx, job);
        if (retry) {
          await tx.getRepository(JobEntity).insert(retry.job);
          await kind.mirror?.(tx, retry.job);
        }
        return true;
      });
      if (!won) continue;
      log.warn('job interrupted', { jobId: job.id, kind: job.kind, key: job.key, retried: Boolean(retry) });
      await this.after(kind, job, 'ended');
      if (retry) await this.after(kind, retry.job, 'queued');
    }
  }

  /** Claims due jobs up to the concurrency limit and runs them; runs again if asked while busy. */
  async pump(): Promise<void> {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        if (!this.options.singleProcess) await this.recover(false);
        while (this.slotsUsed() < this.options.concurrency && !this.stopped) {
          const candidates = await this.dueQuery(false).orderBy('j.createdAt', 'ASC').limit(this.options.concurrency * 2).getMany();
          let claimed: JobEntity | null = null;
          for (const candidate of candidates) {
            if (this.running.has(candidate.id)) continue;
            if (await this.claim(candidate)) {
              claimed = candidate;
              break;
            }
          }
          if (!claimed) break;
          this.launch(claimed);
        }
        // Leases take no slot: each due one is claimed now (the unique (kind, key) keeps one per destination).
        if (this.leaseKinds().length && !this.stopped) {
          for (const candidate of await this.dueQuery(true).orderBy('j.createdAt', 'ASC').limit(100).getMany()) {
            if (!this.running.has(candidate.id) && (await this.claim(candidate))) this.launch(candidate);
          }
        }
      } while (this.again && !this.stopped);
    } catch (error) {
      log.error('job queue failed', { error: String(error) });
    } finally {
      this.pumping = false;
    }
  }

  private kick(): void {
    if (this.started && !this.stopped) void this.pump();
  }

  /** Jobs due (within `withinMs` from now) of every kind, of slot kinds only (false) or of lease kinds only (true). */
  private dueQuery(lease?: boolean, withinMs = 0) {
    const kinds = [...this.kinds.values()].filter((k) => lease === undefined || Boolean(k.lease) === lease).map((k) => k.name);
    return this.db
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where('j.status = :queued', { queued: 'QUEUED' })
      .andWhere('(j.notBefore IS NULL OR j.notBefore <= :now)', { now: new Date(Date.now() + withinMs).toISOString() })
      .andWhere('j.kind IN (:...kinds)', { kinds: [...kinds, ''] /* never empty: IN () is invalid */ });
  }

  private leaseKinds(): string[] {
    return [...this.kinds.values()].filter((k) => k.lease).map((k) => k.name);
  }

  /** Running jobs that hold a concurrency slot (leases do not). */
  private slotsUsed(): number {
    let n = 0;
    for (const id of this.running.keys()) if (!this.leaseIds.has(id)) n++;
    return n;
  }

  /** QUEUED → RUNNING for this engine, by compare-and-set; false when another engine took it first. */
  private async claim(job: JobEntity): Promise<boolean> {
    const kind = this.kind(job.kind);
    const now = new Date();
    const won = await this.transaction(async (tx) => {
      const result = await tx.getRepository(JobEntity).update({ id: job.id, status: 'QUEUED' }, { status: 'RUNNING', owner: this.instanceId, startedAt: now, heartbeatAt: now });
      if (!result.affected) return false;
      Object.assign(job, { status: 'RUNNING', owner: this.instanceId, startedAt: now, heartbeatAt: now });
      await kind.mirror?.(tx, job);
      return true;
    });
    return won;
  }

  private launch(job: JobEntity): void {
    const kind = this.kind(job.kind);
    if (kind.lease) this.leaseIds.add(job.id);
    const abort = new AbortController();
    const work = (async () => {
      await this.after(kind, job, 'started');
      await this.execute(kind, job, true, abort);
    })()
      .catch((error) => log.error('job crashed', { jobId: job.id, error: String((error as Error)?.stack ?? error) }))
      .finally(() => {
        this.running.delete(job.id);
        this.leaseIds.delete(job.id);
        void releaseFreeMemory(); // what the job freed inside malloc's arenas goes back to the system (memory.ts)
        this.kick(); // the freed slot takes the next job now, not at the next poll
      });
    this.running.set(job.id, { work, abort });
  }

  /** Runs a claimed job to its end; returns the error it failed with (never throws). */
  private async execute(kind: JobKind, job: JobEntity, retries: boolean, abort = new AbortController()): Promise<unknown> {
    const beat = setInterval(() => void this.heartbeat(job, abort), this.heartbeatMs);
    let failure: unknown = null;
    try {
      const outcome = await kind.run(job, abort.signal);
      if (outcome === 'ended') {
        Object.assign(job, { status: 'SUCCEEDED', error: null, finishedAt: new Date() });
        await this.after(kind, job, 'ended');
      } else await this.end(kind, job, 'SUCCEEDED', null, null);
    } catch (error) {
      failure = error;
      // The handler's own error wins over a cancel that arrived while it was failing.
      const aborted = error instanceof JobAborted ? error : error instanceof GuardFailed ? await this.whyStale(job) : null;
      if (aborted?.why === 'lost') log.warn('job lost: another server took it over', { jobId: job.id, kind: job.kind });
      else if (aborted?.why === 'cancel') await this.end(kind, job, 'CANCELLED', await this.cancelReason(job), null);
      else if (error instanceof JobCancelled) await this.end(kind, job, 'CANCELLED', error.message, null);
      else {
        const retry = retries && kind.retryable(error) ? this.retryOf(job, 1) : null;
        const message = kind.describe(error);
        await this.end(kind, job, 'FAILED', retry ? `${message}; ${retry.note}` : message, retry?.job ?? null);
        if (retry) log.info('job will be retried', { jobId: job.id, kind: job.kind, attempt: retry.job.attempt });
      }
    } finally {
      clearInterval(beat);
    }
    return failure;
  }

  /** The reason given with the cancel request (kept in the job's error until it ends). */
  private async cancelReason(job: JobEntity): Promise<string> {
    const row = await this.db.getRepository(JobEntity).findOneBy({ id: job.id }).catch(() => null);
    return row?.error ?? 'Cancelled by a user';
  }

  /** Why the handler's guarded end changed nothing: cancelled, or no longer ours. */
  private async whyStale(job: JobEntity): Promise<JobAborted> {
    const row = await this.db.getRepository(JobEntity).findOneBy({ id: job.id });
    return new JobAborted(row?.status === 'RUNNING' && row.owner === this.instanceId && row.cancelRequested ? 'cancel' : 'lost');
  }

  /** The end: compare-and-set on (RUNNING, owner = me), the kind's record and any retry in one transaction. */
  private async end(kind: JobKind, job: JobEntity, status: JobEnd, error: string | null, retry: JobEntity | null): Promise<boolean> {
    const finishedAt = new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        const won = await this.transaction(async (tx) => {
          const result = await tx.getRepository(JobEntity).update({ id: job.id, status: 'RUNNING', owner: this.instanceId }, { status, error, finishedAt });
          if (!result.affected) return false;
          Object.assign(job, { status, error, finishedAt });
          await kind.mirror?.(tx, job);
          if (retry) {
            await tx.getRepository(JobEntity).insert(retry);
            await kind.mirror?.(tx, retry);
          }
          return true;
        });
        if (!won) {
          log.warn('job ended elsewhere; its final status stays', { jobId: job.id, wanted: status });
          return false;
        }
        await this.after(kind, job, 'ended');
        if (retry) await this.after(kind, retry, 'queued');
        return true;
      } catch (failure) {
        // A database that dropped a connection usually answers again on the next one; after that, recovery ends it.
        log.error('could not record the end of a job', { jobId: job.id, status, attempt, error: String(failure) });
        if (attempt >= 3) return false;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  /** The retry a failure (or an interruption) earns, with the words that say so; null once attempts run out. */
  private retryOf(job: JobEntity, delayIndexShift: 0 | 1): { job: JobEntity; note: string } | null {
    const delays = this.kind(job.kind).retryDelaysMs ?? this.options.retryDelaysMs;
    const total = delays.length + 1;
    if (job.attempt >= total) return null;
    // A failure waits; an interrupted job (its server stopped) is retried now.
    const delay = delayIndexShift ? delays[job.attempt - 1]! : 0;
    const jitter = delay ? Math.round(delay * 0.1 * Math.random()) : 0;
    const retry = newJob(job.kind, job.key, job.payload, { status: 'QUEUED', attempt: job.attempt + 1, notBefore: delay ? new Date(Date.now() + delay + jitter) : null });
    const when = delay ? `retrying in ${humanDelay(delay)}` : 'retrying now';
    return { job: retry, note: `${when}, attempt ${job.attempt + 1} of ${total}` };
  }

  private async heartbeat(job: JobEntity, abort: AbortController): Promise<void> {
    if (abort.signal.aborted) return;
    try {
      const repo = this.db.getRepository(JobEntity);
      const now = new Date();
      const result = await repo.update({ id: job.id, status: 'RUNNING', owner: this.instanceId }, { heartbeatAt: now });
      if (!result.affected) {
        abort.abort(new JobAborted('lost'));
        return;
      }
      job.heartbeatAt = now;
      const row = await repo.findOne({ where: { id: job.id }, select: { id: true, cancelRequested: true } });
      if (row?.cancelRequested) abort.abort(new JobAborted('cancel'));
    } catch (error) {
      log.warn('job heartbeat failed', { jobId: job.id, error: String(error) });
    }
  }

  private async after(kind: JobKind, job: JobEntity, change: JobChange): Promise<void> {
    try {
      await kind.after?.(job, change);
    } catch (error) {
      log.error('job hook failed', { jobId: job.id, kind: job.kind, change, error: String(error) });
    }
  }

  private kind(name: string): JobKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no job kind "${name}" is registered`);
    return kind;
  }

  /**
   * One transaction of the caller's writes and the jobs it queues (`enqueue(…, { tx })`): all commit, or none. Every
   * write in it goes through `tx`. Jobs queued in it are announced after the commit. SQLite has one connection:
   * TypeORM transactions on it must not interleave, so they take turns (every engine's on that data source).
   */
  async transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    const commits: (() => Promise<void>)[] = [];
    const work = async (tx: EntityManager) => {
      onCommit.set(tx, commits);
      try {
        return await fn(tx);
      } finally {
        onCommit.delete(tx);
      }
    };
    const result = await this.inTurn(work);
    for (const announce of commits) await announce();
    return result;
  }

  private inTurn<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!this.options.singleProcess) return this.db.transaction(fn);
    const connection = (this.db.driver as unknown as { databaseConnection?: { inTransaction: boolean } }).databaseConnection;
    const run = (sqliteTurns.get(this.db) ?? Promise.resolve()).then(async () => {
      // Another service's transaction may be open on the shared connection: BEGIN would fail inside it.
      while (connection?.inTransaction) await new Promise((r) => setImmediate(r));
      return this.db.transaction(fn);
    });
    sqliteTurns.set(this.db, run.catch(() => undefined));
    return run;
  }
}



function newJob(kind: string, key: string, payload: JobPayload, fields: { status: JobStatus; attempt: number; notBefore: Date | null; id?: string }): JobEntity {
  return Object.assign(new JobEntity(), {
    id: fields.id ?? randomUUID(), kind, key, payload, status: fields.status, attempt: fields.attempt, notBefore: fields.notBefore,
    heartbeatAt: null, owner: null, error: null, cancelRequested: 0, createdAt: new Date(), startedAt: null, finishedAt: null,
  });
}

/** "50 ms", "30 s", "5 min", "2 h". */
export function humanDelay(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
