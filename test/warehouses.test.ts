/**
 * BigQuery and Snowflake end to end through GraphQL. Neither service can run here: the connectors talk to local
 * HTTP servers that stand in for them (test/helpers/fake-bigquery.ts follows the BigQuery REST v2 reference,
 * test/helpers/fake-snowflake.ts the login and query endpoints the Node driver calls; each file says so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBigQueryKey, startFakeBigQuery, type FakeBigQuery } from './helpers/fake-bigquery.js';
import { startFakeSnowflake, type FakeSnowflake } from './helpers/fake-snowflake.js';
import { CREATE_CONNECTION, settled, flattenPages } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';

let inlet: TestInlet;
let bq: FakeBigQuery;
let sf: FakeSnowflake;
const BIG = 2n ** 53n + 1n;

const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ user_id: `u${i % 7}`, n: i === 0 ? BIG.toString() : i, at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }));

async function runAndRead(importId: string) {
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await inlet.idle();
  const { import: imp } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount status statusReason preview(limit: 100) runs(first: 1) { edges { node { status error rowsImported } } } } }`, { id: importId }));
  return imp;
}

beforeAll(async () => {
  bq = await startFakeBigQuery();
  sf = await startFakeSnowflake();
  // The stand-ins are reached through the connectors' test endpoints, honoured only with private endpoints allowed.
  process.env.INLET_BIGQUERY_ENDPOINT = bq.url;
  process.env.INLET_SNOWFLAKE_TEST_ACCESS_URL = sf.url;
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
  await bq?.close();
  await sf?.close();
});

describe('BigQuery', () => {
  let connectionId: string;
  let importId: string;

  it('connects, discovers in one metadata query, and imports activity incrementally by watermark', async () => {
    bq.createDataset('acme-prod', 'audiences');
    bq.putTable('acme-prod', 'audiences', {
      name: 'events',
      columns: [{ name: 'user_id', type: 'STRING' }, { name: 'n', type: 'INT64' }, { name: 'at', type: 'TIMESTAMP' }],
      partitioning: { column: 'at' },
      rows: events(25),
    });
    const key = makeBigQueryKey(bq, { projectId: 'acme-prod' });
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, {
      input: { name: 'bq', bigquery: { projectId: 'acme-prod', dataset: 'audiences', credentials: { serviceAccountKey: key.json } } },
    });
    connectionId = createConnection.id;
    const connection = await settled(inlet, connectionId);
    expect(connection.status, connection.statusReason).toBe('ACTIVE');
    const { connection: c } = await inlet.ok(`query($id: ID!) { connection(id: $id) { credentialsHint tables { name columns { name type } } } }`, { id: connectionId });
    expect(c.credentialsHint).toBe(key.clientEmail);
    expect(c.tables[0].columns).toEqual([{ name: 'user_id', type: 'STRING' }, { name: 'n', type: 'INTEGER' }, { name: 'at', type: 'TIMESTAMP' }]);

    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId, name: 'events', table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
    });
    importId = createImport.id;
    let imp = await runAndRead(importId);
    expect(imp.runs[0], imp.runs[0].error).toMatchObject({ status: 'SUCCEEDED', rowsImported: 25 });
    expect(imp.rowCount).toBe(25);
    // Beyond 2^53 the value is kept exact (as text), never rounded.
    expect(imp.preview.find((r: any) => r.at === '2025-01-01T00:00:00.000Z').n).toBe(BIG.toString());

    bq.putTable('acme-prod', 'audiences', {
      name: 'events',
      columns: [{ name: 'user_id', type: 'STRING' }, { name: 'n', type: 'INT64' }, { name: 'at', type: 'TIMESTAMP' }],
      partitioning: { column: 'at' },
      rows: events(30),
    });
    imp = await runAndRead(importId);
    expect(imp.runs[0]).toMatchObject({ status: 'SUCCEEDED', rowsImported: 5 });
    expect(imp.rowCount).toBe(30);
  });

  it('applies the typed-source rules to schema changes: a removed selected column blocks the import', async () => {
    bq.putTable('acme-prod', 'audiences', { name: 'events', columns: [{ name: 'user_id', type: 'STRING' }, { name: 'at', type: 'TIMESTAMP' }, { name: 'extra', type: 'STRING' }], rows: [] });
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
    await inlet.idle();
    const { import: imp } = await inlet.ok(`query($id: ID!) { import(id: $id) { status statusReason schemaChanges { kind column support } } }`, { id: importId });
    expect(imp.status).toBe('BLOCKED');
    expect(imp.schemaChanges).toEqual(expect.arrayContaining([
      { kind: 'COLUMN_REMOVED', column: 'n', support: 'UNSUPPORTED' },
      { kind: 'COLUMN_ADDED', column: 'extra', support: 'SUPPORTED' },
    ]));
  });

  it('reads only what was loaded since the last run from an ingestion-time partitioned table', async () => {
    const columns = [{ name: 'user_id', type: 'STRING' }, { name: 'path', type: 'STRING' }, { name: 'at', type: 'TIMESTAMP' }];
    // Views i of users u0…u4, each loaded into a partition (a day), or still in the streaming buffer (null).
    const views = (from: number, to: number, partition: string | null) =>
      Array.from({ length: to - from }, (_, k) => ({ user_id: `u${(from + k) % 5}`, path: `/p${from + k}`, at: new Date(Date.UTC(2025, 1, 1, 0, from + k)).toISOString(), _PARTITIONTIME: partition }));
    const loaded = [...views(0, 10, '2025-02-01T00:00:00Z'), ...views(10, 20, '2025-02-02T00:00:00Z'), ...views(20, 30, '2025-02-03T00:00:00Z')];
    bq.putTable('acme-prod', 'audiences', { name: 'page_views', columns, partitioning: 'INGESTION_TIME', rows: loaded });
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
    await inlet.idle();
    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId, name: 'page views', table: 'page_views', type: 'USER_ACTIVITY', columns: ['path'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
    });
    const reads = () => bq.requests.queries.filter((q) => !q.dryRun && q.sql.includes('`page_views`'));

    let imp = await runAndRead(createImport.id);
    expect(imp.runs[0], imp.runs[0].error).toMatchObject({ status: 'SUCCEEDED', rowsImported: 30 });
    // The first run reads everything.
    expect(reads().at(-1)!.scannedRows).toBe(30);
    expect(reads().at(-1)!.sql).not.toContain('_PARTITIONTIME');

    // Later loads land in today's partition and in the streaming buffer.
    const today = new Date().toISOString().slice(0, 10) + 'T00:00:00Z';
    bq.putTable('acme-prod', 'audiences', { name: 'page_views', columns, partitioning: 'INGESTION_TIME', rows: [...loaded, ...views(30, 35, today), ...views(35, 37, null)] });
    imp = await runAndRead(createImport.id);
    expect(imp.runs[0], imp.runs[0].error).toMatchObject({ status: 'SUCCEEDED', rowsImported: 7 });
    expect(imp.rowCount).toBe(37);
    const second = reads().at(-1)!;
    expect(second.sql).toMatch(/WHERE `at` > @after AND \(_PARTITIONTIME >= TIMESTAMP_TRUNC\(@since, DAY\) OR _PARTITIONTIME IS NULL\)/);
    expect(second.parameters.map((p) => [p.name, p.type])).toEqual([['after', 'TIMESTAMP'], ['since', 'TIMESTAMP']]);
    // Only the partitions loaded since the last run (and the streaming buffer) were scanned, not the three old days.
    expect(second.scannedRows).toBe(7);
  });
});

describe('Snowflake', () => {
  it('logs in with a password, discovers the schema and imports a profile snapshot', async () => {
    sf.addRole('ANALYST');
    sf.addUser('inlet', { password: 'correct horse battery', roles: ['ANALYST'] });
    sf.addWarehouse('ANALYTICS_WH', { roles: ['ANALYST'] });
    sf.addDatabase('PROD', ['AUDIENCES']);
    sf.putTable('PROD', 'AUDIENCES', {
      name: 'USERS',
      columns: [{ name: 'USER_ID', type: 'VARCHAR(50)', nullable: false }, { name: 'SPEND', type: 'NUMBER(38,9)' }, { name: 'TIER', type: 'VARCHAR(10)' }],
      rows: Array.from({ length: 12 }, (_, i) => ({ USER_ID: `u${i}`, SPEND: `${i}.123456789`, TIER: i % 2 ? 'gold' : 'silver' })),
    });
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, {
      input: { name: 'sf', snowflake: { account: 'acme-prod', warehouse: 'analytics_wh', database: 'prod', schema: 'audiences', role: 'analyst', credentials: { username: 'inlet', password: 'correct horse battery' } } },
    });
    const connection = await settled(inlet, createConnection.id);
    expect(connection.status, connection.statusReason).toBe('ACTIVE');
    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id storedColumns { name type } } }`, {
      input: { connectionId: createConnection.id, name: 'users', table: 'USERS', type: 'USER_PROFILE', columns: ['SPEND', 'TIER'], userIdColumn: 'USER_ID', schedule: 'manual' },
    });
    expect(createImport.storedColumns).toEqual([{ name: 'USER_ID', type: 'STRING' }, { name: 'SPEND', type: 'STRING' }, { name: 'TIER', type: 'STRING' }]);
    const imp = await runAndRead(createImport.id);
    expect(imp.runs[0], imp.runs[0].error).toMatchObject({ status: 'SUCCEEDED', rowsImported: 12 });
    expect(imp.preview.find((r: any) => r.USER_ID === 'u3').SPEND).toBe('3.123456789');
    expect(JSON.stringify(inlet.responses)).not.toContain('correct horse battery');
    expect(inlet.logs.some((l) => l.includes('correct horse battery'))).toBe(false);
  });
});
