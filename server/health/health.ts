/**
 * Readiness: named checks (database, migrations, event bus, job engine, …) that `GET /readyz` runs for load
 * balancers and Kubernetes probes. A check answers true (ready) or false, or throws `NotReady` with a reason safe to
 * show anyone: `/readyz` is unauthenticated, so any other error is reported generically and its detail only logged.
 */
import type { DataSource } from 'typeorm';
import type { EventBus } from '../events/bus.js';
import { log } from '../log.js';
import { readWorkerStarts } from '../pipeline/parallel-read.js';

/** A readiness check: true when ready; false or a thrown `NotReady` when not. */
export type HealthCheck = () => boolean | Promise<boolean>;

/** Thrown by a check: its message is shown in `/readyz`, so it must carry no secret, path or stack. */
export class NotReady extends Error {}

export interface Readiness {
  ok: boolean;
  failed: { check: string; reason: string }[];
}

/** How long one check may take: a probe must answer even when the database hangs. */
const CHECK_TIMEOUT_MS = 3000;

/** The registry of readiness checks; `report()` runs them all at once. */
export class Health {
  private readonly checks = new Map<string, { check: HealthCheck; reason: string }>();
  private lastFailed = '';

  /** Adds (or replaces) a check; `reason` is shown when it answers false. Returns a function that removes it. */
  register(name: string, check: HealthCheck, reason = `${name} is not ready`): () => void {
    const entry = { check, reason };
    this.checks.set(name, entry);
    return () => {
      if (this.checks.get(name) === entry) this.checks.delete(name);
    };
  }

  /** A check backed by a flag the boot sequence sets (e.g. 'jobs' once the job engine has started). */
  flag(name: string, reason: string): { set(ready: boolean): void } {
    let ready = false;
    this.register(name, () => ready, reason);
    return { set: (value) => void (ready = value) };
  }

  /** Runs every check in parallel, each bounded by a timeout. */
  async report(): Promise<Readiness> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, { check, reason }]) => {
        const failure = await run(name, check, reason);
        return failure ? { check: name, reason: failure } : null;
      }),
    );
    const failed = results.filter((r): r is { check: string; reason: string } => r !== null);
    // Probes come every few seconds: log when the answer changes, not on every probe.
    const signature = JSON.stringify(failed);
    if (signature !== this.lastFailed) {
      if (failed.length) log.warn('not ready', { failed });
      else if (this.lastFailed) log.info('ready again');
      this.lastFailed = failed.length ? signature : '';
    }
    return { ok: failed.length === 0, failed };
  }
}

async function run(name: string, check: HealthCheck, reason: string): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotReady(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
    });
    return (await Promise.race([Promise.resolve().then(check), timeout])) ? null : reason;
  } catch (error) {
    if (error instanceof NotReady) return error.message;
    log.warn('readiness check failed', { check: name, error: (error as Error)?.message });
    return 'the check failed (details in the server log)';
  } finally {
    clearTimeout(timer);
  }
}

/** The database answers a query and accepts a write (a one-row upsert in `health_probe`). */
export function databaseCheck(db: DataSource): HealthCheck {
  const param = db.options.type === 'postgres' ? '$1' : '?';
  return async () => {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      log.warn('readiness: the database did not answer', { error: (error as Error).message });
      throw new NotReady('the database does not answer queries');
    }
    try {
      // A committed write, not a read-only probe: a read-only file, a full disk, a read-only replica or a
      // default_transaction_read_only database all fail here.
      await db.query(`INSERT INTO health_probe (id, "checkedAt") VALUES (1, ${param}) ON CONFLICT (id) DO UPDATE SET "checkedAt" = excluded."checkedAt"`, [new Date().toISOString()]);
    } catch (error) {
      log.warn('readiness: the database refused a write', { error: (error as Error).message });
      throw new NotReady('the database does not accept writes');
    }
    return true;
  };
}

/** Every migration this build knows has been applied (a database restored from an old backup has not). */
export function migrationsCheck(db: DataSource): HealthCheck {
  return async () => {
    if (await db.showMigrations()) throw new NotReady('migrations are pending: restart a server to apply them');
    return true;
  };
}

/** The event bus is connected: while it reconnects, this server's subscribers hear nothing. */
export function busCheck(bus: EventBus): HealthCheck {
  return () => {
    const state = bus.state ?? 'connected';
    if (state === 'connected') return true;
    throw new NotReady(`the event bus is ${state === 'closed' ? 'closed' : 'reconnecting to PostgreSQL'}`);
  };
}

/** The read worker (pipeline/read-worker.ts) starts: without it imports read on the main thread, slower and heavier. */
export function readWorkerCheck(starts: () => Promise<boolean> = readWorkerStarts): HealthCheck {
  return async () => {
    if (await starts()) return true;
    throw new NotReady('the read worker cannot start: imports would read on the main thread (details in the server log)');
  };
}
