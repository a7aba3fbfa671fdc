/**
 * Egress: a connection can never make Inlet reach a private address, unless the server allows private endpoints
 * (local testing). Checked when an endpoint is saved (every form in corpus/addresses.ts), and again on every
 * connection: a stored name that now resolves to loopback is refused at connect time, a redirect to a private address
 * is not followed, the signed token request follows no redirect at all, and only https:// is accepted.
 *
 * Real parts: Inlet servers, s3rver, a fake GCS/token endpoint, loopback HTTP servers. Refused connections are proven
 * by the server that would have been reached counting zero requests. Nothing here contacts a public address: public
 * endpoints are only ever given to the save-time check, which for an IP literal resolves nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { SourceError } from '../../server/connectors/errors.js';
import { createGcsStore } from '../../server/connectors/files/gcs.js';
import { gcsFactory } from '../../server/connectors/files/gcs.factory.js';
import { createEgressAgents, PRIVATE_ADDRESS_CODE, safeAgents } from '../../server/connectors/net/agents.js';
import { bigqueryFactory } from '../../server/connectors/warehouses/bigquery/connector.js';
import { snowflakeFactory } from '../../server/connectors/warehouses/snowflake/connector.js';
import { loadSnowflakeDriver } from '../../server/connectors/warehouses/snowflake/driver.js';
import { makeBigQueryKey, startFakeBigQuery } from '../helpers/fake-bigquery.js';
import { startFakeSts } from '../helpers/fake-sts.js';
import { fakeTokenEndpoint, makeServiceAccountKey } from '../helpers/fake-google-token.js';
import { CREATE_CONNECTION, s3Input, settled } from '../helpers/fixtures.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';
import { LOOPBACK_NAMES, PRIVATE_ADDRESSES, PUBLIC_ADDRESSES } from './corpus/addresses.js';

let s3: LocalS3;
let strict: TestInlet;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('audiences');
  await s3.put('audiences', 'data/audiences/users/part-0.csv', 'user_id,email\n1,a@example.com\n');
  strict = await startInlet({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'false' });
});
afterAll(async () => {
  await strict?.close();
  await s3?.close();
});

/** A loopback HTTP server that counts requests and answers with `handler`. */
async function listen(host: string, handler: http.RequestListener = (_req, res) => res.end('{}')) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { url, get count() { return count; }, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('saving an endpoint on a server that does not allow private endpoints', () => {
  it.each([...PRIVATE_ADDRESSES.map((c) => c.host), ...LOOPBACK_NAMES])('refuses https://%s as the S3 endpoint, naming the field', async (host) => {
    const r = await strict.gql(CREATE_CONNECTION, { input: s3Input(s3, { endpoint: `https://${host}:9000` }) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3.endpoint' });
    expect(r.errors?.[0]?.message).toMatch(/points at a private address .*this server does not allow private endpoints/);
  });

  it('refuses http:// for a public endpoint: https only, unless private endpoints are allowed', async () => {
    const r = await strict.gql(CREATE_CONNECTION, { input: s3Input(s3, { endpoint: 'http://8.8.8.8' }) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 's3.endpoint' });
    expect(r.errors?.[0]?.message).toMatch(/must be an https:\/\/ URL/);
  });
});

describe("a GCS key's token_uri (checked by the connector's input rules: nothing is created, so nothing is contacted)", () => {
  const strictConfig = loadConfig({ DATA_DIR: '/nonexistent-inlet-test' }, { allowPrivateEndpoints: false });
  const key = (tokenUri: string) => makeServiceAccountKey({ tokenUri, trustKey: () => {} }).json;
  const gcsInput = (endpoint: string | undefined, tokenUri: string) => ({
    bucketName: 'inlet-landing',
    schemaPrefix: 'data/',
    dataFormat: 'CSV',
    partitioning: 'NO_TABLES',
    ...(endpoint ? { endpoint } : {}),
    credentials: { serviceAccountKey: key(tokenUri) },
  });
  async function refusal(endpoint: string | undefined, tokenUri: string): Promise<{ field?: string; message: string } | null> {
    try {
      await gcsFactory.normalize(gcsInput(endpoint, tokenUri), strictConfig);
      return null;
    } catch (error) {
      return { field: (error as { field?: string }).field, message: (error as Error).message };
    }
  }

  it('must be a Google token endpoint without a custom endpoint', async () => {
    expect(await refusal(undefined, 'https://oauth2.googleapis.com/token')).toBeNull();
    expect(await refusal(undefined, 'https://attacker.example/token')).toMatchObject({ field: 'gcs.credentials.serviceAccountKey', message: expect.stringMatching(/token_uri is not a Google token endpoint/) });
  });

  it.each(['https://169.254.169.254/token', 'https://[::ffff:127.0.0.1]/token', 'https://10.0.0.1/token', 'https://localhost/token'])(
    'with a custom endpoint, refuses %s like an endpoint',
    async (tokenUri) => {
      expect(await refusal('https://8.8.8.8', tokenUri)).toMatchObject({
        field: 'gcs.credentials.serviceAccountKey',
        message: expect.stringMatching(/^The key's token_uri points at a private address/),
      });
    },
  );

  it('with a custom endpoint, accepts a public https:// token_uri and refuses http://', async () => {
    expect(await refusal('https://8.8.8.8', `https://${PUBLIC_ADDRESSES[0]!.host}/token`)).toBeNull();
    expect(await refusal('https://8.8.8.8', 'http://8.8.8.8/token')).toMatchObject({ message: expect.stringMatching(/token_uri must be an https:\/\/ URL/) });
  });
});

describe('at connect time', () => {
  it('refuses a stored endpoint whose name now resolves to a private address, before any request reaches it', async () => {
    // Saved by a server that allowed it (as if the name had resolved to a public address then), read by one that does not.
    const shared = { dataDir: mkdtempSync(path.join(os.tmpdir(), 'inlet-egress-')), adminKey: `inlet_test_${randomBytes(12).toString('hex')}`, schema: `t_${randomBytes(6).toString('hex')}` };
    const lenient = await startInlet({}, shared);
    const endpoint = s3.endpoint.replace('127.0.0.1', 'localhost');
    let id: string;
    try {
      id = (await lenient.ok(CREATE_CONNECTION, { input: s3Input(s3, { endpoint, dataFormat: 'CSV' }) })).createConnection.id;
      const saved = await settled(lenient, id);
      expect(saved.status, saved.statusReason).toBe('ACTIVE');
    } finally {
      await lenient.close();
    }
    const later = await startInlet({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'false' }, shared);
    try {
      await later.ok(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id });
      const connection = await settled(later, id);
      expect(connection.status).toBe('INACTIVE');
      expect(connection.statusReason).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a private address \(loopback\); this server does not allow private endpoints/);
    } finally {
      await later.close();
      rmSync(shared.dataDir, { recursive: true, force: true });
    }
  });

  it("refuses the STS endpoint of a role connection when it resolves to a private address", async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/inlet-reader';
    // The stand-in refuses this external id: even if the refusal under test failed, no bucket would be contacted.
    const sts = await startFakeSts({ principalKeyId: 'INLETPRINCIPAL', roleArn, externalId: 'not-the-one-given', issue: { ...S3_KEY } });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'INLETPRINCIPAL';
    process.env.AWS_SECRET_ACCESS_KEY = 'inlet-principal-secret';
    const withSts = await startInlet({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'false', INLET_STS_ENDPOINT: sts.endpoint.replace('127.0.0.1', 'localhost') });
    try {
      const input = s3Input(s3, { endpoint: undefined, dataFormat: 'CSV' }, { roleArn, externalId: 'ext-42' });
      const { createConnection } = await withSts.ok(CREATE_CONNECTION, { input });
      const connection = await settled(withSts, createConnection.id);
      expect(connection.status).toBe('INACTIVE');
      expect(connection.statusReason).toMatch(/^Could not assume role arn:aws:iam::123456789012:role\/inlet-reader: the STS endpoint localhost resolves to (127\.0\.0\.1|::1), a private address \(loopback\)/);
      expect(sts.calls).toHaveLength(0);
    } finally {
      await withSts.close();
      await sts.close();
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it("makes BigQuery's API requests through the egress agents (its client takes no agent option)", async () => {
    // Its endpoint is honoured only with private endpoints allowed, so what is shown is that the agents carry the
    // requests (GCS, whose client works the same way, shows a refusal above).
    const fake = await startFakeBigQuery();
    try {
      fake.createDataset('inlet-test', 'audiences');
      const config = loadConfig({ DATA_DIR: '/nonexistent-inlet-test' }, { allowPrivateEndpoints: true });
      const input = { projectId: 'inlet-test', dataset: 'audiences', endpoint: fake.url, credentials: { serviceAccountKey: makeBigQueryKey(fake).json } };
      const normalized = await bigqueryFactory.normalize(input, config);
      let carried = 0;
      const count = () => carried++;
      safeAgents(config).http.on('free', count);
      try {
        await bigqueryFactory.create(normalized.settings, normalized.credentials, config).validate();
      } finally {
        safeAgents(config).http.off('free', count);
      }
      expect(fake.requests.count).toBeGreaterThan(0);
      expect(carried).toBe(fake.requests.count + fake.requests.tokens);
    } finally {
      await fake.close();
    }
  });

  it('does not follow a GCS redirect to a private address', async () => {
    // The stand-in for GCS is allowed (an excepted loopback address); what it redirects to is not.
    const inside = await listen('127.0.0.2');
    let tokenUri = '';
    const tokens = { current: undefined as ReturnType<typeof fakeTokenEndpoint> | undefined };
    const front = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/token') return void tokens.current!.handle(req, res);
      res.writeHead(302, { location: `${inside.url}${req.url}` }).end();
    });
    try {
      tokenUri = `${front.url}/token`;
      tokens.current = fakeTokenEndpoint(tokenUri);
      const key = makeServiceAccountKey({ tokenUri, trustKey: tokens.current.trustKey });
      const store = createGcsStore({
        bucket: 'inlet-landing',
        serviceAccountKey: key.json,
        endpoint: front.url,
        egress: createEgressAgents({ allowPrivateEndpoints: false, exceptAddresses: ['127.0.0.1'] }),
      });
      const error = await store.list('data/').then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).message).toMatch(/^Refused to connect to GCS listing gs:\/\/inlet-landing\/data\/: 127\.0\.0\.2, a private address \(loopback\)/);
      expect(front.count).toBeGreaterThanOrEqual(2); // the grant, then the listing that answered 302
      expect(inside.count).toBe(0);
    } finally {
      await front.close();
      await inside.close();
    }
  });

  it('sends the signed token request once, and never on to where a 307 points', async () => {
    const elsewhere = await listen('127.0.0.1');
    const front = await listen('127.0.0.1', (req, res) => res.writeHead(307, { location: `${elsewhere.url}/token` }).end());
    try {
      const key = makeServiceAccountKey({ tokenUri: `${front.url}/token`, trustKey: () => {} });
      // Both servers are reachable (private endpoints allowed): only the redirect rule keeps the grant where it was sent.
      const store = createGcsStore({ bucket: 'inlet-landing', serviceAccountKey: key.json, endpoint: front.url, egress: createEgressAgents({ allowPrivateEndpoints: true }) });
      const error = await store.list('data/').then(() => null, (e: unknown) => e);
      expect((error as SourceError).kind).toBe('user');
      expect((error as SourceError).message).toMatch(/token endpoint answered a redirect \(HTTP 307\) listing gs:\/\/inlet-landing\/data\/: a signed token request is never sent on/);
      expect(front.count).toBe(1);
      expect(elsewhere.count).toBe(0);
    } finally {
      await front.close();
      await elsewhere.close();
    }
  });
});

describe('the Snowflake driver (its agents are made inside it: Inlet guards them on every request)', () => {
  // Order matters: the driver's policy is the process's (the last Snowflake connector made sets it). Until a
  // connector is made it refuses private addresses, which the first test relies on.
  it('refuses a private address even on an agent the driver made itself', async () => {
    await loadSnowflakeDriver();
    const target = await listen('127.0.0.1');
    try {
      const module = (await import('snowflake-sdk/dist/lib/http/axios_instance.js')) as unknown as { default: { get(url: string, config: object): Promise<unknown> } };
      const error = await module.default.get(`${target.url}/session/v1/login-request`, { httpAgent: new http.Agent() }).then(() => null, (e: unknown) => e);
      expect((error as { code?: string }).code).toBe(PRIVATE_ADDRESS_CODE);
      expect(target.count).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('follows no redirect', async () => {
    const elsewhere = await listen('127.0.0.1');
    const front = await listen('127.0.0.1', (req, res) => res.writeHead(302, { location: `${elsewhere.url}${req.url}` }).end());
    try {
      const config = loadConfig({ DATA_DIR: '/nonexistent-inlet-test' }, { allowPrivateEndpoints: true });
      const settings = { account: 'myorg-analytics', warehouse: 'W', database: 'D', schema: 'S', role: null, testAccessUrl: front.url };
      const error = await snowflakeFactory.create(settings, { username: 'inlet', password: 'not-a-real-password' }, config).validate().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect(front.count).toBe(1);
      expect(elsewhere.count).toBe(0);
    } finally {
      await front.close();
      await elsewhere.close();
    }
  });
});
