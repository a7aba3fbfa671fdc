import type { Config } from '../../config.js';
import { badInput, FieldChecks } from '../../errors.js';
import { checkEndpoint } from '../endpoint.js';
import { requiredString, optionalString, type Input } from '../input.js';
import type { LayoutOptions } from './layout.js';

/** AWS bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function checkS3BucketName(name: string, field: string): void {
  const why =
    name.startsWith('s3://') || name.includes('/') ? 'without s3:// or slashes (for s3://my-bucket/* enter my-bucket)'
    : name.length < 3 || name.length > 63 ? 'between 3 and 63 characters'
    : !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) ? 'only lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit'
    : name.includes('..') ? 'without two dots in a row'
    : /^\d+\.\d+\.\d+\.\d+$/.test(name) ? 'not formatted as an IP address'
    : /^(xn--|sthree-)/.test(name) || /(-s3alias|--ol-s3)$/.test(name) ? 'without the reserved prefixes xn--, sthree- or suffixes -s3alias, --ol-s3'
    : null;
  if (why) throw badInput(field, `Bucket name "${name}" is not a valid S3 bucket name: it must be ${why}`);
}

/** GCS bucket naming rules (https://cloud.google.com/storage/docs/buckets#naming). */
export function checkGcsBucketName(name: string, field: string): void {
  const why =
    name.startsWith('gs://') || name.includes('/') ? 'without gs:// or slashes'
    : name.length < 3 || name.length > 222 || (!name.includes('.') && name.length > 63) ? 'between 3 and 63 characters (222 with dots)'
    : !/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(name) ? 'only lower-case letters, digits, dots, hyphens and underscores, starting and ending with a letter or digit'
    : name.startsWith('goog') ? 'not starting with "goog"'
    : null;
  if (why) throw badInput(field, `Bucket name "${name}" is not a valid GCS bucket name: it must be ${why}`);
}

/** The schema prefix: no leading slash, normalised to end with `/`. */
export function normalizePrefix(raw: string, field: string): string {
  if (raw.startsWith('/')) throw badInput(field, `Schema prefix "${raw}" must not start with a slash (e.g. data/audiences/)`);
  // eslint-disable-next-line no-control-regex
  if (raw.split('/').some((s) => s === '..' || s === '.') || raw.includes('//') || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw badInput(field, `Schema prefix "${raw}" must be a plain folder path (no "..", "//" or control characters)`);
  }
  return raw.endsWith('/') ? raw : raw + '/';
}

/** Data format, partitioning and prefix, shared by every bucket platform. */
export function normalizeLayout(input: Input, inputKey: string): LayoutOptions {
  const checks = new FieldChecks();
  const schemaPrefix = checks.check(() => normalizePrefix(requiredString(input, 'schemaPrefix', `${inputKey}.schemaPrefix`, 'Schema prefix'), `${inputKey}.schemaPrefix`));
  const dataFormat = input.dataFormat;
  checks.check(() => {
    if (dataFormat !== 'CSV' && dataFormat !== 'PARQUET') throw badInput(`${inputKey}.dataFormat`, 'Choose the data format: CSV or Parquet');
  });
  const partitioning = input.partitioning;
  checks.check(() => {
    if (partitioning !== 'ALL_TABLES' && partitioning !== 'NO_TABLES') throw badInput(`${inputKey}.partitioning`, 'Choose whether the tables are partitioned in Hive folders (name=value/) or not');
  });
  checks.done();
  return { schemaPrefix: schemaPrefix!, dataFormat: dataFormat as LayoutOptions['dataFormat'], partitioning: partitioning as LayoutOptions['partitioning'] };
}

/** An optional custom endpoint, refused on private addresses unless the server allows them. */
export async function normalizeEndpoint(input: Input, field: string, config: Config): Promise<string | null> {
  const endpoint = optionalString(input, 'endpoint');
  if (!endpoint) return null;
  const why = await checkEndpoint(endpoint, config.allowPrivateEndpoints);
  if (why) throw badInput(field, `Endpoint ${why}`);
  return endpoint.replace(/\/+$/, '');
}
