// Routing through the public API: S3 destinations connected and validated against a real S3-protocol server (s3rver),
// events delivered by the S3 Streaming writer from the real event log (SQLite or PostgreSQL; JetStream in
// routing-jetstream.test.ts), and every file read back by DuckDB. Failures come from the fault proxy in front of
// s3rver (403s with S3's error codes); the clock the writer closes windows by is moved instead of waiting an hour.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_KIND } from '../server/routing/stream-writer.js';
import { ApiKeyScope } from '../server/workspaces/workspace.entity.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { eventually, startInlet, subscribeReady, type TestInlet } from './helpers/inlet.js';
import { flattenPages } from './helpers/fixtures.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';

const BUCKET = 'routing';
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DEST_FIELDS = `id name type status statusReason credentialsHint settings paused lagSeconds platform { id name category }`;
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { ${DEST_FIELDS} } }`;

let s3: LocalS3;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let inlet: TestInlet;
let workspaceId: string;
let eventsKey: string;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-routing-'));

function streamingInput(prefix: string, over: Record<string, unknown> = {}, endpoint = proxy.endpoint) {
  return { name: `Stream ${prefix}`, s3Streaming: { region: 'us-east-1', bucketName: BUCKET, prefix, endpoint, credentials: { ...S3_KEY }, ...over } };
}

async function createDestination(input: Record<string, unknown>) {
  const { createConnection } = await inlet.ok(CREATE, { input });
  return createConnection as { id: string; status: string };
}

async function destination(id: string) {
  await inlet.idle();
  return (await inlet.ok(`query($id: ID!) { connection(id: $id) { ${DEST_FIELDS} } }`, { id })).connection;
}

const ev = (over: Record<string, unknown> = {}) => ({ event_id: randomUUID(), type: 'Purchase', user_id: `u-${randomBytes(3).toString('hex')}`, properties: { amount: 12.5, sku: 'A-1' }, ...over });

async function send(events: unknown[], key = eventsKey) {
  const res = await fetch(`${inlet.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(events) });
  expect(res.status).toBe(200);
  return res.json();
}

/** Every delivered object under a prefix, downloaded into a fresh local folder (keys kept), for DuckDB. */
async function download(prefix: string): Promise<{ dir: string; keys: string[] }> {
  const dir = path.join(tmp, randomUUID());
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  for (const key of keys) {
    const body = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
    const file = path.join(dir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return { dir, keys: keys.sort() };
}

async function deliveries(id: string) {
  const { connection } = await inlet.ok(
    `query($id: ID!) { connection(id: $id) { deliveries(first: 200) { totalCount edges { node { id dataType key rows bytes status attempt error windowStart windowEnd } } } } }`,
    { id },
  );
  return connection.deliveries.edges.map((e: any) => e.node) as { id: string; dataType: string; key: string; rows: number; bytes: number; status: string; attempt: number; error: string | null }[];
}

/** Waits until `n` events of a destination are in DELIVERED files (polled: the writer's pace is the flush interval). */
async function deliveredEvents(id: string, n: number) {
  return eventually(async () => {
    const rows = (await deliveries(id)).filter((d) => d.dataType === 'events' && d.status === 'DELIVERED').reduce((a, d) => a + d.rows, 0);
    return rows >= n ? rows : null;
  }, 30_000, `${n} delivered events`);
}

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  proxy = await startFaultProxy(s3.endpoint);
  inlet = await startInlet({ INLET_STREAM_FLUSH_SECONDS: '1', INLET_WORKER_ID: 'w1', INLET_RUN_STALE_MS: '3000' });
  workspaceId = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  eventsKey = (await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "events", scope: EVENTS) { key } }`, { w: workspaceId })).createApiKey.key;
});

afterAll(async () => {
  await inlet?.close();
  await proxy?.close();
  await s3?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('catalog and connect', () => {
  it('lists the two destination platforms under ROUTING, searchable, with their connect fields', async () => {
    const { catalog } = await inlet.ok(`{ catalog(category: ROUTING) { id name category type inputKey credentialsKey available fields { key secret } } }`);
    expect(catalog.map((p: any) => p.name)).toEqual(['Amazon S3 Streaming', 'Amazon S3 Batch']);
    expect(catalog.every((p: any) => p.type === 'DESTINATION' && p.available && p.credentialsKey === 'aws')).toBe(true);
    const batch = catalog.find((p: any) => p.id === 'S3_BATCH');
    expect(batch.fields.map((f: any) => f.key)).toEqual(expect.arrayContaining(['prefix', 'format', 'schedule', 'scope', 'kmsKeyArn', 'credentials.secretAccessKey']));
    expect(batch.fields.find((f: any) => f.key === 'credentials.secretAccessKey').secret).toBe(true);
    const { catalog: found } = await inlet.ok(`{ catalog(search: "streaming") { id } }`);
    expect(found).toEqual([{ id: 'S3_STREAMING' }]);
  });

  it('refuses bad input naming the field, and ALL_WORKSPACES for anyone but the instance admin', async () => {
    const bad = async (input: Record<string, unknown>, key?: string) => (await inlet.gql(CREATE, { input }, key)).errors?.[0]?.extensions;
    expect(await bad(streamingInput('/inlet/'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3Streaming.prefix' });
    expect(await bad(streamingInput('inlet/', { bucketName: 's3://x' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3Streaming.bucketName' });
    expect(await bad(streamingInput('inlet/', { kmsKeyArn: 'my-key' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3Streaming.kmsKeyArn' });
    expect(await bad(streamingInput('inlet/', { credentials: { accessKeyId: 'AKIA1' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3Streaming.credentials.secretAccessKey' });
    const batchInput = (scope: string) => ({ name: 'Daily', s3Batch: { region: 'us-east-1', bucketName: BUCKET, prefix: 'batch/', endpoint: proxy.endpoint, format: 'PARQUET_SNAPPY', scope, credentials: { ...S3_KEY } } });
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "member") { key } }`, { w: workspaceId });
    expect(await bad(batchInput('ALL_WORKSPACES'), createApiKey.key)).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3Batch.scope' });
    // Every wrong field at once, so the connect form marks them all.
    const everything = await bad(
      { name: ' ', s3Batch: { region: 'mars-1', bucketName: 's3://x', prefix: '/abs/', endpoint: proxy.endpoint, kmsKeyArn: 'my-key', format: 'PARQUET_SNAPPY', schedule: 'sometimes', scope: 'ALL_WORKSPACES', credentials: { accessKeyId: 'AKIA1' } } },
      createApiKey.key,
    );
    expect(everything!.errors.map((e: any) => e.field)).toEqual([
      'name', 's3Batch.region', 's3Batch.bucketName', 's3Batch.prefix', 's3Batch.kmsKeyArn', 's3Batch.credentials.secretAccessKey', 's3Batch.schedule', 's3Batch.scope',
    ]);
    const created = await createDestination(batchInput('ALL_WORKSPACES'));
    const settled = await destination(created.id);
    expect(settled).toMatchObject({ type: 'DESTINATION', status: 'ACTIVE', paused: false, lagSeconds: null, platform: { id: 'S3_BATCH', category: 'ROUTING' } });
    expect(settled.settings).toMatchObject({ format: 'PARQUET_SNAPPY', schedule: 'daily@03:00', scope: 'ALL_WORKSPACES', prefix: 'batch/' });
    await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: created.id });
  });

  it('gives the destination bucket policy, with the key policy statement when a KMS key is set', async () => {
    const { plain, kms } = await inlet.ok(`{ plain: s3DestinationPolicy(bucketName: "acme") kms: s3DestinationPolicy(bucketName: "acme", kmsKeyArn: "${KMS}") }`);
    expect(JSON.parse(plain).Statement.find((s: any) => s.Sid === 'InletWrite').Action).toContain('s3:PutObject');
    expect(JSON.parse(kms).keyPolicyStatement.statement.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  it('validates with a probe object: ACTIVE, or INACTIVE naming the step and permission that failed', async () => {
    proxy.deny(true, { code: 'AccessDenied', message: 'Access Denied' });
    const denied = await createDestination(streamingInput('denied/'));
    const d = await destination(denied.id);
    proxy.deny(false);
    expect(d.status).toBe('INACTIVE');
    expect(d.statusReason).toContain(`PutObject denied on s3://${BUCKET}/denied/`);

    proxy.deny(true, { code: 'AccessDenied', message: `User: arn:aws:iam::1:user/x is not authorized to perform: kms:GenerateDataKey on resource: ${KMS}` });
    const kms = await createDestination(streamingInput('kms-denied/', { kmsKeyArn: KMS }));
    const k = await destination(kms.id);
    proxy.deny(false);
    expect(k.statusReason).toContain(`KMS key ${KMS} not usable: kms:GenerateDataKey`);

    // The probe leaves nothing behind, even when an attempt failed after writing it (its delete refused, retried).
    proxy.failNext(1, 'status', 'DELETE');
    const ok = await createDestination(streamingInput('probe/'));
    expect((await destination(ok.id)).status).toBe('ACTIVE');
    expect((await download('probe/')).keys).toEqual([]);
    const { sources, destinations } = flattenPages(await inlet.ok(`{ sources: connections(type: SOURCE, first: 200) { edges { node { id } } } destinations: connections(type: DESTINATION, first: 200) { edges { node { id type } } } }`));
    expect(sources).toEqual([]);
    expect(destinations.map((c: any) => c.id)).toEqual(expect.arrayContaining([denied.id, kms.id, ok.id]));
    for (const id of [denied.id, kms.id, ok.id]) await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id });
  });
});

describe('S3 Streaming', () => {
  let destId: string;
  const sent: ReturnType<typeof ev>[] = [];

  it('delivers events and aliases as hourly-partitioned gzip JSON lines that DuckDB reads back', async () => {
    const updates = await subscribeReady(inlet, `subscription { deliveryUpdated { connectionId dataType status key rows } }`);
    destId = (await createDestination(streamingInput('inlet/'))).id;
    expect((await destination(destId)).status).toBe('ACTIVE');
    for (let i = 0; i < 3; i++) {
      const batch = Array.from({ length: 200 }, (_, j) => ev(j % 10 === 0 ? { aliases: [{ tag: 'email_sha256', id: `h-${i}-${j}`, priority: 1 }] } : {}));
      sent.push(...batch);
      await send(batch);
    }
    await deliveredEvents(destId, 600);
    await updates.until((e: any[]) => e.some((u) => u.deliveryUpdated.status === 'DELIVERED' && u.deliveryUpdated.connectionId === destId));
    updates.unsubscribe();

    const { dir, keys } = await download('inlet/');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^inlet\/(events|aliases)\/year=\d{4}\/month=\d\d\/day=\d\d\/hour=\d\d\/\d{13}-[0-9a-f]{12}-w1\.jsonl\.gz$/);
    const db = await duck();
    try {
      const events = `read_json(${sqlString(path.join(dir, 'inlet/events/**/*.jsonl.gz'))}, format = 'newline_delimited')`;
      const [counts] = await db.json<{ n: string; ids: string; ws: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids, MIN(workspace_id) AS ws FROM ${events}`);
      expect(counts).toEqual({ n: '600', ids: '600', ws: workspaceId });
      const one = sent[7]!;
      const [row] = await db.json<any>(`SELECT type, user_id, properties.amount AS amount, properties.sku AS sku, received_at IS NOT NULL AS received, len(segments) AS segs FROM ${events} WHERE event_id = ${sqlString(one.event_id)}`);
      expect(row).toEqual({ type: 'Purchase', user_id: one.user_id, amount: 12.5, sku: 'A-1', received: true, segs: '0' });
      const aliases = `read_json(${sqlString(path.join(dir, 'inlet/aliases/**/*.jsonl.gz'))}, format = 'newline_delimited')`;
      const rows = await db.json<any>(`SELECT user_id, tag, id, priority, workspace_id, time IS NOT NULL AS has_time FROM ${aliases} ORDER BY id`);
      expect(rows).toHaveLength(60);
      const withAlias = sent.find((e) => (e as any).aliases?.[0]?.id === 'h-0-0')!;
      expect(rows.find((r) => r.id === 'h-0-0')).toEqual({ user_id: withAlias.user_id, tag: 'email_sha256', id: 'h-0-0', priority: '1', workspace_id: workspaceId, has_time: true });
    } finally {
      db.close();
    }
    const page1 = await inlet.ok(`query($id: ID!) { connection(id: $id) { lagSeconds deliveries(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } }`, { id: destId });
    expect(page1.connection.lagSeconds).toBe(0);
    expect(page1.connection.deliveries.pageInfo.hasNextPage).toBe(page1.connection.deliveries.totalCount > 1);
  });

  it('pauses (events wait in the log, and retention keeps them) and resumes where it stopped', async () => {
    const before = (await deliveries(destId)).length;
    const { pauseDestination } = await inlet.ok(`mutation($id: ID!) { pauseDestination(id: $id) { id paused } }`, { id: destId });
    expect(pauseDestination.paused).toBe(true);
    await eventually(async () => (await inlet.server.services.jobs.latest(STREAM_KIND, destId))?.status !== 'RUNNING', 10_000, 'the writer to stop');
    const more = Array.from({ length: 50 }, () => ev());
    sent.push(...more);
    await send(more);
    const inLog = await inlet.server.services.ingest.log.count(workspaceId);
    // A purge as of a month from now would drop every event past retention: not those the destination has not taken.
    await inlet.server.services.ingest.purge(Date.now() + 30 * 86_400_000);
    expect(await inlet.server.services.ingest.log.count(workspaceId)).toBe(50);
    expect(inLog).toBeGreaterThanOrEqual(50);
    const paused = await destination(destId);
    expect(paused.paused).toBe(true);
    expect(paused.lagSeconds).toBeGreaterThan(0);
    expect((await deliveries(destId)).length).toBe(before);

    await inlet.ok(`mutation($id: ID!) { resumeDestination(id: $id) { id } }`, { id: destId });
    await deliveredEvents(destId, 650);
    const { dir } = await download('inlet/');
    const db = await duck();
    try {
      const [counts] = await db.json<{ n: string; ids: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM read_json(${sqlString(path.join(dir, 'inlet/events/**/*.jsonl.gz'))}, format = 'newline_delimited')`);
      expect(counts).toEqual({ n: '650', ids: '650' });
    } finally {
      db.close();
    }
  });

  it('turns INACTIVE with the reason when the bucket refuses the writer, and resumes after rotation with nothing lost', async () => {
    proxy.deny(true);
    const more = Array.from({ length: 40 }, () => ev());
    sent.push(...more);
    await send(more);
    const inactive = await eventually(async () => {
      const d = await destination(destId);
      return d.status === 'INACTIVE' ? d : null;
    }, 30_000, 'INACTIVE');
    expect(inactive.statusReason).toMatch(/AWS does not recognise the access key id .*s3:\/\/routing\/inlet\/events\//);
    const failed = (await deliveries(destId)).find((d) => d.status === 'FAILED')!;
    expect(failed.error).toBe(inactive.statusReason);
    proxy.deny(false);

    const { rotateConnectionCredentials } = await inlet.ok(
      `mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { status } }`,
      { id: destId, input: { aws: { ...S3_KEY } } },
    );
    expect(rotateConnectionCredentials.status).toBe('PROCESSING');
    await deliveredEvents(destId, 690);
    const { dir, keys } = await download('inlet/');
    // The failed batch was delivered to the key recorded before the failure: no second file for it.
    expect(keys).toContain(failed.key);
    const db = await duck();
    try {
      const [counts] = await db.json<{ n: string; ids: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM read_json(${sqlString(path.join(dir, 'inlet/events/**/*.jsonl.gz'))}, format = 'newline_delimited')`);
      expect(counts).toEqual({ n: '690', ids: '690' });
    } finally {
      db.close();
    }
  });

  it('retries throttling and 5xx until the upload goes through', async () => {
    proxy.failNext(3);
    const more = Array.from({ length: 10 }, () => ev());
    await send(more);
    await deliveredEvents(destId, 700);
    const retried = (await deliveries(destId)).filter((d) => d.attempt > 1 && d.status === 'DELIVERED');
    expect(retried.length).toBeGreaterThan(0);
    expect((await destination(destId)).status).toBe('ACTIVE');
  });

  it('sends the SSE-KMS headers on every upload, single and multipart', async () => {
    const kms = (await createDestination(streamingInput('kms/', { kmsKeyArn: KMS }))).id;
    // Paused while the events come in, so that they make one batch whatever the pace of the machine.
    await inlet.ok(`mutation($id: ID!) { pauseDestination(id: $id) { id } }`, { id: kms });
    expect((await destination(kms)).status).toBe('ACTIVE');
    const start = proxy.recorded.length;
    // Incompressible properties received in one window: one file larger than 5 MiB compressed, which goes up in parts.
    const big = Array.from({ length: 1000 }, () => ev({ properties: { blob: randomBytes(6000).toString('base64') } }));
    const principal = { workspaceId, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE };
    const at = Date.now();
    for (let i = 0; i < big.length; i += 250) await inlet.server.services.ingest.ingest(principal, big.slice(i, i + 250), at);
    await inlet.ok(`mutation($id: ID!) { resumeDestination(id: $id) { id } }`, { id: kms });
    // Everything still in the log (the destination starts at its beginning): earlier tests' events and these.
    const total = await inlet.server.services.ingest.log.count(workspaceId);
    await deliveredEvents(kms, total);
    const writes = proxy.recorded.slice(start).filter((r) => r.url.startsWith(`/${BUCKET}/kms/`) && (r.method === 'PUT' || (r.method === 'POST' && r.url.includes('uploads'))));
    const creates = writes.filter((r) => r.method === 'POST' || !r.url.includes('partNumber='));
    expect(creates.some((r) => r.method === 'POST')).toBe(true); // a multipart upload happened
    for (const r of creates) {
      expect(r.headers['x-amz-server-side-encryption']).toBe('aws:kms');
      expect(r.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(KMS);
    }
    const { dir } = await download('kms/');
    const db = await duck();
    try {
      const [counts] = await db.json<{ n: string; ids: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM read_json(${sqlString(path.join(dir, 'kms/events/**/*.jsonl.gz'))}, format = 'newline_delimited', maximum_object_size = 100000000)`);
      expect(counts).toEqual({ n: String(total), ids: String(total) });
    } finally {
      db.close();
    }
    await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: kms });
  });

  it('deleting a destination stops retention waiting for it', async () => {
    await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: destId });
    const rows = await inlet.server.services.ingest.sql.all(`SELECT "consumer" FROM "event_consumer" WHERE "consumer" = ?`, [`destination:${destId}`]);
    expect(rows).toEqual([]);
  });
});

describe('windows', () => {
  it('closes a file at the hour boundary, before its flush window ends', async () => {
    const other = await startInlet({ INLET_STREAM_FLUSH_SECONDS: '1000', INLET_WORKER_ID: 'w2' });
    try {
      const routing = other.server.services.routing;
      const ws = (await other.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const principal = { workspaceId: ws, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE };
      // An hour boundary H inside a 1000 s flush window: [aligned, aligned + 1000 s) spans H.
      let H = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000;
      while (H % 1_000_000 < 200_000 || H % 1_000_000 > 800_000) H -= 3_600_000;
      const alignedEnd = Math.ceil(H / 1_000_000) * 1_000_000;
      const e1 = ev({ time: new Date(H - 100_000).toISOString() });
      const e2 = ev({ time: new Date(H + 100_000).toISOString() });
      routing.now = () => H - 50_000;
      await other.server.services.ingest.ingest(principal, [e1], H - 100_000);
      const { createConnection } = await other.ok(CREATE, { input: streamingInput('hours/', {}, s3.endpoint) });
      await other.idle();
      // Past the hour (and the grace), still inside the flush window: the hour boundary closes the file.
      routing.now = () => H + 6_000;
      // Validation's probe objects are not delivered files (one can outlive a validation attempt that was retried).
      const delivered = async () => (await download('hours/')).keys.filter((k: string) => !k.includes('_inlet_probe/'));
      const first = await eventually(async () => {
        const keys = await delivered();
        return keys.length ? keys : null;
      }, 20_000, 'the first file');
      const hourOf = (ms: number) => new Date(ms).toISOString().slice(11, 13);
      expect(first).toHaveLength(1);
      expect(first[0]).toContain(`/hour=${hourOf(H - 100_000)}/`);
      expect(first[0]).toContain(`/${alignedEnd - 1_000_000}-`);

      await other.server.services.ingest.ingest(principal, [e2], H + 100_000);
      routing.now = () => alignedEnd + 6_000;
      const both = await eventually(async () => {
        const keys = await delivered();
        return keys.length === 2 ? keys : null;
      }, 20_000, 'the second file');
      expect(both.find((k) => k !== first[0])).toContain(`/hour=${hourOf(H + 100_000)}/${H}-`);
      const { dir } = await download('hours/');
      const db = await duck();
      try {
        const rows = await db.json<{ event_id: string; hour: string }>(
          `SELECT event_id, regexp_extract(filename, 'hour=(\\d\\d)', 1) AS hour FROM read_json(${sqlString(path.join(dir, 'hours/events/**/*.jsonl.gz'))}, format = 'newline_delimited', filename = true) ORDER BY filename`,
        );
        expect(rows.map((r) => r.event_id)).toEqual([e1.event_id, e2.event_id]);
      } finally {
        db.close();
      }
      await other.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id: createConnection.id });
    } finally {
      await other.close();
    }
  });
});
