import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminDetails1730000000014 } from '../server/db/migrations/014-admin-details.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

/**
 * Issue 19 items 13, 14 and 15 through the API: what discovery keeps beside the columns (partition values with
 * counts, freshness, sample rows), every field error of a form in one answer, API keys' last use, unique workspace
 * names (migration 014, with clashing names already stored).
 */
let inlet: TestInlet;
let s3: LocalS3;
const BUCKET = 'details';
let connectionId: string;

const TABLE = `name fileCount ignoredReason warnings columns { name } partitionValues { column distinct min max values { value files } } newestFileAt sampleRows`;
/** One table's details (asked for one table at a time: over every table the query would cost too much). */
const table = async (name: string) => (await inlet.ok(`query($id: ID!, $name: String!) { connection(id: $id) { table(name: $name) { ${TABLE} } } }`, { id: connectionId, name })).connection.table;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  await s3.put(BUCKET, 'lake/events/day=2025-01-01/a.csv', 'user_id,amount\nu1,1.5\nu2,2\n');
  await s3.put(BUCKET, 'lake/events/day=2025-01-02/a.csv', 'user_id,amount\nu3,3\n');
  await s3.put(BUCKET, 'lake/events/day=2025-01-02/b.csv', 'user_id,amount\nu4,4\nu5,\n');
  await s3.put(BUCKET, 'lake/events/day=__HIVE_DEFAULT_PARTITION__/a.csv', 'user_id,amount\nu6,6\n');
  await s3.put(BUCKET, 'lake/nums/n=9/a.csv', 'id\n1\n');
  await s3.put(BUCKET, 'lake/nums/n=10/a.csv', 'id\n2\n');
  await s3.put(BUCKET, 'lake/nums/n=10/b.csv', 'id\n3\n');
  await s3.put(BUCKET, 'lake/flat/a.csv', 'id\n1\n');
  inlet = await startInlet();
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'lake/', dataFormat: 'CSV', partitioning: 'ALL_TABLES' }) });
  expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  connectionId = createConnection.id;
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

describe('discovery details (item 14)', () => {
  it('keeps partition values with file counts and ranges, the newest file time, and the newest file’s first rows', async () => {
    const events = await table('events');
    expect(events.partitionValues).toEqual([
      { column: 'day', distinct: 3, min: '2025-01-01', max: '2025-01-02', values: [{ value: '2025-01-02', files: 2 }, { value: '2025-01-01', files: 1 }, { value: null, files: 1 }] },
    ]);
    // Numbers compare as numbers: 9 < 10.
    const nums = await table('nums');
    expect(nums.partitionValues[0]).toMatchObject({ min: '9', max: '10', values: [{ value: '10', files: 2 }, { value: '9', files: 1 }] });

    // The newest file by the store's own listing (the alphabetically last among equal times).
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'lake/events/' }));
    const objects = (listed.Contents ?? []).sort((a, b) => a.LastModified!.getTime() - b.LastModified!.getTime() || (a.Key! < b.Key! ? -1 : 1));
    const newest = objects.at(-1)!;
    expect(new Date(events.newestFileAt).getTime()).toBe(newest.LastModified!.getTime());
    const expectedRows: Record<string, (string | null)[][]> = {
      'lake/events/day=2025-01-01/a.csv': [['u1', '1.5', '2025-01-01'], ['u2', '2', '2025-01-01']],
      'lake/events/day=2025-01-02/a.csv': [['u3', '3', '2025-01-02']],
      'lake/events/day=2025-01-02/b.csv': [['u4', '4', '2025-01-02'], ['u5', null, '2025-01-02']],
      'lake/events/day=__HIVE_DEFAULT_PARTITION__/a.csv': [['u6', '6', null]],
    };
    expect(events.columns.map((c: any) => c.name)).toEqual(['user_id', 'amount', 'day']);
    expect(events.sampleRows).toEqual(expectedRows[newest.Key!]);
  });

  it('an ignored table says why and carries no counts, values or rows', async () => {
    const flat = await table('flat');
    expect(flat.ignoredReason).toMatch(/No Hive partition folders/);
    expect(flat).toMatchObject({ partitionValues: [], newestFileAt: null, sampleRows: [] });
    expect(await table('nothing')).toBeNull();
  });
});

describe('every field error at once (item 13)', () => {
  it('createConnection names every wrong field in one BAD_USER_INPUT', async () => {
    const input = s3Input(s3, { region: 'mars-1', bucketName: 'Bad_Bucket', schemaPrefix: '/abs' }, {});
    const result = await inlet.gql(CREATE_CONNECTION, { input: { ...input, name: ' ' } });
    const error = result.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(error.extensions!.errors.map((e: any) => e.field)).toEqual(['name', 's3.region', 's3.bucketName', 's3.schemaPrefix', 's3.credentials.accessKeyId', 's3.credentials.secretAccessKey']);
    for (const e of error.extensions!.errors) expect(e.message).toEqual(expect.any(String));
    expect(result.errors).toHaveLength(1);
  });

  it('the warehouse forms too: createConnection for BigQuery or Snowflake names every wrong field', async () => {
    const bq = await inlet.gql(CREATE_CONNECTION, { input: { name: 'bq', bigquery: { projectId: 'X', dataset: 'not-a-dataset', location: 'mars', credentials: { serviceAccountKey: ' ' } } } });
    expect(bq.errors![0]!.extensions!.errors.map((e: any) => e.field)).toEqual(['bigquery.projectId', 'bigquery.dataset', 'bigquery.location', 'bigquery.credentials.serviceAccountKey']);
    const sf = await inlet.gql(CREATE_CONNECTION, { input: { name: 'sf', snowflake: { account: 'https://x.snowflakecomputing.com', warehouse: ' ', database: 'DB', schema: 'PUBLIC', credentials: { username: 'u' } } } });
    expect(sf.errors![0]!.extensions!.errors.map((e: any) => e.field)).toEqual(['snowflake.account', 'snowflake.warehouse', 'snowflake.credentials.privateKey']);
  });

  it('createImport names every wrong field in one BAD_USER_INPUT, and stores nothing', async () => {
    const before = await inlet.ok(`{ imports { totalCount } }`);
    const result = await inlet.gql(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId, name: '', table: 'events', type: 'USER_ACTIVITY', columns: ['amount'], userIdColumn: 'nope', schedule: 'sometimes' },
    });
    const error = result.errors![0]!;
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    expect(error.extensions!.errors.map((e: any) => e.field)).toEqual(['name', 'userIdColumn', 'timestampColumn', 'schedule']);
    expect(await inlet.ok(`{ imports { totalCount } }`)).toEqual(before);
  });
});

describe('API keys and workspaces (item 15)', () => {
  it('records when a key was last used, writing at most once a minute', async () => {
    const { workspaces } = await inlet.ok(`{ workspaces { id } }`);
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "ci") { apiKey { id lastUsedAt } key } }`, { w: workspaces[0].id });
    expect(createApiKey.apiKey.lastUsedAt).toBeNull();
    const lastUsed = async () => (await inlet.ok(`{ apiKeys { id lastUsedAt } }`)).apiKeys.find((k: any) => k.id === createApiKey.apiKey.id).lastUsedAt;
    await inlet.ok(`{ viewer { workspace { id } } }`, {}, createApiKey.key);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // Within the minute: no new write.
    await inlet.ok(`{ viewer { workspace { id } } }`, {}, createApiKey.key);
    expect(await lastUsed()).toBe(first);
    // Once the stored time is a minute old, the next request writes it again.
    const old = new Date(Date.now() - 61_000).toISOString();
    await inlet.server.services.db.query(`UPDATE "api_key" SET "lastUsedAt" = ${testDatabase === 'postgres' ? '$1' : '?'} WHERE "id" = ${testDatabase === 'postgres' ? '$2' : '?'}`, [old, createApiKey.apiKey.id]);
    await inlet.ok(`{ viewer { workspace { id } } }`, {}, createApiKey.key);
    expect(new Date(await lastUsed()).getTime()).toBeGreaterThan(new Date(old).getTime() + 60_000);
  });

  it('migration 014 renames workspace names that already clash, then the index refuses a new clash', async () => {
    const db = inlet.server.services.db;
    const q = db.createQueryRunner();
    const p = (i: number) => (testDatabase === 'postgres' ? `$${i}` : '?');
    try {
      // Back to before 014, with clashing names stored.
      await new AdminDetails1730000000014().down(q);
      const rows: [string, string, string][] = [['w-1', 'Acme', '2020-01-01T00:00:00.000Z'], ['w-2', 'acme', '2020-01-02T00:00:00.000Z'], ['w-3', 'ACME', '2020-01-03T00:00:00.000Z'], ['w-4', 'Acme (2)', '2020-01-04T00:00:00.000Z']];
      for (const row of rows) await q.query(`INSERT INTO "workspace" ("id", "name", "createdAt") VALUES (${p(1)}, ${p(2)}, ${p(3)})`, row);
      await new AdminDetails1730000000014().up(q);
      const names = await q.query(`SELECT "id", "name" FROM "workspace" WHERE "id" LIKE 'w-%' ORDER BY "id"`);
      expect(names.map((r: any) => r.name)).toEqual(['Acme', 'acme (3)', 'ACME (4)', 'Acme (2)']);
      await expect(q.query(`INSERT INTO "workspace" ("id", "name", "createdAt") VALUES (${p(1)}, ${p(2)}, ${p(3)})`, ['w-5', 'ACME (2)', '2020-01-05T00:00:00.000Z'])).rejects.toThrow(/unique|duplicate/i);
    } finally {
      await q.release();
    }
    const clash = await inlet.gql(`mutation { createWorkspace(name: "aCmE") { id } }`);
    expect(clash.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});

describe('the S3 principal (item 4)', () => {
  it('says when Inlet’s AWS account is the unset placeholder', async () => {
    const { awsPrincipal } = await inlet.ok(`{ awsPrincipal { accountId roleArn isPlaceholder } }`);
    expect(awsPrincipal).toEqual({ accountId: '000000000000', roleArn: 'arn:aws:iam::000000000000:role/inlet-reader', isPlaceholder: true });
  });
});
