/**
 * CSV objects stored gzip-compressed under a plain name (`events.csv` uploaded with `Content-Encoding: gzip`, as
 * `gsutil cp -Z` and many pipelines do): discovered with their real columns and read whole, on GCS (the stand-in in
 * test/helpers/fake-gcs.ts serves them as GCS's transcoding document says) and on S3 (the real s3rver, which stores and
 * returns Content-Encoding). DuckDB writes the plain data and counts it: the anchor for what an import must read.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../server/connectors/connector.js';
import { fileConnector } from '../../server/connectors/files/file-connector.js';
import { createGcsStore } from '../../server/connectors/files/gcs.js';
import type { LayoutOptions } from '../../server/connectors/files/layout.js';
import { createS3Store } from '../../server/connectors/files/s3.js';
import { safeAgents } from '../../server/connectors/net/agents.js';
import { duck, sqlString, type Duck } from '../helpers/duckdb.js';
import { makeServiceAccountKey, startFakeGcs, type FakeGcs } from '../helpers/fake-gcs.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

// Both servers listen on loopback: these connectors run as a server that allows private endpoints.
const egress = safeAgents({ allowPrivateEndpoints: true });
const LAYOUT: LayoutOptions = { schemaPrefix: 'landing/', dataFormat: 'CSV', partitioning: 'NO_TABLES' };
const BUCKET = 'inlet-gzip';

let db: Duck;
let dir: string;
let plain: Buffer;
let expected: { rows: number; total: number; columns: string[] };
let gcs: FakeGcs;
let s3: LocalS3;

beforeAll(async () => {
  db = await duck();
  dir = mkdtempSync(path.join(os.tmpdir(), 'inlet-gzip-'));
  const file = path.join(dir, 'events.csv');
  // Big enough that the stored gzip is several 64 KiB sample ranges long and the read spans many chunks.
  await db.run(
    `COPY (SELECT i AS id, 'user-' || (i % 977) AS user_name, i * 0.5 AS amount, DATE '2024-01-01' + (i % 300)::INTEGER AS day FROM range(1, 60001) t(i)) TO ${sqlString(file)} (HEADER, DELIMITER ',')`,
  );
  plain = readFileSync(file);
  const [count] = await db.all<{ rows: bigint; total: bigint }>(`SELECT count(*) AS rows, sum(id) AS total FROM read_csv(${sqlString(file)})`);
  const described = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlString(file)})`);
  expected = { rows: Number(count!.rows), total: Number(count!.total), columns: described.map((c) => c.column_name) };

  gcs = await startFakeGcs();
  s3 = await startS3();
  await s3.createBucket(BUCKET);
});

afterAll(async () => {
  db?.close();
  await gcs?.close();
  await s3?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Discovers the one table and reads it whole, as an import does: its columns, row count and sum of ids. */
async function importAll(connector: Connector) {
  const [table] = await connector.discover();
  expect(table!.ignoredReason).toBeNull();
  const columns = table!.columns.map((c) => c.name);
  const types = Object.fromEntries(table!.columns.map((c) => [c.name, c.type]));
  const request = { table: table!.name, columns, types, batchSize: 5000, maxDecompressedBytes: 1 << 30 };
  let rows = 0;
  let total = 0;
  let rejects = 0;
  for (const unit of await connector.planRead(request)) {
    for await (const batch of connector.read(unit, request)) {
      rejects += batch.rejects.length;
      const ids = batch.columns ? batch.columns.vectors[0]! : null;
      const length = batch.columns ? batch.columns.length : batch.rows.length;
      rows += length;
      for (let i = 0; i < length; i++) total += Number(ids ? (ids as { values: ArrayLike<number> }).values[i] : batch.rows[i]![0]);
    }
  }
  return { columns, types, rows, total, rejects };
}

describe('CSV stored gzip-compressed under a plain name', () => {
  it('on GCS (stored with Content-Encoding: gzip, as gsutil cp -Z does) is discovered with its columns and read whole', async () => {
    gcs.putObject(BUCKET, 'landing/events/events.csv', gzipSync(plain), { contentEncoding: 'gzip' });
    const key = makeServiceAccountKey(gcs);
    const store = createGcsStore({ bucket: BUCKET, serviceAccountKey: key.json, endpoint: gcs.url, egress });
    gcs.requests.reset();
    const read = await importAll(fileConnector(store, LAYOUT));
    expect(read.columns).toEqual(expected.columns);
    expect(read.types).toMatchObject({ id: 'INTEGER', amount: 'FLOAT', day: 'DATE' });
    expect({ rows: read.rows, total: read.total, rejects: read.rejects }).toEqual({ rows: expected.rows, total: expected.total, rejects: 0 });
    // The sample and the read both asked for the generation the listing saw (pinned reads, issue 21 item 8).
    const reads = gcs.requests.log.filter((r) => r.query.alt === 'media');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) expect(r.query.generation).toMatch(/^\d+$/);
    // No download was cut short (the sample rows stop early by not asking for more, never by aborting a download):
    // on GCS an aborted download makes the storage client destroy its shared agent, resetting the others in flight.
    expect(reads.map((r) => r.status)).not.toContain(0);
  });

  it('on S3 (stored with Content-Encoding: gzip) is discovered with its columns and read whole', async () => {
    const body = gzipSync(plain);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'landing/events/events.csv', Body: body, ContentLength: body.length, ContentEncoding: 'gzip' }));
    const store = createS3Store({ region: 'us-east-1', bucket: BUCKET, endpoint: s3.endpoint, credentials: { ...S3_KEY }, egress });
    const read = await importAll(fileConnector(store, LAYOUT));
    expect(read.columns).toEqual(expected.columns);
    expect(read.types).toMatchObject({ id: 'INTEGER', amount: 'FLOAT', day: 'DATE' });
    expect({ rows: read.rows, total: read.total, rejects: read.rejects }).toEqual({ rows: expected.rows, total: expected.total, rejects: 0 });
  });
});
