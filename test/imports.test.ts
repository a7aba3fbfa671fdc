import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportEntity } from '../server/imports/import.entity.js';
import { duck, type Duck } from './helpers/duckdb.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { CREATE_CONNECTION, s3Input, settled, flattenPages } from './helpers/fixtures.js';
import { eventually, startInlet, subscribeReady, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;
let lake: string; // Parquet, partitioned
let files: string; // CSV, not partitioned

const IMPORT_FIELDS = `id name status type table columns userIdColumn timestampColumn schedule nextRunAt rowCount storedColumns { name type }`;
const RUN_FIELDS = `id importId status trigger attempt filesTotal filesDone rowsRead rowsImported rowsRejected bytesRead error startedAt finishedAt rejects { file row reason }`;
const CREATE_IMPORT = `mutation($input: CreateImportInput!) { createImport(input: $input) { ${IMPORT_FIELDS} } }`;
const RUN_IMPORT = `mutation($id: ID!) { runImport(id: $id) { ${RUN_FIELDS} } }`;

const BIG_GROUP = `SELECT 'u' || (i % 5000) AS user_id, TIMESTAMP '2025-01-01 00:00:00' + to_seconds(i) AS ts, i * 3 AS amount,
  CASE WHEN i % 10 = 0 THEN NULL ELSE i / 8.0 END AS score, 'label ' || (i % 700) AS label FROM range(100000) t(i)`;

async function connect(overrides: Record<string, unknown>, name: string): Promise<string> {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'warehouse', ...overrides }), name } });
  const connection = await settled(inlet, createConnection.id);
  expect(connection.status, connection.statusReason).toBe('ACTIVE');
  return createConnection.id;
}

async function createImport(input: Record<string, unknown>) {
  return (await inlet.ok(CREATE_IMPORT, { input: { name: `imp ${Math.random()}`, schedule: 'manual', ...input } })).createImport;
}

/** Runs an import now and waits for its final state through the subscription. */
async function runAndWait(importId: string) {
  const sub = await subscribeReady(inlet, `subscription($id: ID) { importRunUpdated(importId: $id) { ${RUN_FIELDS} } }`, { id: importId });
  const { runImport } = await inlet.ok(RUN_IMPORT, { id: importId });
  const events = await sub.until((e) => e.some((x: any) => x.importRunUpdated.id === runImport.id && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(x.importRunUpdated.status)));
  sub.unsubscribe();
  const mine = events.map((e: any) => e.importRunUpdated).filter((r: any) => r.id === runImport.id);
  const final = (await inlet.ok(`query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id: runImport.id })).importRun;
  return { run: final, events: mine };
}

/** The rows of the repeats table's files, in file order, each with its place in the whole read (`ord`). */
const REPEATS = [
  `SELECT CASE WHEN i IN (3, 4) THEN 'u-twice' ELSE 'r' || (i % 12000) END AS user_id, 'tier' || (i % 7) AS tier, i AS points, i AS ord FROM range(25000) t(i)`,
  `SELECT CASE WHEN i % 10 = 9 THEN 'new' || (i % 1000) ELSE 'r' || (i % 2000) END AS user_id, 'late' || (i % 5) AS tier, 100000 + i AS points, 25000 + i AS ord FROM range(3000) t(i)`,
];

/**
 * The keyed table's files, in file order (`points` numbers the rows in that order): 1,500 users in three groups each
 * (every pair about four times), cursors that tie, a user id missing every 997th row (rejected), and a second file
 * with 100 new users in 300 groups.
 */
const KEYED = [
  `SELECT CASE WHEN i % 997 = 5 THEN NULL ELSE 'r' || (i % 1500) END AS user_id, 'g' || ((i // 1500) % 3) AS grp,
    TIMESTAMP '2025-01-01' + to_minutes((i * 7919) % 5000) AS "at", i AS points FROM range(20000) t(i)`,
  `SELECT CASE WHEN i % 10 = 9 THEN 'new' || (i // 10 % 100) ELSE 'r' || (i % 1500) END AS user_id, 'g' || (i % 3) AS grp,
    TIMESTAMP '2025-01-01' + to_minutes((i * 31) % 5000) AS "at", 20000 + i AS points FROM range(3000) t(i)`,
];

async function importState(id: string, limit = 5000) {
  return (await inlet.ok(`query($id: ID!, $n: Int) { import(id: $id) { ${IMPORT_FIELDS} status preview(limit: $n) } }`, { id, n: limit })).import;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-imports-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('warehouse');
  // Parquet (ZSTD), Hive-partitioned by date: 600 events of 50 users over 3 days.
  await db.run(`CREATE TABLE ev AS SELECT 'u' || (i % 50) AS user_id, i::INTEGER AS amount, 'label ' || i AS label,
    TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (i) MINUTE AS ts, i / 10.0 AS score, DATE '2025-01-01' + (i % 3)::INTEGER AS date FROM range(600) t(i)`);
  await db.run(`COPY ev TO '${work}/events' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (date))`);
  lake = 'lake/';
  await s3.uploadDir('warehouse', `${lake}events/`, `${work}/events`);
  // CSV tables, not partitioned.
  files = 'files/';
  mkdirSync(`${work}/csv/profiles`, { recursive: true });
  mkdirSync(`${work}/csv/identity`, { recursive: true });
  mkdirSync(`${work}/csv/groups`, { recursive: true });
  mkdirSync(`${work}/csv/repeats`, { recursive: true });
  await db.run(`COPY (SELECT 'u' || i AS user_id, 'tier' || (i % 3) AS tier, i * 2 AS points FROM range(300) t(i)) TO '${work}/csv/profiles/part-0.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  await db.run(`COPY (SELECT 'u' || (i % 40) AS user_id, 'sha' || i AS email_sha256, TIMESTAMP '2025-02-01' + INTERVAL (i) HOUR AS seen_at FROM range(100) t(i)) TO '${work}/csv/identity/part-0.csv' (FORMAT csv, HEADER)`);
  writeFileSync(
    `${work}/csv/groups/part-0.csv`,
    ['user_id,household_id,cursor,is_deleted', 'u1,h1,2025-01-01 00:00:00,false', 'u2,h1,2025-01-01 00:00:00,false', 'u3,h2,2025-01-01 00:00:00,false', 'u2,h1,2025-01-02 00:00:00,true', 'u3,h2,2024-12-01 00:00:00,true', ''].join('\n'),
  );
  // Two files read in key order. The first, 25,000 rows for 12,000 users: most users appear in two or three batches of
  // 10,000 rows, and u-twice twice in a row. The second, 3,000 rows: 2,000 users of the first file (1,000 of them twice
  // more) and 100 new ones, three times each.
  for (const [file, sql] of REPEATS.entries()) await db.run(`COPY (SELECT user_id, tier, points FROM (${sql})) TO '${work}/csv/repeats/part-${file}.csv' (FORMAT csv, HEADER)`);
  mkdirSync(`${work}/csv/keyed`, { recursive: true });
  for (const [file, sql] of KEYED.entries()) await db.run(`COPY (${sql}) TO '${work}/csv/keyed/part-${file}.csv' (FORMAT csv, HEADER)`);
  await s3.uploadDir('warehouse', files, `${work}/csv`);
  // One Parquet row group of 100,000 rows (DuckDB writes each column chunk as one page), read in 64 KiB ranged reads.
  mkdirSync(`${work}/big/events`, { recursive: true });
  await db.run(`COPY (${BIG_GROUP}) TO '${work}/big/events/part-0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)`);
  await s3.uploadDir('warehouse', 'big/', `${work}/big`);
  inlet = await startInlet({ INLET_PARQUET_READ_BYTES: String(64 * 1024) });
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe('USER_ACTIVITY from Hive-partitioned ZSTD Parquet', () => {
  let connectionId: string;
  let importId: string;
  let importName: string;

  it('imports every row with counts and sums equal to DuckDB’s, streaming run progress', async () => {
    connectionId = await connect({ schemaPrefix: lake, dataFormat: 'PARQUET', partitioning: 'ALL_TABLES' }, 'lake');
    const imp = await createImport({ connectionId, table: 'events', type: 'USER_ACTIVITY', columns: ['amount', 'label', 'score', 'date'], userIdColumn: 'user_id', timestampColumn: 'ts' });
    importId = imp.id;
    importName = imp.name;
    expect(imp.storedColumns).toEqual([
      { name: 'user_id', type: 'STRING' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'amount', type: 'INTEGER' },
      { name: 'label', type: 'STRING' }, { name: 'score', type: 'FLOAT' }, { name: 'date', type: 'DATE' },
    ]);
    const { run, events } = await runAndWait(importId);
    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(events[0].status === 'QUEUED' || events[0].status === 'RUNNING').toBe(true);
    expect(events.map((e: any) => e.status)).toContain('RUNNING');
    expect(events.at(-1).status).toBe('SUCCEEDED');
    expect(run).toMatchObject({ filesTotal: 3, filesDone: 3, rowsRead: 600, rowsImported: 600, rowsRejected: 0, trigger: 'MANUAL', attempt: 1 });
    expect(run.bytesRead).toBeGreaterThan(0);
    const [expected] = await db.all<{ n: bigint; s: bigint; f: number }>(`SELECT count(*) AS n, sum(amount) AS s, sum(score) AS f FROM ev`);
    const state = await importState(importId);
    expect(state.rowCount).toBe(Number(expected!.n));
    expect(state.preview.reduce((a: number, r: any) => a + r.amount, 0)).toBe(Number(expected!.s));
    expect(state.preview.reduce((a: number, r: any) => a + r.score, 0)).toBeCloseTo(expected!.f, 6);
    expect(new Set(state.preview.map((r: any) => r.date))).toEqual(new Set(['2025-01-01', '2025-01-02', '2025-01-03']));
    const first = state.preview.find((r: any) => r.amount === 61);
    expect(first).toMatchObject({ user_id: 'u11', label: 'label 61', date: '2025-01-02' });
    expect(new Date(first.ts).toISOString()).toBe('2025-01-01T01:01:00.000Z');
  });

  it('imports nothing twice, and picks up a late file once', async () => {
    const again = await runAndWait(importId);
    expect(again.run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 0, rowsImported: 0 });
    expect((await importState(importId, 1)).rowCount).toBe(600);

    await db.run(`COPY (SELECT 'late' AS user_id, 7::INTEGER AS amount, 'late' AS label, TIMESTAMP '2025-01-05 00:00:00' AS ts, 0.5 AS score) TO '${work}/late.parquet' (FORMAT parquet, COMPRESSION zstd)`);
    await s3.put('warehouse', `${lake}events/date=2025-01-02/zz-late.parquet`, readFileSync(`${work}/late.parquet`));
    const late = await runAndWait(importId);
    expect(late.run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 1, rowsImported: 1 });
    const third = await runAndWait(importId);
    expect(third.run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 0, rowsImported: 0 });
    const state = await importState(importId);
    expect(state.rowCount).toBe(601);
    expect(state.preview.filter((r: any) => r.user_id === 'late')).toEqual([expect.objectContaining({ amount: 7, date: '2025-01-02' })]);
  });

  it('refuses a second run while one is active, and deleting a connection its imports use', async () => {
    const refused = await inlet.gql(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: connectionId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toBe(`Connection "lake" is used by 1 import(s): ${importName}. Delete those imports first.`);

    // The source answers nothing until released: the first run stays queued, then running, for certain.
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const held = await connect({ schemaPrefix: lake, dataFormat: 'PARQUET', partitioning: 'ALL_TABLES', endpoint: proxy.endpoint }, 'held');
      const imp = await createImport({ connectionId: held, table: 'events', type: 'USER_ACTIVITY', columns: ['amount'], userIdColumn: 'user_id', timestampColumn: 'ts', name: 'held events' });
      proxy.hold();
      const first = (await inlet.ok(RUN_IMPORT, { id: imp.id })).runImport;
      expect(first.status).toBe('QUEUED');
      const whileQueued = await inlet.gql(RUN_IMPORT, { id: imp.id });
      await proxy.whenHeld();
      const whileRunning = await inlet.gql(RUN_IMPORT, { id: imp.id });
      for (const second of [whileQueued, whileRunning]) {
        expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        expect(second.errors?.[0]?.message).toBe('Import "held events" already has a run queued or running');
      }
      proxy.release();
      await inlet.idle();
      const { import: state } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount runs(first: 10) { edges { node { id status } } } } }`, { id: imp.id }));
      expect(state.runs).toEqual([{ id: first.id, status: 'SUCCEEDED' }]);
      expect(state.rowCount).toBe(601);
    } finally {
      proxy.release();
      await proxy.close();
    }
  });

  it('reads a file again when it is rewritten under the same key (a new ETag), and only that one', async () => {
    await db.run(`COPY (SELECT 'late' || i AS user_id, (70 + i)::INTEGER AS amount, 'rewritten' AS label, TIMESTAMP '2025-01-06 00:00:00' AS ts, 0.5 AS score FROM range(2) t(i)) TO '${work}/late2.parquet' (FORMAT parquet, COMPRESSION zstd)`);
    await s3.put('warehouse', `${lake}events/date=2025-01-02/zz-late.parquet`, readFileSync(`${work}/late2.parquet`));
    const { run } = await runAndWait(importId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 1, rowsImported: 2 });
    const state = await importState(importId);
    expect(state.rowCount).toBe(603);
    expect(state.preview.filter((r: any) => r.label === 'rewritten').map((r: any) => r.amount).sort()).toEqual([70, 71]);
  });
});

describe('a Parquet file of one big row group', () => {
  it('imports every row with counts and sums equal to DuckDB’s, its pages streamed in bounded ranged reads', async () => {
    const connectionId = await connect({ schemaPrefix: 'big/', dataFormat: 'PARQUET', partitioning: 'NO_TABLES' }, 'big');
    const imp = await createImport({ connectionId, table: 'events', type: 'USER_ACTIVITY', columns: ['amount', 'score', 'label'], userIdColumn: 'user_id', timestampColumn: 'ts' });
    const { run } = await runAndWait(imp.id);
    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run).toMatchObject({ rowsRead: 100_000, rowsImported: 100_000, rowsRejected: 0 });
    const [truth] = await db.all<{ n: bigint; s: bigint; f: number; nulls: bigint; users: bigint; labels: bigint; last: Date }>(
      `SELECT count(*) AS n, sum(amount) AS s, sum(score) AS f, count(*) - count(score) AS nulls, count(DISTINCT user_id) AS users,
        count(DISTINCT label) AS labels, max(ts) AS last FROM (${BIG_GROUP})`,
    );
    expect((await importState(imp.id, 1)).rowCount).toBe(Number(truth!.n));
    // Every row, straight from the data store (the API's preview stops at 1,000).
    const entity = await inlet.server.services.db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id });
    const names = entity.stored.map((c) => c.name);
    const at = (name: string) => names.indexOf(name);
    const rows = await inlet.server.services.store.select(entity.dataTable, entity.stored, 1_000_000);
    expect(rows).toHaveLength(100_000);
    expect(rows.reduce((sum: number, row) => sum + Number(row[at('amount')]), 0)).toBe(Number(truth!.s));
    expect(rows.reduce((sum: number, row) => sum + ((row[at('score')] as number | null) ?? 0), 0)).toBeCloseTo(truth!.f, 3);
    expect(rows.filter((row) => row[at('score')] === null)).toHaveLength(Number(truth!.nulls));
    expect(new Set(rows.map((row) => row[at('user_id')])).size).toBe(Number(truth!.users));
    expect(new Set(rows.map((row) => row[at('label')])).size).toBe(Number(truth!.labels));
    expect(rows.reduce((last: number, row) => Math.max(last, new Date(row[at('ts')] as string | Date).getTime()), 0)).toBe(new Date(truth!.last).getTime());
  });
});

describe('CSV imports', () => {
  let connectionId: string;
  beforeAll(async () => {
    connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES' }, 'files');
  });

  it('USER_PROFILE: each run replaces the snapshot; readers see the old or the new, never a mix', async () => {
    const imp = await createImport({ connectionId, table: 'profiles', type: 'USER_PROFILE', columns: ['tier', 'points'], userIdColumn: 'user_id' });
    const first = await runAndWait(imp.id);
    expect(first.run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 300 });
    expect((await importState(imp.id, 1)).rowCount).toBe(300);

    // A bigger snapshot: count while it is being written.
    const rows = Array.from({ length: 60_000 }, (_, i) => `n${i},gold,${i}`);
    await s3.put('warehouse', `${files}profiles/part-0.csv.gz`, gzipSync(['user_id,tier,points', ...rows, ''].join('\n')));
    const seen = new Set<number>();
    let done = false;
    const reader = (async () => {
      while (!done) seen.add((await importState(imp.id, 0)).rowCount);
    })();
    const second = await runAndWait(imp.id);
    done = true;
    await reader;
    expect(second.run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 60_000 });
    expect([...seen].every((n) => n === 300 || n === 60_000)).toBe(true);
    expect((await importState(imp.id, 1)).rowCount).toBe(60_000);
  });

  it('USER_PROFILE: a publish that fails on its second statement keeps the previous snapshot whole', async () => {
    const imp = await createImport({ connectionId, table: 'identity', type: 'USER_PROFILE', columns: ['email_sha256'], userIdColumn: 'user_id' });
    expect((await runAndWait(imp.id)).run.status).toBe('SUCCEEDED');
    const before = await importState(imp.id);
    expect(before.rowCount).toBe(40);
    // The failure is put before the publish's second statement, in whichever call of the store it arrives: a
    // publish split over several transactions would have committed the first (dropping the old snapshot).
    const store = inlet.server.services.store;
    const transaction = store.transaction;
    let publishStatements = 0;
    store.transaction = (statements) =>
      transaction.call(store, statements.flatMap((s) => (++publishStatements === 2 ? [{ sql: 'INSERT INTO t_no_such_table (c0) VALUES (1)' }, s] : [s])));
    try {
      expect((await runAndWait(imp.id)).run.status).toBe('FAILED');
    } finally {
      store.transaction = transaction;
    }
    expect(publishStatements).toBeGreaterThan(1);
    const after = await importState(imp.id);
    expect(after.rowCount).toBe(40);
    expect(after.preview).toEqual(before.preview);
    expect((await runAndWait(imp.id)).run.status).toBe('SUCCEEDED');
  });

  it('USER_PROFILE: a user in several rows keeps the last one, within a batch, across batches and across files', async () => {
    const imp = await createImport({ connectionId, table: 'repeats', type: 'USER_PROFILE', columns: ['tier', 'points'], userIdColumn: 'user_id' });
    expect((await runAndWait(imp.id)).run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 28_000 });
    const truth = await db.json<{ user_id: string; tier: string; points: number }>(
      `SELECT user_id, arg_max(tier, ord) AS tier, arg_max(points, ord)::INTEGER AS points FROM (${REPEATS.join(' UNION ALL ')}) GROUP BY user_id ORDER BY user_id`,
    );
    expect(truth.length).toBe(12_101);
    expect((await importState(imp.id, 1)).rowCount).toBe(truth.length);
    // Every row, straight from the data store (the API's preview stops at 1,000).
    const entity = await inlet.server.services.db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id });
    const stored = await inlet.server.services.store.select(entity.dataTable, entity.stored, 100_000);
    const rows = stored
      .map((row) => Object.fromEntries(entity.stored.map((column, i) => [column.name, row[i]])))
      .sort((a, b) => (String(a.user_id) < String(b.user_id) ? -1 : 1));
    expect(rows).toEqual(truth.map((t) => ({ ...t, points: Number(t.points) })));
  });

  it('keyed imports keep the same rows and counts through the keyed window, when it overflows, and without it', async () => {
    // The rows DuckDB keeps: the last read per user (profiles), the newest cursor per membership, ties to the last read.
    const all = `SELECT * FROM (${KEYED.join(' UNION ALL ')}) WHERE user_id IS NOT NULL`;
    const profiles = await db.json<{ user_id: string; points: number }>(`SELECT user_id, max(points)::INTEGER AS points FROM (${all}) GROUP BY user_id`);
    const groups = await db.json<{ user_id: string; grp: string; points: number }>(
      `SELECT user_id, grp, points::INTEGER AS points FROM (${all}) QUALIFY row_number() OVER (PARTITION BY user_id, grp ORDER BY "at" DESC, points DESC) = 1`,
    );
    const sorted = <T>(rows: T[]) => rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    sorted(profiles);
    sorted(groups);
    expect(profiles.length).toBe(1600);
    expect(groups.length).toBe(4800);
    const config = inlet.server.services.config;
    const defaultWindow = config.keyedWindowKeys;
    const stored = async (importId: string, names: string[]) => {
      const entity = await inlet.server.services.db.getRepository(ImportEntity).findOneByOrFail({ id: importId });
      const rows = await inlet.server.services.store.select(entity.dataTable, entity.stored, 100_000);
      const at = names.map((name) => entity.stored.findIndex((c) => c.name === name));
      return sorted(rows.map((row) => Object.fromEntries(names.map((name, i) => [name, name === 'points' ? Number(row[at[i]!]) : row[at[i]!]]))));
    };
    const counts: unknown[] = [];
    try {
      // The default window (every key fits), one of 100 keys (full again and again) and none (PostgreSQL's DISTINCT ON, SQLite's upsert of every row).
      for (const keys of [defaultWindow, 100, 0]) {
        config.keyedWindowKeys = keys;
        const profile = await createImport({ connectionId, table: 'keyed', type: 'USER_PROFILE', columns: ['grp', 'at', 'points'], userIdColumn: 'user_id' });
        const group = await createImport({ connectionId, table: 'keyed', type: 'GROUP_MEMBERSHIP', columns: ['points'], userIdColumn: 'user_id', groupIdColumn: 'grp', timestampColumn: 'at' });
        const runs = [(await runAndWait(profile.id)).run, (await runAndWait(group.id)).run];
        for (const run of runs) expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 23_000, rowsRejected: 21, rowsImported: 22_979 });
        counts.push(runs.map(({ rowsRead, rowsImported, rowsRejected, rejects }) => ({ rowsRead, rowsImported, rowsRejected, rejects })));
        expect((await importState(profile.id, 1)).rowCount).toBe(profiles.length);
        expect((await importState(group.id, 1)).rowCount).toBe(groups.length);
        expect(await stored(profile.id, ['user_id', 'points'])).toEqual(profiles);
        expect(await stored(group.id, ['user_id', 'grp', 'points'])).toEqual(groups);
      }
    } finally {
      config.keyedWindowKeys = defaultWindow;
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
  });

  it('IDENTITY: rows upsert identity pairs', async () => {
    const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256', timestampColumn: 'seen_at' });
    expect((await runAndWait(imp.id)).run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 100 });
    // A later file repeats ten pairs with a new time and adds five.
    await s3.put('warehouse', `${files}identity/part-1.csv`, ['user_id,email_sha256,seen_at', ...Array.from({ length: 15 }, (_, i) => `u${i % 40},sha${i < 10 ? i : 1000 + i},2025-03-01 00:00:00`), ''].join('\n'));
    expect((await runAndWait(imp.id)).run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 15 });
    const state = await importState(imp.id);
    expect(state.rowCount).toBe(105);
    expect(state.preview.find((r: any) => r.email_sha256 === 'sha3').seen_at).toBe('2025-03-01T00:00:00.000Z');
  });

  it('GROUP_MEMBERSHIP: the newest cursor wins and is_deleted removes the membership', async () => {
    const imp = await createImport({ connectionId, table: 'groups', type: 'GROUP_MEMBERSHIP', columns: [], userIdColumn: 'user_id', groupIdColumn: 'household_id', timestampColumn: 'cursor', isDeletedColumn: 'is_deleted' });
    expect((await runAndWait(imp.id)).run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 5 });
    const members = (await importState(imp.id)).preview.map((r: any) => `${r.user_id}:${r.household_id}`).sort();
    // u2 left h1 (newer delete); u3's delete is older than its membership, so u3 stays.
    expect(members).toEqual(['u1:h1', 'u3:h2']);
    await s3.put('warehouse', `${files}groups/part-1.csv`, 'user_id,household_id,cursor,is_deleted\nu1,h1,2025-02-01 00:00:00,true\nu4,h2,2025-02-01 00:00:00,false\n');
    await runAndWait(imp.id);
    expect((await importState(imp.id)).preview.map((r: any) => `${r.user_id}:${r.household_id}`).sort()).toEqual(['u3:h2', 'u4:h2']);
  });

  it('spreads the default daily times across the day', async () => {
    const schedules = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const imp = await createImport({ connectionId, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id', schedule: undefined });
      expect(imp.schedule).toMatch(/^daily@([01]\d|2[0-3]):[0-5]\d$/);
      const next = new Date(imp.nextRunAt);
      expect(`daily@${String(next.getUTCHours()).padStart(2, '0')}:${String(next.getUTCMinutes()).padStart(2, '0')}`).toBe(imp.schedule);
      schedules.add(imp.schedule);
    }
    // Five imports at one time of day would mean no spread (1 chance in 1440^4 by accident).
    expect(schedules.size).toBeGreaterThan(1);
  });

  it.each([
    ['userIdColumn', { type: 'USER_PROFILE', table: 'profiles', columns: ['tier'], userIdColumn: 'nope' }, /Column "nope" does not exist/],
    ['columns.1', { type: 'USER_PROFILE', table: 'profiles', columns: ['tier', 'ghost'], userIdColumn: 'user_id' }, /"ghost" does not exist/],
    ['timestampColumn', { type: 'USER_ACTIVITY', table: 'profiles', columns: [], userIdColumn: 'user_id', timestampColumn: 'tier' }, /is STRING; it must be DATE or TIMESTAMP/],
    ['timestampColumn', { type: 'USER_ACTIVITY', table: 'profiles', columns: [], userIdColumn: 'user_id' }, /required/],
    ['groupIdColumn', { type: 'GROUP_MEMBERSHIP', table: 'groups', columns: [], userIdColumn: 'user_id', timestampColumn: 'cursor' }, /Group id column is required/],
    ['identifierType', { type: 'IDENTITY', table: 'identity', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256' }, /Identifier type is required/],
    ['table', { type: 'USER_PROFILE', table: 'missing', columns: ['tier'], userIdColumn: 'user_id' }, /was not discovered/],
    ['schedule', { type: 'USER_PROFILE', table: 'profiles', columns: ['tier'], userIdColumn: 'user_id', schedule: 'hourly' }, /daily@HH:MM/],
  ])('refuses an invalid mapping naming %s', async (field, input, message) => {
    const before = (await inlet.ok('{ imports { totalCount } }')).imports.totalCount;
    const result = await inlet.gql(CREATE_IMPORT, { input: { name: 'bad', connectionId, ...input } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect((await inlet.ok('{ imports { totalCount } }')).imports.totalCount).toBe(before);
  });
});

describe('bad rows and bad files', () => {
  let connectionId: string;
  const prefix = 'bad/';
  beforeAll(async () => {
    const good = ['user_id,amount,seen', ...Array.from({ length: 40 }, (_, i) => `u${i},${i},2025-01-01`)];
    // Past the 64 KiB sample, so `amount` is inferred INTEGER and the bad values are found while reading.
    const many = ['user_id,amount,seen', ...Array.from({ length: 5000 }, (_, i) => `user${i},${i},2025-01-01`)];
    await s3.put('warehouse', `${prefix}mixed/a.csv`, [...many, ',5,2025-01-01', 'u99,1.5,2025-01-01', 'u98,3', ''].join('\n'));
    await s3.put('warehouse', `${prefix}broken/a.csv`, [...good, ''].join('\n'));
    connectionId = await connect({ schemaPrefix: prefix, dataFormat: 'CSV', partitioning: 'NO_TABLES' }, 'bad');
  });

  it('rejects bad rows with file, row and reason, and goes on', async () => {
    const imp = await createImport({ connectionId, table: 'mixed', type: 'USER_PROFILE', columns: ['amount'], userIdColumn: 'user_id' });
    const { run } = await runAndWait(imp.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 5003, rowsImported: 5000, rowsRejected: 3 });
    const file = 's3://warehouse/bad/mixed/a.csv';
    expect(run.rejects).toEqual(
      expect.arrayContaining([
        { file, row: 5001, reason: 'missing user id' },
        expect.objectContaining({ file, row: 5002, reason: expect.stringMatching(/amount/) }),
        expect.objectContaining({ file, row: 5003, reason: expect.stringMatching(/expected 3 fields, found 2/) }),
      ]),
    );
  });

  it('fails a run above the reject threshold and keeps the previous snapshot', async () => {
    const imp = await createImport({ connectionId, table: 'broken', type: 'USER_PROFILE', columns: ['amount'], userIdColumn: 'user_id', rejectThreshold: 0.2 });
    expect((await runAndWait(imp.id)).run.status).toBe('SUCCEEDED');
    // The bad values sit past the 64 KiB sample, so the schema (amount INTEGER) is unchanged and the run reads them.
    const good = Array.from({ length: 5000 }, (_, i) => `u${i},${i},2025-01-01`);
    const bad = Array.from({ length: 2000 }, (_, i) => `v${i},not-a-number,2025-01-01`);
    await s3.put('warehouse', `${prefix}broken/a.csv`, ['user_id,amount,seen', ...good, ...bad, ''].join('\n'));
    const { run } = await runAndWait(imp.id);
    expect(run.status, run.error).toBe('FAILED');
    expect(run.error).toMatch(/2000 of 7000 rows were rejected \(28\.6%\), above this import's threshold of 20\.0%/);
    expect(run.rejects).toHaveLength(100);
    expect((await importState(imp.id, 1)).rowCount).toBe(40);
  });

  it('fails a run above the default threshold of 10% and publishes nothing', async () => {
    // 1000 bad of 6000 rows (16.7%): over the default, under a 20% threshold. Past the 64 KiB sample, as above.
    const good = Array.from({ length: 5000 }, (_, i) => `u${i},${i},2025-01-01`);
    const bad = Array.from({ length: 1000 }, (_, i) => `v${i},not-a-number,2025-01-01`);
    await s3.put('warehouse', `${prefix}sixth/a.csv`, ['user_id,amount,seen', ...good, ...bad, ''].join('\n'));
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
    await inlet.idle();
    const imp = await createImport({ connectionId, table: 'sixth', type: 'USER_ACTIVITY', columns: ['amount'], userIdColumn: 'user_id', timestampColumn: 'seen' });
    const { run } = await runAndWait(imp.id);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/1000 of 6000 rows were rejected \(16\.7%\), above this import's threshold of 10\.0%; nothing from this run was published/);
    expect((await importState(imp.id, 1)).rowCount).toBe(0);
  });

  it.each([
    ['an unterminated quote', 'quote/a.csv', Buffer.from('user_id,amount,seen\n' + 'u1,1,2025-01-01\n'.repeat(6000) + '"u2,2,2025-01-01\n'), /quote/i],
    ['a truncated gzip stream', 'gz/a.csv.gz', gzipSync(Buffer.from('user_id,amount,seen\n' + 'u1,1,2025-01-01\n'.repeat(5000))).subarray(0, 200), /gz|gzip|truncated|unexpected end/i],
  ])('fails with a clear error naming the file for %s', async (_what, key, body, message) => {
    await s3.put('warehouse', `${prefix}${key}`, body);
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
    await inlet.idle();
    const table = key.split('/')[0];
    const imp = await createImport({ connectionId, table, type: 'USER_PROFILE', columns: ['amount'], userIdColumn: 'user_id' });
    const { run } = await runAndWait(imp.id);
    expect(run.status).toBe('FAILED');
    expect(run.error).toContain(`s3://warehouse/${prefix}${key}`);
    expect(run.error).toMatch(message);
  });
});

describe('outages and restarts', () => {
  it('retries a source that fails twice, then succeeds', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }, 'flaky');
      const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256' });
      proxy.failNext(2);
      await inlet.ok(RUN_IMPORT, { id: imp.id });
      const runs = await eventually(async () => {
        const { import: state } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 10) { edges { node { status trigger attempt error notBefore } } } } }`, { id: imp.id }));
        return state.runs.length >= 3 && state.runs[0].status === 'SUCCEEDED' ? state.runs : null;
      }, 30_000, 'the third attempt to succeed');
      expect(runs.map((r: any) => [r.status, r.trigger, r.attempt])).toEqual([['SUCCEEDED', 'RETRY', 3], ['FAILED', 'RETRY', 2], ['FAILED', 'MANUAL', 1]]);
      expect(runs[2].error).toMatch(/503/);
      const connection = await settled(inlet, connectionId);
      expect(connection.status).toBe('ACTIVE');
    } finally {
      await proxy.close();
    }
  });

  it('a dropped connection is asked again at once: the run succeeds on its first attempt', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }, 'resets');
      const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256' });
      const before = proxy.requests;
      // Two resets in a row (as a server closing kept-alive sockets under load does): within the store's own reconnects.
      proxy.failNext(2, 'reset');
      const { run } = await runAndWait(imp.id);
      expect(run.status, run.error).toBe('SUCCEEDED');
      expect(proxy.requests - before).toBeGreaterThanOrEqual(3);
      await inlet.idle();
      const { import: state } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 10) { edges { node { status attempt } } } } }`, { id: imp.id }));
      expect(state.runs.map((r: any) => [r.status, r.attempt])).toEqual([['SUCCEEDED', 1]]);
    } finally {
      await proxy.close();
    }
  });

  it('retries an outage three times, then stops', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }, 'down');
      const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256' });
      proxy.failNext(1_000_000);
      await inlet.ok(RUN_IMPORT, { id: imp.id });
      const runsOf = async () => (flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount runs(first: 10) { edges { node { status trigger attempt } } } } }`, { id: imp.id }))).import;
      await eventually(async () => (await runsOf()).runs.some((r: any) => r.attempt === 4 && r.status === 'FAILED'), 30_000, 'the fourth attempt to fail');
      // The engine is idle once the failed run's bookkeeping (a retry it would queue included) is done.
      await inlet.idle();
      const state = await runsOf();
      expect(state.runs.map((r: any) => [r.status, r.trigger, r.attempt])).toEqual([['FAILED', 'RETRY', 4], ['FAILED', 'RETRY', 3], ['FAILED', 'RETRY', 2], ['FAILED', 'MANUAL', 1]]);
      expect(state.rowCount).toBe(0);
      expect((await settled(inlet, connectionId)).status).toBe('ACTIVE');
    } finally {
      await proxy.close();
    }
  });

  it('an authentication failure during a run does not retry and makes the connection INACTIVE', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }, 'to-revoke');
      const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256' });
      // The key is revoked at the source after the connection was validated: the run meets the refusal.
      proxy.deny();
      const { run } = await runAndWait(imp.id);
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/access key id/i);
      await inlet.idle();
      const { import: state } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 10) { edges { node { status trigger attempt } } } } }`, { id: imp.id }));
      expect(state.runs.map((r: any) => [r.status, r.trigger, r.attempt])).toEqual([['FAILED', 'MANUAL', 1]]);
      const connection = await settled(inlet, connectionId);
      expect(connection.status).toBe('INACTIVE');
      expect(connection.statusReason).toMatch(/access key id/i);
    } finally {
      await proxy.close();
    }
  });
});

describe('scheduler', () => {
  it('runs each import once a day, across restarts, and a missed day once', async () => {
    const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES' }, 'scheduled');
    const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256', schedule: 'daily@06:30' });
    const next = new Date(imp.nextRunAt);
    expect(next.getUTCHours() * 60 + next.getUTCMinutes()).toBe(6 * 60 + 30);
    const scheduler = inlet.server.services.scheduler;
    const runsOf = async () => (flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 50) { edges { node { trigger status } } } nextRunAt } }`, { id: imp.id }))).import;

    await scheduler.tick(new Date(next.getTime() - 60_000));
    expect((await runsOf()).runs).toEqual([]);
    await scheduler.tick(new Date(next.getTime() + 60_000));
    await scheduler.tick(new Date(next.getTime() + 120_000));
    await inlet.idle();
    let state = await runsOf();
    expect(state.runs.map((r: any) => r.trigger)).toEqual(['SCHEDULE']);
    expect(new Date(state.nextRunAt).getTime()).toBe(next.getTime() + 24 * 3600_000);

    // Three days missed while down: one run at start-up, and the next run is tomorrow's, not three.
    const later = new Date(next.getTime() + 4 * 24 * 3600_000 + 3600_000);
    await scheduler.tick(later);
    await scheduler.tick(later);
    await inlet.idle();
    state = await runsOf();
    expect(state.runs.filter((r: any) => r.trigger === 'SCHEDULE')).toHaveLength(2);
    expect(new Date(state.nextRunAt).getTime()).toBe(next.getTime() + 5 * 24 * 3600_000);

    // Paused: no runs.
    await inlet.ok(`mutation($id: ID!) { pauseImport(id: $id) { status nextRunAt } }`, { id: imp.id });
    await scheduler.tick(new Date(later.getTime() + 2 * 24 * 3600_000));
    expect((await runsOf()).runs).toHaveLength(2);
    const resumed = await inlet.ok(`mutation($id: ID!) { resumeImport(id: $id) { status nextRunAt } }`, { id: imp.id });
    expect(resumed.resumeImport.status).toBe('ACTIVE');
    expect(resumed.resumeImport.nextRunAt).not.toBeNull();
  });

  it('skips the day with the reason while the connection is INACTIVE, refuses a manual run, and runs once it is ACTIVE again', async () => {
    const connectionId = await connect({ schemaPrefix: files, dataFormat: 'CSV', partitioning: 'NO_TABLES' }, 'paused-source');
    const imp = await createImport({ connectionId, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256', schedule: 'daily@07:00' });
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { status } }`, { id: connectionId });
    const reason = 'Connection "paused-source" is INACTIVE: Deactivated by a user';

    const manual = await inlet.gql(RUN_IMPORT, { id: imp.id });
    expect(manual.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(manual.errors?.[0]?.message).toBe(reason);

    const scheduler = inlet.server.services.scheduler;
    const day = new Date(imp.nextRunAt).getTime();
    const stateOf = async () => (flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount nextRunAt runs(first: 10) { edges { node { status trigger error } } } } }`, { id: imp.id }))).import;
    await scheduler.tick(new Date(day + 60_000));
    await inlet.idle();
    let state = await stateOf();
    expect(state.runs).toEqual([{ status: 'CANCELLED', trigger: 'SCHEDULE', error: `Skipped: ${reason}` }]);
    expect(state.rowCount).toBe(0);
    expect(new Date(state.nextRunAt).getTime()).toBe(day + 24 * 3600_000);

    await inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { status } }`, { id: connectionId });
    expect((await settled(inlet, connectionId)).status).toBe('ACTIVE');
    await scheduler.tick(new Date(day + 24 * 3600_000 + 60_000));
    await inlet.idle();
    state = await stateOf();
    expect(state.runs.map((r: any) => [r.status, r.trigger])).toEqual([['SUCCEEDED', 'SCHEDULE'], ['CANCELLED', 'SCHEDULE']]);
    expect(state.rowCount).toBeGreaterThan(0);
  });
});

describe('live run progress', () => {
  // SQLite only: there the inserts run synchronously on the thread that serves the subscription. On PostgreSQL every
  // batch is an awaited round trip, so the ticker always gets its turn, and a million upserted rows would take about
  // half a minute of CI.
  it.skipIf(testDatabase === 'postgres')('streams progress at least once a second of run time while a run inserts faster-read rows (the README promises two)', async () => {
    // 1,000,000 rows of ZSTD Parquet in one row group, as a profile (upserted into the stage): once the read worker has
    // decoded the group, a hundred batches wait for this thread, the case where an insert loop that never yields to
    // the event loop starves the progress ticker (issue 19 item 2).
    await db.run(`COPY (SELECT 'u' || i AS user_id, i::BIGINT AS n, 'label ' || (i % 5000) AS label, TIMESTAMP '2025-03-01' + INTERVAL (i) SECOND AS ts FROM range(1000000) t(i))
      TO '${work}/many.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)`);
    await s3.put('warehouse', 'many/events/part-0.parquet', readFileSync(`${work}/many.parquet`));
    const connectionId = await connect({ schemaPrefix: 'many/', dataFormat: 'PARQUET', partitioning: 'NO_TABLES' }, 'many');
    const imp = await createImport({ connectionId, table: 'events', type: 'USER_PROFILE', columns: ['n', 'label', 'ts'], userIdColumn: 'user_id' });
    const { run, events } = await runAndWait(imp.id);
    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run.rowsImported).toBe(1_000_000);
    // Measured by the run's own clock (its start and end as the messages report them), not the test's: the progress
    // ticker fires every 500 ms; at least one message per second leaves room for the run's set-up and a busy machine.
    const running = events.filter((e: any) => e.status === 'RUNNING');
    const seconds = (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;
    expect(running.length, `${running.length} progress messages in a run of ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(Math.floor(seconds));
    // The counters move while the rows go in (one row group of a million rows: an insert loop that never lets the
    // ticker fire reports 0 until the end), and never go back.
    const read = running.map((e: any) => e.rowsRead);
    expect(read.filter((n: number) => n > 0 && n < 1_000_000).length, read.join(', ')).toBeGreaterThanOrEqual(1);
    expect(read).toEqual([...read].sort((a, b) => a - b));
  });
});
