import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readAllFiles, startInlet, subscribeReady, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startFakeSts } from './helpers/fake-sts.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';
import { CONNECTION_FIELDS, CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import pg from 'pg';

let inlet: TestInlet;
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('audiences');
  await s3.put('audiences', 'data/audiences/users/part-0.parquet', 'not really parquet');
  await s3.createBucket('empty-bucket');
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

const STATUS_SUB = `subscription($id: ID) { connectionStatusChanged(connectionId: $id) { connectionId from to reason at } }`;

describe('catalog', () => {
  it('lists the platforms (four sources, two destinations) with categories, form fields and secrets flagged', async () => {
    const { catalog } = await inlet.ok(`{ catalog { id name category description connectionCount fields { key label kind required secret options } } }`);
    expect(catalog.map((p: any) => [p.id, p.name, p.category])).toEqual([
      ['BIGQUERY', 'Google BigQuery', 'DATA_WAREHOUSE'],
      ['SNOWFLAKE', 'Snowflake', 'DATA_WAREHOUSE'],
      ['S3', 'Amazon S3', 'CLOUD_STORAGE'],
      ['GCS', 'Google Cloud Storage', 'CLOUD_STORAGE'],
      ['S3_STREAMING', 'Amazon S3 Streaming', 'ROUTING'],
      ['S3_BATCH', 'Amazon S3 Batch', 'ROUTING'],
    ]);
    const s3Fields = catalog.find((p: any) => p.id === 'S3').fields;
    expect(s3Fields.find((f: any) => f.key === 'credentials.secretAccessKey')).toMatchObject({ secret: true, kind: 'password' });
    expect(s3Fields.find((f: any) => f.key === 'bucketName')).toMatchObject({ secret: false, required: true });
    expect(s3Fields.find((f: any) => f.key === 'region').options).toContain('eu-west-1');
  });

  it('searches names case-insensitively and filters by category', async () => {
    const q = `query($s: String, $c: SourceCategory) { catalog(search: $s, category: $c) { id } }`;
    expect((await inlet.ok(q, { s: 'AMAZON' })).catalog.map((p: any) => p.id)).toEqual(['S3', 'S3_STREAMING', 'S3_BATCH']);
    expect((await inlet.ok(q, { s: 'google' })).catalog.map((p: any) => p.id)).toEqual(['BIGQUERY', 'GCS']);
    expect((await inlet.ok(q, { c: 'CLOUD_STORAGE' })).catalog.map((p: any) => p.id)).toEqual(['S3', 'GCS']);
    expect((await inlet.ok(q, { s: 'google', c: 'DATA_WAREHOUSE' })).catalog.map((p: any) => p.id)).toEqual(['BIGQUERY']);
    expect((await inlet.ok(q, { s: 'oracle' })).catalog).toEqual([]);
  });
});

describe('authentication', () => {
  it('refuses requests without a key or with an unknown key', async () => {
    const none = await inlet.gql('{ catalog { id } }', {}, null);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await inlet.gql('{ catalog { id } }', {}, 'inlet_not_a_key');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('S3 connections', () => {
  it('goes PROCESSING then ACTIVE, and the subscription sees each transition in order', async () => {
    const sub = await subscribeReady(inlet, STATUS_SUB, {});
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, { partitioning: 'ALL_TABLES' }) });
    expect(createConnection.status).toBe('PROCESSING');
    expect(createConnection.type).toBe('SOURCE');
    expect(createConnection.platform).toEqual({ id: 'S3', name: 'Amazon S3' });
    expect(createConnection.credentialsHint).toBe('access key …RVER');
    expect(createConnection.settings).toMatchObject({ bucketName: 'audiences', schemaPrefix: 'data/audiences/', dataFormat: 'PARQUET', partitioning: 'ALL_TABLES' });
    const id = createConnection.id;
    await sub.until((e) => e.filter((x: any) => x.connectionStatusChanged.connectionId === id).length >= 2);
    await settled(inlet, id);
    // Published once each: a duplicate would arrive before a marker published after the validation finished.
    await sub.flush();
    const mine = sub.events.map((e: any) => e.connectionStatusChanged).filter((e: any) => e.connectionId === id);
    expect(mine.map((e: any) => [e.from, e.to])).toEqual([[null, 'PROCESSING'], ['PROCESSING', 'ACTIVE']]);
    const connection = await settled(inlet, id);
    expect(connection.status).toBe('ACTIVE');
    expect(connection.statusReason).toBeNull();
    expect(connection.statusHistory.map((e: any) => e.to)).toEqual(['PROCESSING', 'ACTIVE']);
    sub.unsubscribe();
  });

  it.each([
    ['an unknown access key id', {}, { accessKeyId: 'NOSUCHKEY123', secretAccessKey: 'whatever-secret' }, /access key id/i],
    ['a missing bucket', { bucketName: 'no-such-bucket' }, undefined, /Bucket s3:\/\/no-such-bucket does not exist/],
    ['an empty prefix', { bucketName: 'empty-bucket' }, undefined, /Nothing found under s3:\/\/empty-bucket\/data\/audiences\/: check the schema prefix/],
  ])('goes INACTIVE with its own reason for %s, and says so on the subscription', async (_what, overrides, credentials, reason) => {
    const sub = await subscribeReady(inlet, STATUS_SUB, {});
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, overrides, credentials as any) });
    const connection = await settled(inlet, createConnection.id);
    expect(connection.status).toBe('INACTIVE');
    expect(connection.statusReason).toMatch(reason);
    expect(connection.statusHistory.map((e: any) => e.to)).toEqual(['PROCESSING', 'INACTIVE']);
    const mine = (await sub.until((e) => e.filter((x: any) => x.connectionStatusChanged.connectionId === createConnection.id).length >= 2))
      .map((e: any) => e.connectionStatusChanged)
      .filter((e: any) => e.connectionId === createConnection.id);
    expect(mine.map((e: any) => [e.from, e.to])).toEqual([[null, 'PROCESSING'], ['PROCESSING', 'INACTIVE']]);
    expect(mine[1].reason).toBe(connection.statusReason);
    sub.unsubscribe();
  });

  it.each([
    ['s3.bucketName', { bucketName: 's3://audiences' }, /without s3:\/\//],
    ['s3.bucketName', { bucketName: 'Upper_Case' }, /lower-case/],
    ['s3.schemaPrefix', { schemaPrefix: '/data/' }, /must not start with a slash/],
    ['s3.region', { region: 'mars-north-1' }, /not supported/],
    ['s3.credentials.accessKeyId', { credentials: {} }, /Access key ID is required/],
    ['s3.credentials.secretAccessKey', { credentials: { accessKeyId: 'AKIAEXAMPLE1234' } }, /Secret access key is required/],
    ['s3.credentials.externalId', { credentials: { roleArn: 'arn:aws:iam::123456789012:role/inlet' } }, /External ID is required/],
    ['s3.endpoint', { endpoint: 'ftp://example.com' }, /http/],
  ])('refuses bad input naming the field %s', async (field, overrides, message) => {
    const before = (await inlet.ok('{ connections { totalCount } }')).connections.totalCount;
    const result = await inlet.gql(CREATE_CONNECTION, { input: s3Input(s3, overrides) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect((await inlet.ok('{ connections { totalCount } }')).connections.totalCount).toBe(before);
  });

  it('normalises the prefix to end with a slash', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, { schemaPrefix: 'data/audiences' }) });
    expect(createConnection.settings.schemaPrefix).toBe('data/audiences/');
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  });

  it('refuses a second platform key; every platform is available, and a bad key is refused naming its field', async () => {
    const both = await inlet.gql(CREATE_CONNECTION, { input: { ...s3Input(s3), gcs: { bucketName: 'x', schemaPrefix: 'p/', dataFormat: 'CSV', partitioning: 'NO_TABLES', credentials: { serviceAccountKey: '{}' } } } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toMatch(/exactly one/);
    // All four platforms have connectors ("not available yet" is for a platform without one; retired ones are below).
    const { catalog } = await inlet.ok('{ catalog { id available retired } }');
    expect(catalog).toEqual(['BIGQUERY', 'SNOWFLAKE', 'S3', 'GCS', 'S3_STREAMING', 'S3_BATCH'].map((id) => ({ id, available: true, retired: false })));
    const before = (await inlet.ok('{ connections { totalCount } }')).connections.totalCount;
    const bq = await inlet.gql(CREATE_CONNECTION, { input: { name: 'bq', bigquery: { projectId: 'acme-prod', dataset: 'audiences', credentials: { serviceAccountKey: '{}' } } } });
    expect(bq.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bigquery.credentials.serviceAccountKey' });
    expect((await inlet.ok('{ connections { totalCount } }')).connections.totalCount).toBe(before);
  });

  it('lists with filters by platform and status, and reads one with its history', async () => {
    const all = (await inlet.ok(`{ connections(first: 200) { edges { node { id status platform { id } } } } }`)).connections.edges.map((e: any) => e.node);
    const active = (await inlet.ok(`{ connections(first: 200, platform: S3, status: ACTIVE) { edges { node { id status } } } }`)).connections.edges.map((e: any) => e.node);
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((c: any) => c.status === 'ACTIVE')).toBe(true);
    expect(active.length).toBe(all.filter((c: any) => c.status === 'ACTIVE').length);
    expect((await inlet.ok(`{ connections(platform: SNOWFLAKE) { edges { node { id } } } }`)).connections.edges).toEqual([]);
    const { catalog } = await inlet.ok('{ catalog(search: "amazon") { connectionCount } }');
    expect(catalog[0].connectionCount).toBe(all.length);
  });

  it('validates again, rotates credentials, deactivates and deletes', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3) });
    const id = createConnection.id;
    expect((await settled(inlet, id)).status).toBe('ACTIVE');

    const rotate = `mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { status credentialsHint } }`;
    const bad = await inlet.ok(rotate, { id, input: { aws: { accessKeyId: 'WRONGKEY9999', secretAccessKey: 'x-secret-x' } } });
    expect(bad.rotateConnectionCredentials).toEqual({ status: 'PROCESSING', credentialsHint: 'access key …9999' });
    expect((await settled(inlet, id)).status).toBe('INACTIVE');
    const wrongKind = await inlet.gql(rotate, { id, input: { gcp: { serviceAccountKey: '{}' } } });
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'aws' });
    await inlet.ok(rotate, { id, input: { aws: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } });
    const rotated = await settled(inlet, id);
    expect(rotated.status).toBe('ACTIVE');
    expect(rotated.statusHistory.map((e: any) => e.to)).toEqual(['PROCESSING', 'ACTIVE', 'PROCESSING', 'INACTIVE', 'PROCESSING', 'ACTIVE']);

    const deactivated = await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { status statusReason } }`, { id });
    expect(deactivated.deactivateConnection).toEqual({ status: 'INACTIVE', statusReason: 'Deactivated by a user' });
    const again = await inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { status } }`, { id });
    expect(again.validateConnection.status).toBe('PROCESSING');
    expect((await settled(inlet, id)).status).toBe('ACTIVE');

    expect((await inlet.ok(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id })).deleteConnection).toBe(true);
    expect((await inlet.ok(`query($id: ID!) { connection(id: $id) { id } }`, { id })).connection).toBeNull();
    const missing = await inlet.gql(`mutation($id: ID!) { deleteConnection(id: $id) }`, { id });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('never shows, logs or stores a planted secret in plain text', async () => {
    const secret = `planted-secret-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, {}, { accessKeyId: 'S3RVER', secretAccessKey: secret }) });
    await settled(inlet, createConnection.id);
    await inlet.ok(`query($id: ID!) { connection(id: $id) { ${CONNECTION_FIELDS} } connections { edges { node { ${CONNECTION_FIELDS} } } } }`, { id: createConnection.id });
    // A failing validation and a rotation exercise the error and log paths with the secret in hand.
    await inlet.ok(`mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { id } }`, {
      id: createConnection.id,
      input: { aws: { accessKeyId: 'UNKNOWNKEY42', secretAccessKey: secret } },
    });
    await settled(inlet, createConnection.id);
    // The first response echoes nothing but the request's own variables are not in responses.
    expect(inlet.responses.some((r) => r.includes(secret))).toBe(false);
    expect(inlet.logs.some((l) => l.includes(secret))).toBe(false);
    if (testDatabase === 'sqlite') {
      expect(readAllFiles(inlet.dataDir).some((b) => b.includes(secret))).toBe(false);
    } else {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      const schema = inlet.config.databaseSchema;
      const { rows } = await client.query(`SELECT row_to_json(c)::text AS t FROM ${schema}.connection c`);
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.t.includes(secret))).toBe(false);
    }
  });

  it('answers the read-only bucket policy for Inlet’s principal', async () => {
    const { s3BucketPolicy } = await inlet.ok(`{ s3BucketPolicy(bucketName: "acme-data") }`);
    const policy = JSON.parse(s3BucketPolicy);
    expect(policy.Statement.map((s: any) => s.Action)).toEqual(['s3:ListBucket', 's3:GetObject']);
    expect(policy.Statement[0].Resource).toBe('arn:aws:s3:::acme-data');
    expect(policy.Statement[1].Resource).toEqual(['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*']);
    expect(policy.Statement[0].Principal.AWS).toBe(`arn:aws:iam::${inlet.config.awsAccountId}:root`);
    const bad = await inlet.gql(`{ s3BucketPolicy(bucketName: "s3://acme") }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bucketName' });
  });
});

describe('workspaces and keys', () => {
  it('isolates workspaces, and a revoked key stops working at once, subscriptions included', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3, {}, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) });
    await settled(inlet, createConnection.id);
    const { createWorkspace } = await inlet.ok(`mutation { createWorkspace(name: "Second") { id name } }`);
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "b") { key apiKey { id prefix isAdmin } } }`, { w: createWorkspace.id });
    const keyB = createApiKey.key;
    expect(createApiKey.apiKey.isAdmin).toBe(false);
    expect(keyB.startsWith(createApiKey.apiKey.prefix)).toBe(true);
    // The key is shown once: no query returns it again.
    const keys = await inlet.ok(`{ apiKeys { id prefix } }`, {}, keyB);
    expect(JSON.stringify(keys)).not.toContain(keyB);
    expect(keys.apiKeys.map((k: any) => k.id)).toEqual([createApiKey.apiKey.id]);
    // The admin lists (and may revoke) any workspace's keys; B may not list A's.
    const listOf = `query($w: ID) { apiKeys(workspaceId: $w) { id } }`;
    expect((await inlet.ok(listOf, { w: createWorkspace.id })).apiKeys.map((k: any) => k.id)).toEqual([createApiKey.apiKey.id]);
    expect((await inlet.ok(listOf, { w: null })).apiKeys.map((k: any) => k.id)).not.toContain(createApiKey.apiKey.id);
    const { viewer } = await inlet.ok(`{ viewer { workspace { id } } }`);
    expect((await inlet.gql(listOf, { w: viewer.workspace.id }, keyB)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await inlet.gql(listOf, { w: randomUUID() })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // B cannot read, change or subscribe to A's connections.
    expect((await inlet.ok(`{ connections { edges { node { id } } } }`, {}, keyB)).connections.edges).toEqual([]);
    expect((await inlet.ok(`query($id: ID!) { connection(id: $id) { id } }`, { id: createConnection.id }, keyB)).connection).toBeNull();
    for (const m of ['validateConnection(id: $id) { id }', 'deactivateConnection(id: $id) { id }', 'deleteConnection(id: $id)']) {
      const r = await inlet.gql(`mutation($id: ID!) { ${m} }`, { id: createConnection.id }, keyB);
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await inlet.gql(`mutation { createWorkspace(name: "Third") { id } }`, {}, keyB)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const subB = await subscribeReady(inlet, STATUS_SUB, {}, keyB);
    const subA = await subscribeReady(inlet, STATUS_SUB, { id: createConnection.id });
    await inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id: createConnection.id });
    await subA.until((e) => e.length >= 2);
    expect(subA.events.map((e: any) => [e.connectionStatusChanged.connectionId, e.connectionStatusChanged.to])).toEqual([[createConnection.id, 'PROCESSING'], [createConnection.id, 'ACTIVE']]);
    // A marker published after A's events reaches B: had A's events leaked to B, they would have arrived before it.
    await subB.flush();
    expect(subB.events).toEqual([]);

    expect((await inlet.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: createApiKey.apiKey.id })).revokeApiKey).toBe(true);
    expect((await inlet.gql(`{ connections { id } }`, {}, keyB)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await eventually(async () => subB.completed, 5000, 'the revoked key’s subscription to close');
    subA.unsubscribe();
  });
});

describe('retired platforms', () => {
  it('turns connections DEPRECATED on restart, marks the catalog, and refuses new ones', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3) });
    await settled(inlet, createConnection.id);
    const reuse = { dataDir: inlet.dataDir, schema: inlet.config.databaseSchema ?? undefined, adminKey: inlet.adminKey };
    await inlet.server.close();
    const retired = await startInlet({ INLET_DEPRECATED_PLATFORMS: 'S3' }, reuse);
    try {
      const connection = await settled(retired, createConnection.id);
      expect(connection.status).toBe('DEPRECATED');
      expect(connection.statusReason).toMatch(/Amazon S3 has been retired/);
      const { catalog } = await retired.ok(`{ catalog(search: "amazon") { retired available } }`);
      expect(catalog[0]).toEqual({ retired: true, available: false });
      const refused = await retired.gql(CREATE_CONNECTION, { input: s3Input(s3) });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3' });
      const revalidate = await retired.gql(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id: createConnection.id });
      expect(revalidate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      await retired.server.close();
    }
    // Un-retiring validates the connections again.
    const back = await startInlet({}, reuse);
    try {
      expect((await settled(back, createConnection.id)).status).toBe('ACTIVE');
    } finally {
      await back.server.close();
      inlet = await startInlet({}, reuse); // afterAll closes this one
    }
  });
});

describe('private endpoints', () => {
  it('refuses loopback, private and metadata endpoints unless allowed', async () => {
    const strict = await startInlet({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'false' });
    try {
      for (const endpoint of ['http://169.254.169.254', 'http://127.0.0.1:9000', 'http://localhost:9000', 'http://10.1.2.3', 'http://[::1]:9000']) {
        const r = await strict.gql(CREATE_CONNECTION, { input: s3Input(s3, { endpoint }) });
        expect(r.errors?.[0]?.extensions, endpoint).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3.endpoint' });
      }
    } finally {
      await strict.close();
    }
  });
});

describe('S3 role assumption (AWS STS stand-in: test/helpers/fake-sts.ts)', () => {
  it('assumes the customer role with the external id, signed as Inlet’s own principal, and names a refusal', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/inlet-reader';
    const sts = await startFakeSts({ principalKeyId: 'INLETPRINCIPAL', roleArn, externalId: 'ext-42', issue: { ...S3_KEY } });
    // Inlet's own principal comes from the server's environment; only role assumption uses it.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'INLETPRINCIPAL';
    process.env.AWS_SECRET_ACCESS_KEY = 'inlet-principal-secret';
    const withSts = await startInlet({ INLET_STS_ENDPOINT: sts.endpoint });
    try {
      const { createConnection } = await withSts.ok(CREATE_CONNECTION, { input: s3Input(s3, {}, { roleArn, externalId: 'ext-42' }) });
      expect(createConnection.credentialsHint).toBe('role role/inlet-reader');
      expect((await settled(withSts, createConnection.id)).status).toBe('ACTIVE');
      expect(sts.calls.at(-1)).toEqual({ roleArn, externalId: 'ext-42', signedBy: 'INLETPRINCIPAL' });

      const wrong = await withSts.ok(CREATE_CONNECTION, { input: s3Input(s3, {}, { roleArn, externalId: 'someone-else' }) });
      const refused = await settled(withSts, wrong.createConnection.id);
      expect(refused.status).toBe('INACTIVE');
      expect(refused.statusReason).toMatch(/Could not assume role arn:aws:iam::123456789012:role\/inlet-reader \(AccessDenied\): check the role's trust policy/);
    } finally {
      await withSts.close();
      await sts.close();
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});
