import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../server/connectors/errors.js';
import { createGcsStore } from '../../server/connectors/files/gcs.js';
import type { ObjectStore } from '../../server/connectors/files/object-store.js';
import { safeAgents } from '../../server/connectors/net/agents.js';
import { makeServiceAccountKey, startFakeGcs, type FakeGcs, type ServiceAccountKeyFile } from '../helpers/fake-gcs.js';

let fake: FakeGcs;
// The fake listens on loopback: these tests run as a server that allows private endpoints (test/security/egress.test.ts covers refusal).
const egress = safeAgents({ allowPrivateEndpoints: true });
let key: ServiceAccountKeyFile;
const BUCKET = 'inlet-landing';
const blob = randomBytes(100_003); // odd size, so "the last 8 bytes" is not a round offset

/** Every message Inlet could show or log, collected to search for planted secrets. */
const surfaced: string[] = [];
const planted: string[] = [];

function newKey(options?: { clientEmail?: string }): ServiceAccountKeyFile {
  const made = makeServiceAccountKey(fake, options);
  planted.push(made.privateKeyPem);
  return made;
}

function store(bucket = BUCKET, serviceAccountKey = key.json): ObjectStore {
  return createGcsStore({ bucket, serviceAccountKey, endpoint: fake.url, stallTimeoutMs: 400, egress });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    const e = error as SourceError;
    surfaced.push(e.message, String(e.stack), inspect(e, { depth: 5 }));
    return e;
  }
  throw new Error('expected a failure');
}

function failureSync(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    const e = error as SourceError;
    surfaced.push(e.message, String(e.stack), inspect(e, { depth: 5 }));
    return e;
  }
  throw new Error('expected a failure');
}

async function drain(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  fake = await startFakeGcs();
  key = newKey();
  for (let i = 0; i < 2500; i++) fake.putObject(BUCKET, `events/2024/part-${String(i).padStart(5, '0')}.csv`, `id\n${i}\n`);
  // Neighbours that share a string prefix with the listed one but are outside it.
  for (let i = 0; i < 300; i++) fake.putObject(BUCKET, `events/2023/part-${i}.csv`, 'id\n');
  for (let i = 0; i < 300; i++) fake.putObject(BUCKET, `events-archive/2024/part-${i}.csv`, 'id\n');
  fake.putObject(BUCKET, 'events/2025/01/a.parquet', 'x');
  fake.putObject(BUCKET, 'events/README.md', '# events');
  fake.putObject(BUCKET, 'blobs/data.bin', blob);
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => fake.requests.reset());

describe('list', () => {
  it('pages through 2,500 objects under a prefix in 3 requests, and nothing outside it', async () => {
    const s = store();
    const keys: string[] = [];
    const pageSizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await s.list('events/2024/', { maxKeys: 1000, token });
      pageSizes.push(page.objects.length);
      keys.push(...page.objects.map((o) => o.key));
      token = page.nextToken;
    } while (token);

    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(keys).toHaveLength(2500);
    expect(new Set(keys).size).toBe(2500);
    expect(keys.every((k) => k.startsWith('events/2024/'))).toBe(true);
    expect(keys).toEqual([...keys].sort());
    expect(s.stats.requests).toBe(3);
    expect(fake.requests.count).toBe(3);
    const lists = fake.requests.log.filter((r) => r.kind === 'storage');
    expect(lists.map((r) => r.path)).toEqual(Array(3).fill(`/storage/v1/b/${BUCKET}/o`));
    expect(lists.map((r) => r.query.maxResults)).toEqual(['1000', '1000', '1000']);
    expect(lists[0]!.query.pageToken).toBeUndefined();
    expect(lists[1]!.query.pageToken).toBeTruthy();
    expect(s.stats.bytesRead).toBe(0);
  });

  it('rolls deeper keys up into prefixes with a delimiter and maps object fields', async () => {
    const s = store();
    const page = await s.list('events/', { delimiter: '/' });
    expect(page.prefixes).toEqual(['events/2023/', 'events/2024/', 'events/2025/']);
    expect(page.objects.map((o) => o.key)).toEqual(['events/README.md']);
    expect(page.nextToken).toBeUndefined();

    const [readme] = page.objects;
    expect(readme!.size).toBe(8);
    expect(typeof readme!.size).toBe('number');
    expect(readme!.version).toMatch(/^\d+$/);
    expect(readme!.lastModified).toBeInstanceOf(Date);
    expect(Number.isNaN(readme!.lastModified!.getTime())).toBe(false);
    expect(fake.requests.log.at(-1)!.query).toMatchObject({ prefix: 'events/', delimiter: '/' });
  });

  it('changes version when an object is overwritten', async () => {
    const s = store();
    fake.putObject(BUCKET, 'versioned/a.csv', 'v1');
    const [before] = (await s.list('versioned/')).objects;
    fake.putObject(BUCKET, 'versioned/a.csv', 'v2');
    const [after] = (await s.list('versioned/')).objects;
    expect(after!.version).not.toBe(before!.version);
  });

  it('fetches one token for many requests', async () => {
    const s = store();
    await Promise.all([s.list('events/2024/', { maxKeys: 5 }), s.list('events/2023/', { maxKeys: 5 }), s.list('blobs/')]);
    await s.list('events/');
    expect(fake.requests.tokens).toBe(1);
    expect(fake.requests.count).toBe(4);
  });
});

describe('reads', () => {
  it('readRange returns exactly the bytes asked for, including the last 8 computed from the listed size', async () => {
    const s = store();
    const [info] = (await s.list('blobs/')).objects;
    expect(info!.size).toBe(blob.length);

    expect(Buffer.from(await s.readRange('blobs/data.bin', 0, 3))).toEqual(blob.subarray(0, 4));
    expect(Buffer.from(await s.readRange('blobs/data.bin', 4096, 70_000))).toEqual(blob.subarray(4096, 70_001));
    const tail = await s.readRange('blobs/data.bin', info!.size - 8, info!.size - 1);
    expect(tail).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(tail)).toEqual(blob.subarray(blob.length - 8));

    const reads = fake.requests.log.filter((r) => r.query.alt === 'media');
    expect(reads.map((r) => r.range)).toEqual(['bytes=0-3', 'bytes=4096-70000', `bytes=${blob.length - 8}-${blob.length - 1}`]);
    expect(reads.every((r) => r.status === 206 && r.path === `/storage/v1/b/${BUCKET}/o/blobs%2Fdata.bin`)).toBe(true);
    expect(s.stats).toEqual({ requests: 4, bytesRead: 4 + (70_001 - 4096) + 8 });
  });

  it('readStream returns the whole object and counts its bytes', async () => {
    const s = store();
    const stream = await s.readStream('blobs/data.bin');
    expect(Buffer.compare(await drain(stream), blob)).toBe(0);
    expect(s.stats).toEqual({ requests: 1, bytesRead: blob.length });
    expect(fake.requests.log.at(-1)).toMatchObject({ query: { alt: 'media' }, range: undefined, status: 200 });
  });

  it('keys with spaces and slashes are addressed as one path segment', async () => {
    const s = store();
    fake.putObject(BUCKET, 'odd names/a b+c%.csv', 'odd');
    expect((await drain(await s.readStream('odd names/a b+c%.csv'))).toString()).toBe('odd');
  });

  it('a slow reader is not mistaken for a stalled download', async () => {
    const s = store();
    const stream = await s.readStream('blobs/data.bin');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // well past the 400 ms stall timeout, unread
    expect(Buffer.compare(await drain(stream), blob)).toBe(0);
  });

  it('a checksum mismatch on a whole download is transient', async () => {
    const s = store();
    fake.corruptHashes(true);
    try {
      const stream = await s.readStream('blobs/data.bin');
      const e = await failure(drain(stream));
      expect(e.kind).toBe('transient');
      expect(e.message).toContain('gs://inlet-landing/blobs/data.bin');
    } finally {
      fake.corruptHashes(false);
    }
  });

  it('an object deleted after listing is not-found, before any byte is handed out', async () => {
    const s = store();
    fake.putObject(BUCKET, 'gone/a.csv', 'a');
    fake.deleteObject(BUCKET, 'gone/a.csv');
    const streamed = await failure(s.readStream('gone/a.csv'));
    expect(streamed.kind).toBe('not-found');
    expect(streamed.message).toContain('gs://inlet-landing/gone/a.csv');
    const ranged = await failure(s.readRange('gone/a.csv', 0, 0));
    expect(ranged.kind).toBe('not-found');
    expect(s.stats).toEqual({ requests: 2, bytesRead: 0 });
  });
});

describe('reads pinned to the listed generation', () => {
  it('fail cleanly, naming the file, once the object is overwritten between two reads of one unit', async () => {
    const first = randomBytes(4096);
    fake.putObject(BUCKET, 'pinned/part-0.parquet', first);
    const s = store();
    const [listed] = (await s.list('pinned/')).objects;
    expect(listed!.version).toMatch(/^\d+$/);
    // A Parquet read: the footer first, then a column chunk; the file is replaced in between.
    expect(Buffer.from(await s.readRange(listed!.key, 4000, 4095, listed!.version))).toEqual(first.subarray(4000));
    fake.putObject(BUCKET, 'pinned/part-0.parquet', randomBytes(4096));
    const e = await failure(s.readRange(listed!.key, 0, 99, listed!.version));
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe(
      `gs://inlet-landing/pinned/part-0.parquet changed while it was read (generation ${listed!.version} was replaced or deleted); the next run reads the new version`,
    );
    const whole = await failure(s.readStream(listed!.key, listed!.version).then(drain));
    expect(whole.message).toMatch(/changed while it was read/);
    // Every read asked for the listed generation, not for whatever is current.
    const reads = fake.requests.log.filter((r) => r.query.alt === 'media');
    expect(reads.map((r) => r.query.generation)).toEqual([listed!.version, listed!.version, listed!.version]);
    // A new listing sees the new generation, which reads.
    const [again] = (await s.list('pinned/')).objects;
    expect(again!.version).not.toBe(listed!.version);
    expect((await s.readRange(again!.key, 0, 99, again!.version)).length).toBe(100);
  });
});

describe('errors', () => {
  it('a missing bucket is not-found and names the bucket', async () => {
    const e = await failure(store('no-such-bucket').list('events/'));
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain('Bucket gs://no-such-bucket does not exist');
  });

  it('a bucket the service account may not read is auth, with the role to grant', async () => {
    fake.putObject('locked', 'events/a.csv', 'a');
    fake.forbid('locked', key.clientEmail);
    const e = await failure(store('locked').list('events/'));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('Access denied listing gs://locked/events/');
    expect(e.message).toContain('roles/storage.objectViewer');
    expect(e.message).toContain(key.clientEmail);
  });

  it('a revoked key (invalid_grant) is auth and makes no storage request', async () => {
    const revoked = newKey({ clientEmail: 'revoked@inlet-test.iam.gserviceaccount.com' });
    fake.revoke(revoked.clientEmail);
    const s = store(BUCKET, revoked.json);
    const e = await failure(s.list('events/'));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('GCS rejected the service account key');
    expect(e.message).toContain('invalid_grant');
    expect(e.message).toContain('gs://inlet-landing/events/');
    expect(e.message).toContain('check that the key is current and not revoked');
    expect(fake.requests.tokens).toBe(1);
    expect(fake.requests.count).toBe(0);
    surfaced.push(JSON.stringify(s.stats), inspect(s, { depth: 10 }));
  });

  it('a key for another service account than the one required is auth', async () => {
    const other = newKey({ clientEmail: 'intruder@elsewhere.iam.gserviceaccount.com' });
    fake.requireClientEmail(key.clientEmail);
    try {
      expect((await failure(store(BUCKET, other.json).readRange('blobs/data.bin', 0, 1))).kind).toBe('auth');
      expect(await store().readRange('blobs/data.bin', 0, 1)).toHaveLength(2);
    } finally {
      fake.requireClientEmail(undefined);
    }
  });

  it('a key signed by another private key is auth', async () => {
    const forged = newKey({ clientEmail: 'forged@inlet-test.iam.gserviceaccount.com' });
    fake.trustKey(forged.clientEmail, newKey({ clientEmail: 'decoy@x.iam.gserviceaccount.com' }).privateKeyPem);
    const e = await failure(store(BUCKET, forged.json).list(''));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('Invalid JWT Signature');
  });

  it('a key that is not JSON, or lacks fields, is user, and the error does not echo it', () => {
    const notJson = failureSync(() => store(BUCKET, `{ "private_key": "${key.privateKeyPem}", oops`));
    expect(notJson.kind).toBe('user');
    expect(notJson.message).toContain('not valid JSON');

    const parsed = JSON.parse(key.json) as Record<string, string>;
    const noEmail = failureSync(() => store(BUCKET, JSON.stringify({ ...parsed, client_email: undefined })));
    expect(noEmail.kind).toBe('user');
    expect(noEmail.message).toContain('client_email');

    const noKey = failureSync(() => store(BUCKET, JSON.stringify({ ...parsed, private_key: '' })));
    expect(noKey.kind).toBe('user');
    expect(noKey.message).toContain('private_key');

    const badPem = failureSync(() => store(BUCKET, JSON.stringify({ ...parsed, private_key: parsed.private_key!.replace(/[A-Z]/g, 'x') })));
    expect(badPem.kind).toBe('user');
    expect(badPem.message).toContain('not a PEM private key');

    const userCreds = failureSync(() => store(BUCKET, JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' })));
    expect(userCreds.kind).toBe('user');
    expect(userCreds.message).toContain('service_account');
  });

  it('without a test endpoint, only a Google token_uri is accepted, before any request', () => {
    const e = failureSync(() => createGcsStore({ bucket: BUCKET, serviceAccountKey: key.json, egress }));
    expect(e.kind).toBe('user');
    expect(e.message).toContain('token_uri');
    expect(fake.requests.log).toHaveLength(0);
  });

  it('a 5xx is transient and is not retried by the client', async () => {
    const s = store();
    await s.list('blobs/'); // token first, so the failure below lands on the storage request
    fake.requests.reset();
    fake.failNext(503);
    const e = await failure(s.list('events/'));
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('gs://inlet-landing/events/');
    expect(fake.requests.count).toBe(1);

    fake.failNext(500);
    const read = await failure(s.readRange('blobs/data.bin', 0, 9));
    expect(read.kind).toBe('transient');
    expect(fake.requests.count).toBe(2);
  });

  it('a connection dropped before or during a response is transient', async () => {
    const s = store();
    await s.list('blobs/');
    fake.failNext('reset');
    const listed = await failure(s.list('events/'));
    expect(listed.kind).toBe('transient');
    expect(listed.message).toContain('gs://inlet-landing/events/');

    fake.failNext('reset');
    expect((await failure(s.readRange('blobs/data.bin', 0, 9))).kind).toBe('transient');

    fake.failNext('truncate');
    const stream = await s.readStream('blobs/data.bin');
    const cut = await failure(drain(stream));
    expect(cut.kind).toBe('transient');
    expect(cut.message).toContain('stopped sending');
    expect(cut.message).toContain('gs://inlet-landing/blobs/data.bin');
    expect(s.stats.bytesRead).toBeLessThan(blob.length);

    expect(Buffer.from(await s.readRange('blobs/data.bin', 10, 19))).toEqual(blob.subarray(10, 20));
  });

  it('an unreachable endpoint is transient', async () => {
    const down = await startFakeGcs();
    const downKey = makeServiceAccountKey(down);
    const url = down.url;
    await down.close();
    const e = await failure(createGcsStore({ bucket: BUCKET, serviceAccountKey: downKey.json, endpoint: url, egress }).list('events/'));
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).toContain('gs://inlet-landing/events/');
  });

  it('no message, stack, stats or store dump carries the private key or an access token', async () => {
    const s = store();
    await s.list('events/', { delimiter: '/' });
    await s.readRange('blobs/data.bin', 0, 15);
    surfaced.push(JSON.stringify(s.stats), inspect(s, { depth: 10, showHidden: true }));

    expect(surfaced.length).toBeGreaterThan(20);
    expect(planted.length).toBeGreaterThan(4);
    const pemLines = planted
      .flatMap((pem) => pem.split('\n'))
      .filter((line) => line.length > 40 && !line.startsWith('-----'));
    expect(pemLines.length).toBeGreaterThan(100);
    for (const text of surfaced) {
      for (const line of pemLines) expect(text).not.toContain(line);
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toMatch(/ya29\./);
      expect(text).not.toMatch(/Bearer /);
    }
  });
});
