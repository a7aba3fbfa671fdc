/**
 * Hostile column names (test/security/corpus/column-names.ts) end to end through the API: files written by DuckDB
 * into the local S3 server, discovered, imported with the name selected, run, and the value read back from the
 * preview; as file columns and as Hive partition folders, CSV and Parquet. Also NUL characters in data (the row is
 * rejected, naming file, row and column) and writer marker files (`_SUCCESS`, `.crc`), which discovery skips and says so.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, sqlString, type Duck } from '../helpers/duckdb.js';
import { CREATE_CONNECTION, s3Input, settled } from '../helpers/fixtures.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { startS3, type LocalS3 } from '../helpers/s3.js';
import { HOSTILE_COLUMN_NAMES } from './corpus/column-names.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;

const NAMES = HOSTILE_COLUMN_NAMES;
const RUN_FIELDS = `id status rowsRead rowsImported rowsRejected error rejects { file row reason }`;
const TABLES = `tables { name warnings ignoredReason partitionColumns columns { name type isPartition } }`;

/** A DuckDB identifier. */
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/**
 * The value DuckDB writes for hostile column k in row i (file columns) or for partition k (folders): text for even k,
 * integers for odd k, so that a type looked up by column name is looked up right.
 */
const fileValue = (k: number, i: number) => (k % 2 ? k * 100 + i : `f${k}-${i}`);
const partValue = (k: number) => (k % 2 ? k * 10 : `p${k}`);
const fileSql = (k: number) => (k % 2 ? `${k * 100} + i` : `'f${k}-' || i`);
const partSql = (k: number) => (k % 2 ? `${k * 10}` : `'p${k}'`);

async function connect(name: string, overrides: Record<string, unknown>): Promise<string> {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'hostile', ...overrides }), name } });
  const connection = await settled(inlet, createConnection.id);
  expect(connection.status, connection.statusReason).toBe('ACTIVE');
  return createConnection.id;
}

async function tables(connectionId: string) {
  return (await inlet.ok(`query($id: ID!) { connection(id: $id) { ${TABLES} } }`, { id: connectionId })).connection.tables;
}

/** Creates a manual USER_PROFILE import of `columns` (user id `user_id`), runs it, and returns the run and preview. */
async function importAndRun(connectionId: string, table: string, columns: string[], extra: Record<string, unknown> = {}) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id storedColumns { name type } } }`, {
    input: { name: `imp ${Math.random()}`, schedule: 'manual', connectionId, table, type: 'USER_PROFILE', userIdColumn: 'user_id', columns, ...extra },
  });
  const { runImport } = await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
  await inlet.idle();
  const { importRun } = await inlet.ok(`query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id: runImport.id });
  const { import: state } = await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount preview(limit: 100) } }`, { id: createImport.id });
  return { imp: createImport, run: importRun, rowCount: state.rowCount as number, preview: state.preview as Record<string, unknown>[] };
}

/** The value of an own property (a key named `__proto__` must be a property, not the prototype). */
function own(row: Record<string, unknown>, name: string): unknown {
  return Object.getOwnPropertyDescriptor(row, name)?.value;
}

const connections: Record<'CSV' | 'PARQUET', { flat: string; hive: string; nul: string }> = Object.create(null);
const NUL_ROWS = `SELECT 'u' || i AS user_id, CASE WHEN i IN (2, 5) THEN 'a' || chr(0) || 'b' ELSE 'v' || i END AS note, i AS n FROM range(10) t(i)`;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-columns-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('hostile');
  // Three rows; every hostile name is a file column with its own values.
  const fileColumns = NAMES.map((name, k) => `${fileSql(k)} AS ${ident(name)}`).join(', ');
  const rows = `SELECT 'u' || i AS user_id, ${fileColumns} FROM range(3) t(i)`;
  // Every hostile name is a Hive partition folder too (nested in corpus order), over a file of user ids.
  const partitionColumns = NAMES.map((name, k) => `${partSql(k)} AS ${ident(name)}`).join(', ');
  const partitioned = `SELECT 'u' || i AS user_id, ${partitionColumns} FROM range(3) t(i)`;
  const by = NAMES.map(ident).join(', ');
  for (const [format, ext, options] of [
    ['csv', 'csv', 'FORMAT csv, HEADER'],
    ['parquet', 'parquet', 'FORMAT parquet, COMPRESSION zstd'],
  ] as const) {
    mkdirSync(`${work}/${format}-flat/wide`, { recursive: true });
    mkdirSync(`${work}/${format}-hive`, { recursive: true });
    await db.run(`COPY (${rows}) TO ${sqlString(`${work}/${format}-flat/wide/part-0.${ext}`)} (${options})`);
    // Writer markers (Hadoop, Spark): skipped, and said so.
    writeFileSync(`${work}/${format}-flat/wide/_SUCCESS`, '');
    writeFileSync(`${work}/${format}-flat/wide/.part-0.${ext}.crc`, 'crc');
    mkdirSync(`${work}/${format}-flat/wide/_temporary/0`, { recursive: true });
    writeFileSync(`${work}/${format}-flat/wide/_temporary/0/part-1.${ext}`, 'half-written');
    await db.run(`COPY (${partitioned}) TO ${sqlString(`${work}/${format}-hive/parts`)} (${options}, PARTITION_BY (${by}))`);
    // NUL inside text values of rows 3 and 6 (DuckDB writes it as it is).
    mkdirSync(`${work}/${format}-nul/people`, { recursive: true });
    await db.run(`COPY (${NUL_ROWS}) TO ${sqlString(`${work}/${format}-nul/people/part-0.${ext}`)} (${options})`);
    await s3.uploadDir('hostile', `${format}-nul/`, `${work}/${format}-nul`);
    await s3.uploadDir('hostile', `${format}-flat/`, `${work}/${format}-flat`);
    await s3.uploadDir('hostile', `${format}-hive/`, `${work}/${format}-hive`);
  }
  inlet = await startInlet();
  for (const format of ['CSV', 'PARQUET'] as const) {
    const lower = format.toLowerCase();
    connections[format] = {
      flat: await connect(`${lower} flat`, { schemaPrefix: `${lower}-flat/`, dataFormat: format, partitioning: 'NO_TABLES' }),
      hive: await connect(`${lower} hive`, { schemaPrefix: `${lower}-hive/`, dataFormat: format, partitioning: 'ALL_TABLES' }),
      nul: await connect(`${lower} nul`, { schemaPrefix: `${lower}-nul/`, dataFormat: format, partitioning: 'NO_TABLES' }),
    };
  }
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe.each(['CSV', 'PARQUET'] as const)('%s', (format) => {
  it('discovers every hostile name as a file column and as a partition column', async () => {
    const [wide] = await tables(connections[format].flat);
    expect(wide.ignoredReason).toBeNull();
    expect(wide.columns.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual([
      ['user_id', 'STRING'],
      ...NAMES.map((name, k) => [name, k % 2 ? 'INTEGER' : 'STRING']),
    ]);
    const [parts] = await tables(connections[format].hive);
    expect(parts.ignoredReason).toBeNull();
    expect(parts.partitionColumns).toEqual([...NAMES]);
    expect(parts.columns.filter((c: { isPartition: boolean }) => c.isPartition).map((c: { name: string; type: string }) => [c.name, c.type])).toEqual(
      NAMES.map((name, k) => [name, k % 2 ? 'INTEGER' : 'STRING']),
    );
  });

  it('says that files named like writer markers were skipped', async () => {
    const [wide] = await tables(connections[format].flat);
    expect(wide.warnings).toContain('3 files skipped: names starting with . or _ (e.g. .part-0.' + (format === 'CSV' ? 'csv' : 'parquet') + '.crc)');
  });

  it.each(NAMES.map((name, k) => [name, k] as const))('imports the file column %s and shows its values', async (name, k) => {
    const { run, rowCount, preview } = await importAndRun(connections[format].flat, 'wide', [name]);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
    expect(rowCount).toBe(3);
    const byUser = new Map(preview.map((row) => [own(row, 'user_id'), own(row, name)]));
    expect(byUser).toEqual(new Map([0, 1, 2].map((i) => [`u${i}`, fileValue(k, i)])));
  });

  it.each(NAMES.map((name, k) => [name, k] as const))('imports the partition column %s and shows its value', async (name, k) => {
    const { run, rowCount, preview } = await importAndRun(connections[format].hive, 'parts', [name]);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 3, rowsImported: 3, rowsRejected: 0 });
    expect(rowCount).toBe(3);
    expect(preview.map((row) => own(row, name))).toEqual([partValue(k), partValue(k), partValue(k)]);
  });

  it('imports every hostile file column at once', async () => {
    const { run, preview } = await importAndRun(connections[format].flat, 'wide', [...NAMES]);
    expect(run).toMatchObject({ status: 'SUCCEEDED', rowsImported: 3, error: null });
    const row = preview.find((r) => own(r, 'user_id') === 'u2')!;
    expect(Object.keys(row)).toEqual(['user_id', ...NAMES]);
    NAMES.forEach((name, k) => expect(own(row, name)).toBe(fileValue(k, 2)));
  });
});

describe.each(['CSV', 'PARQUET'] as const)('NUL in %s data', (format) => {
  it('rejects the rows, naming file, row and column, and imports the rest', async () => {
    const { run, rowCount, preview } = await importAndRun(connections[format].nul, 'people', ['note', 'n'], { rejectThreshold: 0.5 });
    expect(run).toMatchObject({ status: 'SUCCEEDED', error: null, rowsRead: 10, rowsImported: 8, rowsRejected: 2 });
    const file = `s3://hostile/${format.toLowerCase()}-nul/people/part-0.${format === 'CSV' ? 'csv' : 'parquet'}`;
    expect(run.rejects).toEqual([
      { file, row: 3, reason: 'NUL character in column "note"' },
      { file, row: 6, reason: 'NUL character in column "note"' },
    ]);
    expect(rowCount).toBe(8);
    expect(preview.map((row) => [own(row, 'user_id'), own(row, 'note'), own(row, 'n')]).sort()).toEqual(
      [0, 1, 3, 4, 6, 7, 8, 9].map((i) => [`u${i}`, `v${i}`, i]).sort(),
    );
  });
});
