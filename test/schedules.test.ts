/**
 * Issue 18 item 6: finer schedules — `hourly@MM`, `every@Nh` and 5-field cron besides `daily@HH:MM` and `manual`,
 * all in UTC. The next run times across UTC day, month and year boundaries; invalid schedules refused naming
 * `schedule`; and through the scheduler on the real database (SQLite, and PostgreSQL with TEST_DATABASE_URL): each
 * slot fires once across two servers, slots missed while down fire once at start-up (not once per missed slot), and
 * a restart does not fire a slot again. Two service sets on one database stand for two servers, as in jobs.test.ts.
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
import { ImportEntity, ImportRunEntity } from '../server/imports/import.entity.js';
import { nextRunAfter, nextRuns, parseSchedule, slotKey } from '../server/imports/schedule.js';
import { createServices, type Services } from '../server/services.js';
import { startInlet, testDatabase } from './helpers/inlet.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const next3 = (schedule: string, after: string) => nextRuns(schedule, new Date(after), 3).map((d) => d.toISOString());

describe('next run times (UTC)', () => {
  it('hourly@MM: the same hour when the minute is still ahead, across a day and a year boundary', () => {
    expect(next3('hourly@15', '2030-12-31T22:10:00Z')).toEqual(['2030-12-31T22:15:00.000Z', '2030-12-31T23:15:00.000Z', '2031-01-01T00:15:00.000Z']);
    // Exactly at the slot: the next one (strictly after).
    expect(iso(nextRunAfter('hourly@15', new Date('2030-06-01T10:15:00Z')))).toBe('2030-06-01T11:15:00.000Z');
    expect(iso(nextRunAfter('hourly@00', new Date('2030-06-01T10:59:59.999Z')))).toBe('2030-06-01T11:00:00.000Z');
  });

  it('every@Nh: aligned to UTC midnight, across days and months', () => {
    expect(next3('every@6h', '2030-01-31T19:30:00Z')).toEqual(['2030-02-01T00:00:00.000Z', '2030-02-01T06:00:00.000Z', '2030-02-01T12:00:00.000Z']);
    expect(next3('every@8h', '2030-03-10T08:00:00Z')).toEqual(['2030-03-10T16:00:00.000Z', '2030-03-11T00:00:00.000Z', '2030-03-11T08:00:00.000Z']);
    expect(next3('every@12h', '2028-02-28T23:00:00Z')).toEqual(['2028-02-29T00:00:00.000Z', '2028-02-29T12:00:00.000Z', '2028-03-01T00:00:00.000Z']);
    for (const n of [2, 3, 4]) expect(nextRuns(`every@${n}h`, new Date('2030-01-01T00:00:00Z'), 24 / n).at(-1)!.toISOString()).toBe('2030-01-02T00:00:00.000Z');
  });

  it('cron: steps, ranges, lists, weekdays (0 and 7 are Sunday), either-day rule, 29 February', () => {
    expect(next3('*/20 * * * *', '2030-12-31T23:45:00Z')).toEqual(['2031-01-01T00:00:00.000Z', '2031-01-01T00:20:00.000Z', '2031-01-01T00:40:00.000Z']);
    // 2030-06-07 is a Friday: weekdays 9:30 go on to Monday.
    expect(next3('30 9 * * 1-5', '2030-06-07T10:00:00Z')).toEqual(['2030-06-10T09:30:00.000Z', '2030-06-11T09:30:00.000Z', '2030-06-12T09:30:00.000Z']);
    expect(next3('0 0 * * 7', '2030-06-07T10:00:00Z')).toEqual(['2030-06-09T00:00:00.000Z', '2030-06-16T00:00:00.000Z', '2030-06-23T00:00:00.000Z']);
    expect(next3('0 0 * * 0', '2030-06-07T10:00:00Z')).toEqual(next3('0 0 * * 7', '2030-06-07T10:00:00Z'));
    // Day of month 1 OR Monday (both restricted): 1 July (a Monday), then Mondays 8 and 15 July.
    expect(next3('0 12 1 * 1', '2030-06-25T00:00:00Z')).toEqual(['2030-07-01T12:00:00.000Z', '2030-07-08T12:00:00.000Z', '2030-07-15T12:00:00.000Z']);
    expect(next3('5,35 8-9 1,15 * *', '2030-01-15T09:10:00Z')).toEqual(['2030-01-15T09:35:00.000Z', '2030-02-01T08:05:00.000Z', '2030-02-01T08:35:00.000Z']);
    expect(next3('0 6 29 2 *', '2030-01-01T00:00:00Z')).toEqual(['2032-02-29T06:00:00.000Z', '2036-02-29T06:00:00.000Z', '2040-02-29T06:00:00.000Z']);
    // Never matches (31 April): no run time.
    expect(nextRunAfter('0 0 31 4 *', new Date('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it('daily and manual are as before', () => {
    expect(next3('daily@06:30', '2030-12-31T07:00:00Z')).toEqual(['2031-01-01T06:30:00.000Z', '2031-01-02T06:30:00.000Z', '2031-01-03T06:30:00.000Z']);
    expect(nextRunAfter('manual', new Date())).toBeNull();
  });

  it('refuses what is not a schedule', () => {
    for (const bad of ['hourly', 'hourly@60', 'hourly@5', 'every@5h', 'every@24h', 'every@1h', 'daily@24:00', '* * * *', '* * * * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 8', '5-1 * * * *', '*/0 * * * *', 'a * * * *', '']) {
      expect(parseSchedule(bad), bad).toBeNull();
    }
    for (const good of ['hourly@00', 'hourly@59', 'every@2h', 'every@12h', '0 0 * * *', '*/5 1-3,22 */2 1-12/3 0-7']) expect(parseSchedule(good), good).not.toBeNull();
  });

  it('slots: a UTC day for daily, an hour for hourly, a minute otherwise', () => {
    const due = new Date('2030-05-06T07:15:00Z');
    expect(slotKey('daily@07:15', due)).toBe('2030-05-06');
    expect(slotKey('hourly@15', due)).toBe('2030-05-06T07');
    expect(slotKey('every@3h', due)).toBe('2030-05-06T07:15');
    expect(slotKey('15 7 * * *', due)).toBe('2030-05-06T07:15');
  });
});

describe('through the API', () => {
  it('shows the next three run times of a schedule, and refuses an invalid one naming `schedule`', async () => {
    const inlet = await startInlet();
    try {
      const { scheduleNextRuns } = await inlet.ok(`{ scheduleNextRuns(schedule: "every@4h") }`);
      expect(scheduleNextRuns).toHaveLength(3);
      const times = scheduleNextRuns.map((t: string) => Date.parse(t));
      expect(times[0]).toBeGreaterThan(Date.now());
      expect(times[1] - times[0]).toBe(4 * 3600_000);
      expect(new Date(times[0]).getUTCHours() % 4).toBe(0);
      const bad = await inlet.gql(`{ scheduleNextRuns(schedule: "every@5h") }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schedule' });
      expect(bad.errors?.[0]?.message).toMatch(/hourly@MM/);
    } finally {
      await inlet.close();
    }
  });
});

describe('the scheduler on the database', () => {
  let dataDir: string;
  let schema: string;
  let config: Config;
  let dbA: DataSource;
  let dbB: DataSource;
  let a: Services;
  let b: Services;
  let n = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-schedules-'));
    schema = `t_${randomBytes(6).toString('hex')}`;
    config = loadConfig({
      DATA_DIR: dataDir, LOG_LEVEL: 'silent', INLET_SCHEDULER: 'false',
      ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
    });
    dbA = await openDatabase(config);
    dbB = testDatabase === 'postgres' ? await openDatabase(config) : dbA;
    // Two servers' services; their job engines are not started, so runs stay QUEUED.
    a = createServices(dbA, new LocalBus(), config);
    b = createServices(dbB, new LocalBus(), config);
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

  async function seedImport(schedule: string, nextRunAt: Date): Promise<ImportEntity> {
    const now = new Date();
    const connection = Object.assign(new ConnectionEntity(), {
      id: randomUUID(), workspaceId: 'w', name: `c${++n}`, platform: 'S3', status: 'ACTIVE', statusReason: null, settings: {}, sealedCredentials: 'x', credentialsHint: null, validationSeq: 1, createdAt: now, updatedAt: now,
    });
    await dbA.getRepository(ConnectionEntity).save(connection);
    const imp = Object.assign(new ImportEntity(), {
      id: randomUUID(), workspaceId: 'w', connectionId: connection.id, name: `i${n}`, table: 't', type: 'USER_PROFILE', columns: ['a'], userIdColumn: 'u', timestampColumn: null, identifierColumn: null,
      identifierType: null, groupIdColumn: null, isDeletedColumn: null, status: 'ACTIVE', statusReason: null, schedule, nextRunAt, rejectThreshold: 0.1, stored: [], acceptedSchema: [],
      dataTable: `data_${randomUUID().replace(/-/g, '')}`, watermark: null, createdAt: now, updatedAt: now,
    });
    await dbA.getRepository(ImportEntity).save(imp);
    return imp;
  }

  const runsOf = (importId: string) => dbA.getRepository(ImportRunEntity).find({ where: { importId }, order: { queuedAt: 'ASC' } });
  const nextOf = async (id: string) => iso((await dbA.getRepository(ImportEntity).findOneByOrFail({ id })).nextRunAt);
  /** The run ends, so an active run is not what refuses the next one: only the slot can. */
  const finish = async (id: string) => {
    for (const run of await runsOf(id)) if (run.status === 'QUEUED') await a.jobs.cancel(run.id);
  };

  it('two schedulers fire an hourly slot once, and the next hour once more', async () => {
    const imp = await seedImport('hourly@15', new Date('2030-03-01T23:15:00Z'));
    const at = new Date('2030-03-01T23:16:00Z');
    await Promise.all([a.scheduler.tick(at), b.scheduler.tick(at)]);
    expect((await runsOf(imp.id)).map((r) => [r.status, r.trigger])).toEqual([['QUEUED', 'SCHEDULE']]);
    expect(await nextOf(imp.id)).toBe('2030-03-02T00:15:00.000Z');
    await finish(imp.id);
    // Across midnight UTC: the 00:15 slot is a new one.
    const later = new Date('2030-03-02T00:15:30Z');
    await Promise.all([a.scheduler.tick(later), b.scheduler.tick(later)]);
    expect((await runsOf(imp.id)).map((r) => r.status)).toEqual(['CANCELLED', 'QUEUED']);
    expect(await nextOf(imp.id)).toBe('2030-03-02T01:15:00.000Z');
  });

  it('every@Nh and cron slots fire once each across two servers', async () => {
    const every = await seedImport('every@3h', new Date('2030-03-05T21:00:00Z'));
    const cron = await seedImport('*/30 * * * *', new Date('2030-03-05T21:00:00Z'));
    for (const at of ['2030-03-05T21:00:00Z', '2030-03-05T21:00:40Z']) await Promise.all([a.scheduler.tick(new Date(at)), b.scheduler.tick(new Date(at))]);
    expect((await runsOf(every.id)).length).toBe(1);
    expect((await runsOf(cron.id)).length).toBe(1);
    expect(await nextOf(every.id)).toBe('2030-03-06T00:00:00.000Z');
    expect(await nextOf(cron.id)).toBe('2030-03-05T21:30:00.000Z');
    await finish(cron.id);
    await Promise.all([a.scheduler.tick(new Date('2030-03-05T21:30:05Z')), b.scheduler.tick(new Date('2030-03-05T21:30:05Z'))]);
    expect((await runsOf(cron.id)).length).toBe(2);
  });

  it('slots missed while every server was down fire once at start-up, and a restart fires nothing again', async () => {
    // Due at 10:15; the servers were down until 15:40 (five hourly slots missed).
    const imp = await seedImport('hourly@15', new Date('2030-04-01T10:15:00Z'));
    const up = new Date('2030-04-01T15:40:00Z');
    await Promise.all([a.scheduler.tick(up), b.scheduler.tick(up)]);
    expect((await runsOf(imp.id)).map((r) => r.trigger)).toEqual(['SCHEDULE']);
    expect(await nextOf(imp.id)).toBe('2030-04-01T16:15:00.000Z');
    await finish(imp.id);
    // A restart (a new server's services on the same database) a minute later: nothing is due, nothing fires.
    const restarted = createServices(dbA, new LocalBus(), config);
    await restarted.scheduler.tick(new Date('2030-04-01T15:41:00Z'));
    expect((await runsOf(imp.id)).length).toBe(1);
    // Even when a restart finds the old due time again (a stale row read before the move), the slot refuses it.
    await dbA.getRepository(ImportEntity).update({ id: imp.id }, { nextRunAt: new Date('2030-04-01T10:15:00Z') });
    await restarted.scheduler.tick(new Date('2030-04-01T15:42:00Z'));
    expect((await runsOf(imp.id)).length).toBe(1);
    // The next hour's slot runs.
    await restarted.scheduler.tick(new Date('2030-04-01T16:15:10Z'));
    expect((await runsOf(imp.id)).length).toBe(2);
  });

  it('refuses an invalid schedule on update, naming it, and changes nothing', async () => {
    const imp = await seedImport('daily@06:00', new Date('2030-05-01T06:00:00Z'));
    const principal = { keyId: 'k', workspaceId: 'w', isAdmin: true, scope: 'ADMIN' } as never;
    for (const bad of ['every@5h', '61 * * * *', 'hourly@7']) {
      await expect(a.imports.update(principal, imp.id, { schedule: bad })).rejects.toMatchObject({ kind: 'input', field: 'input.schedule' });
    }
    expect((await dbA.getRepository(ImportEntity).findOneByOrFail({ id: imp.id })).schedule).toBe('daily@06:00');
    const updated = await a.imports.update(principal, imp.id, { schedule: '0 */4 * * *' });
    expect(updated.schedule).toBe('0 */4 * * *');
    expect(updated.nextRunAt!.getUTCMinutes()).toBe(0);
    expect(updated.nextRunAt!.getUTCHours() % 4).toBe(0);
  });
});
