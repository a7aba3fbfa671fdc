import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { makeServiceAccountKey, startFakeGcs, type FakeGcs } from './helpers/fake-gcs.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let gcs: FakeGcs;
let db: Duck;
let work: string;
const BUCKET = 'discovery';

const TABLES = `tables { name fileCount totalBytes schemaFile warnings ignoredReason partitionColumns columns { name type nullable isPartition sourceType nested } }
  schemaRefresh { status error requests bytesRead startedAt finishedAt }`;

async function connection(id: string) {
  await inlet.idle();
  return (await inlet.ok(`query($id: ID!) { connection(id: $id) { status statusReason ${TABLES} } }`, { id })).connection;
}

async function connectS3(schemaPrefix: string, dataFormat: 'CSV' | 'PARQUET', partitioning: 'ALL_TABLES' | 'NO_TABLES', bucketName = BUCKET, endpoint = s3.endpoint) {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName, schemaPrefix, dataFormat, partitioning, endpoint }), name: schemaPrefix } });
  const c = await settled(inlet, createConnection.id);
  expect(c.status, c.statusReason).toBe('ACTIVE');
  return createConnection.id as string;
}

/** Uploads a directory DuckDB wrote, returning the total bytes of the data files. */
async function upload(dir: string, prefix: string): Promise<number> {
  await s3.uploadDir(BUCKET, prefix, dir);
  let bytes = 0;
  const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : (bytes += statSync(path.join(d, f)).size)));
  walk(dir);
  return bytes;
}

const columnsOf = (table: any) => table.columns.map((c: any) => [c.name, c.type, c.isPartition]);
const SELECT = `SELECT i::BIGINT AS id, 'name ' || i AS name, i / 4.0 AS score, i % 2 = 0 AS active, DATE '2025-01-01' + i::INTEGER AS day,
  TIMESTAMP '2025-01-01 10:00:00' + INTERVAL (i) SECOND AS at, (i * 1.5)::DECIMAL(38,9) AS amount`;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-discovery-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  await db.run(`CREATE TABLE t AS ${SELECT}, [i, i + 1] AS tags, {'a': i::INTEGER, 'b': 'x'} AS info FROM range(200) r(i)`);
  for (const codec of ['zstd', 'snappy', 'gzip', 'uncompressed']) {
    await db.run(`COPY t TO '${work}/pq-${codec}.parquet' (FORMAT parquet, COMPRESSION ${codec})`);
    await s3.put(BUCKET, `formats/pq/${codec}/part-0.parquet`, readFileSync(`${work}/pq-${codec}.parquet`));
  }
  await db.run(`COPY (SELECT * EXCLUDE (tags, info) FROM t) TO '${work}/plain.csv' (FORMAT csv, HEADER)`);
  await db.run(`COPY (SELECT * EXCLUDE (tags, info) FROM t) TO '${work}/zipped.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  await s3.put(BUCKET, 'formats/csv/plain/part-0.csv', readFileSync(`${work}/plain.csv`));
  await s3.put(BUCKET, 'formats/csv/zipped/part-0.csv.gz', readFileSync(`${work}/zipped.csv.gz`));
  inlet = await startInlet();
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  await gcs?.close();
  db?.close();
});

describe('formats written by DuckDB', () => {
  it('reads Parquet schemas from the footer for ZSTD, Snappy, GZIP and uncompressed files', async () => {
    const c = await connection(await connectS3('formats/pq/', 'PARQUET', 'NO_TABLES'));
    expect(c.schemaRefresh.status).toBe('COMPLETED');
    expect(c.tables.map((t: any) => t.name)).toEqual(['gzip', 'snappy', 'uncompressed', 'zstd']);
    for (const table of c.tables) {
      expect(columnsOf(table), table.name).toEqual([
        ['id', 'INTEGER', false], ['name', 'STRING', false], ['score', 'FLOAT', false], ['active', 'BOOLEAN', false], ['day', 'DATE', false],
        ['at', 'TIMESTAMP', false], ['amount', 'STRING', false], ['tags', 'STRING', false], ['info', 'STRING', false],
      ]);
      const byName = Object.fromEntries(table.columns.map((col: any) => [col.name, col]));
      expect(byName.amount.sourceType).toMatch(/DECIMAL\(38, ?9\)/);
      expect(byName.tags).toMatchObject({ nested: true });
      expect(byName.info).toMatchObject({ nested: true });
      expect(byName.info.sourceType).toMatch(/^STRUCT<a: .*, b: .*>$/);
      expect(table.fileCount).toBe(1);
      expect(table.schemaFile).toBe(`s3://${BUCKET}/formats/pq/${table.name}/part-0.parquet`);
    }
    // 1 listing of tables + 1 per table, 2 ranged reads of each footer, and the sample rows' reads of the first row
    // group (the footer is read once for both: discovery remembers the ranges it read of a table's file).
    expect(c.schemaRefresh.requests).toBe(1 + 4 + 4 * 2 + 4 * 2);
    const fileBytes = ['zstd', 'snappy', 'gzip', 'uncompressed'].map((codec) => statSync(`${work}/pq-${codec}.parquet`).size).reduce((a, b) => a + b, 0);
    // Each file is read at most once: the footer for both the schema and the sample, then the first row group.
    expect(c.schemaRefresh.bytesRead).toBeLessThanOrEqual(fileBytes);
  });

  it('infers CSV and gzipped CSV types from a sample of the header and rows', async () => {
    const c = await connection(await connectS3('formats/csv/', 'CSV', 'NO_TABLES'));
    expect(c.tables.map((t: any) => t.name)).toEqual(['plain', 'zipped']);
    for (const table of c.tables) {
      expect(columnsOf(table), table.name).toEqual([
        ['id', 'INTEGER', false], ['name', 'STRING', false], ['score', 'FLOAT', false], ['active', 'BOOLEAN', false], ['day', 'DATE', false],
        ['at', 'TIMESTAMP', false], ['amount', 'FLOAT', false],
      ]);
    }
    // 1 listing of tables + 1 per table, one ranged sample each for the schema, which the sample rows read again from
    // memory (their file is the same, and they stream it as ranged reads of the same size).
    expect(c.schemaRefresh.requests).toBe(1 + 2 + 2);
  });

  it('samples the first rows of a Parquet file whose one row group is bigger than the sample budget', async () => {
    // One row group of about 8 MB of ZSTD-compressed hashes: its column chunk alone is past the 4 MiB a sample may read.
    await db.run(`COPY (SELECT i::BIGINT AS id, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS h FROM range(250000) r(i)) TO '${work}/big-group.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)`);
    expect(statSync(`${work}/big-group.parquet`).size).toBeGreaterThan(4 * 1024 * 1024);
    await s3.put(BUCKET, 'biggroup/hashes/part-0.parquet', readFileSync(`${work}/big-group.parquet`));
    const id = await connectS3('biggroup/', 'PARQUET', 'NO_TABLES');
    await inlet.idle();
    const { connection: c } = await inlet.ok(`query($id: ID!) { connection(id: $id) { table(name: "hashes") { warnings sampleRows } schemaRefresh { bytesRead } } }`, { id });
    expect(c.table.warnings, JSON.stringify(c.table.warnings)).toEqual([]);
    const [expected] = await db.all(`SELECT md5('0') || md5('1') AS h`);
    expect(c.table.sampleRows.slice(0, 2)).toEqual([['0', expected!.h], ['1', expect.any(String)]]);
    expect(c.table.sampleRows).toHaveLength(10);
    expect(c.schemaRefresh.bytesRead).toBeLessThan(2 * 1024 * 1024);
  });

  it('reads a table\'s sample rows again only when its newest file or its columns change', async () => {
    const parquet = async (name: string, rows: string) => {
      await db.run(`COPY (SELECT * FROM (VALUES ${rows}) v(user_id, n)) TO '${work}/${name}.parquet' (FORMAT parquet)`);
      return readFileSync(`${work}/${name}.parquet`);
    };
    await s3.put(BUCKET, 'resample/users/part-0.parquet', await parquet('resample-a', `('u1', 1), ('u2', 2)`));
    const id = await connectS3('resample/', 'PARQUET', 'NO_TABLES');
    const sample = async () => (await inlet.ok(`query($id: ID!) { connection(id: $id) { table(name: "users") { sampleRows } schemaRefresh { requests } } }`, { id })).connection;
    const refresh = async () => {
      await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id });
      await inlet.idle();
      return sample();
    };
    const first = await sample();
    expect(first.table.sampleRows).toEqual([['u1', '1'], ['u2', '2']]);
    // Nothing changed: the listings and the footer's ranged reads, but not the row group's read for the sample.
    const again = await refresh();
    expect(again.table.sampleRows).toEqual([['u1', '1'], ['u2', '2']]);
    expect(again.schemaRefresh.requests).toBeLessThan(first.schemaRefresh.requests);
    // The file is rewritten: its new first rows are read.
    await s3.put(BUCKET, 'resample/users/part-0.parquet', await parquet('resample-b', `('u7', 7)`));
    const changed = await refresh();
    expect(changed.table.sampleRows).toEqual([['u7', '7']]);
    expect(changed.schemaRefresh.requests).toBe(first.schemaRefresh.requests);
  });

  it('reads one ranged sample of at most 64 KiB from a big CSV file', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `u${i},${i},2025-01-01`);
    const body = ['user_id,n,day', ...rows, ''].join('\n');
    expect(body.length).toBeGreaterThan(10 * 64 * 1024);
    await s3.put(BUCKET, 'sampled/big/part-0.csv', body);
    const c = await connection(await connectS3('sampled/', 'CSV', 'NO_TABLES'));
    expect(columnsOf(c.tables[0])).toEqual([['user_id', 'STRING', false], ['n', 'INTEGER', false], ['day', 'DATE', false]]);
    // The schema prefix's listing, the table's listing, one ranged read (shared with the sample rows), and the sample
    // rows' next ranged read (the reader reads ahead once).
    expect(c.schemaRefresh.requests).toBe(4);
    expect(c.schemaRefresh.bytesRead).toBeGreaterThan(0);
    // The 64 KiB schema sample, and a sample-rows read that stops after its first rows: far less than the file.
    expect(c.schemaRefresh.bytesRead).toBeLessThan(body.length / 2);
  });
});

describe('layout rules', () => {
  let hiveBytes = 0;
  beforeAll(async () => {
    await db.run(`COPY (${SELECT}, CASE WHEN i % 2 = 0 THEN 'FR' ELSE 'GB' END AS country FROM range(100) r(i)) TO '${work}/hive' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (country))`);
    hiveBytes = await upload(`${work}/hive`, 'layout/events/');
    await db.run(`COPY (SELECT 1::INTEGER AS x) TO '${work}/flat.parquet' (FORMAT parquet)`);
    await s3.put(BUCKET, 'layout/flat/part-0.parquet', readFileSync(`${work}/flat.parquet`));
    await s3.put(BUCKET, 'layout/flat/nested/deeper/part-1.parquet', readFileSync(`${work}/flat.parquet`));
    // Things that must not break discovery: a CSV among Parquet files, an empty file, a folder marker, a _SUCCESS file.
    await s3.put(BUCKET, 'layout/events/country=FR/stray.csv', 'a,b\n1,2\n');
    await s3.put(BUCKET, 'layout/events/country=FR/empty.parquet', '');
    await s3.put(BUCKET, 'layout/events/_SUCCESS', '');
    await s3.put(BUCKET, 'layout/empty/', '');
  });

  it('partitioned mode: Hive folders become columns, tables without them are ignored with the reason', async () => {
    const c = await connection(await connectS3('layout/', 'PARQUET', 'ALL_TABLES'));
    const events = c.tables.find((t: any) => t.name === 'events');
    expect(events.partitionColumns).toEqual(['country']);
    expect(events.columns.at(-1)).toMatchObject({ name: 'country', type: 'STRING', isPartition: true, nullable: false });
    expect(events.fileCount).toBe(2);
    expect(events.totalBytes).toBe(hiveBytes);
    expect(events.schemaFile).toMatch(/layout\/events\/country=GB\//);
    expect(events.warnings.join(' ')).toMatch(/1 CSV file\(s\) skipped: this connection reads PARQUET/);
    expect(events.warnings.join(' ')).toMatch(/1 empty file\(s\) skipped/);
    const flat = c.tables.find((t: any) => t.name === 'flat');
    expect(flat.ignoredReason).toMatch(/No Hive partition folders \(name=value\/\) under s3:\/\/discovery\/layout\/flat\//);
    expect(flat.columns).toEqual([]);
    expect(c.tables.find((t: any) => t.name === 'empty').ignoredReason).toMatch(/No PARQUET data files/);
  });

  it('non-partitioned mode on the same layout: every file at any depth counts and k=v folders are plain folders', async () => {
    const c = await connection(await connectS3('layout/', 'PARQUET', 'NO_TABLES'));
    const events = c.tables.find((t: any) => t.name === 'events');
    expect(events.partitionColumns).toEqual([]);
    expect(events.columns.some((col: any) => col.name === 'country')).toBe(false);
    expect(events.fileCount).toBe(2);
    const flat = c.tables.find((t: any) => t.name === 'flat');
    expect(flat.ignoredReason).toBeNull();
    expect(flat.fileCount).toBe(2);
    expect(flat.schemaFile).toBe(`s3://${BUCKET}/layout/flat/part-0.parquet`);
  });

  it('takes the schema from the alphabetically last file, decodes partition values once and refuses unsafe ones', async () => {
    await s3.put(BUCKET, 'rules/users/day=2025-01-01/a.csv', 'user_id,__proto__\nu1,1\n');
    await s3.put(BUCKET, 'rules/users/day=2025-01-02/a.csv', 'user_id,__proto__,constructor\nu2,2,x\n');
    await s3.put(BUCKET, 'rules/cities/city=S%C3%A3o%20Paulo/a.csv', 'id\n1\n');
    await s3.put(BUCKET, 'rules/bad/p=a%2F..%2Fb/a.csv', 'id\n1\n');
    await s3.put(BUCKET, 'rules/noheader/p=1/a.csv', '\n1,2\n');
    const c = await connection(await connectS3('rules/', 'CSV', 'ALL_TABLES'));
    const users = c.tables.find((t: any) => t.name === 'users');
    expect(columnsOf(users)).toEqual([['user_id', 'STRING', false], ['__proto__', 'INTEGER', false], ['constructor', 'STRING', false], ['day', 'DATE', true]]);
    expect(users.schemaFile).toBe(`s3://${BUCKET}/rules/users/day=2025-01-02/a.csv`);
    expect(c.tables.find((t: any) => t.name === 'bad').ignoredReason).toMatch(/Table bad: partition value of "p" in s3:\/\/discovery\/rules\/bad\/p=a%2F..%2Fb\/a.csv/);
    expect(c.tables.find((t: any) => t.name === 'noheader').ignoredReason).toContain('s3://discovery/rules/noheader/p=1/a.csv');
    const cities = c.tables.find((t: any) => t.name === 'cities');
    expect(cities.ignoredReason).toBeNull();
  });

  it('names a Parquet file whose footer is corrupt, without failing the other tables', async () => {
    await s3.put(BUCKET, 'corrupt/broken/part-0.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 7)]));
    await s3.put(BUCKET, 'corrupt/fine/part-0.parquet', readFileSync(`${work}/flat.parquet`));
    const c = await connection(await connectS3('corrupt/', 'PARQUET', 'NO_TABLES'));
    expect(c.tables.find((t: any) => t.name === 'broken').ignoredReason).toMatch(/s3:\/\/discovery\/corrupt\/broken\/part-0\.parquet/);
    expect(c.tables.find((t: any) => t.name === 'fine').columns).toHaveLength(1);
  });
});

describe('cost on big buckets', () => {
  it('discovers 500 files in 50 partitions with a bounded number of requests and bytes', async () => {
    await db.run(`COPY (SELECT i::INTEGER AS v, 'name ' || i AS s FROM range(100) r(i)) TO '${work}/one.parquet' (FORMAT parquet, COMPRESSION zstd)`);
    const sample = readFileSync(`${work}/one.parquet`);
    const keys = Array.from({ length: 500 }, (_, i) => `cost/many/part=p${i % 50}/file-${String(i).padStart(3, '0')}.parquet`);
    await s3.seed(BUCKET, keys, sample);
    const id = await connectS3('cost/', 'PARQUET', 'ALL_TABLES');
    const c = await connection(id);
    const table = c.tables[0];
    expect(table).toMatchObject({ name: 'many', fileCount: 500, partitionColumns: ['part'] });
    // 1 listing of the schema prefix, 1 page of the table's 500 keys, 2 ranged reads of one footer, 1 of its data for
    // the sample rows.
    expect(c.schemaRefresh.requests).toBe(5);
    expect(c.schemaRefresh.bytesRead).toBeLessThanOrEqual(sample.length);
  });

  it('costs the same with 100,000 objects outside the schema prefix', async () => {
    await s3.createBucket('huge');
    const copy = async (key: string, body: Buffer) => s3.put('huge', key, body);
    await copy('data/audiences/users/part-0.parquet', readFileSync(`${work}/flat.parquet`));
    const empty = await connection(await connectS3('data/audiences/', 'PARQUET', 'NO_TABLES', 'huge'));
    await s3.seed('huge', Array.from({ length: 100_000 }, (_, i) => `noise/d${i % 100}/obj-${i}.csv`));
    const big = await connection(await connectS3('data/audiences/', 'PARQUET', 'NO_TABLES', 'huge'));
    expect(big.schemaRefresh.requests).toBe(empty.schemaRefresh.requests);
    expect(big.schemaRefresh.bytesRead).toBe(empty.schemaRefresh.bytesRead);
    expect(big.tables.map((t: any) => t.name)).toEqual(['users']);
  }, 180_000);
});

describe('refresh', () => {
  it('shows the new tables after the bucket changes, and refuses a second refresh while one runs', async () => {
    // The source answers nothing until released, so the first refresh is certainly still running.
    const proxy = await startFaultProxy(s3.endpoint);
    try {
      const id = await connectS3('formats/csv/', 'CSV', 'NO_TABLES', BUCKET, proxy.endpoint);
      await s3.put(BUCKET, 'formats/csv/added/part-0.csv', 'a,b\n1,x\n');
      proxy.hold();
      const first = await inlet.gql(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id schemaRefresh { status } } }`, { id });
      expect(first.data.refreshConnectionSchema.schemaRefresh.status).toBe('IN_PROGRESS');
      await proxy.whenHeld();
      const second = await inlet.gql(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id });
      expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(second.errors?.[0]?.message).toMatch(/already in progress/);
      proxy.release();
      const c = await connection(id);
      expect(c.schemaRefresh.status).toBe('COMPLETED');
      expect(c.tables.map((t: any) => t.name)).toEqual(['added', 'plain', 'zipped']);
    } finally {
      proxy.release();
      await proxy.close();
      await s3.remove(BUCKET, 'formats/csv/added/part-0.csv');
    }
  });
});

describe('Google Cloud Storage (local stand-in server, see test/helpers/fake-gcs.ts)', () => {
  it('validates a service-account key, discovers tables, and names a forbidden bucket', async () => {
    gcs = await startFakeGcs();
    gcs.createBucket('gcs-data');
    gcs.putObject('gcs-data', 'schema/users/part-0.parquet', readFileSync(`${work}/pq-zstd.parquet`));
    gcs.putObject('gcs-data', 'schema/events/day=2025-01-01/a.csv', 'user_id,n\nu1,1\n');
    const key = makeServiceAccountKey(gcs);
    const input = (over: Record<string, unknown> = {}) => ({
      name: 'gcs',
      gcs: { bucketName: 'gcs-data', schemaPrefix: 'schema/', dataFormat: 'PARQUET', partitioning: 'NO_TABLES', endpoint: gcs.url, credentials: { serviceAccountKey: key.json }, ...over },
    });
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: input() });
    expect(createConnection.credentialsHint).toBe(`service account ${key.clientEmail}`);
    const c = await connection(createConnection.id);
    expect(c.status, c.statusReason).toBe('ACTIVE');
    const users = c.tables.find((t: any) => t.name === 'users');
    expect(users.columns.map((col: any) => col.name)).toEqual(['id', 'name', 'score', 'active', 'day', 'at', 'amount', 'tags', 'info']);
    expect(users.schemaFile).toBe('gs://gcs-data/schema/users/part-0.parquet');
    expect(c.tables.find((t: any) => t.name === 'events').warnings.join(' ')).toMatch(/CSV file\(s\) skipped/);

    gcs.forbid('gcs-data', key.clientEmail);
    const forbidden = await inlet.ok(CREATE_CONNECTION, { input: input() });
    const denied = await connection(forbidden.createConnection.id);
    expect(denied.status).toBe('INACTIVE');
    expect(denied.statusReason).toMatch(/gs:\/\/gcs-data\/schema\//);

    const bad = await inlet.gql(CREATE_CONNECTION, { input: input({ credentials: { serviceAccountKey: '{"not": "a key"}' } }) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gcs.credentials.serviceAccountKey' });
    expect(JSON.stringify(inlet.responses)).not.toContain(key.privateKeyPem.split('\n')[1]!);
  });
});
