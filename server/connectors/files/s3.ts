import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable, Transform } from 'node:stream';
import { SourceError } from '../errors.js';
import { findPrivateAddressError, type EgressAgents } from '../net/agents.js';
import { locationOf, type IoStats, type ListPage, type ObjectStore } from './object-store.js';

export interface S3StoreOptions {
  region: string;
  bucket: string;
  endpoint?: string | null;
  credentials: { accessKeyId?: string; secretAccessKey?: string; roleArn?: string; externalId?: string };
  /** STS endpoint for role assumption (tests and private clouds). */
  stsEndpoint?: string | null;
  /** The agents every connection goes through (net/agents.ts `safeAgents`): they refuse private addresses at connect time. */
  egress: EgressAgents;
}

/** An S3 (or S3-compatible) bucket as an ObjectStore. Credentials are always explicit: no default chain. */
export function createS3Store(options: S3StoreOptions): ObjectStore {
  const stats: IoStats = { requests: 0, bytesRead: 0 };
  const where = (key = '') => locationOf({ scheme: 's3', bucket: options.bucket }, key);
  let client: S3Client | null = null;

  async function s3(): Promise<S3Client> {
    if (client) return client;
    client = new S3Client({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      forcePathStyle: Boolean(options.endpoint),
      credentials: await resolveCredentials(options),
      // Inlet's run engine retries with its own backoff; a second layer of retries would hide outages for minutes.
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000, httpAgent: options.egress.http, httpsAgent: options.egress.https }),
    });
    return client;
  }

  async function send<T>(what: string, key: string, fn: (c: S3Client) => Promise<T>): Promise<T> {
    stats.requests++;
    try {
      return await fn(await s3());
    } catch (error) {
      throw explainS3Error(error, what, where(key), options.region);
    }
  }

  return {
    scheme: 's3',
    bucket: options.bucket,
    stats,
    async list(prefix, { delimiter, token, maxKeys } = {}): Promise<ListPage> {
      const out = await send('listing', prefix, (c) =>
        c.send(new ListObjectsV2Command({ Bucket: options.bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token, MaxKeys: maxKeys })),
      );
      return {
        objects: (out.Contents ?? []).map((o) => ({
          key: o.Key!,
          size: Number(o.Size ?? 0),
          version: o.ETag?.replace(/"/g, ''),
          lastModified: o.LastModified,
        })),
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix!).filter(Boolean),
        nextToken: out.IsTruncated ? out.NextContinuationToken : undefined,
      };
    },
    async readRange(key, start, end) {
      const out = await send('reading', key, (c) => c.send(new GetObjectCommand({ Bucket: options.bucket, Key: key, Range: `bytes=${start}-${end}` })));
      const bytes = await out.Body!.transformToByteArray();
      stats.bytesRead += bytes.length;
      return bytes;
    },
    async readStream(key) {
      const out = await send('reading', key, (c) => c.send(new GetObjectCommand({ Bucket: options.bucket, Key: key })));
      const body = out.Body as Readable;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          stats.bytesRead += chunk.length;
          done(null, chunk);
        },
      });
      body.on('error', (error) => counter.destroy(explainS3Error(error, 'reading', where(key), options.region)));
      counter.on('close', () => body.destroy());
      return body.pipe(counter);
    },
  };
}

async function resolveCredentials(options: S3StoreOptions) {
  const { accessKeyId, secretAccessKey, roleArn, externalId } = options.credentials;
  if (roleArn) {
    // Inlet's own principal (the one named in the bucket policy) assumes the customer's role; the external id
    // stops another Inlet customer from naming the same role. The STS client is loaded only for role connections.
    const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({
      region: options.region,
      endpoint: options.stsEndpoint ?? undefined,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000, httpAgent: options.egress.http, httpsAgent: options.egress.https }),
    });
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, ExternalId: externalId, RoleSessionName: 'inlet', DurationSeconds: 3600 }));
      const c = out.Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
    } catch (error) {
      const refused = findPrivateAddressError(error);
      if (refused) throw new SourceError('user', `Could not assume role ${roleArn}: the STS endpoint ${refused.message}`);
      const name = (error as { name?: string }).name ?? 'Error';
      throw new SourceError('auth', `Could not assume role ${roleArn} (${name}): check the role's trust policy names Inlet's principal and the external id`);
    }
  }
  if (!accessKeyId || !secretAccessKey) throw new SourceError('user', 'S3 credentials are missing: give an access key pair or a role ARN');
  return { accessKeyId, secretAccessKey };
}

/** Maps S3 failures to messages a person can act on. Never includes credential values. */
export function explainS3Error(error: unknown, what: string, location: string, region: string): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to S3 ${what} ${location}: ${refused.message}`);
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
  const code = e.name ?? e.Code ?? e.code ?? '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  switch (code) {
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return new SourceError('auth', `Access denied ${what} ${location}: check the bucket policy grants Inlet s3:ListBucket and s3:GetObject`);
    case 'InvalidAccessKeyId':
      return new SourceError('auth', `AWS does not recognise the access key id (${what} ${location}): check the key pair is current and not deleted`);
    case 'SignatureDoesNotMatch':
      return new SourceError('auth', `AWS rejected the secret access key (${what} ${location}): check the secret belongs to the access key id`);
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return new SourceError('auth', `The AWS credentials have expired (${what} ${location}): rotate the connection's credentials`);
    case 'NoSuchBucket':
      return new SourceError('not-found', `Bucket ${location.split('/').slice(0, 3).join('/')} does not exist: check the bucket name`);
    case 'NoSuchKey':
      return new SourceError('not-found', `${location} no longer exists: it was deleted after it was listed`);
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
    case 'IllegalLocationConstraintException': {
      const actual = e.$response?.headers?.['x-amz-bucket-region'];
      return new SourceError('user', `The bucket of ${location} is not in ${region}${actual ? ` but in ${actual}` : ''}: change the connection's AWS bucket region`);
    }
  }
  if (error instanceof S3ServiceException && status >= 500) return new SourceError('transient', `S3 answered ${status} ${what} ${location}`);
  if (status === 403) return new SourceError('auth', `Access denied ${what} ${location}: check the bucket policy grants Inlet s3:ListBucket and s3:GetObject`);
  if (status === 404) return new SourceError('not-found', `${location} was not found`);
  if (status === 301) return new SourceError('user', `The bucket of ${location} is not in ${region}: change the connection's AWS bucket region`);
  const sys = (error as NodeJS.ErrnoException).code ?? '';
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|TimeoutError|socket hang up/i.test(`${sys} ${code} ${e.message ?? ''}`) || status >= 500) {
    return new SourceError('transient', `Could not reach S3 ${what} ${location} (${sys || code || 'network error'})`);
  }
  return new SourceError('internal', `S3 failed ${what} ${location}: ${code || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}
