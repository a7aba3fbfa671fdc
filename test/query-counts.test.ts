/**
 * Issue 20, target 1: the admin UI's lists cost the same number of SQL statements at 10 items as at 300 (counted per
 * request by the server's INLET_COUNT_SQL hook, which counts TypeORM's statements and the SQLite data store's own),
 * and `Import.rowCount`, kept by each run's publishing transaction, matches the data after runs of every import type.
 * Everything is real: the server, SQLite or PostgreSQL, an S3-protocol server (s3rver); DuckDB writes the files.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { CREATE_CONNECTION, flattenPages, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, subscribeReady, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;

/** The admin UI's own documents, as the browser sends them. */
const IMPORTS_DOC = readFileSync(new URL('../client/src/features/imports/imports.graphql', import.meta.url), 'utf8');
const CONNECTIONS_DOC = readFileSync(new URL('../client/src/features/connections/connections.graphql', import.meta.url), 'utf8');
const CONNECTION_DOC = readFileSync(new URL('../client/src/features/connections/connection.graphql', import.meta.url), 'utf8');
const SEGMENTS_DOC = readFileSync(new URL('../client/src/features/segments/segments.graphql', import.meta.url), 'utf8');

const RUN_FIELDS = `id status rowsImported error`;

/** Sends one operation of a document; returns the statements the server ran for it and the data. */
async function measured(document: string, operationName: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${inlet.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inlet.adminKey}` },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const header = res.headers.get('x-inlet-sql-statements');
  expect(header, 'the server counts statements under INLET_COUNT_SQL').not.toBeNull();
  return { statements: Number(header), data: body.data };
}

let profileConnection: string;
let importIds: string[] = [];
let connectionIds: string[] = [];

async function connect(name: string): Promise<string> {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'warehouse', schemaPrefix: 'files/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name } });
  return createConnection.id;
}

async function createImport(input: Record<string, unknown>): Promise<string> {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { name: `imp ${Math.random()}`, schedule: 'manual', ...input },
  });
  return createImport.id;
}

async function runAndWait(importId: string) {
  const sub = await subscribeReady(inlet, `subscription($id: ID) { importRunUpdated(importId: $id) { ${RUN_FIELDS} } }`, { id: importId });
  const { runImport } = await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await sub.until((e) => e.some((x: any) => x.importRunUpdated.id === runImport.id && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(x.importRunUpdated.status)));
  sub.unsubscribe();
  const { importRun } = await inlet.ok(`query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id: runImport.id });
  expect(importRun.status, importRun.error).toBe('SUCCEEDED');
  return importRun;
}

/** Grows the workspace to `n` connections and `n` imports, every import with a last run. */
async function grow(n: number): Promise<void> {
  while (connectionIds.length < n) {
    const batch = Array.from({ length: Math.min(25, n - connectionIds.length) }, (_, i) => connect(`conn ${connectionIds.length + i}`));
    connectionIds.push(...(await Promise.all(batch)));
    await inlet.idle();
  }
  while (importIds.length < n) {
    // Half on one connection (its page lists n/2 imports), half each on its own (the list resolves n/2 + 1 connections).
    const batch = Array.from({ length: Math.min(25, n - importIds.length) }, (_, k) => {
      const i = importIds.length + k;
      return createImport({ connectionId: i % 2 ? connectionIds[i]! : profileConnection, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id' });
    });
    const ids = await Promise.all(batch);
    // A run record per import through the service (a skipped scheduled run): 300 real imports would only slow the test.
    for (const id of ids) await inlet.server.services.imports.recordSkipped((await inlet.server.services.imports.byId(id))!, 'kept small for the test');
    importIds.push(...ids);
  }
  await inlet.idle();
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-counts-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('warehouse');
  for (const dir of ['profiles', 'events', 'identity', 'groups']) mkdirSync(`${work}/csv/${dir}`, { recursive: true });
  await db.run(`COPY (SELECT 'u' || i AS user_id, 'tier' || (i % 3) AS tier FROM range(300) t(i)) TO '${work}/csv/profiles/part-0.csv' (FORMAT csv, HEADER)`);
  await db.run(`COPY (SELECT 'u' || (i % 20) AS user_id, TIMESTAMP '2025-01-01' + INTERVAL (i) MINUTE AS ts, i AS amount FROM range(500) t(i)) TO '${work}/csv/events/part-0.csv' (FORMAT csv, HEADER)`);
  // 100 rows, 80 distinct (user, identifier) pairs: the upsert keeps one row per pair.
  await db.run(`COPY (SELECT 'u' || (i % 40) AS user_id, 'sha' || (i % 80) AS email_sha256 FROM range(100) t(i)) TO '${work}/csv/identity/part-0.csv' (FORMAT csv, HEADER)`);
  writeFileSync(
    `${work}/csv/groups/part-0.csv`,
    ['user_id,household_id,cursor,is_deleted', 'u1,h1,2025-01-01 00:00:00,false', 'u2,h1,2025-01-01 00:00:00,false', 'u3,h2,2025-01-01 00:00:00,false', 'u4,h2,2025-01-01 00:00:00,true', ''].join('\n'),
  );
  await s3.uploadDir('warehouse', 'files/', `${work}/csv`);
  inlet = await startInlet({ INLET_COUNT_SQL: 'true' });
  profileConnection = await connect('files');
  connectionIds.push(profileConnection);
  const connection = await settled(inlet, profileConnection);
  expect(connection.status, connection.statusReason).toBe('ACTIVE');
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe('statements per request do not grow with the number of items', () => {
  const counts: Record<string, number[]> = { imports: [], connections: [], connection: [] };

  async function measureAll(n: number) {
    // The UI's page (50): the page, its totalCount and the status chips' counts are fixed costs.
    const page = Math.min(n, 50);
    const imports = await measured(IMPORTS_DOC, 'Imports');
    const importRows = imports.data.imports.edges.map((e: any) => e.node);
    expect(importRows).toHaveLength(page);
    expect(imports.data.imports.totalCount).toBe(n);
    expect(imports.data.importStatusCounts.find((c: any) => c.status === 'ACTIVE').count).toBe(n);
    expect(importRows.every((i: any) => i.lastRun && i.connection.platform.id === 'S3')).toBe(true);
    // Created alternately on the shared connection and on their own, 25 at a time concurrently: the page resolves
    // many distinct connections (about page / 2 + 1; creation times within a batch decide the exact split).
    expect(new Set(importRows.map((i: any) => i.connection.id)).size).toBeGreaterThan(page / 4);
    counts.imports!.push(imports.statements);
    const connections = await measured(CONNECTIONS_DOC, 'Connections');
    expect(connections.data.connections.edges).toHaveLength(page);
    expect(connections.data.connections.totalCount).toBe(n);
    counts.connections!.push(connections.statements);
    // One connection's page: its imports, each with its last run.
    const connection = await measured(CONNECTION_DOC, 'Connection', { id: profileConnection });
    expect(connection.data.connection.imports).toHaveLength(n / 2);
    counts.connection!.push(connection.statements);
    return importRows;
  }

  it('the imports list (connection, platform, last run, row count, schema changes) and the connections list cost the same at 10 and at 300', async () => {
    await grow(10);
    // One import really ran: its row count comes from the publish, not from a COUNT(*) now.
    await runAndWait(importIds[0]!);
    const ten = await measureAll(10);
    expect(ten.find((i: any) => i.id === importIds[0]).rowCount).toBe(300);
    await grow(300);
    // The key's last use is an hour old, as on a key's first request of the hour: recording it is the key's
    // bookkeeping (once a minute), not the list's statements.
    await inlet.server.services.db.query(`UPDATE "api_key" SET "lastUsedAt" = ${process.env.INLET_TEST_DB === 'postgres' ? '$1' : '?'}`, [new Date(Date.now() - 3_600_000).toISOString()]);
    await measureAll(300);
    console.log('statements per request at 10 and 300 items', JSON.stringify(counts));
    expect(counts.imports![1], `imports list: ${counts.imports}`).toBe(counts.imports![0]);
    expect(counts.connections![1], `connections list: ${counts.connections}`).toBe(counts.connections![0]);
    expect(counts.connection![1], `a connection with its imports: ${counts.connection}`).toBe(counts.connection![0]);
    // Bounded and small: the key check, then one statement per field whatever the count.
    expect(counts.imports![0]).toBeLessThan(15);
    // On PostgreSQL each statement is a round trip; reads asked for in the same tick share one (db/rows.ts): the key
    // check, the page with its totalCount and the status counts, then the loaders (connection, last run, schema changes).
    if (process.env.INLET_TEST_DB === 'postgres') expect({ imports: counts.imports![0], connections: counts.connections![0] }).toEqual({ imports: 3, connections: 2 });
  }, 300_000);
});

describe('userSegments', () => {
  it('costs the key check and one statement, and answers the segments by code', async () => {
    const importId = await createImport({ connectionId: profileConnection, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id' });
    await runAndWait(importId);
    const segment = async (name: string, operator: string, values: string[]) =>
      (await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id code } }`, { input: { name, rule: { profile: { importId, column: 'tier', operator, values } } } })).createSegment;
    // u0's tier is tier0 (the file's tier is 'tier' || i % 3): in the first two segments, not in the third.
    const first = await segment('tier0', 'EQ', ['tier0']);
    const second = await segment('tier0 or tier1', 'IN', ['tier0', 'tier1']);
    await segment('tier2', 'EQ', ['tier2']);
    await inlet.idle();
    const USER_SEGMENTS = `query UserSegments($u: String!) { userSegments(userId: $u) { code name } }`;
    const member = await measured(USER_SEGMENTS, 'UserSegments', { u: 'u0' });
    expect(member.data.userSegments).toEqual([{ code: first.code, name: 'tier0' }, { code: second.code, name: 'tier0 or tier1' }]);
    expect(member.statements, 'the key check, then the membership joined to its segments').toBe(2);
    const nobody = await measured(USER_SEGMENTS, 'UserSegments', { u: 'nobody' });
    expect(nobody.data.userSegments).toEqual([]);
    expect(nobody.statements).toBe(2);
  }, 60_000);
});

describe('the segments list', () => {
  it('costs the same at 2 and at 12 segments, each with its newest evaluations (the trend)', async () => {
    const importId = await createImport({ connectionId: profileConnection, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id' });
    await runAndWait(importId);
    const create = async (i: number) =>
      (await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, { input: { name: `trend ${i}`, rule: { profile: { importId, column: 'tier', operator: 'EQ', values: [`tier${i % 3}`] } } } })).createSegment.id as string;
    const ids = [await create(0), await create(1)];
    await inlet.idle();
    // The first segment evaluated twice: its trend holds both evaluations, newest first.
    await inlet.ok(`mutation($id: ID!) { evaluateSegment(id: $id) { id } }`, { id: ids[0] });
    await inlet.idle();
    const list = async () => {
      const { statements, data } = await measured(SEGMENTS_DOC, 'Segments', { first: 50 });
      const mine = data.segments.edges.map((e: any) => e.node).filter((n: any) => ids.includes(n.id));
      expect(mine).toHaveLength(ids.length);
      for (const node of mine) expect(node.sizeHistory.length, node.name).toBe(node.id === ids[0] ? 2 : 1);
      const twice = mine.find((n: any) => n.id === ids[0]).sizeHistory;
      expect(Date.parse(twice[0].at)).toBeGreaterThanOrEqual(Date.parse(twice[1].at));
      expect(twice.every((e: any) => e.size === 100)).toBe(true);
      return statements;
    };
    const two = await list();
    for (let i = 2; i < 12; i++) ids.push(await create(i));
    await inlet.idle();
    expect(await list(), 'statements for 12 segments against 2').toBe(two);
  }, 120_000);
});

describe('rowCount is kept by each run’s publish', () => {
  let activityImport: string;
  /** The import's rowCount through the API, and a direct COUNT(*) of its data table. */
  async function counted(id: string) {
    const { import: imp } = await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount } }`, { id });
    const entity = (await inlet.server.services.imports.byId(id))!;
    return { api: imp.rowCount as number, direct: await inlet.server.services.store.count(entity.dataTable) };
  }

  it('USER_PROFILE: the snapshot swaps, and the count follows it', async () => {
    const id = await createImport({ connectionId: profileConnection, table: 'profiles', type: 'USER_PROFILE', columns: ['tier'], userIdColumn: 'user_id' });
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 300, direct: 300 });
    // The next snapshot is smaller: 120 users, some repeated (the last row per user wins).
    await db.run(`COPY (SELECT 'u' || (i % 120) AS user_id, 'new' AS tier FROM range(200) t(i)) TO '${work}/csv/profiles/part-0.csv' (FORMAT csv, HEADER)`);
    await s3.uploadDir('warehouse', 'files/', `${work}/csv`);
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 120, direct: 120 });
  }, 60_000);

  it('USER_ACTIVITY: the first run and then appended files add up', async () => {
    const id = (activityImport = await createImport({ connectionId: profileConnection, table: 'events', type: 'USER_ACTIVITY', columns: ['amount'], userIdColumn: 'user_id', timestampColumn: 'ts' }));
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 500, direct: 500 });
    await db.run(`COPY (SELECT 'u' || i AS user_id, TIMESTAMP '2025-02-01' + INTERVAL (i) MINUTE AS ts, i AS amount FROM range(70) t(i)) TO '${work}/csv/events/part-1.csv' (FORMAT csv, HEADER)`);
    await s3.uploadDir('warehouse', 'files/', `${work}/csv`);
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 570, direct: 570 });
  }, 60_000);

  it('IDENTITY: upserted pairs count once', async () => {
    const id = await createImport({ connectionId: profileConnection, table: 'identity', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_sha256', identifierType: 'email_sha256' });
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 80, direct: 80 });
    // 30 pairs already stored (u0..u29 with sha0..sha29) and 10 new ones.
    await db.run(`COPY (SELECT 'u' || (i % 40) AS user_id, 'sha' || i AS email_sha256 FROM range(30) t(i) UNION ALL SELECT 'n' || i, 'new' || i FROM range(10) t(i)) TO '${work}/csv/identity/part-1.csv' (FORMAT csv, HEADER)`);
    await s3.uploadDir('warehouse', 'files/', `${work}/csv`);
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 90, direct: 90 });
  }, 60_000);

  it('GROUP_MEMBERSHIP: new memberships add, newer deleted rows remove, older ones do not', async () => {
    const id = await createImport({
      connectionId: profileConnection, table: 'groups', type: 'GROUP_MEMBERSHIP', columns: [], userIdColumn: 'user_id', groupIdColumn: 'household_id', timestampColumn: 'cursor', isDeletedColumn: 'is_deleted',
    });
    await runAndWait(id);
    // u4 arrives deleted: never stored.
    expect(await counted(id)).toEqual({ api: 3, direct: 3 });
    writeFileSync(
      `${work}/csv/groups/part-1.csv`,
      [
        'user_id,household_id,cursor,is_deleted',
        'u1,h1,2025-01-02 00:00:00,true', // newer delete: removed
        'u2,h1,2024-12-01 00:00:00,true', // older delete: kept
        'u3,h2,2025-01-03 00:00:00,false', // update: same count
        'u5,h3,2025-01-03 00:00:00,false', // new
        'u6,h3,2025-01-03 00:00:00,false', // new, then deleted later in the same file
        'u6,h3,2025-01-04 00:00:00,true',
        'u7,h3,2025-01-03 00:00:00,false', // new
        '',
      ].join('\n'),
    );
    await s3.uploadDir('warehouse', 'files/', `${work}/csv`);
    await runAndWait(id);
    expect(await counted(id)).toEqual({ api: 4, direct: 4 });
  }, 60_000);

  it('migration 008 backfills the counts of imports that existed before it', async () => {
    // Back to the database as it was before 008: no rowCount column, the migration not recorded.
    await inlet.server.services.db.query(`ALTER TABLE "import" DROP COLUMN "rowCount"`);
    await inlet.server.services.db.query(`DELETE FROM "migrations" WHERE "name" = 'ImportRowCount1730000000008'`);
    const reuse = { dataDir: inlet.dataDir, schema: inlet.config.databaseSchema ?? undefined, adminKey: inlet.adminKey };
    await inlet.server.close();
    inlet = await startInlet({ INLET_COUNT_SQL: 'true' }, reuse); // afterAll closes this one
    expect(await counted(activityImport)).toEqual({ api: 570, direct: 570 });
    // An import that never ran has no data table and counts 0.
    const { imports } = flattenPages(await inlet.ok(`{ imports(first: 200) { edges { node { id rowCount lastRun { status } } } } }`));
    expect(imports.filter((i: any) => i.lastRun?.status !== 'SUCCEEDED').every((i: any) => i.rowCount === 0)).toBe(true);
  }, 60_000);
});
