// The object-store side of S3 destinations: an S3 client for writes (probe, upload, delete), the connection factory
// both destination platforms register, and the errors of writing mapped to what a person can do about them.
import { DeleteObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Config } from '../config.js';
import { badInput, FieldChecks } from '../errors.js';
import type { Connector, ConnectorFactory } from '../connectors/connector.js';
import { SourceError } from '../connectors/errors.js';
import { checkS3BucketName, normalizeEndpoint } from '../connectors/files/bucket-input.js';
import { S3_REGIONS } from '../connectors/files/s3-regions.js';
import { explainS3Error, reconnectOnDroppedConnections, resolveCredentials } from '../connectors/files/s3.js';
import { normalizeAws } from '../connectors/files/s3.factory.js';
import { optionalString, requiredString, type Input } from '../connectors/input.js';
import { findPrivateAddressError, safeAgents, type EgressAgents } from '../connectors/net/agents.js';
import { parseSchedule } from '../imports/schedule.js';

/** The non-secret settings of an S3 destination, as stored and shown. */
export interface DestinationSettings {
  region: string;
  bucketName: string;
  /** Empty, or a folder path ending with `/` (no leading slash). */
  prefix: string;
  endpoint: string | null;
  kmsKeyArn: string | null;
  /** S3 Batch only. */
  format?: 'JSON_GZIP' | 'PARQUET_SNAPPY';
  schedule?: string;
  scope?: 'WORKSPACE' | 'ALL_WORKSPACES';
}

/** The validation probe's key under a destination's prefix. */
export const PROBE_KEY = '_inlet_probe/write-check.txt';

/** Multipart above this size (S3's minimum part size). */
export const MULTIPART_BYTES = 5 * 1024 * 1024;

const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]{1,128}|alias\/[A-Za-z0-9/_-]{1,256})$/;

/** Writes to one bucket with explicit credentials; every upload carries the SSE-KMS headers when a key is set. */
export class S3DestinationStore {
  private client: S3Client | null = null;
  constructor(
    readonly settings: DestinationSettings,
    private readonly credentials: Record<string, string>,
    private readonly options: { stsEndpoint: string | null; egress: EgressAgents; requestTimeoutMs?: number },
  ) {}

  /** `s3://bucket/prefix` for messages. */
  where(key = this.settings.prefix): string {
    return `s3://${this.settings.bucketName}/${key}`;
  }

  /** The store's S3 client (the batch export writes through it). */
  s3Client(): S3Client {
    return this.s3();
  }

  private s3(): S3Client {
    this.client ??= reconnectOnDroppedConnections(new S3Client({
      region: this.settings.region,
      endpoint: this.settings.endpoint ?? undefined,
      forcePathStyle: Boolean(this.settings.endpoint),
      credentials: resolveCredentials({ region: this.settings.region, bucket: this.settings.bucketName, credentials: this.credentials, stsEndpoint: this.options.stsEndpoint, egress: this.options.egress }),
      // The writer retries with its own backoff and jitter, forever while the destination is ACTIVE.
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: this.options.requestTimeoutMs ?? 120_000, httpAgent: this.options.egress.http, httpsAgent: this.options.egress.https }),
    }));
    return this.client;
  }

  private encryption(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
    return this.settings.kmsKeyArn ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.settings.kmsKeyArn } : {};
  }

  /**
   * Uploads `body` to `key` once: a single PUT up to 5 MiB, multipart above (lib-storage), the multipart upload
   * aborted on failure so no parts are left behind. Throws a SourceError.
   */
  async upload(key: string, body: Buffer, contentType = 'application/gzip'): Promise<void> {
    try {
      if (body.length <= MULTIPART_BYTES) {
        await this.s3().send(new PutObjectCommand({ Bucket: this.settings.bucketName, Key: key, Body: body, ContentLength: body.length, ContentType: contentType, ...this.encryption() }));
        return;
      }
      const upload = new Upload({
        client: this.s3(),
        params: { Bucket: this.settings.bucketName, Key: key, Body: body, ContentType: contentType, ...this.encryption() },
        partSize: MULTIPART_BYTES,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
    } catch (error) {
      throw explainWriteError(error, 'PutObject', this.where(key), this.settings);
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await this.s3().send(new DeleteObjectCommand({ Bucket: this.settings.bucketName, Key: key }));
    } catch (error) {
      throw explainWriteError(error, 'DeleteObject', this.where(key), this.settings);
    }
  }

  /**
   * The validation: writes a small probe object under the prefix (with the KMS key when set), then deletes it. The
   * key is the same on every attempt and every validation of the prefix, so an attempt that failed after its write (a
   * timed-out delete, retried) leaves nothing once a later one succeeds: that one overwrites and deletes the same key.
   */
  async probe(): Promise<void> {
    const key = `${this.settings.prefix}${PROBE_KEY}`;
    try {
      await this.s3().send(
        new PutObjectCommand({ Bucket: this.settings.bucketName, Key: key, Body: Buffer.from('inlet write check\n'), ContentLength: 18, ContentType: 'text/plain', ...this.encryption() }),
      );
    } catch (error) {
      throw explainWriteError(error, 'PutObject', this.where(), this.settings);
    }
    await this.remove(key).catch((error: SourceError) => {
      throw new SourceError(error.kind, error.message.replace(this.where(key), this.where()));
    });
  }

  close(): void {
    this.client?.destroy();
    this.client = null;
  }
}

/**
 * Maps a write failure to a message naming the step and the permission: "PutObject denied on s3://bucket/inlet/",
 * "KMS key … not usable: kms:GenerateDataKey". Throttling, 5xx and timeouts are transient (retried); the rest is the
 * bucket owner's to fix and turns the destination INACTIVE.
 */
export function explainWriteError(error: unknown, step: 'PutObject' | 'DeleteObject', location: string, settings: Pick<DestinationSettings, 'kmsKeyArn' | 'region' | 'bucketName'>): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to S3 for ${step} on ${location}: ${refused.message}`);
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e.name ?? e.Code ?? e.code ?? '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  const text = `${code} ${e.message ?? ''}`;
  if (/^(SlowDown|Throttling|ThrottlingException|RequestTimeout|RequestTimeTooSkewed|ServiceUnavailable|InternalError)$/.test(code) || status === 429 || status === 503) {
    return new SourceError('transient', `S3 is throttling or unavailable (${code || `HTTP ${status}`}) for ${step} on ${location}`);
  }
  if (/kms/i.test(text) || /^KMS\./.test(code)) {
    const permission = /decrypt/i.test(text) ? 'kms:Decrypt' : 'kms:GenerateDataKey';
    return new SourceError('auth', `KMS key ${settings.kmsKeyArn ?? '(bucket default)'} not usable: ${permission} (${step} on ${location}): the key policy must allow Inlet's principal ${permission}`);
  }
  if (code === 'AccessDenied' || code === 'AllAccessDisabled' || (status === 403 && !/^(InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken)$/.test(code))) {
    return new SourceError('auth', `${step} denied on ${location}: the bucket policy must grant Inlet s3:${step}`);
  }
  if (code === 'NoSuchBucket') return new SourceError('auth', `Bucket s3://${settings.bucketName} does not exist (${step} on ${location}): check the bucket name`);
  if (code === 'NoSuchUpload' || e.name === 'AbortError') return new SourceError('transient', `The multipart upload to ${location} was aborted; it is uploaded again`);
  const mapped = explainS3Error(error, step === 'PutObject' ? 'writing' : 'deleting', location, settings.region);
  // The read path's wording names read permissions; a write names the write step instead.
  if (mapped.kind === 'auth' && /Access denied/.test(mapped.message)) return new SourceError('auth', `${step} denied on ${location}: the bucket policy must grant Inlet s3:${step}`);
  if (mapped.kind === 'not-found') return new SourceError('auth', mapped.message);
  if (mapped.kind === 'internal' && status >= 500) return new SourceError('transient', mapped.message);
  return mapped;
}

/** The prefix of a destination: optional, no leading slash, a plain folder path ending with `/`. */
export function normalizeDestinationPrefix(raw: string | null, field: string): string {
  if (!raw) return '';
  if (raw.startsWith('/')) throw badInput(field, `Prefix "${raw}" must not start with a slash (e.g. inlet/)`);
  // eslint-disable-next-line no-control-regex
  if (raw.split('/').some((s) => s === '..' || s === '.') || raw.includes('//') || /[\u0000-\u001f\u007f\\]/.test(raw) || raw.length > 512) {
    throw badInput(field, `Prefix "${raw}" must be a plain folder path (no "..", "//", backslashes or control characters)`);
  }
  return raw.endsWith('/') ? raw : raw + '/';
}

/** A destination as a Connector: validation is the write probe; it has no tables and cannot be read. */
class DestinationConnector implements Connector {
  readonly stats = { requests: 0, bytesRead: 0 };
  constructor(private readonly store: S3DestinationStore) {}
  async validate(): Promise<void> {
    try {
      await this.store.probe();
    } finally {
      this.store.close();
    }
  }
  async discover() {
    return [];
  }
  async planRead(): Promise<never> {
    throw new SourceError('user', 'A destination cannot be read: imports need a source connection');
  }
  // eslint-disable-next-line require-yield
  async *read(): AsyncIterable<never> {
    throw new SourceError('user', 'A destination cannot be read: imports need a source connection');
  }
}

/** A store for a destination connection's settings and opened credentials. */
export function destinationStore(settings: Record<string, unknown>, credentials: Record<string, string>, config: Config): S3DestinationStore {
  return new S3DestinationStore(settings as unknown as DestinationSettings, credentials, { stsEndpoint: config.stsEndpoint, egress: safeAgents(config) });
}

function destinationFactory(platform: 'S3_STREAMING' | 'S3_BATCH', key: 's3Streaming' | 's3Batch'): ConnectorFactory {
  return {
    platform,
    async normalize(input, config, caller) {
      // Every field is checked before answering, so the connect form shows all its mistakes at once.
      const checks = new FieldChecks();
      const region = checks.check(() => {
        const region = requiredString(input, 'region', `${key}.region`, 'AWS bucket region');
        if (!S3_REGIONS.includes(region)) throw badInput(`${key}.region`, `Region ${region} is not supported; choose one of ${S3_REGIONS.join(', ')}`);
        return region;
      });
      const bucketName = checks.check(() => {
        const bucketName = requiredString(input, 'bucketName', `${key}.bucketName`, 'AWS bucket name');
        checkS3BucketName(bucketName, `${key}.bucketName`);
        return bucketName;
      });
      const prefix = checks.check(() => normalizeDestinationPrefix(optionalString(input, 'prefix'), `${key}.prefix`));
      const endpoint = await checks.checkAsync(() => normalizeEndpoint(input, `${key}.endpoint`, config));
      const kmsKeyArn = checks.check(() => {
        const arn = optionalString(input, 'kmsKeyArn');
        if (arn && !KMS_ARN.test(arn)) throw badInput(`${key}.kmsKeyArn`, 'KMS key ARN must look like arn:aws:kms:eu-west-1:123456789012:key/<key id>');
        return arn;
      });
      const aws = checks.check(() => normalizeAws(input.credentials as Input | undefined, `${key}.credentials`));
      const batch =
        platform === 'S3_BATCH'
          ? {
              format: checks.check(() => {
                const format = input.format;
                if (format !== 'JSON_GZIP' && format !== 'PARQUET_SNAPPY') throw badInput(`${key}.format`, 'Format must be JSON_GZIP or PARQUET_SNAPPY');
                return format;
              }),
              schedule: checks.check(() => {
                const schedule = optionalString(input, 'schedule') ?? 'daily@03:00';
                if (schedule !== 'manual' && !parseSchedule(schedule)) throw badInput(`${key}.schedule`, 'Schedule must be daily@HH:MM (UTC) or manual');
                return schedule;
              }),
              scope: checks.check(() => {
                const scope = (optionalString(input, 'scope') ?? 'WORKSPACE') as DestinationSettings['scope'];
                if (scope !== 'WORKSPACE' && scope !== 'ALL_WORKSPACES') throw badInput(`${key}.scope`, 'Scope must be WORKSPACE or ALL_WORKSPACES');
                if (scope === 'ALL_WORKSPACES' && !caller?.isAdmin) throw badInput(`${key}.scope`, 'ALL_WORKSPACES exports every workspace: only the instance admin may choose it');
                return scope;
              }),
            }
          : null;
      checks.done();
      const { credentials, credentialsHint } = aws!;
      const settings: DestinationSettings = { region: region!, bucketName: bucketName!, prefix: prefix!, endpoint: endpoint ?? null, kmsKeyArn: kmsKeyArn ?? null };
      if (batch) Object.assign(settings, batch);
      return { settings: settings as unknown as Record<string, unknown>, credentials, credentialsHint };
    },
    async normalizeCredentials(input) {
      return normalizeAws(input.aws as Input | undefined, 'aws');
    },
    create(settings, credentials, config) {
      return new DestinationConnector(destinationStore(settings, credentials, config));
    },
  };
}

export const s3StreamingFactory = destinationFactory('S3_STREAMING', 's3Streaming');
export const s3BatchFactory = destinationFactory('S3_BATCH', 's3Batch');

/**
 * The bucket policy (and, with a KMS key, the key policy statement) an S3 destination needs for Inlet's principal:
 * PutObject and DeleteObject under the bucket (DeleteObject only for the validation probe and Batch re-runs),
 * ListBucket for Batch's pruning, and kms:GenerateDataKey + kms:Decrypt on the key.
 */
export function destinationPolicy(bucketName: string, kmsKeyArn: string | null | undefined, config: Config): string {
  const bucket = bucketName.trim();
  checkS3BucketName(bucket, 'bucketName');
  const key = kmsKeyArn?.trim() || null;
  if (key && !KMS_ARN.test(key)) throw badInput('kmsKeyArn', 'KMS key ARN must look like arn:aws:kms:eu-west-1:123456789012:key/<key id>');
  const principal = { AWS: `arn:aws:iam::${config.awsAccountId}:root` };
  const condition = { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${config.awsAccountId}:role/${config.awsRoleName}` } };
  const bucketPolicy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'InletList', Effect: 'Allow', Principal: principal, Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}`, Condition: condition },
      { Sid: 'InletWrite', Effect: 'Allow', Principal: principal, Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: `arn:aws:s3:::${bucket}/*`, Condition: condition },
    ],
  };
  if (!key) return JSON.stringify(bucketPolicy, null, 2);
  const keyPolicyStatement = {
    Sid: 'InletUseKey', Effect: 'Allow', Principal: principal, Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*', Condition: condition,
  };
  return JSON.stringify({ bucketPolicy, keyPolicyStatement: { key, statement: keyPolicyStatement } }, null, 2);
}
