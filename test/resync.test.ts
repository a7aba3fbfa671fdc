/**
 * resyncImport through the public API, against a local S3 server: a full re-import from scratch (files imported
 * before and the watermark forgotten, groups and identities rebuilt) whose result DuckDB confirms row for row from
 * the same files; a re-sync that fails after staging (over its reject threshold) leaves the old data whole; CONFLICT
 * while a run is queued or running (requests held at a fault proxy so the run is certainly active).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { CREATE_CONNECTION, flattenPages, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, subscribeReady, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;
let connectionId: string;

const RUN_FIELDS = `id status trigger attempt filesTotal rowsRead rowsImported rowsRejected error`;

/** Writes a local file with DuckDB (the anchor reads the same file) and puts it in the bucket. */
async function writeCsv(table: string, file: string, select: string): Promise<void> {
  mkdirSync(path.join(work, table), { recursive: true });
  const local = path.join(work, table, file);
  await db.run(`COPY (${select}) TO '${local}' (FORMAT csv, HEADER)`);
  await s3.put('resync', `src/${table}/${file}`, readFileSync(local));
}

async function removeCsv(table: string, file: string): Promise<void> {
  rmSync(path.join(work, table, file));
  await s3.remove('resync', `src/${table}/${file}`);
}

/** Starts a run with `mutation` (runImport or resyncImport) and waits for its end through the subscription. */
async function runAndWait(importId: string, mutation: 'runImport' | 'resyncImport') {
  const sub = await subscribeReady(inlet, `subscription($id: ID) { importRunUpdated(importId: $id) { id status } }`, { id: importId });
  const started = (await inlet.ok(`mutation($id: ID!) { ${mutation}(id: $id) { ${RUN_FIELDS} } }`, { id: importId }))[mutation];
  await sub.until((e) => e.some((x: any) => x.importRunUpdated.id === started.id && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(x.importRunUpdated.status)));
  sub.unsubscribe();
  await inlet.idle();
  return { started, run: (await inlet.ok(`query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id: started.id })).importRun };
}

async function state(id: string) {
  return (flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount preview(limit: 1000) runs(first: 20) { edges { node { trigger status } } } } }`, { id }))).import;
}

async function createImport(input: Record<string, unknown>): Promise<string> {
  return (await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, { input: { name: `resync ${Math.random()}`, schedule: 'manual', connectionId, ...input } })).createImport.id;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-resync-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('resync');
  await writeCsv('events', 'part-0.csv', `SELECT 'u' || (i % 20) AS user_id, TIMESTAMP '2025-04-01' + INTERVAL (i) MINUTE AS ts, i AS n FROM range(100) t(i)`);
  await writeCsv('events', 'part-1.csv', `SELECT 'v' || (i % 10) AS user_id, TIMESTAMP '2025-04-02' + INTERVAL (i) MINUTE AS ts, 1000 + i AS n FROM range(50) t(i)`);
  await writeCsv('groups', 'part-0.csv', `SELECT * FROM (VALUES ('u1', 'h1', TIMESTAMP '2025-01-01', false), ('u2', 'h1', TIMESTAMP '2025-01-01', false), ('u3', 'h2', TIMESTAMP '2025-01-01', false)) t(user_id, household_id, cursor, is_deleted)`);
  inlet = await startInlet();
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'resync', schemaPrefix: 'src/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'resync' } });
  connectionId = createConnection.id;
  expect((await settled(inlet, connectionId)).status).toBe('ACTIVE');
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('resyncImport', () => {
  let eventsId: string;

  it('re-imports an activity import from scratch: exactly the source’s rows after files changed, and nothing twice after', async () => {
    eventsId = await createImport({ table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'ts' });
    expect((await runAndWait(eventsId, 'runImport')).run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 150 });
    // The source changes under the import: one file rewritten, one deleted, one added. An incremental run would
    // import the rewritten file again beside its old rows and keep the deleted file's rows.
    await writeCsv('events', 'part-0.csv', `SELECT 'w' || (i % 7) AS user_id, TIMESTAMP '2025-03-01' + INTERVAL (i) MINUTE AS ts, 5000 + i AS n FROM range(80) t(i)`);
    await removeCsv('events', 'part-1.csv');
    await writeCsv('events', 'part-2.csv', `SELECT 'x' || (i % 3) AS user_id, TIMESTAMP '2025-05-01' + INTERVAL (i) MINUTE AS ts, 9000 + i AS n FROM range(30) t(i)`);

    const { started, run } = await runAndWait(eventsId, 'resyncImport');
    expect(started).toMatchObject({ status: 'QUEUED', trigger: 'RESYNC' });
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'RESYNC', filesTotal: 2, rowsRead: 110, rowsImported: 110, rowsRejected: 0 });
    const [anchor] = await db.all<{ n: bigint; s: bigint; users: bigint; latest: Date }>(
      `SELECT count(*) AS n, sum(n) AS s, count(DISTINCT user_id) AS users, max(ts) AS latest FROM read_csv('${work}/events/*.csv')`,
    );
    const after = await state(eventsId);
    expect(after.rowCount).toBe(Number(anchor!.n));
    expect(after.preview).toHaveLength(Number(anchor!.n));
    expect(after.preview.reduce((a: number, r: any) => a + r.n, 0)).toBe(Number(anchor!.s));
    expect(new Set(after.preview.map((r: any) => r.user_id)).size).toBe(Number(anchor!.users));
    expect(after.runs.map((r: any) => [r.trigger, r.status])).toEqual([['RESYNC', 'SUCCEEDED'], ['MANUAL', 'SUCCEEDED']]);
    // The files the re-sync read are the import's record now: an ordinary run finds nothing new.
    expect((await runAndWait(eventsId, 'runImport')).run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 0, rowsImported: 0 });
    expect((await state(eventsId)).rowCount).toBe(110);
  });

  it('rebuilds group memberships from the source as it is now', async () => {
    const id = await createImport({ table: 'groups', type: 'GROUP_MEMBERSHIP', columns: [], userIdColumn: 'user_id', groupIdColumn: 'household_id', timestampColumn: 'cursor', isDeletedColumn: 'is_deleted' });
    expect((await runAndWait(id, 'runImport')).run.status).toBe('SUCCEEDED');
    const members = async () => (await state(id)).preview.map((r: any) => `${r.user_id}:${r.household_id}`).sort();
    expect(await members()).toEqual(['u1:h1', 'u2:h1', 'u3:h2']);
    // The source drops u1 without a delete row (a snapshot-style source), and adds u4: only a rebuild can notice.
    await writeCsv('groups', 'part-0.csv', `SELECT * FROM (VALUES ('u2', 'h1', TIMESTAMP '2025-01-01', false), ('u3', 'h2', TIMESTAMP '2025-01-01', false), ('u4', 'h2', TIMESTAMP '2025-02-01', false), ('u3', 'h2', TIMESTAMP '2025-02-02', true)) t(user_id, household_id, cursor, is_deleted)`);
    expect((await runAndWait(id, 'resyncImport')).run).toMatchObject({ status: 'SUCCEEDED', trigger: 'RESYNC' });
    const [anchor] = await db.all<{ members: string }>(
      `SELECT string_agg(user_id || ':' || household_id, ',' ORDER BY user_id || ':' || household_id) AS members FROM (
         SELECT *, row_number() OVER (PARTITION BY user_id, household_id ORDER BY cursor DESC) AS k FROM read_csv('${work}/groups/*.csv')) WHERE k = 1 AND NOT is_deleted`,
    );
    expect(await members()).toEqual(anchor!.members.split(','));
    expect(await members()).toEqual(['u2:h1', 'u4:h2']);
    expect((await state(id)).rowCount).toBe(2);
  });

  it('leaves the old data whole when the re-sync fails after staging (over the reject threshold)', async () => {
    const before = await state(eventsId);
    // 60 rows without a user id beside 110 good ones: 35% rejected, over the 10% threshold.
    await writeCsv('events', 'part-3.csv', `SELECT NULL AS user_id, TIMESTAMP '2025-06-01' AS ts, i AS n FROM range(60) t(i)`);
    const { run } = await runAndWait(eventsId, 'resyncImport');
    expect(run).toMatchObject({ status: 'FAILED', trigger: 'RESYNC', rowsRead: 170, rowsRejected: 60 });
    expect(run.error).toMatch(/nothing from this run was published/);
    const after = await state(eventsId);
    expect(after.rowCount).toBe(before.rowCount);
    expect(after.preview).toEqual(before.preview);
    // The record of imported files is the old one: an ordinary run reads only the new file (and fails on it alone).
    await removeCsv('events', 'part-3.csv');
    expect((await runAndWait(eventsId, 'runImport')).run).toMatchObject({ status: 'SUCCEEDED', filesTotal: 0 });
    expect((await state(eventsId)).rowCount).toBe(110);
    // Nothing staged is left behind.
    const tables = await inlet.server.services.db.query(
      inlet.server.services.store.dialect === 'postgres' ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()` : `SELECT name FROM sqlite_master WHERE type = 'table'`,
    );
    expect(tables.map((t: { name: string }) => t.name).filter((n: string) => /^(stage|rebuild)_/.test(n))).toEqual([]);
  });

  it('is refused with CONFLICT while a run is queued or running, and the held run completes', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'resync', schemaPrefix: 'src/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: proxy.endpoint }), name: 'held' } });
      expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
      const id = (await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
        input: { name: 'held events', schedule: 'manual', connectionId: createConnection.id, table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'ts' },
      })).createImport.id;
      proxy.hold();
      const first = (await inlet.ok(`mutation($id: ID!) { resyncImport(id: $id) { id status trigger } }`, { id })).resyncImport;
      expect(first).toMatchObject({ status: 'QUEUED', trigger: 'RESYNC' });
      const whileQueued = await inlet.gql(`mutation($id: ID!) { resyncImport(id: $id) { id } }`, { id });
      await proxy.whenHeld();
      const whileRunning = await inlet.gql(`mutation($id: ID!) { resyncImport(id: $id) { id } }`, { id });
      const runWhileRunning = await inlet.gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id });
      for (const refused of [whileQueued, whileRunning]) {
        expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        expect(refused.errors?.[0]?.message).toBe('Import "held events" already has a run queued or running: re-sync once it has ended');
      }
      expect(runWhileRunning.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      proxy.release();
      await inlet.idle();
      const after = await state(id);
      expect(after.runs).toEqual([{ trigger: 'RESYNC', status: 'SUCCEEDED' }]);
      expect(after.rowCount).toBe(110);
      // An unknown import is NOT_FOUND, as for runImport.
      const missing = await inlet.gql(`mutation { resyncImport(id: "00000000-0000-0000-0000-000000000000") { id } }`);
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      proxy.release();
      await proxy.close();
    }
  });
});
