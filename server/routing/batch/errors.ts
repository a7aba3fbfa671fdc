// S3 failures of an export, classified for the caller: `transient` (throttling, 5xx, timeouts, resets: retry with
// backoff) or `configuration` (access denied, missing bucket, unusable KMS key, bad credentials: turn the destination
// INACTIVE with this message). The source connector's explainS3Error does the S3 code table; this adds what a writer
// needs on top: the permission the write needed, KMS keys, and throttling codes reads never see.
import { explainS3Error } from '../../connectors/files/s3.js';

export type BatchErrorKind = 'transient' | 'configuration';

/** An export failure a person (or the retry loop) can act on. Never carries a credential value. */
export class BatchExportError extends Error {
  constructor(
    public readonly kind: BatchErrorKind,
    message: string,
    /** The S3 operation that failed (PutObject, ListObjectsV2, DeleteObject…). */
    public readonly operation: string,
    /** The object or prefix it was about, as s3://bucket/key. */
    public readonly location: string,
    /** The S3 error code, when there was one. */
    public readonly code?: string,
  ) {
    super(message);
    this.name = 'BatchExportError';
  }
}

/** What a denied operation needed, for the message. */
const PERMISSION: Record<string, string> = {
  PutObject: 's3:PutObject',
  ListObjectsV2: 's3:ListBucket',
  DeleteObject: 's3:DeleteObject',
};

interface AwsLike {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Classifies a failed S3 call of an export. `kmsKeyArn` is the key the upload asked for, named in KMS messages. */
export function classifyS3Error(error: unknown, operation: string, location: string, region: string, kmsKeyArn?: string | null): BatchExportError {
  if (error instanceof BatchExportError) return error;
  const e = (error ?? {}) as AwsLike;
  const code = e.name ?? e.Code ?? e.code ?? '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  const message = e.message ?? '';
  // KMS: S3 answers KMS.* codes (disabled, not found, invalid state), or AccessDenied naming a kms: action.
  const kmsAction = /\bkms:([A-Za-z]+)/.exec(message)?.[0];
  if (code.startsWith('KMS.') || kmsAction || (kmsKeyArn && /KMS/i.test(code))) {
    const needs = kmsAction ?? (operation === 'PutObject' ? 'kms:GenerateDataKey' : 'kms:Decrypt');
    return new BatchExportError(
      'configuration',
      `KMS key ${kmsKeyArn ?? '(the bucket default)'} not usable: ${needs} (${code || `HTTP ${status}`} on ${operation} ${location}): check the key is enabled and its policy lets Inlet's principal use ${needs}`,
      operation, location, code,
    );
  }
  if (/^(SlowDown|Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException|RequestTimeout|RequestTimeTooSkewed)$/.test(code) || status === 429) {
    return new BatchExportError('transient', `S3 is throttling or timing out ${operation} on ${location} (${code || `HTTP ${status}`})`, operation, location, code);
  }
  const explained = explainS3Error(error, operation, location, region);
  switch (explained.kind) {
    case 'transient':
      return new BatchExportError('transient', explained.message, operation, location, code || undefined);
    case 'auth':
      if (code === 'AccessDenied' || code === 'AllAccessDisabled' || (status === 403 && !/AccessKey|Signature|Token/.test(code))) {
        const permission = PERMISSION[operation] ?? `s3:${operation}`;
        return new BatchExportError('configuration', `${operation} denied on ${location}: check the bucket policy grants Inlet ${permission}`, operation, location, code || 'AccessDenied');
      }
      return new BatchExportError('configuration', explained.message, operation, location, code || undefined);
    case 'not-found':
    case 'user':
      return new BatchExportError('configuration', explained.message, operation, location, code || undefined);
    default:
      // An unknown answer: retried as transient (the caller's backoff bounds it), with what S3 said.
      return new BatchExportError('transient', explained.message, operation, location, code || undefined);
  }
}

