/**
 * "The request never got an answer" is read one way for every client (server/connectors/net/network-errors.ts), so a
 * refused or dropped connection is a transient outage for S3, STS, GCS and BigQuery alike, and an answer with an HTTP
 * status is never mistaken for one. The errors here are real: each client (the AWS SDK, gaxios as the Google libraries
 * use it, node:http, fetch) talks to a local port with nothing listening, to a server that closes every connection
 * it accepts, and to one that answers 503.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { request as gaxios } from 'gaxios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainS3Error } from '../../server/connectors/files/s3.js';
import { explainGcsError } from '../../server/connectors/files/gcs.js';
import { connectionDropped, networkFailure } from '../../server/connectors/net/network-errors.js';
import { explainBigQueryError } from '../../server/connectors/warehouses/bigquery/errors.js';

type Client = (url: string) => Promise<unknown>;

const clients: Record<string, Client> = {
  'AWS SDK': (url) =>
    new S3Client({ endpoint: url, region: 'eu-west-1', forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }).send(
      new GetObjectCommand({ Bucket: 'b', Key: 'k' }),
    ),
  gaxios: (url) => gaxios({ url, retry: false }),
  'node:http': (url) =>
    new Promise((resolve, reject) => {
      http.get(url, (res) => (res.statusCode! >= 400 ? reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })) : resolve(res))).on('error', reject);
    }),
  fetch: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
    return res;
  },
};

async function failure(client: Client, url: string): Promise<unknown> {
  try {
    await client(url);
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

let closed: string;
let dropping: http.Server;
let unavailable: http.Server;
const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/b/k`;

beforeAll(async () => {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closed = urlOf(probe);
  await new Promise((resolve) => probe.close(resolve));
  dropping = http.createServer((req) => req.socket.destroy());
  unavailable = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>slow down</Message></Error>');
  });
  await Promise.all([dropping, unavailable].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});

afterAll(async () => {
  await Promise.all([dropping, unavailable].map((s) => new Promise((resolve) => s.close(resolve))));
});

describe.each(Object.entries(clients))('%s', (_name, client) => {
  it('a refused connection is a network failure, not a dropped one', async () => {
    const error = await failure(client, closed);
    expect(networkFailure(error)).toBe('ECONNREFUSED');
    expect(connectionDropped(error)).toBe(false);
  });

  it('a connection closed before the answer is a network failure', async () => {
    const error = await failure(client, urlOf(dropping));
    expect(networkFailure(error)).not.toBeNull();
  });

  it('an answer with a status is not a network failure', async () => {
    const error = await failure(client, urlOf(unavailable));
    expect(networkFailure(error)).toBeNull();
    expect(connectionDropped(error)).toBe(false);
  });
});

describe('the connectors read them alike', () => {
  it('the AWS SDK and node:http see a dropped kept-alive connection as dropped (S3 asks again at once)', async () => {
    expect(connectionDropped(await failure(clients['AWS SDK'], urlOf(dropping)))).toBe(true);
    expect(connectionDropped(await failure(clients['node:http'], urlOf(dropping)))).toBe(true);
  });

  it('S3, GCS and BigQuery call a refused connection transient and name its code', async () => {
    const s3 = explainS3Error(await failure(clients['AWS SDK'], closed), 'reading', 's3://b/k', 'eu-west-1');
    const gcs = explainGcsError(await failure(clients.gaxios, closed), 'reading', 'gs://b/k', 'inlet@acme.iam.gserviceaccount.com');
    const bigquery = explainBigQueryError(await failure(clients.gaxios, closed), { what: 'listing tables', clientEmail: 'inlet@acme.iam.gserviceaccount.com' });
    for (const error of [s3, gcs, bigquery]) {
      expect(error.kind).toBe('transient');
      expect(error.message).toContain('(ECONNREFUSED)');
    }
  });
});
