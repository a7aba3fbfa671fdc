/**
 * The S3 failures the local S3 server cannot produce (it has no bucket policies or regions): S3's documented error
 * codes, built as the AWS SDK builds them, mapped to messages a person can act on.
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { explainS3Error, explainStsError } from '../../server/connectors/files/s3.js';

const sdkError = (name: string, status: number, headers: Record<string, string> = {}) =>
  Object.assign(new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name }), {
    $response: { headers },
  });
const where = 's3://acme-data/data/audiences/';

describe('S3 errors', () => {
  it.each([
    ['AccessDenied', 403, 'auth', /Access denied listing s3:\/\/acme-data\/data\/audiences\/: check the bucket policy/],
    ['InvalidAccessKeyId', 403, 'auth', /does not recognise the access key id/],
    ['SignatureDoesNotMatch', 403, 'auth', /rejected the secret access key/],
    ['ExpiredToken', 400, 'auth', /expired/],
    ['NoSuchBucket', 404, 'not-found', /Bucket s3:\/\/acme-data does not exist: check the bucket name/],
    ['InternalError', 500, 'transient', /S3 answered 500/],
    ['SlowDown', 503, 'transient', /S3 answered 503 listing/],
  ])('%s (HTTP %i) is %s with a reason a person can act on', (name, status, kind, message) => {
    const error = explainS3Error(sdkError(name, status), 'listing', where, 'eu-west-1');
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('names the region the bucket really is in', () => {
    const error = explainS3Error(sdkError('PermanentRedirect', 301, { 'x-amz-bucket-region': 'us-west-2' }), 'listing', where, 'eu-west-1');
    expect(error.kind).toBe('user');
    expect(error.message).toBe(`The bucket of ${where} is not in eu-west-1 but in us-west-2: change the connection's AWS bucket region`);
  });

  it('treats network failures as transient', () => {
    const error = explainS3Error(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'reading', `${where}x.csv`, 'eu-west-1');
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/Could not reach S3 reading s3:\/\/acme-data\/data\/audiences\/x.csv \(ECONNREFUSED\)/);
  });

  // STS's documented errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), built as the SDK builds them.
  it.each([
    ['Throttling', 400, 'transient', /AWS STS is throttling AssumeRole/],
    ['ServiceUnavailable', 503, 'transient', /AWS STS failed assuming role/],
    ['InternalFailure', 500, 'transient', /AWS STS failed assuming role/],
    ['AccessDenied', 403, 'auth', /check the role's trust policy names Inlet's principal and the external id/],
    ['InvalidClientTokenId', 403, 'internal', /Inlet's own AWS credentials were refused/],
    ['RegionDisabledException', 403, 'internal', /Inlet's own AWS credentials were refused/],
  ])('STS %s (HTTP %i) assuming a role is %s', (name, status, kind, message) => {
    const error = explainStsError(sdkError(name, status), 'arn:aws:iam::123456789012:role/r');
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });
});
