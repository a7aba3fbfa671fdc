/**
 * The BigQuery and Snowflake connectors against in-process stand-ins for the services (test/helpers/fake-bigquery.ts
 * follows the BigQuery REST API v2 and the OAuth2 JWT grant; test/helpers/fake-snowflake.ts answers the login, query and
 * result-chunk requests the Node.js driver sends). No real BigQuery or Snowflake is contacted: what is checked here is
 * the connectors' side of those documented protocols — requests made, SQL sent, values converted, errors explained.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import type { Connector, ReadRequest } from '../../server/connectors/connector.js';
import { SourceError } from '../../server/connectors/errors.js';
import { InputError } from '../../server/errors.js';
import type { CellValue, RecordBatch } from '../../server/connectors/formats/format.js';
import { connectorFactories } from '../../server/connectors/registry.js';
import { bigqueryFactory } from '../../server/connectors/warehouses/bigquery/connector.js';
import { BIGQUERY_ENDPOINT_ENV, bigqueryTestEndpoint } from '../../server/connectors/warehouses/bigquery/input.js';
import { quoteBigQueryIdentifier } from '../../server/connectors/warehouses/bigquery/sql.js';
import { snowflakeFactory } from '../../server/connectors/warehouses/snowflake/connector.js';
import { CHUNK_RETRY_DEFAULTS, chunkRetryPolicy } from '../../server/connectors/warehouses/snowflake/driver.js';
import { SNOWFLAKE_TEST_ACCESS_URL_ENV, snowflakeTestAccessUrl } from '../../server/connectors/warehouses/snowflake/input.js';
import { quoteSnowflakeIdentifier, resolveSnowflakeIdentifier } from '../../server/connectors/warehouses/snowflake/sql.js';
import { setLogLevel, setLogSink } from '../../server/log.js';
import { makeBigQueryKey, startFakeBigQuery, tokenizeGoogleSql, type BigQueryKeyFile, type FakeBigQuery } from '../helpers/fake-bigquery.js';
import { makeSnowflakeKeyPair, startFakeSnowflake, tokenizeSnowflakeSql, type FakeSnowflake } from '../helpers/fake-snowflake.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'inlet-warehouses-'));
const testConfig: Config = loadConfig({ DATA_DIR: dataDir }, { allowPrivateEndpoints: true, logLevel: 'debug' });
const prodConfig: Config = loadConfig({ DATA_DIR: dataDir }, { allowPrivateEndpoints: false });

/** Every log line and error message of this file: searched for credentials at the end. */
const logLines: string[] = [];
const errorMessages: string[] = [];
/** Credentials planted in this file, which must never show up in a message, log line or the driver's output. */
const secrets: string[] = [];

beforeAll(() => {
  setLogLevel('debug');
  setLogSink((line) => logLines.push(line));
});
afterAll(() => {
  setLogLevel('info');
  setLogSink((line) => process.stdout.write(line + '\n'));
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    errorMessages.push((error as Error).message);
    return error as Error;
  }
  throw new Error('expected a failure');
}

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const error = await failure(promise);
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${error.name}: ${error.message}`);
  return error;
}

async function inputError(promise: Promise<unknown>, field: string): Promise<InputError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).field).toBe(field);
  return error as InputError;
}

async function readAll(connector: Connector, request: ReadRequest): Promise<{ batches: RecordBatch[]; rows: CellValue[][] }> {
  const units = await connector.planRead(request);
  expect(units).toHaveLength(1);
  const batches: RecordBatch[] = [];
  for await (const batch of connector.read(units[0]!, request)) batches.push(batch);
  return { batches, rows: batches.flatMap((b) => b.rows) };
}

function request(table: string, columns: string[], extra: Partial<ReadRequest> = {}): ReadRequest {
  return { table, columns, types: {}, batchSize: 1000, maxDecompressedBytes: 1e9, ...extra };
}

/** Lines of a PEM body (and the body joined), for searching. */
function pemParts(pem: string): string[] {
  const lines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [...lines.filter((l) => l.length >= 16), lines.join('')];
}

it('registers both warehouse factories', () => {
  expect(connectorFactories.BIGQUERY).toBe(bigqueryFactory);
  expect(connectorFactories.SNOWFLAKE).toBe(snowflakeFactory);
});

// =====================================================================================================================
// BigQuery

describe('BigQuery', () => {
  const PROJECT = 'acme-prod';
  const DATASET = 'audiences';
  let fake: FakeBigQuery;
  let key: BigQueryKeyFile;

  const input = (overrides: Record<string, unknown> = {}, keyJson = key.json) => ({
    projectId: PROJECT,
    dataset: DATASET,
    endpoint: fake.url,
    credentials: { serviceAccountKey: keyJson },
    ...overrides,
  });

  async function connector(overrides: Record<string, unknown> = {}, keyJson = key.json): Promise<Connector> {
    const normalized = await bigqueryFactory.normalize(input(overrides, keyJson), testConfig);
    return bigqueryFactory.create(normalized.settings, normalized.credentials, testConfig);
  }

  const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, email: `user${i + 1}@example.com` }));

  beforeAll(async () => {
    fake = await startFakeBigQuery();
    key = makeBigQueryKey(fake);
    secrets.push(key.json, ...pemParts(key.privateKeyPem));
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.createDataset(PROJECT, DATASET);
    fake.putTable(PROJECT, DATASET, { name: 'users', columns: [{ name: 'id', type: 'INT64', nullable: false }, { name: 'email', type: 'STRING' }], rows: rowsOf(10) });
    fake.requests.reset();
  });

  describe('input', () => {
    it('keeps project, dataset and location as settings and the client_email as the hint', async () => {
      const normalized = await bigqueryFactory.normalize(input({ location: 'eu' }), testConfig);
      expect(normalized.settings).toEqual({ projectId: PROJECT, dataset: DATASET, location: 'EU', endpoint: fake.url });
      expect(normalized.credentials).toEqual({ serviceAccountKey: key.json });
      expect(normalized.credentialsHint).toBe(key.clientEmail);
    });

    it('accepts legacy domain:project ids and refuses malformed ones, naming the field', async () => {
      await expect(bigqueryFactory.normalize(input({ projectId: 'example.com:acme-prod' }), testConfig)).resolves.toBeTruthy();
      for (const projectId of ['acme', 'Acme-Prod', '1acme-prod', 'acme_prod', 'acme-prod-', 'a'.repeat(31), 'acme prod']) {
        const error = await inputError(bigqueryFactory.normalize(input({ projectId }), testConfig), 'bigquery.projectId');
        expect(error.message).toMatch(/6–30 lower-case letters/);
      }
    });

    it('refuses datasets that are not letters, digits and underscores', async () => {
      for (const dataset of ['acme-prod:audiences', 'audiences-2024', 'a.b', 'x'.repeat(1025)]) {
        await inputError(bigqueryFactory.normalize(input({ dataset }), testConfig), 'bigquery.dataset');
      }
      await inputError(bigqueryFactory.normalize(input({ location: 'https://evil' }), testConfig), 'bigquery.location');
    });

    it('explains a bad key file without echoing any of it', async () => {
      const parsed = JSON.parse(key.json) as Record<string, unknown>;
      const cases: [string, RegExp][] = [
        [key.json.slice(0, -2), /not valid JSON/],
        ['[]', /not a JSON object/],
        [JSON.stringify({ ...parsed, type: 'authorized_user' }), /not "service_account"/],
        [JSON.stringify({ ...parsed, private_key: undefined }), /has no private_key/],
        [JSON.stringify({ ...parsed, client_email: undefined }), /has no client_email/],
        [JSON.stringify({ ...parsed, private_key: String(parsed.private_key).replace(/[A-Za-z]{8}/, 'AAAAAAAA').slice(0, 300) }), /not a PEM private key/],
      ];
      for (const [text, message] of cases) {
        const error = await inputError(bigqueryFactory.normalize(input({}, text), testConfig), 'bigquery.credentials.serviceAccountKey');
        expect(error.message).toMatch(message);
        for (const part of pemParts(key.privateKeyPem)) expect(error.message).not.toContain(part);
      }
      await inputError(bigqueryFactory.normalize(input({ credentials: {} }), testConfig), 'bigquery.credentials.serviceAccountKey');
      const settings = (await bigqueryFactory.normalize(input(), testConfig)).settings;
      const rotated = await bigqueryFactory.normalizeCredentials({ gcp: { serviceAccountKey: key.json } }, testConfig, settings);
      expect(rotated.credentialsHint).toBe(key.clientEmail);
      await inputError(bigqueryFactory.normalizeCredentials({ gcp: { serviceAccountKey: '{' } }, testConfig, settings), 'gcp.serviceAccountKey');
      // A connection without a test endpoint only takes keys whose token_uri is Google's.
      await inputError(bigqueryFactory.normalizeCredentials({ gcp: { serviceAccountKey: key.json } }, testConfig, { ...settings, endpoint: undefined }), 'gcp.serviceAccountKey');
    });

    it('only lets a test server point BigQuery (and the token grant) somewhere else', async () => {
      await inputError(bigqueryFactory.normalize(input(), prodConfig), 'bigquery.endpoint');
      // Without the test endpoint, the key's token_uri must be Google's.
      const error = await inputError(bigqueryFactory.normalize(input({ endpoint: undefined }), prodConfig), 'bigquery.credentials.serviceAccountKey');
      expect(error.message).toMatch(/token_uri is not a Google token endpoint/);
      // Settings stored with an endpoint are not honoured by a server that does not allow private endpoints.
      const normalized = await bigqueryFactory.normalize(input(), testConfig);
      const prod = bigqueryFactory.create(normalized.settings, normalized.credentials, prodConfig);
      const refused = await sourceError(prod.validate());
      expect(refused.message).toMatch(/token_uri is not a Google token endpoint/);
      expect(fake.requests.log).toHaveLength(0);
      expect(bigqueryTestEndpoint(normalized.settings, prodConfig)).toBeNull();
      process.env[BIGQUERY_ENDPOINT_ENV] = 'http://127.0.0.1:1';
      try {
        expect(bigqueryTestEndpoint({}, prodConfig)).toBeNull();
        expect(bigqueryTestEndpoint({}, testConfig)).toBe('http://127.0.0.1:1');
      } finally {
        delete process.env[BIGQUERY_ENDPOINT_ENV];
      }
    });
  });

  describe('validate', () => {
    it('checks the key, the dataset, its tables and that queries can run', async () => {
      await (await connector()).validate();
      expect(fake.requests.log.map((r) => `${r.route} ${r.status}`)).toEqual(['token 200', 'datasets.get 200', 'tables.list 200', 'jobs.query 200']);
      expect(fake.requests.log[2]!.query.maxResults).toBe('1');
      expect(fake.requests.queries[0]!.dryRun).toBe(true);
    });

    it('names a missing tables.list permission', async () => {
      fake.deny('bigquery.tables.list');
      try {
        const error = await sourceError((await connector()).validate());
        expect(error.kind).toBe('auth');
        expect(error.message).toMatch(new RegExp(`lacks bigquery\\.tables\\.list on dataset ${PROJECT}\\.${DATASET}`));
        expect(error.message).toContain(key.clientEmail);
      } finally {
        fake.allow('bigquery.tables.list');
      }
    });

    it('names a missing dataset', async () => {
      fake.deleteDataset(PROJECT, DATASET);
      const error = await sourceError((await connector()).validate());
      expect(error.kind).toBe('not-found');
      expect(error.message).toBe(`Dataset ${PROJECT}:${DATASET} does not exist (or the service account cannot see it)`);
    });

    it('names a dataset in another location', async () => {
      const error = await sourceError((await connector({ location: 'europe-west2' })).validate());
      expect(error.kind).toBe('user');
      expect(error.message).toMatch(/is in location US, not europe-west2/);
    });

    it('explains a rejected key (invalid_grant) as an auth failure', async () => {
      const revokedKey = makeBigQueryKey(fake, { clientEmail: 'revoked@inlet-test.iam.gserviceaccount.com' });
      secrets.push(revokedKey.json, ...pemParts(revokedKey.privateKeyPem));
      fake.revoke(revokedKey.clientEmail);
      const error = await sourceError((await connector({}, revokedKey.json)).validate());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/^BigQuery rejected the service account key for revoked@inlet-test\.iam\.gserviceaccount\.com \(invalid_grant/);
      expect(fake.requests.tokens).toBe(1); // not retried
    });

    it('names a missing bigquery.jobs.create, and retries nothing on a 5xx', async () => {
      const denied = await startFakeBigQuery();
      try {
        const deniedKey = makeBigQueryKey(denied);
        secrets.push(deniedKey.json, ...pemParts(deniedKey.privateKeyPem));
        denied.createDataset(PROJECT, DATASET);
        denied.deny('bigquery.jobs.create');
        const make = async () => {
          const n = await bigqueryFactory.normalize({ ...input({}, deniedKey.json), endpoint: denied.url }, testConfig);
          return bigqueryFactory.create(n.settings, n.credentials, testConfig);
        };
        const error = await sourceError((await make()).validate());
        expect(error.kind).toBe('auth');
        expect(error.message).toMatch(new RegExp(`lacks bigquery\\.jobs\\.create on project ${PROJECT}`));

        denied.requests.reset();
        denied.failNext(503, { route: 'datasets.get' });
        const unavailable = await sourceError((await make()).validate());
        expect(unavailable.kind).toBe('transient');
        expect(denied.requests.log.filter((r) => r.route === 'datasets.get')).toHaveLength(1);
      } finally {
        await denied.close();
      }
    });
  });

  describe('discover', () => {
    beforeEach(() => {
      fake.putTable(PROJECT, DATASET, {
        name: 'events',
        columns: [
          { name: 'event_id', type: 'INT64', nullable: false },
          { name: 'user_id', type: 'STRING' },
          { name: 'event_date', type: 'DATE', nullable: false },
          { name: 'amount', type: 'NUMERIC' },
          { name: 'big', type: 'BIGNUMERIC(50, 10)' },
          { name: 'score', type: 'FLOAT64' },
          { name: 'ok', type: 'BOOL' },
          { name: 'raw', type: 'BYTES' },
          { name: 'at', type: 'TIMESTAMP' },
          { name: 'local_at', type: 'DATETIME' },
          { name: 'tod', type: 'TIME' },
          { name: 'props', type: 'STRUCT<source STRING, n INT64>' },
          { name: 'tags', type: 'ARRAY<STRING>' },
          { name: 'payload', type: 'JSON' },
          { name: 'place', type: 'GEOGRAPHY' },
        ],
        partitioning: { column: 'event_date' },
        clusteredBy: ['user_id', 'event_id'],
        rows: [],
      });
      fake.putTable(PROJECT, DATASET, { name: 'raw_hits', columns: [{ name: 'url', type: 'STRING' }], partitioning: 'INGESTION_TIME', rows: [] });
      fake.putTable(PROJECT, DATASET, { name: 'active_users', kind: 'VIEW', columns: [{ name: 'id', type: 'INT64' }], rows: [] });
      fake.requests.reset();
    });

    it('runs one metadata query for the whole dataset', async () => {
      const tables = await (await connector()).discover();
      expect(tables.map((t) => t.name)).toEqual(['active_users', 'events', 'raw_hits', 'users']);
      const api = fake.requests.log.filter((r) => r.kind === 'api');
      expect(api.map((r) => r.route)).toEqual(['jobs.query']);
      expect(fake.requests.queries[0]!.sql).toMatch(/^SELECT .* FROM `acme-prod`\.`audiences`\.INFORMATION_SCHEMA\.COLUMNS AS c JOIN `acme-prod`\.`audiences`\.INFORMATION_SCHEMA\.TABLES AS t USING \(table_name\)/);
    });

    it('shows partitioning, clustering, views and types', async () => {
      const tables = await (await connector()).discover();
      const events = tables.find((t) => t.name === 'events')!;
      expect(events.details).toEqual({ kind: 'TABLE', tableType: 'BASE TABLE', partitionColumn: 'event_date', partitioning: 'COLUMN', clusteredBy: ['user_id', 'event_id'] });
      expect(events.partitionColumns).toEqual(['event_date']);
      expect(events.fileCount).toBeNull();
      expect(events.totalBytes).toBeNull();
      const col = (name: string) => events.columns.find((c) => c.name === name)!;
      expect(col('event_date')).toMatchObject({ type: 'DATE', nullable: false, isPartition: true });
      expect(events.columns.map((c) => [c.name, c.type, c.sourceType, c.nested])).toEqual([
        ['event_id', 'INTEGER', 'INT64', false],
        ['user_id', 'STRING', 'STRING', false],
        ['event_date', 'DATE', 'DATE', false],
        ['amount', 'STRING', 'NUMERIC(38,9)', false],
        ['big', 'STRING', 'BIGNUMERIC(50,10)', false],
        ['score', 'FLOAT', 'FLOAT64', false],
        ['ok', 'BOOLEAN', 'BOOL', false],
        ['raw', 'STRING', 'BYTES', false],
        ['at', 'TIMESTAMP', 'TIMESTAMP', false],
        ['local_at', 'TIMESTAMP', 'DATETIME', false],
        ['tod', 'STRING', 'TIME', false],
        ['props', 'STRING', 'STRUCT<source STRING, n INT64>', true],
        ['tags', 'STRING', 'ARRAY<STRING>', true],
        ['payload', 'STRING', 'JSON', true],
        ['place', 'STRING', 'GEOGRAPHY', true],
      ]);

      const hits = tables.find((t) => t.name === 'raw_hits')!;
      expect(hits.details).toMatchObject({ kind: 'TABLE', partitionColumn: '_PARTITIONTIME', partitioning: 'INGESTION_TIME' });
      expect(hits.partitionColumns).toEqual(['_PARTITIONTIME']);
      expect(hits.columns.map((c) => c.name)).toEqual(['url', '_PARTITIONTIME', '_PARTITIONDATE']);

      expect(tables.find((t) => t.name === 'active_users')!.details).toMatchObject({ kind: 'VIEW', tableType: 'VIEW' });
    });

    it('reads a pseudo column of an ingestion-time partitioned table', async () => {
      fake.putTable(PROJECT, DATASET, {
        name: 'raw_hits',
        columns: [{ name: 'url', type: 'STRING' }],
        partitioning: 'INGESTION_TIME',
        rows: [{ url: '/a', _PARTITIONTIME: '2024-05-01T00:00:00Z' }, { url: '/b', _PARTITIONTIME: '2024-05-02T00:00:00Z' }],
      });
      const { rows } = await readAll(await connector(), request('raw_hits', ['url', '_PARTITIONTIME'], { watermark: { column: '_PARTITIONTIME', after: '2024-05-01T12:00:00Z' } }));
      expect(rows).toEqual([['/b', new Date('2024-05-02T00:00:00Z')]]);
      expect(fake.requests.queries.at(-1)!.parameters).toEqual([{ name: 'after', type: 'TIMESTAMP', value: '2024-05-01 12:00:00+00:00' }]);
    });

    it('skips partitions loaded before the last read only where the partitions are by ingestion time', async () => {
      const rows = [
        { url: '/old', at: '2024-05-03T00:00:00Z', _PARTITIONTIME: '2024-05-01T00:00:00Z' },
        { url: '/new', at: '2024-05-03T01:00:00Z', _PARTITIONTIME: '2024-05-03T00:00:00Z' },
        { url: '/buffered', at: '2024-05-03T02:00:00Z', _PARTITIONTIME: null },
      ];
      const columns = [{ name: 'url', type: 'STRING' }, { name: 'at', type: 'TIMESTAMP' }];
      fake.putTable(PROJECT, DATASET, { name: 'hits', columns, partitioning: 'INGESTION_TIME', rows });
      // Since 10:00 on the 3rd: the partition of that day and the streaming buffer, whatever the watermark.
      const since = { column: 'at', after: null, since: '2024-05-03T10:00:00.000Z' };
      expect((await readAll(await connector(), request('hits', ['url'], { watermark: since }))).rows).toEqual([['/new'], ['/buffered']]);
      expect(fake.requests.queries.at(-1)!).toMatchObject({ scannedRows: 2, parameters: [{ name: 'since', type: 'TIMESTAMP', value: '2024-05-03 10:00:00.000+00:00' }] });
      // No last read (the first run): every partition.
      expect((await readAll(await connector(), request('hits', ['url'], { watermark: { ...since, since: null } }))).rows).toHaveLength(3);
      // The watermark on _PARTITIONTIME itself prunes already; a table partitioned by a column is pruned by its own watermark.
      await readAll(await connector(), request('hits', ['url'], { watermark: { column: '_PARTITIONTIME', after: '2024-05-02T00:00:00Z', since: since.since } }));
      expect(fake.requests.queries.at(-1)!.sql).not.toContain('TIMESTAMP_TRUNC');
      fake.putTable(PROJECT, DATASET, { name: 'hits_by_day', columns, partitioning: { column: 'at' }, rows: rows.map(({ _PARTITIONTIME: _p, ...r }) => r) });
      await readAll(await connector(), request('hits_by_day', ['url'], { watermark: since }));
      expect(fake.requests.queries.at(-1)!.sql).not.toContain('_PARTITIONTIME');
    });
  });

  describe('read', () => {
    it('streams page by page, with maxResults = batchSize', async () => {
      const { batches, rows } = await readAll(await connector(), request('users', ['email', 'id'], { batchSize: 3 }));
      expect(batches.map((b) => [b.firstRow, b.rows.length])).toEqual([[1, 3], [4, 3], [7, 3], [10, 1]]);
      expect(rows[0]).toEqual(['user1@example.com', 1]);
      expect(rows.at(-1)).toEqual(['user10@example.com', 10]);
      const api = fake.requests.log.filter((r) => r.kind === 'api');
      expect(api.map((r) => r.route)).toEqual(['tables.get', 'jobs.query', 'jobs.getQueryResults', 'jobs.getQueryResults', 'jobs.getQueryResults']);
      expect(fake.requests.queries[0]!.maxResults).toBe(3);
      expect(api.slice(2).every((r) => r.query.maxResults === '3' && r.query.pageToken && r.query['formatOptions.useInt64Timestamp'] === 'true')).toBe(true);
      expect(fake.requests.queries[0]!.sql).toBe('SELECT `email` AS c0, `id` AS c1 FROM `acme-prod`.`audiences`.`users`');
      expect(batches.at(-1)!.bytesRead).toBeGreaterThan(100);
    });

    it('asks for the next page only when the current one is consumed (bounded memory)', async () => {
      fake.putTable(PROJECT, DATASET, { name: 'many', columns: [{ name: 'id', type: 'INT64' }], rows: Array.from({ length: 100 }, (_, i) => ({ id: i })) });
      const c = await connector();
      const req = request('many', ['id'], { batchSize: 5 });
      const [unit] = await c.planRead(req);
      for await (const batch of c.read(unit!, req)) {
        expect(batch.rows).toHaveLength(5);
        break;
      }
      // The first page came with jobs.query; at most one more page was requested ahead (let it land before counting).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.requests.log.filter((r) => r.route === 'jobs.getQueryResults').length).toBeLessThanOrEqual(1);
    });

    it('waits for a query that is still running', async () => {
      fake.delayJobs(1);
      const { rows } = await readAll(await connector(), request('users', ['id'], { batchSize: 4 }));
      expect(rows).toHaveLength(10);
      const routes = fake.requests.log.filter((r) => r.kind === 'api').map((r) => r.route);
      expect(routes.slice(0, 4)).toEqual(['tables.get', 'jobs.query', 'jobs.getQueryResults', 'jobs.getQueryResults']);
    });

    it('reads only rows after the watermark, passed as a typed parameter and ordered by it', async () => {
      const { rows } = await readAll(await connector(), request('users', ['id'], { watermark: { column: 'id', after: '7' } }));
      expect(rows).toEqual([[8], [9], [10]]);
      const q = fake.requests.queries[0]!;
      expect(q.sql).toBe('SELECT `id` AS c0 FROM `acme-prod`.`audiences`.`users` WHERE `id` > @after ORDER BY `id`');
      expect(q.parameters).toEqual([{ name: 'after', type: 'INT64', value: '7' }]);

      fake.requests.reset();
      const all = await readAll(await connector(), request('users', ['id'], { watermark: { column: 'id', after: null } }));
      expect(all.rows).toHaveLength(10);
      expect(fake.requests.queries[0]!.sql).toMatch(/FROM `acme-prod`\.`audiences`\.`users` ORDER BY `id`$/);
      expect(fake.requests.queries[0]!.parameters).toEqual([]);

      const error = await sourceError(readAll(await connector(), request('users', ['id'], { watermark: { column: 'id', after: "1 OR 1=1" } })));
      expect(error.kind).toBe('user');
    });

    it('compares timestamps and datetimes with parameters of their own type', async () => {
      fake.putTable(PROJECT, DATASET, {
        name: 'visits',
        columns: [{ name: 'n', type: 'INT64' }, { name: 'at', type: 'TIMESTAMP' }, { name: 'local_at', type: 'DATETIME' }],
        rows: [
          { n: 1, at: '2024-01-01T00:00:00.000001Z', local_at: '2024-01-01T00:00:00' },
          { n: 2, at: '2024-01-01T10:00:00Z', local_at: '2024-01-01T10:00:00.5' },
        ],
      });
      const c = await connector();
      expect((await readAll(c, request('visits', ['n'], { watermark: { column: 'at', after: '2024-01-01T00:00:00Z' } }))).rows).toEqual([[1], [2]]);
      expect(fake.requests.queries.at(-1)!.parameters[0]).toEqual({ name: 'after', type: 'TIMESTAMP', value: '2024-01-01 00:00:00+00:00' });
      expect((await readAll(c, request('visits', ['n'], { watermark: { column: 'at', after: '2024-01-01T05:00:00+05:00' } }))).rows).toEqual([[1], [2]]);
      expect((await readAll(c, request('visits', ['n'], { watermark: { column: 'local_at', after: '2024-01-01T10:00:00.000Z' } }))).rows).toEqual([[2]]);
      expect(fake.requests.queries.at(-1)!.parameters[0]).toEqual({ name: 'after', type: 'DATETIME', value: '2024-01-01 10:00:00.000' });
    });

    it('converts values exactly at the edges', async () => {
      fake.putTable(PROJECT, DATASET, {
        name: 'edges',
        columns: [
          { name: 'big', type: 'INT64' },
          { name: 'small', type: 'INT64' },
          { name: 'amount', type: 'NUMERIC' },
          { name: 'huge', type: 'BIGNUMERIC' },
          { name: 'at', type: 'TIMESTAMP' },
          { name: 'local_at', type: 'DATETIME' },
          { name: 'day', type: 'DATE' },
          { name: 'score', type: 'FLOAT64' },
          { name: 'ok', type: 'BOOL' },
          { name: 'raw', type: 'BYTES' },
          { name: 'props', type: 'STRUCT<n INT64, at TIMESTAMP, tags ARRAY<STRING>>' },
          { name: 'list', type: 'ARRAY<INT64>' },
          { name: 'payload', type: 'JSON' },
          { name: 'place', type: 'GEOGRAPHY' },
        ],
        rows: [
          {
            big: 2n ** 53n + 1n,
            small: -(2 ** 53 - 1),
            amount: '-12345678901234567890123456789.123456789',
            huge: '0.00000000000000000000000000000000000001',
            at: '2024-03-10T01:30:00.123456+05:30',
            local_at: '2024-12-31T23:59:59.999999',
            day: '2024-02-29',
            score: NaN,
            ok: true,
            raw: Buffer.from([0, 255, 1]),
            props: { n: 2n ** 63n - 1n, at: '2024-01-01T00:00:00.000001Z', tags: ['a', 'b'] },
            list: [1, 2n ** 53n + 1n],
            payload: '{"k":[1,2,{"x":null}]}',
            place: 'POINT(2.35 48.85)',
          },
          { big: null, small: 0, amount: null, huge: null, at: null, local_at: null, day: null, score: -Infinity, ok: false, raw: null, props: null, list: [], payload: null, place: null },
        ],
      });
      const columns = ['big', 'small', 'amount', 'huge', 'at', 'local_at', 'day', 'score', 'ok', 'raw', 'props', 'list', 'payload', 'place'];
      const { rows, batches } = await readAll(await connector(), request('edges', columns));
      expect(batches[0]!.rejects).toEqual([]);
      expect(rows[0]).toEqual([
        9007199254740993n,
        -9007199254740991,
        '-12345678901234567890123456789.123456789',
        '0.00000000000000000000000000000000000001',
        new Date('2024-03-09T20:00:00.123Z'),
        new Date('2024-12-31T23:59:59.999Z'),
        '2024-02-29',
        NaN,
        true,
        'AP8B',
        '{"n":9223372036854775807,"at":"2024-01-01T00:00:00.000001Z","tags":["a","b"]}',
        '[1,9007199254740993]',
        '{"k":[1,2,{"x":null}]}',
        '{"type":"Point","coordinates":[2.35,48.85]}',
      ]);
      expect(rows[1]).toEqual([null, 0, null, null, null, null, null, -Infinity, false, null, null, '[]', null, null]);
      expect(fake.requests.queries[0]!.sql).toContain('ST_ASGEOJSON(`place`) AS c13');
      expect(fake.requests.queries[0]!.useInt64Timestamp).toBe(true);
    });

    it('keeps a name with a backtick, quote or semicolon one identifier', async () => {
      const table = 'we`ird"; DROP TABLE users; --';
      const column = "it's `col`\\";
      fake.putTable(PROJECT, DATASET, { name: table, columns: [{ name: column, type: 'STRING' }], rows: [{ [column]: 'still here' }] });
      const { rows } = await readAll(await connector(), request(table, [column], { watermark: { column, after: 'a' } }));
      expect(rows).toEqual([['still here']]);
      const sql = fake.requests.queries[0]!.sql;
      expect(sql).toContain(quoteBigQueryIdentifier(table));
      expect(quoteBigQueryIdentifier(table)).toBe('`we\\`ird"; DROP TABLE users; --`');
      // Read back as GoogleSQL, the statement names exactly that table and column, and nothing follows ORDER BY.
      const idents = tokenizeGoogleSql(sql).filter((t) => t.kind === 'ident' && t.quoted).map((t) => t.value);
      expect(idents).toEqual([column, PROJECT, DATASET, table, column, column]);
      expect(fake.requests.queries[0]!.parameters).toEqual([{ name: 'after', type: 'STRING', value: 'a' }]);
      expect(fake.requests.log.find((r) => r.route === 'tables.get')!.path).toContain(encodeURIComponent(table));
    });

    it('explains failures during a run by whose move it is', async () => {
      const c = await connector();
      fake.failNext(503, { route: 'jobs.getQueryResults' });
      const mid = await sourceError(readAll(c, request('users', ['id'], { batchSize: 4 })));
      expect(mid.kind).toBe('transient');

      fake.failNext(403, { route: 'jobs.query', reason: 'rateLimitExceeded' });
      expect((await sourceError(readAll(c, request('users', ['id'])))).kind).toBe('transient');
      fake.failNext(403, { route: 'jobs.query', reason: 'quotaExceeded' });
      expect((await sourceError(readAll(c, request('users', ['id'])))).kind).toBe('transient');

      fake.failNext(401, { route: 'jobs.query', reason: 'authError' });
      const unauthorized = await sourceError(readAll(c, request('users', ['id'])));
      expect(unauthorized.kind).toBe('auth');

      const missing = await sourceError(readAll(c, request('gone', ['id'])));
      expect(missing.kind).toBe('not-found');
      expect(missing.message).toMatch(/Table acme-prod:audiences\.gone no longer exists/);

      const column = await sourceError(readAll(await connector(), request('users', ['id', 'dropped'])));
      expect(column.kind).toBe('user');
      expect(column.message).toMatch(/Column dropped is no longer in bigquery:\/\/acme-prod\/audiences\/users/);

      const unreachable = bigqueryFactory.create({ projectId: PROJECT, dataset: DATASET, location: null, endpoint: 'http://127.0.0.1:9' }, { serviceAccountKey: key.json }, testConfig);
      expect((await sourceError(unreachable.validate())).kind).toBe('transient');
    });
  });
});

// =====================================================================================================================
// Snowflake

describe('Snowflake', () => {
  const PASSWORD = 'correct-horse-battery-staple-7';
  const PASSPHRASE = 'pass-phrase-for-the-key';
  let fake: FakeSnowflake;
  let keyPair: ReturnType<typeof makeSnowflakeKeyPair>;
  let encryptedPair: ReturnType<typeof makeSnowflakeKeyPair>;
  const stdout: string[] = [];
  let restoreOutput: (() => void) | undefined;

  const input = (overrides: Record<string, unknown> = {}, credentials: Record<string, unknown> = { username: 'inlet', password: PASSWORD }) => ({
    account: 'myorg-analytics',
    warehouse: 'analytics_wh',
    database: 'prod',
    schema: 'audiences',
    role: 'analyst',
    testAccessUrl: fake.url,
    credentials,
    ...overrides,
  });

  async function connector(overrides: Record<string, unknown> = {}, credentials?: Record<string, unknown>): Promise<Connector> {
    const normalized = await snowflakeFactory.normalize(input(overrides, credentials), testConfig);
    return snowflakeFactory.create(normalized.settings, normalized.credentials, testConfig);
  }

  const queriesRun = () => fake.requests.queries.filter((q) => !q.sqlText.startsWith('USE '));

  beforeAll(async () => {
    fake = await startFakeSnowflake();
    keyPair = makeSnowflakeKeyPair();
    encryptedPair = makeSnowflakeKeyPair(PASSPHRASE);
    secrets.push(PASSWORD, PASSPHRASE, ...pemParts(keyPair.privateKeyPem), ...pemParts(encryptedPair.privateKeyPem));
    fake.addRole('ANALYST');
    fake.addRole('ADMIN');
    fake.addUser('inlet', { password: PASSWORD, roles: ['ANALYST'] });
    fake.addUser('keyed', { publicKey: keyPair.publicKey, roles: ['ANALYST'] });
    fake.addUser('locked', { publicKey: encryptedPair.publicKey, roles: ['ANALYST'] });
    fake.addWarehouse('ANALYTICS_WH', { roles: ['ANALYST'] });
    fake.addWarehouse('ADMIN_WH', { roles: ['ADMIN'] });
    fake.addDatabase('PROD', ['AUDIENCES', 'EMPTY']);
    fake.putTable('PROD', 'AUDIENCES', {
      name: 'USERS',
      columns: [{ name: 'ID', type: 'NUMBER(38,0)', nullable: false }, { name: 'EMAIL', type: 'VARCHAR(200)' }],
      rows: Array.from({ length: 8 }, (_, i) => ({ ID: i + 1, EMAIL: `user${i + 1}@example.com` })),
    });
    // The driver's own output: everything it might print while these tests run.
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stdout.push(String(chunk));
      return out(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stdout.push(String(chunk));
      return err(chunk, ...rest);
    }) as typeof process.stderr.write;
    restoreOutput = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  });
  afterAll(async () => {
    restoreOutput?.();
    await fake.close();
  });
  beforeEach(() => {
    fake.setChunkRows(1000);
    fake.suspendWarehouse('ANALYTICS_WH', false);
    fake.requests.reset();
  });

  describe('input', () => {
    it('accepts both account identifier forms', async () => {
      for (const account of ['myorg-analytics', 'MyOrg-Analytics_EU', 'xy12345.us-east-2.aws', 'xy12345.east-us-2.azure', 'xy12345.us-central1.gcp', 'xy12345.eu-west-1']) {
        const normalized = await snowflakeFactory.normalize(input({ account }), testConfig);
        expect(normalized.settings.account).toBe(account);
      }
    });

    it('never takes a URL or host for the account', async () => {
      for (const account of ['https://xy12345.snowflakecomputing.com', 'evil.example.com/x', 'evil.example.com:443', 'user@evil.example.com', 'xy12345 .us-east-2']) {
        const error = await inputError(snowflakeFactory.normalize(input({ account }), testConfig), 'snowflake.account');
        expect(error.message).toMatch(/the host is built from it, never taken as a URL/);
      }
      await inputError(snowflakeFactory.normalize(input({ account: 'myorg-analytics.snowflakecomputing.com' }), testConfig), 'snowflake.account');
      for (const account of ['myorg', 'my-org-analytics', '-analytics', 'xy12345.', 'xy12345.us-east-2.oracle']) {
        await inputError(snowflakeFactory.normalize(input({ account }), testConfig), 'snowflake.account');
      }
    });

    it('keeps settings as given and the user with the method as the hint', async () => {
      const normalized = await snowflakeFactory.normalize(input(), testConfig);
      expect(normalized.settings).toEqual({ account: 'myorg-analytics', warehouse: 'analytics_wh', database: 'prod', schema: 'audiences', role: 'analyst', testAccessUrl: fake.url });
      expect(normalized.credentials).toEqual({ username: 'inlet', password: PASSWORD });
      expect(normalized.credentialsHint).toBe('user inlet (password)');
      const keyed = await snowflakeFactory.normalize(input({}, { username: 'keyed', privateKey: keyPair.privateKeyPem }), testConfig);
      expect(keyed.credentialsHint).toBe('user keyed (key pair)');
      expect(keyed.credentials.privateKey).toBe(keyPair.privateKeyPem);
      await inputError(snowflakeFactory.normalize(input({ warehouse: 'wh\u0000' }), testConfig), 'snowflake.warehouse');
      await inputError(snowflakeFactory.normalize(input(), prodConfig), 'snowflake.testAccessUrl');
    });

    it('wants exactly one of password and private key, and a key that parses', async () => {
      await inputError(snowflakeFactory.normalize(input({}, { username: 'inlet', password: PASSWORD, privateKey: keyPair.privateKeyPem }), testConfig), 'snowflake.credentials.password');
      await inputError(snowflakeFactory.normalize(input({}, { username: 'inlet' }), testConfig), 'snowflake.credentials.privateKey');
      await inputError(snowflakeFactory.normalize(input({}, { password: PASSWORD }), testConfig), 'snowflake.credentials.username');
      const broken = keyPair.privateKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!!!!!!!!!!!!!!!!!');
      const cases: [Record<string, unknown>, string][] = [
        [{ username: 'keyed', privateKey: 'not a key at all' }, 'snowflake.credentials.privateKey'],
        [{ username: 'keyed', privateKey: broken }, 'snowflake.credentials.privateKey'],
        [{ username: 'locked', privateKey: encryptedPair.privateKeyPem }, 'snowflake.credentials.privateKeyPassphrase'],
        [{ username: 'locked', privateKey: encryptedPair.privateKeyPem, privateKeyPassphrase: 'wrong' }, 'snowflake.credentials.privateKeyPassphrase'],
        [{ username: 'inlet', password: PASSWORD, privateKeyPassphrase: PASSPHRASE }, 'snowflake.credentials.privateKeyPassphrase'],
      ];
      for (const [credentials, field] of cases) {
        const error = await inputError(snowflakeFactory.normalize(input({}, credentials), testConfig), field);
        for (const part of [...pemParts(keyPair.privateKeyPem), ...pemParts(encryptedPair.privateKeyPem), PASSWORD, PASSPHRASE]) expect(error.message).not.toContain(part);
      }
      const settings = (await snowflakeFactory.normalize(input(), testConfig)).settings;
      const rotated = await snowflakeFactory.normalizeCredentials({ snowflake: { username: 'locked', privateKey: encryptedPair.privateKeyPem, privateKeyPassphrase: PASSPHRASE } }, testConfig, settings);
      expect(rotated.credentialsHint).toBe('user locked (key pair)');
      await inputError(snowflakeFactory.normalizeCredentials({ snowflake: { username: 'x' } }, testConfig, settings), 'snowflake.privateKey');
    });

    it('resolves and quotes identifiers as Snowflake does', () => {
      expect(resolveSnowflakeIdentifier('analytics_wh')).toBe('ANALYTICS_WH');
      expect(resolveSnowflakeIdentifier('"Mixed Case"')).toBe('Mixed Case');
      expect(resolveSnowflakeIdentifier('"a""b"')).toBe('a"b');
      expect(resolveSnowflakeIdentifier('has space')).toBe('has space');
      expect(quoteSnowflakeIdentifier('a"b; DROP')).toBe('"a""b; DROP"');
    });
  });

  describe('validate', () => {
    it('logs in, uses the role and warehouse, and checks the schema with bind parameters', async () => {
      await (await connector()).validate();
      expect(fake.requests.logins).toBe(1);
      expect(fake.requests.queries.map((q) => q.sqlText)).toEqual([
        'USE ROLE "ANALYST"',
        'USE WAREHOUSE "ANALYTICS_WH"',
        'SELECT (SELECT COUNT(*) FROM "PROD".INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?) AS SCHEMAS, (SELECT COUNT(*) FROM "PROD".INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?) AS TABLES',
      ]);
      expect(fake.requests.queries[2]!.bindings).toEqual(['AUDIENCES', 'AUDIENCES']);
      expect(fake.requests.log.at(-1)!.route).toBe('session'); // the session is closed
    });

    it('logs in with a key pair, encrypted or not', async () => {
      await (await connector({}, { username: 'keyed', privateKey: keyPair.privateKeyPem })).validate();
      await (await connector({}, { username: 'locked', privateKey: encryptedPair.privateKeyPem, privateKeyPassphrase: PASSPHRASE })).validate();
      expect(fake.requests.logins).toBe(2);
    });

    it('names the step that failed', async () => {
      const wrongPassword = await sourceError((await connector({}, { username: 'inlet', password: 'not-the-password' })).validate());
      expect(wrongPassword.kind).toBe('auth');
      expect(wrongPassword.message).toMatch(/^Snowflake login failed for user inlet: check the password; a user of TYPE = SERVICE cannot sign in with a password at all.* \(390100/);

      const otherKey = makeSnowflakeKeyPair();
      secrets.push(...pemParts(otherKey.privateKeyPem));
      const jwt = await sourceError((await connector({}, { username: 'keyed', privateKey: otherKey.privateKeyPem })).validate());
      expect(jwt.kind).toBe('auth');
      expect(jwt.message).toMatch(/^Snowflake login failed for user keyed: check that the public key registered for the user \(RSA_PUBLIC_KEY\) matches the private key \(390144/);

      const role = await sourceError((await connector({ role: 'admin' })).validate());
      expect(role.kind).toBe('auth');
      expect(role.message).toMatch(/^Role ADMIN does not exist or is not granted to user inlet/);

      const warehouse = await sourceError((await connector({ warehouse: 'admin_wh' })).validate());
      expect(warehouse.kind).toBe('auth');
      expect(warehouse.message).toMatch(/^Warehouse ADMIN_WH does not exist or the role cannot use it/);
      const missing = await sourceError((await connector({ warehouse: 'nope_wh' })).validate());
      expect(missing.message).toMatch(/^Warehouse NOPE_WH does not exist or the role cannot use it/);

      const schema = await sourceError((await connector({ schema: 'missing' })).validate());
      expect(schema.kind).toBe('not-found');
      expect(schema.message).toBe('Schema PROD.MISSING does not exist or the role cannot see it');
      await (await connector({ schema: 'empty' })).validate();

      const database = await sourceError((await connector({ database: '"prod"' })).validate());
      expect(database.kind).toBe('not-found');
      expect(database.message).toMatch(/^Database prod does not exist or the role cannot see it/);
    });

    it('treats a suspended warehouse and server errors as transient, without driver retries', async () => {
      fake.suspendWarehouse('ANALYTICS_WH');
      const suspended = await sourceError((await connector()).validate());
      expect(suspended.kind).toBe('transient');
      expect(suspended.message).toMatch(/cannot be resumed/);
      fake.suspendWarehouse('ANALYTICS_WH', false);

      fake.requests.reset();
      fake.failNext({ status: 503 }, { route: 'login' });
      expect((await sourceError((await connector()).validate())).kind).toBe('transient');
      expect(fake.requests.logins).toBe(1);

      fake.requests.reset();
      fake.failNext({ status: 503 }, { route: 'query' });
      const started = Date.now();
      expect((await sourceError((await connector()).validate())).kind).toBe('transient');
      expect(fake.requests.log.filter((r) => r.route === 'query')).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(5000);

      const unreachable = snowflakeFactory.create({ account: 'myorg-analytics', warehouse: 'W', database: 'D', schema: 'S', role: null, testAccessUrl: 'http://127.0.0.1:9' }, { username: 'inlet', password: PASSWORD }, testConfig);
      expect((await sourceError(unreachable.validate())).kind).toBe('transient');
    });

    it('honours the test access URL only on a server that allows private endpoints', async () => {
      const normalized = await snowflakeFactory.normalize(input(), testConfig);
      expect(snowflakeTestAccessUrl(normalized.settings, testConfig)).toBe(fake.url);
      // In production the driver builds the host from the account identifier (myorg-analytics.snowflakecomputing.com).
      expect(snowflakeTestAccessUrl(normalized.settings, prodConfig)).toBeNull();
      process.env[SNOWFLAKE_TEST_ACCESS_URL_ENV] = 'http://127.0.0.1:1';
      try {
        expect(snowflakeTestAccessUrl({}, prodConfig)).toBeNull();
        expect(snowflakeTestAccessUrl({}, testConfig)).toBe('http://127.0.0.1:1');
      } finally {
        delete process.env[SNOWFLAKE_TEST_ACCESS_URL_ENV];
      }
    });
  });

  describe('discover', () => {
    beforeAll(() => {
      fake.putTable('PROD', 'AUDIENCES', {
        name: 'EVENTS',
        clusteringKey: 'LINEAR(EVENT_DATE)',
        columns: [
          { name: 'EVENT_ID', type: 'NUMBER(38,0)', nullable: false },
          { name: 'AMOUNT', type: 'NUMBER(38,9)' },
          { name: 'SCORE', type: 'FLOAT' },
          { name: 'OK', type: 'BOOLEAN' },
          { name: 'EVENT_DATE', type: 'DATE' },
          { name: 'AT_NTZ', type: 'TIMESTAMP_NTZ' },
          { name: 'AT_LTZ', type: 'TIMESTAMP_LTZ' },
          { name: 'AT_TZ', type: 'TIMESTAMP_TZ' },
          { name: 'NAME', type: 'VARCHAR(100)' },
          { name: 'TOD', type: 'TIME' },
          { name: 'RAW', type: 'BINARY' },
          { name: 'PROPS', type: 'VARIANT' },
          { name: 'OBJ', type: 'OBJECT' },
          { name: 'LIST', type: 'ARRAY' },
        ],
        rows: [],
      });
      fake.putTable('PROD', 'AUDIENCES', { name: 'ACTIVE_USERS', kind: 'VIEW', columns: [{ name: 'ID', type: 'NUMBER(38,0)' }], rows: [] });
    });

    it('runs one metadata query for the schema and maps the types', async () => {
      const tables = await (await connector()).discover();
      expect(queriesRun()).toHaveLength(1);
      expect(queriesRun()[0]!.sqlText).toMatch(/FROM "PROD"\.INFORMATION_SCHEMA\.COLUMNS c JOIN "PROD"\.INFORMATION_SCHEMA\.TABLES t .* WHERE c\.TABLE_SCHEMA = \?/);
      expect(queriesRun()[0]!.bindings).toEqual(['AUDIENCES']);
      expect(tables.map((t) => t.name)).toEqual(['ACTIVE_USERS', 'EVENTS', 'USERS']);
      expect(tables[0]!.details).toMatchObject({ kind: 'VIEW', tableType: 'VIEW' });
      const events = tables[1]!;
      expect(events.details).toMatchObject({ kind: 'TABLE', tableType: 'BASE TABLE', clusteringKey: 'LINEAR(EVENT_DATE)', rowCount: 0 });
      expect(events.columns.map((c) => [c.name, c.type, c.sourceType, c.nested, c.nullable])).toEqual([
        ['EVENT_ID', 'INTEGER', 'NUMBER(38,0)', false, false],
        ['AMOUNT', 'STRING', 'NUMBER(38,9)', false, true],
        ['SCORE', 'FLOAT', 'FLOAT', false, true],
        ['OK', 'BOOLEAN', 'BOOLEAN', false, true],
        ['EVENT_DATE', 'DATE', 'DATE', false, true],
        ['AT_NTZ', 'TIMESTAMP', 'TIMESTAMP_NTZ', false, true],
        ['AT_LTZ', 'TIMESTAMP', 'TIMESTAMP_LTZ', false, true],
        ['AT_TZ', 'TIMESTAMP', 'TIMESTAMP_TZ', false, true],
        ['NAME', 'STRING', 'TEXT', false, true],
        ['TOD', 'STRING', 'TIME', false, true],
        ['RAW', 'STRING', 'BINARY', false, true],
        ['PROPS', 'STRING', 'VARIANT', true, true],
        ['OBJ', 'STRING', 'OBJECT', true, true],
        ['LIST', 'STRING', 'ARRAY', true, true],
      ]);
    });
  });

  describe('read', () => {
    it('streams result chunks in bounded batches', async () => {
      fake.setChunkRows(2); // 8 rows: 2 inline, then 3 chunks to download
      const { batches, rows } = await readAll(await connector(), request('USERS', ['EMAIL', 'ID'], { batchSize: 3 }));
      expect(batches.map((b) => [b.firstRow, b.rows.length])).toEqual([[1, 3], [4, 3], [7, 2]]);
      expect(rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(rows[0]).toEqual(['user1@example.com', 1]);
      expect(fake.requests.chunks).toBe(3);
      expect(queriesRun().map((q) => q.sqlText)).toEqual(['SELECT "EMAIL", "ID" FROM "PROD"."AUDIENCES"."USERS"']);
      expect(fake.requests.log.at(-1)!.route).toBe('session');
    });

    it('downloads chunks only as the rows are consumed (bounded memory), and closes the session when stopped', async () => {
      fake.putTable('PROD', 'AUDIENCES', { name: 'MANY', columns: [{ name: 'ID', type: 'NUMBER(38,0)' }], rows: Array.from({ length: 40 }, (_, i) => ({ ID: i })) });
      fake.setChunkRows(2); // 2 rows inline, then 19 chunks
      const c = await connector();
      const req = request('MANY', ['ID'], { batchSize: 2 });
      const [unit] = await c.planRead(req);
      for await (const batch of c.read(unit!, req)) {
        expect(batch.rows).toEqual([[0], [1]]);
        break;
      }
      // resultPrefetch = 2: a few chunks ahead at most, never the whole result.
      expect(fake.requests.chunks).toBeLessThanOrEqual(3);
      expect(fake.requests.log.at(-1)!.route).toBe('session');
    });

    it('waits for a query that is still running', async () => {
      fake.slowQueries(1);
      const { rows } = await readAll(await connector(), request('USERS', ['ID']));
      expect(rows).toHaveLength(8);
      expect(fake.requests.log.some((r) => r.route === 'result')).toBe(true);
    });

    it('reads only rows after the watermark, bound as a parameter', async () => {
      const { rows } = await readAll(await connector(), request('USERS', ['ID'], { types: { ID: 'INTEGER' }, watermark: { column: 'ID', after: '5' } }));
      expect(rows).toEqual([[6], [7], [8]]);
      expect(queriesRun()).toEqual([{ sqlText: 'SELECT "ID" FROM "PROD"."AUDIENCES"."USERS" WHERE "ID" > ? ORDER BY "ID"', bindings: ['5'] }]);
      const error = await sourceError(readAll(await connector(), request('USERS', ['ID'], { types: { ID: 'INTEGER' }, watermark: { column: 'ID', after: '5 OR 1=1' } })));
      expect(error.kind).toBe('user');
    });

    it('compares timestamp watermarks as UTC instants, whatever the kind of timestamp', async () => {
      fake.putTable('PROD', 'AUDIENCES', {
        name: 'VISITS',
        columns: [{ name: 'N', type: 'NUMBER(38,0)' }, { name: 'AT_NTZ', type: 'TIMESTAMP_NTZ' }, { name: 'AT_TZ', type: 'TIMESTAMP_TZ' }],
        rows: [
          { N: 1, AT_NTZ: '2024-01-01 09:59:59.999999999', AT_TZ: '2024-01-01T15:29:59.999999999+05:30' },
          { N: 2, AT_NTZ: '2024-01-01 10:00:00.000000001', AT_TZ: '2024-01-01T15:30:00.000000001+05:30' },
        ],
      });
      const c = await connector();
      const types = { AT_NTZ: 'TIMESTAMP', AT_TZ: 'TIMESTAMP' } as const;
      for (const [column, after] of [['AT_NTZ', '2024-01-01T10:00:00Z'], ['AT_TZ', '2024-01-01T10:00:00'], ['AT_TZ', '2024-01-01T11:00:00+01:00'], ['AT_NTZ', '2024-01-01 05:00:00-05:00']] as const) {
        fake.requests.reset();
        const { rows } = await readAll(c, request('VISITS', ['N'], { types, watermark: { column, after } }));
        expect(rows).toEqual([[2]]);
        expect(queriesRun()[0]!.bindings[0]).toBe('2024-01-01T10:00:00.000000000+00:00');
      }
    });

    it('converts values exactly at the edges', async () => {
      fake.putTable('PROD', 'AUDIENCES', {
        name: 'EDGES',
        columns: [
          { name: 'BIG', type: 'NUMBER(38,0)' },
          { name: 'AMOUNT', type: 'NUMBER(38,9)' },
          { name: 'SCORE', type: 'FLOAT' },
          { name: 'OK', type: 'BOOLEAN' },
          { name: 'DAY', type: 'DATE' },
          { name: 'AT_NTZ', type: 'TIMESTAMP_NTZ' },
          { name: 'AT_LTZ', type: 'TIMESTAMP_LTZ' },
          { name: 'AT_TZ', type: 'TIMESTAMP_TZ' },
          { name: 'RAW', type: 'BINARY' },
          { name: 'PROPS', type: 'VARIANT' },
          { name: 'TOO_BIG', type: 'NUMBER(38,0)' },
        ],
        rows: [
          {
            BIG: 2n ** 53n + 1n,
            AMOUNT: '-12345678901234567890123456789.123456789',
            SCORE: 1.5,
            OK: true,
            DAY: '1969-12-31',
            AT_NTZ: '2024-12-31 23:59:59.999',
            AT_LTZ: '2024-06-01T12:00:00-07:00',
            AT_TZ: '2024-03-10T01:30:00.123456789+05:30',
            RAW: Buffer.from([0, 255, 1]),
            PROPS: { id: 2n ** 53n + 1n, tags: ['a'] },
            TOO_BIG: 1,
          },
          { BIG: -(2n ** 63n), AMOUNT: '0.000000001', SCORE: -Infinity, OK: false, DAY: '2024-02-29', AT_NTZ: null, AT_LTZ: null, AT_TZ: '1969-12-31T23:59:59.5-01:00', RAW: null, PROPS: null, TOO_BIG: 10n ** 20n },
        ],
      });
      const columns = ['BIG', 'AMOUNT', 'SCORE', 'OK', 'DAY', 'AT_NTZ', 'AT_LTZ', 'AT_TZ', 'RAW', 'PROPS', 'TOO_BIG'];
      const { rows, batches } = await readAll(await connector(), request('EDGES', columns));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toEqual([
        9007199254740993n,
        '-12345678901234567890123456789.123456789',
        1.5,
        true,
        '1969-12-31',
        new Date('2024-12-31T23:59:59.999Z'),
        new Date('2024-06-01T19:00:00Z'),
        new Date('2024-03-09T20:00:00.123Z'),
        'AP8B',
        '{\n  "id": 9007199254740993,\n  "tags": [\n    "a"\n  ]\n}',
        1,
      ]);
      // A NUMBER(38,0) beyond 64 bits cannot be an Inlet INTEGER: the row is rejected with the reason, not rounded.
      expect(batches[0]!.rejects).toEqual([{ row: 2, reason: expect.stringMatching(/"TOO_BIG": "100000000000000000000" cannot be read as fixed \(beyond the 64-bit integer range\)/) }]);
    });

    it('keeps a name with a quote or semicolon one identifier', async () => {
      const table = 'we"ird; DROP TABLE USERS; --';
      const column = 'it\'s "col"';
      fake.putTable('PROD', 'AUDIENCES', { name: table, columns: [{ name: column, type: 'TEXT' }], rows: [{ [column]: 'b' }, { [column]: 'a' }] });
      const { rows } = await readAll(await connector(), request(table, [column], { watermark: { column, after: '0' } }));
      expect(rows).toEqual([['a'], ['b']]);
      const sql = queriesRun()[0]!.sqlText;
      expect(sql).toBe('SELECT "it\'s ""col""" FROM "PROD"."AUDIENCES"."we""ird; DROP TABLE USERS; --" WHERE "it\'s ""col""" > ? ORDER BY "it\'s ""col"""');
      const idents = tokenizeSnowflakeSql(sql).filter((t) => t.kind === 'ident' && t.quoted).map((t) => t.value);
      expect(idents).toEqual([column, 'PROD', 'AUDIENCES', table, column, column]);
    });

    it('explains failures during a run by whose move it is', async () => {
      fake.setChunkRows(2);
      // A chunk that keeps failing after the driver's retries (not slept here).
      chunkRetryPolicy.maxSleepSeconds = 0;
      fake.failNext({ status: 503 }, { route: 'chunk', count: 100 });
      const chunk = await sourceError(readAll(await connector(), request('USERS', ['ID'])));
      expect(chunk.kind).toBe('transient');
      fake.failNext({ status: 503 }, { route: 'chunk', count: 0 });
      chunkRetryPolicy.maxSleepSeconds = CHUNK_RETRY_DEFAULTS.maxSleepSeconds;

      // USE ROLE and USE WAREHOUSE go through; the SELECT fails: the warehouse's resource monitor used its quota.
      fake.failNext({ code: '090073', message: "Warehouse 'ANALYTICS_WH' cannot be resumed because resource monitor 'RM' has exceeded its quota.", sqlState: '57P03' }, { route: 'query', after: 2 });
      const quota = await sourceError(readAll(await connector(), request('USERS', ['ID'])));
      expect(quota.kind).toBe('transient');
      expect(quota.message).toMatch(/^Snowflake warehouse ANALYTICS_WH cannot run queries right now \(090073/);
      fake.failNext({ status: 500 }, { route: 'query', after: 2 });
      expect((await sourceError(readAll(await connector(), request('USERS', ['ID'])))).kind).toBe('transient');

      const missing = await sourceError(readAll(await connector(), request('GONE', ['ID'])));
      expect(missing.kind).toBe('not-found');
      expect(missing.message).toMatch(/^Table PROD\.AUDIENCES\.GONE no longer exists/);

      const column = await sourceError(readAll(await connector(), request('USERS', ['ID', 'DROPPED'])));
      expect(column.kind).toBe('user');
      expect(column.message).toMatch(/no longer there/);
    });
  });

  it('keeps the password and key out of the driver output, log files and Inlet log', async () => {
    // Plant credentials in every path once more, including failures (which the driver logs at ERROR level).
    await (await connector({}, { username: 'locked', privateKey: encryptedPair.privateKeyPem, privateKeyPassphrase: PASSPHRASE })).validate();
    await failure((await connector({}, { username: 'inlet', password: `${PASSWORD}-wrong` })).validate());
    const output = stdout.join('');
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(existsSync(path.resolve('snowflake.log'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'snowflake.log'))).toBe(false);
    // The driver's log reached Inlet's (masked) log only.
    expect(logLines.some((l) => l.includes('snowflake driver'))).toBe(true);
  });
});

afterEach(() => {
  // nothing: kept for symmetry with the search below, which runs once at the end
});

afterAll(() => {
  const everything = [...logLines, ...errorMessages].join('\n');
  expect(secrets.length).toBeGreaterThan(10);
  for (const secret of secrets) expect(everything).not.toContain(secret);
  // Not even masked: nothing tried to log a registered secret.
  expect(logLines.join('\n')).not.toContain('[redacted]');
});
