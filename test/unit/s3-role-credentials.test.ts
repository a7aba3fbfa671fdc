/**
 * S3 connections through an assumed role (issue 21 item 6): the role's session expires, so a long run must assume it
 * again, and STS's own failures are told apart (throttling and outages are retried, a refused role is not).
 * Real S3 protocol (s3rver); STS is the stand-in in test/helpers/fake-sts.ts (no STS runs here). Nothing sleeps: the
 * store's clock is moved instead of waiting for the session to age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../server/connectors/errors.js';
import { createS3Store } from '../../server/connectors/files/s3.js';
import { safeAgents } from '../../server/connectors/net/agents.js';
import { startFakeSts } from '../helpers/fake-sts.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

const egress = safeAgents({ allowPrivateEndpoints: true });
const BUCKET = 'inlet-role';
const ROLE = 'arn:aws:iam::123456789012:role/inlet-reader';
let s3: LocalS3;
let sts: Awaited<ReturnType<typeof startFakeSts>>;
/** The clock both STS (for `Expiration`) and the store (for the margin) read; tests move it forward. */
let clock = Date.now();
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  // Inlet's own principal, which signs AssumeRole (the server's ambient AWS credentials in production).
  process.env.AWS_ACCESS_KEY_ID = 'INLETPRINCIPAL';
  process.env.AWS_SECRET_ACCESS_KEY = 'principal-secret';
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  for (let i = 0; i < 4; i++) await s3.put(BUCKET, `data/t/part-${i}.csv`, `id\n${i}\n`);
  // Sessions of 1 minute on the test's clock: inside the SDK's own 5-minute refresh window, so it asks the store's
  // provider before every request, and the provider's margin (30 s) and clock decide when to assume the role again.
  sts = await startFakeSts({ principalKeyId: 'INLETPRINCIPAL', roleArn: ROLE, externalId: 'ext-42', issue: { ...S3_KEY }, expiresInSeconds: 60, now: () => clock });
});

afterAll(async () => {
  await s3?.close();
  await sts?.close();
  for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function roleStore(options: { externalId?: string } = {}) {
  return createS3Store({
    region: 'us-east-1',
    bucket: BUCKET,
    endpoint: s3.endpoint,
    credentials: { roleArn: ROLE, externalId: options.externalId ?? 'ext-42' },
    stsEndpoint: sts.endpoint,
    credentialRefreshMarginMs: 30_000,
    now: () => clock,
    egress,
  });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a failure');
}

describe('assumed-role credentials', () => {
  it('a long run assumes the role again once the session is within the margin of expiry, and not before', async () => {
    const store = roleStore();
    const before = sts.issued;
    const { objects } = await store.list('data/t/');
    expect(objects).toHaveLength(4);
    for (const o of objects.slice(0, 2)) expect(Buffer.from(await store.readRange(o.key, 0, 1)).toString()).toBe('id');
    expect(sts.issued - before).toBe(1); // one session serves the requests while it is fresh

    clock += 31_000; // 29 s of the 1-minute session left: inside the 30 s margin
    for (const o of objects.slice(2)) expect(Buffer.from(await store.readRange(o.key, 0, 1)).toString()).toBe('id');
    expect(sts.issued - before).toBe(2); // assumed again once, shared by the following requests

    clock += 31_000;
    const stream = await store.readStream(objects[0]!.key);
    for await (const chunk of stream) void chunk;
    expect(sts.issued - before).toBe(3);
  });

  it('retries STS throttling and outages, and reports them as transient when they last', async () => {
    const before = sts.calls.length;
    sts.failNext('Throttling', 1);
    expect((await roleStore().list('data/t/')).objects).toHaveLength(4);
    expect(sts.calls.length - before).toBe(2); // throttled once, retried once

    sts.failNext('ServiceUnavailable', 3);
    const e = await failure(roleStore().list('data/t/'));
    expect(e.kind).toBe('transient');
    expect(e.message).toBe(`AWS STS failed assuming role ${ROLE} (ServiceUnavailable)`);
    expect(sts.calls.length - before).toBe(5);
  });

  it('does not retry AccessDenied (a wrong external id): it is the role owner’s to fix', async () => {
    const before = sts.calls.length;
    const e = await failure(roleStore({ externalId: 'someone-else' }).list('data/t/'));
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(`Could not assume role ${ROLE} (AccessDenied): check the role's trust policy names Inlet's principal and the external id`);
    expect(sts.calls.length - before).toBe(1);
  });
});
