/**
 * The failure modes of the real warehouses that the stand-ins now reproduce (issue 21), against the connectors:
 * BigQuery errors by reason, non-fatal errors[], results too large for one query (resourcesExceeded,
 * responseTooLarge), tables that require a partition filter; Snowflake chunks that answer 403, statement timeouts,
 * service users, programmatic access tokens and timestamp binds. Each stand-in behaviour says in its file which
 * document or client source it follows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import type { Connector, ReadRequest, ReadUnit } from '../../server/connectors/connector.js';
import { SourceError } from '../../server/connectors/errors.js';
import type { CellValue } from '../../server/connectors/formats/format.js';
import { bigqueryFactory, WINDOW_BYTES } from '../../server/connectors/warehouses/bigquery/connector.js';
import { snowflakeFactory } from '../../server/connectors/warehouses/snowflake/connector.js';
import { CHUNK_RETRY_DEFAULTS, chunkRetryPolicy } from '../../server/connectors/warehouses/snowflake/driver.js';
import { makeBigQueryKey, startFakeBigQuery, type BigQueryKeyFile, type FakeBigQuery } from '../helpers/fake-bigquery.js';
import { startFakeSnowflake, type FakeSnowflake } from '../helpers/fake-snowflake.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'inlet-warehouse-failures-'));
const testConfig: Config = loadConfig({ DATA_DIR: dataDir }, { allowPrivateEndpoints: true });

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function request(table: string, columns: string[], extra: Partial<ReadRequest> = {}): ReadRequest {
  return { table, columns, types: {}, batchSize: 1000, maxDecompressedBytes: 1e9, ...extra };
}

/** Every unit of a read, read in order, as the run engine does. */
async function readUnits(connector: Connector, req: ReadRequest): Promise<{ units: ReadUnit[]; rows: CellValue[][] }> {
  const units = await connector.planRead(req);
  const rows: CellValue[][] = [];
  for (const unit of units) for await (const batch of connector.read(unit, req)) rows.push(...batch.rows);
  return { units, rows };
}

// =====================================================================================================================
// BigQuery

describe('BigQuery', () => {
  const PROJECT = 'acme-prod';
  const DATASET = 'audiences';
  let fake: FakeBigQuery;
  let key: BigQueryKeyFile;

  async function connector(): Promise<Connector> {
    const normalized = await bigqueryFactory.normalize({ projectId: PROJECT, dataset: DATASET, endpoint: fake.url, credentials: { serviceAccountKey: key.json } }, testConfig);
    return bigqueryFactory.create(normalized.settings, normalized.credentials, testConfig);
  }

  /** `n` events a minute apart from 2025-03-01, user u0…u4. */
  const events = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    Array.from({ length: n }, (_, i) => ({ user_id: `u${i % 5}`, n: i, at: new Date(Date.UTC(2025, 2, 1, 0, i)).toISOString(), ...extra(i) }));
  const eventColumns = [{ name: 'user_id', type: 'STRING' }, { name: 'n', type: 'INT64' }, { name: 'at', type: 'TIMESTAMP' }];
  const tableReads = (table: string) => fake.requests.queries.filter((q) => !q.dryRun && q.sql.includes(`\`${table}\``) && !q.sql.includes('MIN('));

  beforeAll(async () => {
    fake = await startFakeBigQuery();
    key = makeBigQueryKey(fake);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.createDataset(PROJECT, DATASET);
    fake.putTable(PROJECT, DATASET, { name: 'users', columns: [{ name: 'id', type: 'INT64', nullable: false }, { name: 'email', type: 'STRING' }], rows: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, email: `user${i + 1}@example.com` })) });
    fake.limits({});
    fake.requests.reset();
  });

  it('explains each documented error reason with its own message and whose move it is', async () => {
    const c = await connector();
    const cases: [number, string, SourceError['kind'], RegExp][] = [
      [403, 'accessDenied', 'auth', /lacks bigquery\.jobs\.create/],
      [403, 'billingNotEnabled', 'user', /Billing is not enabled/],
      [403, 'responseTooLarge', 'user', /maximum response size/],
      [400, 'resourcesExceeded', 'user', /more resources than BigQuery allows/],
      [403, 'rateLimitExceeded', 'transient', /rate limiting/],
      [403, 'quotaExceeded', 'transient', /quota exceeded.*raise it/],
      [500, 'backendError', 'transient', /backend error/],
      [400, 'jobBackendError', 'transient', /backend/],
      [404, 'notFound', 'not-found', /does not exist/],
      [400, 'invalidQuery', 'user', /refused the query/],
    ];
    for (const [status, reason, kind, message] of cases) {
      fake.failNext(status, { reason, route: 'jobs.query' });
      const error = await sourceError(c.validate());
      expect([reason, error.kind], error.message).toEqual([reason, kind]);
      expect(error.message).toMatch(message);
      // Only a missing permission blames permissions.
      if (reason !== 'accessDenied') expect(error.message).not.toMatch(/lacks/);
    }
  });

  it('reads a completed query whose answer carries non-fatal errors[]', async () => {
    fake.warnNext([{ reason: 'invalid', message: 'Warning recorded while the job ran' }]);
    const { rows } = await readUnits(await connector(), request('users', ['id'], { batchSize: 4 }));
    expect(rows).toHaveLength(10);
  });

  it('reads the first run of a large activity table in windows, so no query sorts the whole table', async () => {
    fake.putTable(PROJECT, DATASET, { name: 'events', columns: eventColumns, rows: events(40), numBytes: 3 * WINDOW_BYTES + 1 });
    fake.limits({ sortRows: 15 });
    const req = request('events', ['user_id', 'n', 'at'], { watermark: { column: 'at', after: null } });
    const { units, rows } = await readUnits(await connector(), req);
    expect(units.map((u) => u.id.split(':')[0])).toEqual(['window', 'window', 'window', 'window']);
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const reads = tableReads('events');
    expect(reads).toHaveLength(4);
    for (const q of reads) {
      expect(q.sql).toMatch(/WHERE `at` >= @window_start AND `at` < @window_end ORDER BY `at`$/);
      expect(q.sortedRows).toBeLessThanOrEqual(15);
    }
    // Later runs read only what is new: one query, no windows.
    fake.requests.reset();
    const later = await readUnits(await connector(), { ...req, watermark: { column: 'at', after: '2025-03-01T00:35:00.000Z' } });
    expect(later.units.map((u) => u.id)).toEqual(['query']);
    expect(later.rows).toHaveLength(4);
  });

  it('splits a read that is still too large for one query into smaller windows', async () => {
    fake.putTable(PROJECT, DATASET, { name: 'events', columns: eventColumns, rows: events(40) });
    fake.limits({ sortRows: 12 });
    const { units, rows } = await readUnits(await connector(), request('events', ['n'], { batchSize: 7, watermark: { column: 'at', after: null } }));
    expect(units).toHaveLength(1);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // Refused: the whole read (40 rows to sort), then both halves (20 each); the quarters (10 each) were read.
    expect(tableReads('events').map((q) => q.sortedRows)).toEqual([40, 20, 10, 10, 20, 10, 10]);
  });

  it('pages a snapshot too large for one query response straight from the table (tabledata.list)', async () => {
    fake.limits({ responseRows: 5 });
    const c = await connector();
    const { rows } = await readUnits(c, request('users', ['email', 'id'], { batchSize: 4 }));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(['user1@example.com', 1]);
    const lists = fake.requests.log.filter((r) => r.route === 'tabledata.list');
    expect(lists.length).toBe(3);
    expect(lists[0]!.query).toMatchObject({ maxResults: '4', selectedFields: 'id,email', 'formatOptions.useInt64Timestamp': 'true' });

    // A table known to be large goes there first, without a query.
    fake.putTable(PROJECT, DATASET, { name: 'big', columns: eventColumns, rows: events(12), numBytes: WINDOW_BYTES + 1 });
    fake.requests.reset();
    const big = await readUnits(c, request('big', ['at', 'user_id'], { batchSize: 5 }));
    expect(big.rows[0]).toEqual([new Date(Date.UTC(2025, 2, 1)), 'u0']);
    expect(big.rows).toHaveLength(12);
    expect(fake.requests.queries.filter((q) => !q.dryRun)).toHaveLength(0);

    // A view cannot be paged like that: the error says what to do.
    fake.putTable(PROJECT, DATASET, { name: 'users_view', kind: 'VIEW', columns: [{ name: 'id', type: 'INT64' }], rows: Array.from({ length: 10 }, (_, i) => ({ id: i })) });
    const view = await sourceError(readUnits(c, request('users_view', ['id'])));
    expect(view.kind).toBe('user');
    expect(view.message).toMatch(/maximum response size.*import a table rather than a view/);
  });

  describe('tables that require a partition filter', () => {
    beforeEach(() => {
      fake.putTable(PROJECT, DATASET, {
        name: 'events',
        columns: eventColumns,
        partitioning: { column: 'at' },
        requirePartitionFilter: true,
        rows: [...events(10), { user_id: 'u9', n: 99, at: null }],
      });
      fake.putTable(PROJECT, DATASET, {
        name: 'loads',
        columns: eventColumns,
        partitioning: 'INGESTION_TIME',
        requirePartitionFilter: true,
        rows: events(6, (i) => ({ _PARTITIONTIME: i < 5 ? '2025-03-01T00:00:00Z' : null })),
      });
    });

    it('shows the flag in discovery', async () => {
      const tables = await (await connector()).discover();
      expect(tables.find((t) => t.name === 'events')!.details).toMatchObject({ partitionColumn: 'at', requirePartitionFilter: true });
      expect(tables.find((t) => t.name === 'loads')!.details).toMatchObject({ partitioning: 'INGESTION_TIME', requirePartitionFilter: true });
      expect(tables.find((t) => t.name === 'users')!.details!.requirePartitionFilter).toBeUndefined();
    });

    it('reads snapshots and first runs with a predicate covering every partition, later runs with the watermark', async () => {
      const c = await connector();
      const snapshot = await readUnits(c, request('events', ['n']));
      expect(snapshot.rows).toHaveLength(11); // the NULL partition too
      expect(tableReads('events').at(-1)!.sql).toMatch(/WHERE \(`at` >= @partition_floor OR `at` IS NULL\)$/);

      const first = await readUnits(c, request('events', ['n', 'at'], { watermark: { column: 'at', after: null } }));
      expect(first.rows).toHaveLength(11);
      const later = await readUnits(c, request('events', ['n', 'at'], { watermark: { column: 'at', after: '2025-03-01T00:07:00Z' } }));
      expect(later.rows.map((r) => r[0])).toEqual([8, 9]);
      expect(tableReads('events').at(-1)!.sql).not.toContain('partition_floor');

      // By ingestion time: the floor is on _PARTITIONTIME (streaming buffer included) until the last read's partitions prune.
      const loads = await readUnits(c, request('loads', ['n'], { watermark: { column: 'at', after: null } }));
      expect(loads.rows).toHaveLength(6);
      expect(tableReads('loads').at(-1)!.sql).toContain('(_PARTITIONTIME >= @partition_floor OR _PARTITIONTIME IS NULL)');
      const since = await readUnits(c, request('loads', ['n'], { watermark: { column: 'at', after: '2025-03-01T00:03:00Z', since: '2025-03-01T00:00:00Z' } }));
      expect(since.rows.map((r) => r[0])).toEqual([4, 5]);
      expect(tableReads('loads').at(-1)!.sql).not.toContain('partition_floor');
    });
  });
});

// =====================================================================================================================
// Snowflake

describe('Snowflake', () => {
  const PASSWORD = 'correct-horse-battery-staple-9';
  let fake: FakeSnowflake;

  async function connector(credentials: Record<string, unknown> = { username: 'inlet', password: PASSWORD }): Promise<Connector> {
    const normalized = await snowflakeFactory.normalize({ account: 'myorg-analytics', warehouse: 'analytics_wh', database: 'prod', schema: 'audiences', role: 'analyst', testAccessUrl: fake.url, credentials }, testConfig);
    return snowflakeFactory.create(normalized.settings, normalized.credentials, testConfig);
  }

  beforeAll(async () => {
    fake = await startFakeSnowflake();
    fake.addRole('ANALYST');
    fake.addUser('inlet', { password: PASSWORD, roles: ['ANALYST'] });
    fake.addWarehouse('ANALYTICS_WH', { roles: ['ANALYST'] });
    fake.addDatabase('PROD', ['AUDIENCES']);
    fake.putTable('PROD', 'AUDIENCES', {
      name: 'USERS',
      columns: [{ name: 'ID', type: 'NUMBER(38,0)', nullable: false }, { name: 'EMAIL', type: 'VARCHAR(200)' }],
      rows: Array.from({ length: 30 }, (_, i) => ({ ID: i + 1, EMAIL: `user${i + 1}@example.com` })),
    });
    // Chunk download retries sleep between attempts (1 s and more in production): not here.
    chunkRetryPolicy.maxSleepSeconds = 0;
  });
  afterAll(async () => {
    chunkRetryPolicy.maxSleepSeconds = CHUNK_RETRY_DEFAULTS.maxSleepSeconds;
    await fake.close();
  });
  beforeEach(() => {
    fake.setChunkRows(1000);
    fake.statementTimeout('ANALYTICS_WH', null);
    fake.requests.reset();
  });

  describe('result chunks', () => {
    it('downloads gzip chunks with the result key (qrmk) headers', async () => {
      fake.setChunkRows(8);
      const { rows } = await readUnits(await connector(), request('USERS', ['ID', 'EMAIL'], { batchSize: 5 }));
      expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(fake.requests.chunks).toBe(3);
      expect(fake.requests.log.filter((r) => r.route === 'chunk').every((r) => r.status === 200)).toBe(true);
    });

    it('retries a chunk that answers a spurious 403, after the first rows came inline', async () => {
      fake.setChunkRows(8);
      fake.failNext({ status: 403 }, { route: 'chunk' });
      const { rows } = await readUnits(await connector(), request('USERS', ['ID'], { batchSize: 5 }));
      expect(rows).toHaveLength(30);
      expect(fake.requests.log.filter((r) => r.route === 'chunk').map((r) => r.status)).toContain(403);
    });

    it('gets fresh URLs for chunks whose URLs expired mid-read, and goes on', async () => {
      fake.setChunkRows(8);
      const c = await connector();
      const req = request('USERS', ['ID'], { batchSize: 8 });
      const [unit] = await c.planRead(req);
      const rows: CellValue[][] = [];
      for await (const batch of c.read(unit!, req)) {
        rows.push(...batch.rows);
        // The links expire while the run is under way (they live for hours in Snowflake).
        if (rows.length === 8) fake.expireChunkUrls();
      }
      expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const routes = fake.requests.log.map((r) => `${r.route}:${r.status}`);
      expect(routes).toContain('chunk:403');
      expect(routes).toContain('result:200');
    });

    it('treats chunks cloud storage keeps refusing (403) as transient, never as a credentials problem', async () => {
      fake.setChunkRows(8);
      fake.failNext({ status: 403 }, { route: 'chunk', count: 1000 });
      try {
        const error = await sourceError(readUnits(await connector(), request('USERS', ['ID'], { batchSize: 8 })));
        expect(error.kind, error.message).toBe('transient');
        expect(error.message).toMatch(/result chunk.*HTTP 403/);
        expect(error.message).not.toMatch(/credentials/);
      } finally {
        fake.failNext({ status: 403 }, { route: 'chunk', count: 0 });
      }
    });
  });

  it('binds timestamp and date watermarks with explicit types, whatever the account\'s input formats', async () => {
    fake.putTable('PROD', 'AUDIENCES', {
      name: 'VISITS',
      columns: [{ name: 'N', type: 'NUMBER(38,0)' }, { name: 'AT', type: 'TIMESTAMP_LTZ' }, { name: 'DAY', type: 'DATE' }],
      rows: Array.from({ length: 6 }, (_, i) => ({ N: i, AT: `2025-02-0${i + 1}T12:00:00.000000001Z`, DAY: `2025-02-0${i + 1}` })),
    });
    fake.setAccountParameter('TIMESTAMP_INPUT_FORMAT', 'DD/MM/YYYY HH24:MI:SS');
    try {
      const c = await connector();
      const after = await readUnits(c, request('VISITS', ['N'], { types: { AT: 'TIMESTAMP' }, watermark: { column: 'AT', after: '2025-02-03T12:00:00.000000001Z' } }));
      expect(after.rows).toEqual([['3'], ['4'], ['5']].map(([n]) => [Number(n)]));
      const days = await readUnits(c, request('VISITS', ['N'], { types: { DAY: 'DATE' }, watermark: { column: 'DAY', after: '2025-02-05' } }));
      expect(days.rows).toEqual([[5]]);
      const sent = fake.requests.queries.filter((q) => q.sqlText.includes('"VISITS"'));
      expect(sent[0]).toEqual({ sqlText: 'SELECT "N" FROM "PROD"."AUDIENCES"."VISITS" WHERE "AT" > TO_TIMESTAMP_TZ(?, \'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM\') ORDER BY "AT"', bindings: ['2025-02-03T12:00:00.000000001+00:00'] });
    } finally {
      fake.setAccountParameter('TIMESTAMP_INPUT_FORMAT', 'AUTO');
    }
  });

  describe('sign-in', () => {
    const TOKEN = 'pat_' + 'x'.repeat(24) + '.fake-programmatic-access-token';

    it('signs in with a programmatic access token, kept out of messages', async () => {
      fake.addUser('svc_token', { type: 'SERVICE', tokens: [TOKEN], roles: ['ANALYST'] });
      const normalized = await snowflakeFactory.normalize({ account: 'myorg-analytics', warehouse: 'analytics_wh', database: 'prod', schema: 'audiences', role: 'analyst', testAccessUrl: fake.url, credentials: { username: 'svc_token', programmaticAccessToken: TOKEN } }, testConfig);
      expect(normalized.credentialsHint).toBe('user svc_token (programmatic access token)');
      expect(normalized.settings).not.toHaveProperty('programmaticAccessToken');
      await (await connector({ username: 'svc_token', programmaticAccessToken: TOKEN })).validate();

      const wrong = await sourceError((await connector({ username: 'svc_token', programmaticAccessToken: TOKEN + 'x' })).validate());
      expect(wrong.kind).toBe('auth');
      expect(wrong.message).toMatch(/programmatic access token is current/);
      expect(wrong.message).not.toContain(TOKEN);
      // One way to sign in at a time.
      await expect(snowflakeFactory.normalize({ account: 'myorg-analytics', warehouse: 'w', database: 'd', schema: 's', credentials: { username: 'u', password: 'p', programmaticAccessToken: TOKEN } }, testConfig)).rejects.toMatchObject({ field: 'snowflake.credentials.password' });
    });

    it('explains that a service user cannot sign in with a password', async () => {
      fake.addUser('svc_keyed', { type: 'SERVICE', roles: ['ANALYST'] });
      const error = await sourceError((await connector({ username: 'svc_keyed', password: 'anything-at-all' })).validate());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/TYPE = SERVICE cannot sign in with a password.*key pair or a programmatic access token/);
    });
  });

  it('explains a statement timeout (000630) as the user\'s to fix, not transient', async () => {
    fake.statementTimeout('ANALYTICS_WH', 10, 300);
    const error = await sourceError(readUnits(await connector(), request('USERS', ['ID'])));
    expect(error.kind).toBe('user');
    expect(error.message).toMatch(/timeout of 300 second/);
    expect(error.message).toMatch(/STATEMENT_TIMEOUT_IN_SECONDS/);
    expect(fake.requests.queries.filter((q) => q.sqlText.startsWith('SELECT'))).toHaveLength(1);
  });
});
