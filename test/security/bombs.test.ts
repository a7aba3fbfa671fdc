/**
 * Compression bombs through the API: a gzip CSV of newlines (about 1000:1) and a Parquet file whose one page expands
 * 8 MiB from a few hundred bytes, in the local S3 server. The run fails naming the file and the ratio, with the limit
 * the server was configured with (INLET_MAX_COMPRESSION_RATIO), and publishes nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, sqlString, type Duck } from '../helpers/duckdb.js';
import { CREATE_CONNECTION, s3Input, settled } from '../helpers/fixtures.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { startS3, type LocalS3 } from '../helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;

const RUN_FIELDS = `id status rowsRead rowsImported bytesRead error`;

async function connect(name: string, overrides: Record<string, unknown>): Promise<string> {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'bombs', ...overrides }), name } });
  const connection = await settled(inlet, createConnection.id);
  expect(connection.status, connection.statusReason).toBe('ACTIVE');
  return createConnection.id;
}

async function run(connectionId: string, table: string, userIdColumn: string, columns: string[]) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { name: `bomb ${table}`, schedule: 'manual', connectionId, table, type: 'USER_PROFILE', userIdColumn, columns },
  });
  const { runImport } = await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: createImport.id });
  await inlet.idle();
  const { importRun } = await inlet.ok(`query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id: runImport.id });
  const { import: state } = await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount } }`, { id: createImport.id });
  return { run: importRun, rowCount: state.rowCount as number };
}

beforeAll(async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'inlet-bombs-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket('bombs');
  // 16 MiB of newlines under a header: 16 KiB of gzip.
  await s3.put('bombs', 'csv/newlines/part-0.csv.gz', gzipSync(Buffer.concat([Buffer.from('user_id,tier\n'), Buffer.alloc(16 * 1024 * 1024, 0x0a)]), { level: 9 }));
  // One 8 MiB value: one page that ZSTD keeps in a few hundred bytes.
  await db.run(`COPY (SELECT 'u1' AS user_id, repeat('a', 8 * 1024 * 1024) AS blob) TO ${sqlString(`${work}/page.parquet`)} (FORMAT parquet, COMPRESSION zstd)`);
  await s3.put('bombs', 'parquet/pages/part-0.parquet', readFileSync(`${work}/page.parquet`));
  inlet = await startInlet({ INLET_MAX_COMPRESSION_RATIO: '500' });
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe('compression bombs', () => {
  it('discovers a gzip CSV bomb with a warning, and fails its run naming the file and the ratio', async () => {
    const connectionId = await connect('csv', { schemaPrefix: 'csv/', dataFormat: 'CSV', partitioning: 'NO_TABLES' });
    const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { tables { name warnings columns { name } } } }`, { id: connectionId });
    const [table] = connection.tables;
    expect(table.columns.map((c: { name: string }) => c.name)).toEqual(['user_id', 'tier']);
    expect(table.warnings.join('\n')).toMatch(/s3:\/\/bombs\/csv\/newlines\/part-0\.csv\.gz expands \d+:1 in its first 65536 bytes/);
    const { run: result, rowCount } = await run(connectionId, 'newlines', 'user_id', ['tier']);
    expect(result.status).toBe('FAILED');
    expect(result.error).toMatch(/^s3:\/\/bombs\/csv\/newlines\/part-0\.csv\.gz: the gzip stream expands \d+:1 \(\d+ bytes from \d+\), past the limit of 500:1/);
    expect(result.rowsImported).toBe(0);
    expect(rowCount).toBe(0);
  });

  it('fails the run of a Parquet file with an absurd page, naming the file and the ratio', async () => {
    const connectionId = await connect('parquet', { schemaPrefix: 'parquet/', dataFormat: 'PARQUET', partitioning: 'NO_TABLES' });
    const { run: result, rowCount } = await run(connectionId, 'pages', 'user_id', ['blob']);
    expect(result.status).toBe('FAILED');
    expect(result.error).toMatch(/^s3:\/\/bombs\/parquet\/pages\/part-0\.parquet: a ZSTD page expands \d+:1 \(\d+ bytes from \d+\), past the limit of 500:1/);
    expect(rowCount).toBe(0);
  });
});
