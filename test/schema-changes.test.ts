import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { CREATE_CONNECTION, s3Input, settled, flattenPages } from './helpers/fixtures.js';
import { startInlet, subscribeReady, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;
const BUCKET = 'changes';

/** Writes a Parquet file with DuckDB from a SELECT and uploads it. */
async function parquet(key: string, select: string) {
  const file = path.join(work, key.replace(/\//g, '_'));
  await db.run(`COPY (${select}) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
  await s3.put(BUCKET, key, readFileSync(file));
}
const csv = (key: string, lines: string[]) => s3.put(BUCKET, key, lines.join('\n') + '\n');

async function connect(schemaPrefix: string, dataFormat: 'CSV' | 'PARQUET') {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix, dataFormat, partitioning: 'NO_TABLES' }), name: dataFormat } });
  expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  return createConnection.id as string;
}

async function profileImport(connectionId: string, table: string, columns: string[]) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name: table, table, type: 'USER_PROFILE', columns, userIdColumn: 'user_id', schedule: 'daily@03:00' },
  });
  return createImport.id as string;
}

const CHANGE_FIELDS = 'id importId kind column previousType newType support status description sourceFile detectedAt';
async function changesOf(importId: string) {
  const { import: imp } = await inlet.ok(`query($id: ID!) { import(id: $id) { status statusReason schemaChanges { ${CHANGE_FIELDS} } } }`, { id: importId });
  return imp;
}
async function refresh(...ids: string[]) {
  for (const id of ids) await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id });
  await inlet.idle();
}
async function run(importId: string) {
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await inlet.idle();
  const { import: imp } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount runs(first: 1) { edges { node { status error rowsImported } } } } }`, { id: importId }));
  return { ...imp.runs[0], rowCount: imp.rowCount };
}

let parquetId: string;
let csvId: string;
const imports: Record<string, string> = {};
let sub: Awaited<ReturnType<typeof subscribeReady>>;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-changes-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  const base = `SELECT 'u' || i AS user_id, i::INTEGER AS a, 'b' || i AS b FROM range(3) t(i)`;
  for (const t of ['p_add', 'p_remove', 'p_rename', 'p_reorder', 'p_type', 'p_unselected']) await parquet(`pq/${t}/part-1.parquet`, base);
  await parquet(`pq/p_struct/part-1.parquet`, `SELECT 'u' || i AS user_id, {'x': i::INTEGER} AS s FROM range(3) t(i)`);
  const header = ['user_id,a,b', 'u1,1,x', 'u2,2,y'];
  for (const t of ['c_append', 'c_middle', 'c_removed', 'c_renamed', 'c_reorder', 'c_type', 'c_same', 'c_widen']) await csv(`csv/${t}/part-1.csv`, header);
  inlet = await startInlet();
  parquetId = await connect('pq/', 'PARQUET');
  csvId = await connect('csv/', 'CSV');
  for (const t of ['p_add', 'p_remove', 'p_rename', 'p_reorder', 'p_type']) imports[t] = await profileImport(parquetId, t, ['a', 'b']);
  imports.p_unselected = await profileImport(parquetId, 'p_unselected', ['a']);
  imports.p_struct = await profileImport(parquetId, 'p_struct', ['s']);
  for (const t of ['c_append', 'c_middle', 'c_removed', 'c_renamed', 'c_reorder', 'c_type', 'c_same', 'c_widen']) imports[t] = await profileImport(csvId, t, ['a', 'b']);
  expect((await run(imports.p_add!)).status).toBe('SUCCEEDED');
  expect((await run(imports.p_remove!)).status).toBe('SUCCEEDED');
  expect((await run(imports.c_append!)).status).toBe('SUCCEEDED');

  sub = await subscribeReady(inlet, `subscription { schemaChangeDetected { ${CHANGE_FIELDS} } }`);
  // The changes: each in a newer file, which is the alphabetically last and so gives the table's schema.
  await parquet('pq/p_add/part-2.parquet', `SELECT 'u9' AS user_id, 9::INTEGER AS a, 'b9' AS b, 9.5::DOUBLE AS c`);
  await parquet('pq/p_remove/part-2.parquet', `SELECT 'u9' AS user_id, 9::INTEGER AS a`);
  await parquet('pq/p_rename/part-2.parquet', `SELECT 'u9' AS user_id, 9::INTEGER AS a, 'b9' AS b_renamed`);
  await parquet('pq/p_reorder/part-2.parquet', `SELECT 'u9' AS user_id, 'b9' AS b, 9::INTEGER AS a`);
  await parquet('pq/p_type/part-2.parquet', `SELECT 'u9' AS user_id, 9.0::DOUBLE AS a, 'b9' AS b`);
  await parquet('pq/p_unselected/part-2.parquet', `SELECT 'u9' AS user_id, 9::INTEGER AS a`);
  await parquet('pq/p_struct/part-2.parquet', `SELECT 'u9' AS user_id, {'x': 9::INTEGER, 'y': 'new'} AS s`);
  await csv('csv/c_append/part-2.csv', ['user_id,a,b,c', 'u3,3,z,true']);
  await csv('csv/c_middle/part-2.csv', ['user_id,x,a,b', 'u3,q,3,z']);
  await csv('csv/c_removed/part-2.csv', ['user_id,a', 'u3,3']);
  await csv('csv/c_renamed/part-2.csv', ['user_id,a,bee', 'u3,3,z']);
  await csv('csv/c_reorder/part-2.csv', ['user_id,b,a', 'u3,z,3']);
  await csv('csv/c_type/part-2.csv', ['user_id,a,b', 'u3,1.5,z']);
  await csv('csv/c_same/part-2.csv', ['user_id,a,b', 'u3,3,z', 'u4,40,w']);
  await csv('csv/c_widen/part-2.csv', ['user_id,a,b', 'u3,3,7']);
  await refresh(parquetId, csvId);
});

afterAll(async () => {
  sub?.unsubscribe();
  await inlet?.close();
  await s3?.close();
  db?.close();
});

const summary = (imp: any) => imp.schemaChanges.map((c: any) => [c.kind, c.column, c.support, c.status]);

describe('Parquet rules', () => {
  it('a new nullable column is SUPPORTED, with the file that showed it', async () => {
    const imp = await changesOf(imports.p_add!);
    expect(summary(imp)).toEqual([['COLUMN_ADDED', 'c', 'SUPPORTED', 'PENDING']]);
    expect(imp.schemaChanges[0]).toMatchObject({ newType: 'FLOAT', sourceFile: `s3://${BUCKET}/pq/p_add/part-2.parquet` });
    expect(imp.status).toBe('ACTIVE');
  });

  it.each([
    ['p_remove', [['COLUMN_REMOVED', 'b', 'UNSUPPORTED', 'PENDING']], /Column "b" \(STRING\) was removed/],
    ['p_rename', [['COLUMN_RENAMED', 'b', 'UNSUPPORTED', 'PENDING']], /renamed to "b_renamed" \(inferred/],
    ['p_reorder', [['COLUMN_REORDERED', 'a', 'UNSUPPORTED', 'PENDING']], /reordered: user_id, a, b → user_id, b, a/],
    ['p_type', [['TYPE_CHANGED', 'a', 'UNSUPPORTED', 'PENDING']], /from INTEGER to FLOAT/],
  ])('%s is UNSUPPORTED and BLOCKS the import, saying what, where and the ways out', async (table, expected, description) => {
    const imp = await changesOf(imports[table]!);
    expect(summary(imp)).toEqual(expected);
    expect(imp.status).toBe('BLOCKED');
    expect(imp.statusReason).toMatch(description);
    expect(imp.statusReason).toContain(`s3://${BUCKET}/pq/${table}/part-2.parquet`);
    expect(imp.statusReason).toMatch(/revert the change at the source/);
    expect(imp.statusReason).toMatch(/create a new import/);
  });

  it('changes to columns the import did not select never block a Parquet import', async () => {
    const imp = await changesOf(imports.p_unselected!);
    expect(summary(imp)).toEqual([]);
    expect(imp.status).toBe('ACTIVE');
  });

  it('a new field in a struct is SUPPORTED and accepted with its struct', async () => {
    const imp = await changesOf(imports.p_struct!);
    expect(summary(imp)).toEqual([['COLUMN_ADDED', 's.y', 'SUPPORTED', 'PENDING']]);
    await inlet.ok(`mutation($id: ID!) { acceptSchemaChanges(importId: $id, columns: ["s.y"]) { id } }`, { id: imports.p_struct });
    expect(summary(await changesOf(imports.p_struct!))).toEqual([['COLUMN_ADDED', 's.y', 'SUPPORTED', 'ACCEPTED']]);
    await refresh(parquetId);
    expect(summary(await changesOf(imports.p_struct!))).toEqual([['COLUMN_ADDED', 's.y', 'SUPPORTED', 'ACCEPTED']]);
  });
});

describe('CSV rules', () => {
  it.each([
    ['c_append', [['COLUMN_ADDED', 'c', 'SUPPORTED', 'PENDING']], 'ACTIVE'],
    ['c_middle', [['COLUMN_ADDED', 'x', 'UNSUPPORTED', 'PENDING']], 'BLOCKED'],
    ['c_removed', [['COLUMN_REMOVED', 'b', 'UNSUPPORTED', 'PENDING']], 'BLOCKED'],
    ['c_renamed', [['COLUMN_RENAMED', 'b', 'UNSUPPORTED', 'PENDING']], 'BLOCKED'],
    ['c_reorder', [['COLUMN_REORDERED', 'a', 'UNSUPPORTED', 'PENDING']], 'BLOCKED'],
    ['c_type', [['TYPE_CHANGED', 'a', 'UNSUPPORTED', 'PENDING']], 'BLOCKED'],
    ['c_same', [], 'ACTIVE'],
    ['c_widen', [['TYPE_CHANGED', 'b', 'SUPPORTED', 'PENDING']], 'ACTIVE'],
  ])('%s', async (table, expected, status) => {
    const imp = await changesOf(imports[table]!);
    expect(summary(imp)).toEqual(expected);
    expect(imp.status).toBe(status);
    for (const c of imp.schemaChanges) expect(c.sourceFile).toBe(`s3://${BUCKET}/csv/${table}/part-2.csv`);
  });

  it('an INTEGER column that now holds 1.5 explains why it is unsupported', async () => {
    const imp = await changesOf(imports.c_type!);
    expect(imp.schemaChanges[0]).toMatchObject({ previousType: 'INTEGER', newType: 'FLOAT' });
    expect(imp.schemaChanges[0].description).toMatch(/cannot be read as INTEGER/);
  });
});

describe('detection, accepting and dismissing', () => {
  it('announces each change once, and records it once across refreshes', async () => {
    // Every event published so far has arrived once a marker published after them has.
    await sub.flush();
    const detected = sub.events.map((e: any) => e.schemaChangeDetected);
    const recorded = (await Promise.all(Object.values(imports).map(async (id) => (await changesOf(id)).schemaChanges))).flat();
    expect(detected.length).toBe(recorded.length);
    expect(new Set(detected.map((c: any) => c.id))).toEqual(new Set(recorded.map((c: any) => c.id)));
    const before = sub.events.length;
    await refresh(parquetId, csvId);
    await sub.flush();
    expect(sub.events.length).toBe(before);
    expect((await changesOf(imports.p_remove!)).schemaChanges).toHaveLength(1);
  });

  it('accepting is one decision: when recording it fails, the import keeps its columns and the change stays PENDING', async () => {
    // The import service's part succeeds, then the transaction fails before the change is marked ACCEPTED.
    const imports_ = inlet.server.services.imports;
    const original = imports_.acceptColumns.bind(imports_);
    imports_.acceptColumns = async (...args: Parameters<typeof original>) => {
      await original(...args);
      throw new Error('the database went away');
    };
    try {
      const failed = await inlet.gql(`mutation($id: ID!) { acceptSchemaChanges(importId: $id, columns: ["c"]) { id } }`, { id: imports.p_add });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      imports_.acceptColumns = original;
    }
    const { import: state } = await inlet.ok(`query($id: ID!) { import(id: $id) { columns storedColumns { name } schemaChanges { column status } } }`, { id: imports.p_add });
    expect(state.columns).toEqual(['a', 'b']);
    expect(state.storedColumns.map((c: { name: string }) => c.name)).not.toContain('c');
    expect(state.schemaChanges).toEqual([{ column: 'c', status: 'PENDING' }]);
  });

  it('accepting a new column imports it from the next run; earlier rows have it null', async () => {
    const imp = (await inlet.ok(`mutation($id: ID!) { acceptSchemaChanges(importId: $id, columns: ["c"]) { columns storedColumns { name type } } }`, { id: imports.p_add })).acceptSchemaChanges;
    expect(imp.columns).toEqual(['a', 'b', 'c']);
    expect(imp.storedColumns.at(-1)).toEqual({ name: 'c', type: 'FLOAT' });
    const result = await run(imports.p_add!);
    expect(result.status, result.error).toBe('SUCCEEDED');
    const { import: state } = await inlet.ok(`query($id: ID!) { import(id: $id) { preview(limit: 10) schemaChanges { status } } }`, { id: imports.p_add });
    expect(state.schemaChanges.map((c: any) => c.status)).toEqual(['ACCEPTED']);
    const byUser = Object.fromEntries(state.preview.map((r: any) => [r.user_id, r.c]));
    // The profile snapshot is rebuilt by the next full run: the old file has no c (null), the new one has 9.5.
    expect(byUser).toEqual({ u0: null, u1: null, u2: null, u9: 9.5 });
  });

  it('dismissing stops the question', async () => {
    await inlet.ok(`mutation($id: ID!) { dismissSchemaChanges(importId: $id, columns: ["c"]) { id } }`, { id: imports.c_append });
    await refresh(csvId);
    expect(summary(await changesOf(imports.c_append!))).toEqual([['COLUMN_ADDED', 'c', 'SUPPORTED', 'DISMISSED']]);
  });

  it('the imports list answers each import\'s changes of the status asked, each alias its own', async () => {
    const { imports: page } = await inlet.ok(`{ imports(first: 30) { pageInfo { hasNextPage } edges { node { id
      pending: schemaChanges(status: PENDING) { column status } accepted: schemaChanges(status: ACCEPTED) { column status } all: schemaChanges { column status } } } } }`);
    expect(page.pageInfo.hasNextPage).toBe(false);
    const nodes = page.edges.map((e: any) => e.node);
    for (const node of nodes) {
      expect(node.pending, node.id).toEqual(node.all.filter((c: any) => c.status === 'PENDING'));
      expect(node.accepted, node.id).toEqual(node.all.filter((c: any) => c.status === 'ACCEPTED'));
    }
    const byId = new Map(nodes.map((n: any) => [n.id, n]));
    expect(byId.get(imports.p_add)).toMatchObject({ pending: [], accepted: [{ column: 'c', status: 'ACCEPTED' }] });
    expect(byId.get(imports.c_append)).toMatchObject({ pending: [], accepted: [], all: [{ column: 'c', status: 'DISMISSED' }] });
    expect(nodes.some((n: any) => n.pending.length > 0)).toBe(true);
  });

  it('unsupported changes cannot be accepted or dismissed; the field is named', async () => {
    const r = await inlet.gql(`mutation($id: ID!) { dismissSchemaChanges(importId: $id, columns: ["b"]) { id } }`, { id: imports.p_remove });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'columns.0' });
    expect(r.errors?.[0]?.message).toMatch(/unsupported/);
  });

  it('a BLOCKED import does not run, the scheduler records the skip, and reverting at the source unblocks it', async () => {
    const id = imports.p_remove!;
    const manual = await inlet.gql(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id });
    expect(manual.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(manual.errors?.[0]?.message).toMatch(/BLOCKED/);
    const { import: before } = await inlet.ok(`query($id: ID!) { import(id: $id) { nextRunAt rowCount } }`, { id });
    await inlet.server.services.scheduler.tick(new Date(new Date(before.nextRunAt).getTime() + 1000));
    await inlet.idle();
    const { import: after } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount runs(first: 5) { edges { node { status trigger error } } } } }`, { id }));
    expect(after.runs[0]).toMatchObject({ status: 'CANCELLED', trigger: 'SCHEDULE' });
    expect(after.runs[0].error).toMatch(/^Skipped: Unsupported schema change in s3:\/\/changes\/pq\/p_remove\/part-2\.parquet/);
    expect(after.rowCount).toBe(before.rowCount);

    await s3.remove(BUCKET, 'pq/p_remove/part-2.parquet');
    await refresh(parquetId);
    const imp = await changesOf(id);
    expect(imp.status).toBe('ACTIVE');
    expect(summary(imp)).toEqual([['COLUMN_REMOVED', 'b', 'UNSUPPORTED', 'RESOLVED']]);
    expect((await run(id)).status).toBe('SUCCEEDED');
  });
});
