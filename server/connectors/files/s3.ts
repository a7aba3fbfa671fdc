import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable, Transform } from 'node:stream';
import { SourceError } from '../errors.js';
import { findPrivateAddressError, type EgressAgents } from '../net/agents.js';
import { connectionDropped, networkFailure } from '../net/network-errors.js';
import { locationOf, type IoStats, type ListPage, type ObjectStore } from './object-store.js';

export interface S3StoreOptions {
  region: string;
  bucket: string;
  endpoint?: string | null;
  credentials: { accessKeyId?: string; secretAccessKey?: string; roleArn?: string; externalId?: string };
  /** STS endpoint for role assumption (tests and private clouds). */
  stsEndpoint?: string | null;
  /** An assumed role is assumed again this long before its credentials expire (default 5 minutes). */
  credentialRefreshMarginMs?: number;
  /** The clock the credentials' expiry is judged by (tests move it instead of waiting an hour). */
  now?: () => number;
  /** The agents every connection goes through (net/agents.ts `safeAgents`): they refuse private addresses at connect time. */
  egress: EgressAgents;
}

/**
 * A dropped connection (a reset, or a hang-up: most often a kept-alive socket the server had just closed) is asked
 * again at once, up to RECONNECTS more times, by every S3 client Inlet makes (sources and destinations): reads, and
 * destination writes of a whole buffer to a fixed key, are idempotent, and one reset among a run's thousands of
 * requests should not fail the run and wait out the run engine's or the writer's backoff (a minute). Throttling, 5xx
 * and timeouts are not retried here: the callers' own backoff handles outages, visibly. A request whose body is a
 * stream is not sent again, and a response stream already being read (readStream) is not resumed: its error fails the
 * attempt.
 */
const RECONNECTS = 2;

/** Adds the reconnects above to an S3 client (a middleware around each attempt, before signing: each is signed anew). */
export function reconnectOnDroppedConnections(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      const body = (args.request as { body?: unknown } | undefined)?.body as { pipe?: unknown } | undefined;
      const resendable = !body || typeof body.pipe !== 'function';
      for (let attempt = 0; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          if (!resendable || attempt >= RECONNECTS || !connectionDropped(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** attempt * (1 + Math.random())));
        }
      }
    },
    { step: 'finalizeRequest', priority: 'high', name: 'inletReconnectOnDroppedConnections' },
  );
  return client;
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
      credentials: resolveCredentials(options),
      // Inlet's run engine retries with its own backoff; a second layer of retries would hide outages for minutes.
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000, httpAgent: options.egress.http, httpsAgent: options.egress.https }),
    });
    return reconnectOnDroppedConnections(client);
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
      // The body is read inside `send`, so a connection dropped mid-body is asked again like one dropped before it.
      const bytes = await send('reading', key, async (c) => {
        const out = await c.send(new GetObjectCommand({ Bucket: options.bucket, Key: key, Range: `bytes=${start}-${end}` }));
        return out.Body!.transformToByteArray();
      });
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

/** How long an assumed role's session lasts: STS's default and every role's default maximum. */
const ROLE_SESSION_SECONDS = 3600;
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

type RoleIdentity = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

/** The credentials of an S3 client: an access key pair, or a role assumed through STS (never the default chain). */
export function resolveCredentials(options: S3StoreOptions): RoleIdentity | (() => Promise<RoleIdentity>) {
  const { accessKeyId, secretAccessKey, roleArn, externalId } = options.credentials;
  if (roleArn) return assumedRoleCredentials(options, roleArn, externalId);
  if (!accessKeyId || !secretAccessKey) throw new SourceError('user', 'S3 credentials are missing: give an access key pair or a role ARN');
  return { accessKeyId, secretAccessKey };
}

/**
 * A credential provider for an assumed role that assumes it again before the session expires: a run longer than the
 * session's hour would otherwise fail with ExpiredToken. The S3 client asks it before every request it signs once the
 * identity is within 5 minutes of its `expiration` (the SDK's own memoization); this cache answers from the current
 * session until `margin` before it expires, and concurrent requests share one AssumeRole call.
 */
export function assumedRoleCredentials(options: S3StoreOptions, roleArn: string, externalId: string | undefined): () => Promise<RoleIdentity> {
  const margin = options.credentialRefreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const now = options.now ?? Date.now;
  let current: RoleIdentity | null = null;
  let pending: Promise<RoleIdentity> | null = null;
  let sts: { send(command: unknown): Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } }> } | null = null;
  let Command: (new (input: object) => unknown) | null = null;

  async function assume(): Promise<RoleIdentity> {
    if (!sts) {
      // Inlet's own principal (the one named in the bucket policy) assumes the customer's role; the external id
      // stops another Inlet customer from naming the same role. The STS client is loaded only for role connections.
      const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
      Command = AssumeRoleCommand as unknown as new (input: object) => unknown;
      sts = new STSClient({
        region: options.region,
        endpoint: options.stsEndpoint ?? undefined,
        // STS throttles bursts of AssumeRole (many runs starting together): the SDK's standard retry backs off on
        // Throttling and 5xx only, never on AccessDenied, before the run engine's own retries take over.
        maxAttempts: 3,
        requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000, httpAgent: options.egress.http, httpsAgent: options.egress.https }),
      }) as unknown as typeof sts;
    }
    try {
      const out = await sts!.send(new Command!({ RoleArn: roleArn, ExternalId: externalId, RoleSessionName: 'inlet', DurationSeconds: ROLE_SESSION_SECONDS }));
      const c = out.Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
    } catch (error) {
      throw explainStsError(error, roleArn);
    }
  }

  return async () => {
    const expiresAt = current?.expiration?.getTime();
    if (current && (expiresAt === undefined || now() < expiresAt - margin)) return current;
    pending ??= assume().finally(() => (pending = null));
    current = await pending;
    return current;
  };
}

/** Maps STS failures when assuming a role: throttling and outages are transient, a refused role is the user's to fix. */
export function explainStsError(error: unknown, roleArn: string): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Could not assume role ${roleArn}: the STS endpoint ${refused.message}`);
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const code = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (/^(Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException)$/.test(code) || status === 429) {
    return new SourceError('transient', `AWS STS is throttling AssumeRole for ${roleArn} (${code || 'HTTP 429'})`);
  }
  if (status >= 500 || e.$fault === 'server' || /^(InternalFailure|ServiceUnavailable|InternalError)$/.test(code)) {
    return new SourceError('transient', `AWS STS failed assuming role ${roleArn} (${code || `HTTP ${status}`})`);
  }
  const network = networkFailure(error);
  if (network) return new SourceError('transient', `Could not reach AWS STS assuming role ${roleArn} (${network})`);
  // Inlet's own principal is refused: the server's AWS credentials are the operator's to fix, not the connection's.
  if (/^(InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|RegionDisabledException)$/.test(code)) {
    return new SourceError('internal', `Inlet's own AWS credentials were refused by STS assuming role ${roleArn} (${code}): check the server's AWS principal`);
  }
  // AccessDenied (a trust policy that does not name Inlet's principal, or a wrong external id) and anything else
  // a role's owner decides.
  return new SourceError('auth', `Could not assume role ${roleArn} (${code || 'Error'}): check the role's trust policy names Inlet's principal and the external id`);
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
  const network = networkFailure(error);
  if (network || status >= 500) return new SourceError('transient', `Could not reach S3 ${what} ${location} (${network ?? `HTTP ${status}`})`);
  return new SourceError('internal', `S3 failed ${what} ${location}: ${code || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}
