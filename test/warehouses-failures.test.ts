/**
 * Warehouse failure modes of the real services (issue 21) end to end through GraphQL, on SQLite and PostgreSQL: the
 * stand-ins (test/helpers/fake-bigquery.ts, fake-snowflake.ts) reproduce them, each saying which document it follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_BYTES } from '../server/connectors/warehouses/bigquery/connector.js';
import { makeBigQueryKey, startFakeBigQuery, type FakeBigQuery } from './helpers/fake-bigquery.js';
import { CREATE_CONNECTION, flattenPages, settled } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';

let inlet: TestInlet;
let bq: FakeBigQuery;

async function runAndRead(importId: string) {
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await inlet.idle();
  const { import: imp } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { rowCount runs(first: 1) { edges { node { status error rowsImported } } } } }`, { id: importId }));
  return imp;
}

beforeAll(async () => {
  bq = await startFakeBigQuery();
  process.env.INLET_BIGQUERY_ENDPOINT = bq.url;
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
  await bq?.close();
});

describe('BigQuery', () => {
  it('imports the first run of a large table that requires a partition filter, window by window', async () => {
    const events = Array.from({ length: 60 }, (_, i) => ({ user_id: `u${i % 6}`, n: i, at: new Date(Date.UTC(2025, 4, 1, i)).toISOString() }));
    bq.createDataset('acme-prod', 'events_ds');
    bq.putTable('acme-prod', 'events_ds', {
      name: 'events',
      columns: [{ name: 'user_id', type: 'STRING' }, { name: 'n', type: 'INT64' }, { name: 'at', type: 'TIMESTAMP' }],
      partitioning: { column: 'at' },
      requirePartitionFilter: true,
      numBytes: 2 * WINDOW_BYTES + 1,
      rows: events,
    });
    // Sorting all 60 rows in one query exceeds the stand-in's resources, as a whole large table would BigQuery's.
    bq.limits({ sortRows: 25 });
    const key = makeBigQueryKey(bq, { projectId: 'acme-prod' });
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, {
      input: { name: 'bq events', bigquery: { projectId: 'acme-prod', dataset: 'events_ds', credentials: { serviceAccountKey: key.json } } },
    });
    const connection = await settled(inlet, createConnection.id);
    expect(connection.status, connection.statusReason).toBe('ACTIVE');
    const { connection: c } = await inlet.ok(`query($id: ID!) { connection(id: $id) { tables { name details } } }`, { id: createConnection.id });
    expect(c.tables[0].details).toMatchObject({ partitionColumn: 'at', requirePartitionFilter: true });

    const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
      input: { connectionId: createConnection.id, name: 'events', table: 'events', type: 'USER_ACTIVITY', columns: ['n'], userIdColumn: 'user_id', timestampColumn: 'at', schedule: 'manual' },
    });
    const imp = await runAndRead(createImport.id);
    expect(imp.runs[0], imp.runs[0].error).toMatchObject({ status: 'SUCCEEDED', rowsImported: 60 });
    const reads = bq.requests.queries.filter((q) => q.sql.includes('`events`') && !q.dryRun && !q.sql.includes('MIN('));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((q) => (q.sortedRows ?? 0) <= 25)).toBe(true);
    bq.limits({});
  });
});
