/**
 * The job engine and the scheduler's slots at the service level: real SQLite or PostgreSQL (the postgres vitest
 * project runs this file again), no HTTP. Two engines on one database stand for two servers; on PostgreSQL each has
 * its own DataSource (connection pool), as two processes would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../server/config.js';
import { ConnectionEntity } from '../server/connections/connection.entity.js';
import { openDatabase } from '../server/db/data-source.js';
import { LocalBus } from '../server/events/bus.js';
import { createDataStore } from '../server/storage/data-store.js';
import { IMPORT_TYPES } from '../server/imports/import-types.js';
import { ImportEntity, ImportRunEntity } from '../server/imports/import.entity.js';
import { nextRunAfter } from '../server/imports/schedule.js';
import { JobEngine, type JobKind } from '../server/jobs/engine.js';
import { JobEntity } from '../server/jobs/job.entity.js';
import { createServices, type Services } from '../server/services.js';
import { eventually, testDatabase } from './helpers/inlet.js';

let dataDir: string;
let schema: string;
let config: Config;
let dbA: DataSource;
let dbB: DataSource;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-jobs-'));
  schema = `t_${randomBytes(6).toString('hex')}`;
  config = loadConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', INLET_SCHEDULER: 'false',
    ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
  });
  dbA = await openDatabase(config);
  // SQLite: one process owns the file, so both "servers" share its one connection; PostgreSQL: two pools.
  dbB = testDatabase === 'postgres' ? await openDatabase(config) : dbA;
});

afterAll(async () => {
  if (dbB !== dbA) await dbB?.destroy();
  await dbA?.destroy();
  if (testDatabase === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const singleProcess = () => testDatabase === 'sqlite';

function engine(db: DataSource, options: Partial<ConstructorParameters<typeof JobEngine>[1]> = {}): JobEngine {
  return new JobEngine(db, { concurrency: 4, staleMs: 30_000, retryDelaysMs: [10, 20, 30], singleProcess: singleProcess(), ...options });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A kind whose jobs record who ran them and wait for `gate` (null: return at once). */
function recordingKind(name: string, ran: { engine: string; jobId: string }[], engineId: () => string, gate: Promise<void> | null = null): JobKind {
  return {
    name,
    async run(job) {
      ran.push({ engine: engineId(), jobId: job.id });
      if (gate) await gate;
    },
    retryable: () => false,
    describe: (error) => String((error as Error).message),
  };
}

/** An engine whose runInline, each time its insert was refused, first runs the next of `looks` (what another server does in that moment), then looks for the job holding the key. */
class LookingEngine extends JobEngine {
  readonly looks: (() => Promise<void>)[] = [];
  protected override async activeJob(kindName: string, key: string): Promise<JobEntity | null> {
    await this.looks.shift()?.();
    return super.activeJob(kindName, key);
  }
}

async function jobsOf(kind: string): Promise<JobEntity[]> {
  return dbA.getRepository(JobEntity).find({ where: { kind }, order: { createdAt: 'ASC' } });
}

describe('claims', () => {
  it('two engines claiming the same queue at once: each job runs exactly once', async () => {
    const kind = `claim-${randomUUID()}`;
    const ran: { engine: string; jobId: string }[] = [];
    const a = engine(dbA);
    const b = engine(dbB);
    a.register(recordingKind(kind, ran, () => a.instanceId));
    b.register(recordingKind(kind, ran, () => b.instanceId));
    for (let i = 0; i < 12; i++) expect(await a.enqueue(kind, `k${i}`, {})).not.toBeNull();
    // Both pump together, many times over, before either has finished a job.
    await Promise.all([a.pump(), b.pump(), a.pump(), b.pump()]);
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.stop(), b.stop()]);
    const ids = ran.map((r) => r.jobId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await jobsOf(kind)).map((j) => j.status)).toEqual(Array(12).fill('SUCCEEDED'));
  });

  it('one active job per kind and key: a second enqueue while one is queued is refused', async () => {
    const kind = `one-${randomUUID()}`;
    const a = engine(dbA);
    const b = engine(dbB);
    a.register(recordingKind(kind, [], () => a.instanceId));
    b.register(recordingKind(kind, [], () => b.instanceId));
    const [first, second] = await Promise.all([a.enqueue(kind, 'same', {}), b.enqueue(kind, 'same', {})]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
  });

  it('the next job is claimed as soon as one ends, within the concurrency limit', async () => {
    const kind = `conc-${randomUUID()}`;
    const gates = [deferred(), deferred(), deferred()];
    const started: string[] = [];
    const a = engine(dbA, { concurrency: 2, pollMs: 3_600_000 });
    a.register({
      name: kind,
      async run(job) {
        started.push(String(job.payload.n));
        await gates[Number(job.payload.n)]!.promise;
      },
      retryable: () => false,
      describe: String,
    });
    for (let n = 0; n < 3; n++) await a.enqueue(kind, `k${n}`, { n });
    await a.start();
    await eventually(async () => started.length === 2, 10_000, 'two jobs to start');
    expect(started).toEqual(['0', '1']);
    gates[0]!.resolve();
    // No poll involved (it is an hour away): only the freed slot can start the third job.
    await eventually(async () => started.length === 3, 10_000, 'the third job to start');
    gates[1]!.resolve();
    gates[2]!.resolve();
    await a.idle();
    await a.stop();
  });
});

describe('heartbeats and recovery', () => {
  it('a job whose heartbeat stops is marked interrupted and retried exactly once, and its late end changes nothing', async () => {
    const kind = `hb-${randomUUID()}`;
    const ran: { engine: string; jobId: string }[] = [];
    const hang = deferred();
    // A: a server that stopped writing heartbeats (heartbeatMs far away), whose job hangs until we let it end late.
    // It polls no more (a hung server): its poll claiming the retry first would hang that one too (CI saw attempt 3).
    const a = engine(dbA, { heartbeatMs: 3_600_000, pollMs: 3_600_000 });
    const b = engine(dbB, { staleMs: 50 });
    const c = engine(dbB, { staleMs: 50 });
    a.register(recordingKind(kind, ran, () => a.instanceId, hang.promise));
    b.register(recordingKind(kind, ran, () => b.instanceId));
    c.register(recordingKind(kind, ran, () => c.instanceId));
    const job = (await a.enqueue(kind, 'k', { n: 1 }))!;
    await a.start();
    await eventually(async () => ran.length === 1, 10_000, 'A to start the job');
    // Recovery passes from two servers, several times: one interruption, one retry.
    await eventually(async () => {
      await Promise.all([b.recover(false), c.recover(false), b.recover(false)]);
      return (await dbA.getRepository(JobEntity).findOneBy({ id: job.id }))?.status === 'FAILED';
    }, 10_000, 'the stale job to be recovered');
    await Promise.all([b.recover(false), c.recover(false)]);
    let jobs = await jobsOf(kind);
    expect(jobs.map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1], ['QUEUED', 2]]);
    expect(jobs[0]!.error).toMatch(/^Interrupted: .*; retrying now, attempt 2 of 4$/);

    await b.start();
    await b.idle();
    // A's job ends after all: its compare-and-set on (RUNNING, owner A) finds nothing; FAILED stays FAILED.
    hang.resolve();
    await a.idle();
    jobs = await jobsOf(kind);
    expect(jobs.map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1], ['SUCCEEDED', 2]]);
    expect(ran.map((r) => r.engine)).toEqual([a.instanceId, b.instanceId]);
    await Promise.all([a.stop(), b.stop(), c.stop()]);
  });

  it('a refresh held by a dead server is recovered, and the run waiting for it goes on and ends once', async () => {
    const refresh = `refresh-${randomUUID()}`;
    const run = `run-${randomUUID()}`;
    const hang = deferred();
    const waiting = deferred();
    let refreshes = 0;
    const dead = engine(dbA, { heartbeatMs: 3_600_000 });
    // The live server's engine does nothing on its own (no start, no poll): the test pumps it at each step.
    const live = new LookingEngine(dbB, { concurrency: 4, staleMs: 30_000, retryDelaysMs: [10], heartbeatMs: 50, singleProcess: singleProcess() });
    dead.register({ name: refresh, run: () => hang.promise, retryable: () => false, describe: String });
    live.register({ name: refresh, async run() { refreshes++; }, retryable: () => false, describe: String });
    live.register({ name: run, async run(job, signal) { await live.runInline(refresh, 'conn', {}, signal); }, retryable: () => false, describe: String });
    // The dead server took the refresh (a run's pre-run refresh) and stopped.
    const deadWork = dead.runInline(refresh, 'conn', {});
    await eventually(async () => (await jobsOf(refresh)).some((j) => j.status === 'RUNNING'), 10_000, 'the refresh to be held');
    const [held] = await jobsOf(refresh);
    live.looks.push(
      // 1st look (its insert refused by the dead server's refresh): it waits for that one to end.
      async () => waiting.resolve(),
      // 2nd look (its insert refused by the retry recovery queued): in that moment the live server's queue claims the
      // retry and runs it to the end (CI on PostgreSQL saw the caller then insert and run a third refresh).
      async () => {
        await live.pump();
        const retry = (await jobsOf(refresh)).find((j) => j.attempt === 2)!;
        await live.settled(retry.id);
        expect((await jobsOf(refresh)).map((j) => j.status)).toEqual(['FAILED', 'SUCCEEDED']);
      },
    );
    const job = (await live.enqueue(run, 'imp', {}))!;
    await live.pump();
    await waiting.promise;
    // The dead server's heartbeat is long past: recovery marks its refresh interrupted and queues the retry.
    await dbA.getRepository(JobEntity).update({ id: held!.id }, { heartbeatAt: new Date(Date.now() - 3_600_000) });
    await live.recover(false);
    await live.settled(job.id);
    expect(live.looks).toEqual([]);
    hang.resolve();
    await deadWork;
    const refreshJobs = await jobsOf(refresh);
    expect(refreshJobs.map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1], ['SUCCEEDED', 2]]);
    expect(refreshJobs[0]!.error).toMatch(/^Interrupted/);
    expect(refreshes).toBe(1);
    expect((await jobsOf(run)).map((j) => [j.status, j.attempt])).toEqual([['SUCCEEDED', 1]]);
    await live.stop();
  });

  it('a live job keeps its claim: heartbeats cover the whole job, a job it runs inline included', async () => {
    const outer = `outer-${randomUUID()}`;
    const inner = `inner-${randomUUID()}`;
    // 50 heartbeats to a stale limit: at 10 (200 ms), a busy machine (load 13 on 2 cores) once held a heartbeat back
    // past it and recovery rightly took the job.
    const staleMs = 1000;
    const a = engine(dbA, { staleMs, heartbeatMs: 20 });
    const b = engine(dbB, { staleMs });
    let innerStarted = false;
    const release = deferred();
    a.register({ name: inner, async run() { innerStarted = true; await release.promise; }, retryable: () => false, describe: String });
    a.register({ name: outer, async run(job, signal) { await a.runInline(inner, job.key, {}, signal); }, retryable: () => false, describe: String });
    b.register({ name: inner, run: async () => undefined, retryable: () => false, describe: String });
    b.register({ name: outer, run: async () => undefined, retryable: () => false, describe: String });
    const job = (await a.enqueue(outer, 'k', {}))!;
    await a.start();
    await eventually(async () => innerStarted, 10_000, 'the inline job to start');
    const startedAt = Date.now();
    // Well past the stale limit (measured on the rows' own heartbeats), recovery finds nothing stale.
    await eventually(async () => {
      await b.recover(false);
      const rows = await dbA.getRepository(JobEntity).find({ where: [{ kind: outer }, { kind: inner }] });
      expect(rows.map((r) => r.status)).toEqual(['RUNNING', 'RUNNING']);
      return Date.now() - startedAt > staleMs * 3 && rows.every((r) => r.heartbeatAt!.getTime() - r.startedAt!.getTime() > staleMs * 2);
    }, 20_000, 'heartbeats past the stale limit');
    release.resolve();
    await a.idle();
    expect((await dbA.getRepository(JobEntity).findOneBy({ id: job.id }))!.status).toBe('SUCCEEDED');
    expect((await jobsOf(inner)).map((j) => j.status)).toEqual(['SUCCEEDED']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a failure that may be retried says when, and stops after the last attempt', async () => {
    const kind = `retry-${randomUUID()}`;
    const a = engine(dbA, { retryDelaysMs: [10, 20] });
    a.register({ name: kind, run: async () => { throw new Error('source down'); }, retryable: () => true, describe: (e) => (e as Error).message });
    await a.enqueue(kind, 'k', {});
    await a.start();
    await eventually(async () => (await jobsOf(kind)).filter((j) => j.status === 'FAILED').length === 3, 10_000, 'three attempts');
    await a.idle();
    const jobs = await jobsOf(kind);
    expect(jobs.map((j) => [j.status, j.attempt, j.error])).toEqual([
      ['FAILED', 1, 'source down; retrying in 10 ms, attempt 2 of 3'],
      ['FAILED', 2, 'source down; retrying in 20 ms, attempt 3 of 3'],
      ['FAILED', 3, 'source down'],
    ]);
    await a.stop();
  });
});

describe('idle', () => {
  it('waits for a retry due a moment later: the job is seen retried, not QUEUED', async () => {
    const kind = `soon-${randomUUID()}`;
    let calls = 0;
    const a = engine(dbA, { retryDelaysMs: [300] });
    a.register({ name: kind, async run() { if (++calls === 1) throw new Error('source down'); }, retryable: () => true, describe: (e) => (e as Error).message });
    await a.enqueue(kind, 'k', {});
    await a.start();
    await a.idle();
    expect((await jobsOf(kind)).map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1], ['SUCCEEDED', 2]]);
    await a.stop();
  });
});

describe('cancel', () => {
  it('a queued job is cancelled at once; a running one on another server stops at its next heartbeat', async () => {
    const kind = `cancel-${randomUUID()}`;
    const a = engine(dbA, { heartbeatMs: 20 });
    const b = engine(dbB);
    let started = false;
    a.register({ name: kind, async run(_job, signal) { started = true; await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))); }, retryable: () => false, describe: String });
    b.register({ name: kind, run: async () => undefined, retryable: () => false, describe: String });
    const queued = (await b.enqueue(kind, 'queued', {}, { notBefore: new Date(Date.now() + 3_600_000) }))!;
    expect(await b.cancel(queued.id)).toBe('cancelled');
    expect((await dbA.getRepository(JobEntity).findOneBy({ id: queued.id }))!.status).toBe('CANCELLED');

    const running = (await a.enqueue(kind, 'running', {}))!;
    await a.start();
    await eventually(async () => started, 10_000, 'the job to start');
    // B does not run it: A sees the request on its heartbeat.
    expect(await b.cancel(running.id)).toBe('requested');
    await eventually(async () => (await dbA.getRepository(JobEntity).findOneBy({ id: running.id }))!.status === 'CANCELLED', 10_000, 'the job to stop');
    expect(await b.cancel(running.id)).toBe('final');
    await Promise.all([a.stop(), b.stop()]);
  });
});

describe('publishing', () => {
  it('a publish that fails on its second statement leaves the earlier data whole', async () => {
    const store = createDataStore(dbA);
    const id = randomUUID().replace(/-/g, '');
    const imp = { id, type: 'USER_PROFILE', dataTable: `data_${id}`, userIdColumn: 'user_id', stored: [{ name: 'user_id', type: 'STRING' as const, column: 'c0' }, { name: 'n', type: 'INTEGER' as const, column: 'c1' }] } as ImportEntity;
    const stage = `stage_${id}`;
    await store.createTable(imp.dataTable, imp.stored, ['c0']);
    const key = IMPORT_TYPES.USER_PROFILE.stageKey(imp);
    await store.createStage(stage, imp.stored, key);
    await store.transaction([{ sql: `INSERT INTO "${imp.dataTable}" ("c0", "c1") VALUES ('old', 1)` }]);
    await store.insertColumns(stage, imp.stored, { length: 1, firstRow: 1, rejects: [], bytesRead: 0, columns: [{ kind: 'str', values: ['new'] }, { kind: 'num', values: Float64Array.of(2), nulls: null }] }, null, key);
    await store.endStage(stage, true);
    // The profile publish drops the old table, then renames the new snapshot in: made to fail right after the drop.
    const statements = IMPORT_TYPES.USER_PROFILE.publish(store, imp, stage, false, 1);
    const drop = statements.findIndex((s) => s.sql === `DROP TABLE IF EXISTS "${imp.dataTable}"`) + 1;
    expect(drop).toBeGreaterThan(0);
    await expect(store.transaction([...statements.slice(0, drop), { sql: `INSERT INTO "${stage}_missing" ("c0") VALUES ('x')` }, ...statements.slice(drop)])).rejects.toThrow();
    expect(await store.select(imp.dataTable, imp.stored, 10)).toEqual([['old', 1]]);
    expect(await store.tableExists(stage)).toBe(true);
    // A guarded end that changes no row (the job is no longer ours) rolls the publish back too.
    await expect(store.transaction([...statements, { sql: `UPDATE "job" SET "status" = 'SUCCEEDED' WHERE "id" = ?`, params: ['no-such-job'], expectChanges: 1 }])).rejects.toThrow(/guarded/);
    expect(await store.select(imp.dataTable, imp.stored, 10)).toEqual([['old', 1]]);
    await store.dropTable(imp.dataTable);
    await store.dropTable(stage);
  });
});

describe('scheduler', () => {
  let a: Services;
  let b: Services;
  let n = 0;

  beforeAll(() => {
    // Two servers' services on one database; their job engines are not started, so runs stay QUEUED.
    a = createServices(dbA, new LocalBus(), config);
    b = createServices(dbB, new LocalBus(), config);
  });

  /** An import (and its ACTIVE connection) written straight into the tables: the scheduler needs nothing else. */
  async function seedImport(status: ImportEntity['status'], schedule: string, nextRunAt: Date): Promise<ImportEntity> {
    const now = new Date();
    const connection = Object.assign(new ConnectionEntity(), {
      id: randomUUID(), workspaceId: 'w', name: `c${++n}`, platform: 'S3', status: 'ACTIVE', statusReason: null, settings: {}, sealedCredentials: 'x', credentialsHint: null, validationSeq: 1, createdAt: now, updatedAt: now,
    });
    await dbA.getRepository(ConnectionEntity).save(connection);
    const id = randomUUID();
    const imp = Object.assign(new ImportEntity(), {
      id, workspaceId: 'w', connectionId: connection.id, name: `i${n}`, table: 't', type: 'USER_PROFILE', columns: ['a'], userIdColumn: 'u', timestampColumn: null, identifierColumn: null, identifierType: null,
      groupIdColumn: null, isDeletedColumn: null, status, statusReason: status === 'BLOCKED' ? 'a schema change' : null, schedule, nextRunAt, rejectThreshold: 0.1, stored: [], acceptedSchema: [],
      dataTable: `data_${id.replace(/-/g, '')}`, watermark: null, createdAt: now, updatedAt: now,
    });
    await dbA.getRepository(ImportEntity).save(imp);
    return imp;
  }

  const runsOf = (importId: string) => dbA.getRepository(ImportRunEntity).find({ where: { importId }, order: { queuedAt: 'ASC' } });

  it('two schedulers ticking at once fire a slot once (a skipped day is recorded once too)', async () => {
    const due = new Date('2030-03-01T06:00:00Z');
    const active = await seedImport('ACTIVE', 'daily@06:00', due);
    const blocked = await seedImport('BLOCKED', 'daily@06:00', due);
    const at = new Date(due.getTime() + 60_000);
    await Promise.all([a.scheduler.tick(at), b.scheduler.tick(at)]);
    expect((await runsOf(active.id)).map((r) => [r.status, r.trigger])).toEqual([['QUEUED', 'SCHEDULE']]);
    // A skip is not an active run, so only the slot keeps two servers from recording it twice.
    expect((await runsOf(blocked.id)).map((r) => [r.status, r.error])).toEqual([['CANCELLED', 'Skipped: a schema change']]);
    const after = await dbA.getRepository(ImportEntity).findOneByOrFail({ id: active.id });
    expect(after.nextRunAt!.toISOString()).toBe('2030-03-02T06:00:00.000Z');
  });

  it('a schedule moved later on a day that already ran gives no second run that day', async () => {
    const due = new Date('2030-04-01T06:00:00Z');
    const imp = await seedImport('ACTIVE', 'daily@06:00', due);
    await a.scheduler.tick(new Date('2030-04-01T06:01:00Z'));
    const [first] = await runsOf(imp.id);
    expect(first!.status).toBe('QUEUED');
    // That run ends (so an active run cannot be what refuses a second one).
    await a.jobs.cancel(first!.id);
    // At 07:00 the schedule moves to 09:00: the next run time is today 09:00, as updateImport computes it.
    const moved = nextRunAfter('daily@09:00', new Date('2030-04-01T07:00:00Z'))!;
    expect(moved.toISOString()).toBe('2030-04-01T09:00:00.000Z');
    await dbA.getRepository(ImportEntity).update({ id: imp.id }, { schedule: 'daily@09:00', nextRunAt: moved });
    await Promise.all([a.scheduler.tick(new Date('2030-04-01T09:01:00Z')), b.scheduler.tick(new Date('2030-04-01T09:01:00Z'))]);
    expect((await runsOf(imp.id)).map((r) => r.status)).toEqual(['CANCELLED']);
    expect((await dbA.getRepository(ImportEntity).findOneByOrFail({ id: imp.id })).nextRunAt!.toISOString()).toBe('2030-04-02T09:00:00.000Z');
    // The next day runs.
    await b.scheduler.tick(new Date('2030-04-02T09:01:00Z'));
    expect((await runsOf(imp.id)).map((r) => r.status)).toEqual(['CANCELLED', 'QUEUED']);
  });
});
