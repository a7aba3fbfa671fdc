/**
 * Schema changes reach audiences, through the public API with real files in a local S3-protocol server: a segment
 * whose import is BLOCKED by an unsupported change turns STALE naming it, keeps its members and is not evaluated;
 * reverting at the source makes it READY again after an evaluation. Dismissing a change to a column a segment uses is
 * refused with CONFLICT naming it. On the JetStream event log, event-type conditions are refused naming the field.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { duck, type Duck } from './helpers/duckdb.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';
import { natsReachable } from './helpers/nats.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;
const BUCKET = 'stale';

async function parquet(key: string, select: string) {
  const file = path.join(work, key.replace(/\//g, '_'));
  await db.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  await s3.put(BUCKET, key, readFileSync(file));
}
async function connect(schemaPrefix: string, dataFormat: 'CSV' | 'PARQUET') {
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix, dataFormat, partitioning: 'NO_TABLES' }), name: dataFormat } });
  expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  return createConnection.id as string;
}
async function profileImport(connectionId: string, table: string, columns: string[]) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name: table, table, type: 'USER_PROFILE', columns, userIdColumn: 'user_id', schedule: 'manual' },
  });
  const id = createImport.id as string;
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id });
  await inlet.idle();
  return id;
}
async function refresh(id: string) {
  await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id });
  await inlet.idle();
}
async function createSegment(name: string, rule: unknown) {
  const { createSegment } = await inlet.ok(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, { input: { name, rule } });
  await inlet.idle();
  return createSegment.id as string;
}
async function segment(id: string) {
  return (await inlet.ok(`query($id: ID!) { segment(id: $id) { status statusReason size members(first: 200) sizeHistory { size } } }`, { id })).segment;
}

let parquetId: string;
let csvId: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-stale-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  await parquet('pq/people/part-1.parquet', `SELECT 'u' || i AS user_id, CASE WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END AS plan, i::INTEGER AS n FROM range(10) t(i)`);
  await s3.put(BUCKET, 'csv/widen/part-1.csv', 'user_id,a,b\nu1,1,x\nu2,2,y\n');
  inlet = await startInlet();
  parquetId = await connect('pq/', 'PARQUET');
  csvId = await connect('csv/', 'CSV');
}, 120_000);

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

describe('STALE', () => {
  it('a BLOCKED import makes its segments STALE naming it; they keep their members until the revert makes them READY', async () => {
    const importId = await profileImport(parquetId, 'people', ['plan', 'n']);
    const id = await createSegment('pros', { profile: { importId, column: 'plan', operator: 'EQ', values: ['pro'] } });
    const before = await segment(id);
    expect(before).toMatchObject({ status: 'READY', size: 5 });

    // The source drops the column the segment uses: an unsupported change BLOCKS the import.
    await parquet('pq/people/part-2.parquet', `SELECT 'u99' AS user_id, 1::INTEGER AS n`);
    await refresh(parquetId);
    const stale = await segment(id);
    expect(stale.status).toBe('STALE');
    expect(stale.statusReason).toMatch(/import "people" is BLOCKED/);
    expect(stale.statusReason).toMatch(/Column "plan"/);
    expect(stale.members).toEqual(before.members);
    expect(stale.size).toBe(5);

    const refused = await inlet.gql(`mutation($id: ID!) { evaluateSegment(id: $id) { status } }`, { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/STALE.*people/);
    // Not evaluated meanwhile, even when asked by the hourly slot or a request.
    await inlet.server.services.segments.tickHourly(new Date(Date.now() + 3600_000));
    await inlet.idle();
    expect((await segment(id)).sizeHistory).toHaveLength(1);

    await s3.remove(BUCKET, 'pq/people/part-2.parquet');
    await refresh(parquetId);
    const ready = await segment(id);
    expect(ready.status, ready.statusReason).toBe('READY');
    expect(ready.statusReason).toBeNull();
    expect(ready.sizeHistory).toHaveLength(2);
    expect(ready.members).toEqual(before.members);
  });
});

describe('dismissing a change to a column a segment uses', () => {
  it('is refused with CONFLICT naming the segment; allowed once no segment uses it', async () => {
    const importId = await profileImport(csvId, 'widen', ['a', 'b']);
    const id = await createSegment('b is x', { profile: { importId, column: 'b', operator: 'EQ', values: ['x'] } });
    await s3.put(BUCKET, 'csv/widen/part-2.csv', 'user_id,a,b\nu3,3,7\n');
    await refresh(csvId);
    const { import: imp } = await inlet.ok(`query($id: ID!) { import(id: $id) { status schemaChanges(status: PENDING) { kind column support } } }`, { id: importId });
    expect(imp.schemaChanges).toEqual([{ kind: 'TYPE_CHANGED', column: 'b', support: 'SUPPORTED' }]);
    const dismiss = `mutation($id: ID!) { dismissSchemaChanges(importId: $id, columns: ["b"]) { id } }`;
    const refused = await inlet.gql(dismiss, { id: importId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/column "b" of import "widen": used by segment "b is x"/);
    await inlet.ok(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id });
    expect((await inlet.gql(dismiss, { id: importId })).errors).toBeUndefined();
  });
});

describe('on the JetStream event log', async () => {
  const reachable = await natsReachable();
  it.skipIf(!reachable)('event-type conditions are refused naming the field (SQL cannot read JetStream)', async () => {
    const other = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: `inlet_test_${randomBytes(6).toString('hex')}` });
    try {
      const result = await other.gql(`query($rule: SegmentRuleInput!) { estimateSegment(rule: $rule) }`, {
        rule: { any: [{ activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 7 } }] },
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rule.any.0.activity.eventType' });
      expect(result.errors?.[0]?.message).toMatch(/JetStream/);
    } finally {
      await (other.server.services.ingest.log as JetStreamEventLog).deleteStream().catch(() => undefined);
      await other.close();
    }
  });
});
