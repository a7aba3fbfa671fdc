import type { PlatformId } from '../config.js';
import { S3_REGIONS } from '../connectors/files/s3-regions.js';

export type SourceCategory = 'DATA_WAREHOUSE' | 'CLOUD_STORAGE' | 'ROUTING';

/** One field of a connect form. `key` is the path inside the platform's input (`credentials.accessKeyId`). */
export interface ConfigField {
  key: string;
  label: string;
  /** text | select | password | textarea | url */
  kind: 'text' | 'select' | 'password' | 'textarea' | 'url';
  required: boolean;
  secret: boolean;
  options?: string[];
  help?: string;
}

export interface PlatformDescriptor {
  id: PlatformId;
  name: string;
  category: SourceCategory;
  description: string;
  /** The key of this platform in CreateConnectionInput (`s3`, `gcs`, `bigquery`, `snowflake`). */
  inputKey: 's3' | 'gcs' | 'bigquery' | 'snowflake' | 's3Streaming' | 's3Batch';
  /** SOURCE (data comes in) or DESTINATION (routing: data goes out). */
  type: 'SOURCE' | 'DESTINATION';
  /** The key of its credentials in ConnectionCredentialsInput. */
  credentialsKey: 'aws' | 'gcp' | 'snowflake';
  fields: ConfigField[];
}

const field = (key: string, label: string, extra: Partial<ConfigField> = {}): ConfigField => ({
  key, label, kind: 'text', required: true, secret: false, ...extra,
});
const bucketLayout = (prefixExample: string): ConfigField[] => [
  field('schemaPrefix', 'Bucket schema prefix', { help: `The folder holding one folder per table, without a leading slash (e.g. ${prefixExample})` }),
  field('dataFormat', 'Data format', { kind: 'select', options: ['PARQUET', 'CSV'], help: 'Parquet (ZSTD) is recommended; CSV may be gzipped (.csv.gz / .gz)' }),
  field('partitioning', 'Data partitioning', {
    kind: 'select', options: ['ALL_TABLES', 'NO_TABLES'],
    help: 'All tables are partitioned: files sit under Hive folders (date=2025-01-01/), which become columns; tables without them are ignored. No tables are partitioned: every file at any depth counts; k=v folders are ordinary folders.',
  }),
];

/** The four platforms of the catalog and what their connect forms ask for. */
export const PLATFORMS: PlatformDescriptor[] = [
  {
    id: 'BIGQUERY', name: 'Google BigQuery', category: 'DATA_WAREHOUSE', inputKey: 'bigquery', credentialsKey: 'gcp', type: 'SOURCE',
    description: 'Connect to BigQuery datasets to import tables containing user data',
    fields: [
      field('projectId', 'Project ID'),
      field('dataset', 'Dataset'),
      field('location', 'Location', { required: false, help: 'e.g. US, EU, europe-west2; leave empty to use the dataset\'s' }),
      field('credentials.serviceAccountKey', 'Service account key (JSON)', {
        kind: 'textarea', secret: true,
        help: 'The service account needs roles/bigquery.jobUser on the project (bigquery.jobs.create: queries run and are billed there, so billing must be enabled) and roles/bigquery.dataViewer on the dataset (tables.get/list, tables.getData). Each import reads with queries billed by bytes scanned; a first activity run of a large table reads in time windows, and a large table snapshot is paged without a query. Tables that require a partition filter are read with one covering every partition.',
      }),
    ],
  },
  {
    id: 'SNOWFLAKE', name: 'Snowflake', category: 'DATA_WAREHOUSE', inputKey: 'snowflake', credentialsKey: 'snowflake', type: 'SOURCE',
    description: 'Connect to Snowflake databases and schemas for data imports',
    fields: [
      field('account', 'Account identifier', { help: 'orgname-accountname, or locator.region[.cloud]' }),
      field('warehouse', 'Warehouse'),
      field('database', 'Database'),
      field('schema', 'Schema'),
      field('role', 'Role', { required: false, help: 'Needs USAGE on the warehouse, database and schema, and SELECT on the tables to import; leave empty for the user\'s default role' }),
      field('credentials.username', 'Username', { help: 'Preferably a service user (TYPE = SERVICE), which signs in with a key pair or a programmatic access token, never a password' }),
      field('credentials.privateKey', 'Private key (PKCS#8 PEM)', {
        kind: 'textarea', secret: true, required: false,
        help: 'Recommended: key-pair authentication. Register the public key with ALTER USER … SET RSA_PUBLIC_KEY = \'…\'; give one of private key, programmatic access token or password',
      }),
      field('credentials.privateKeyPassphrase', 'Private key passphrase', { kind: 'password', secret: true, required: false, help: 'Only for an encrypted private key' }),
      field('credentials.programmaticAccessToken', 'Programmatic access token', {
        kind: 'password', secret: true, required: false,
        help: 'Or a programmatic access token (ALTER USER … ADD PROGRAMMATIC ACCESS TOKEN); it expires, so rotate the connection\'s credentials before it does',
      }),
      field('credentials.password', 'Password (legacy)', {
        kind: 'password', secret: true, required: false,
        help: 'Snowflake is retiring single-factor password sign-in, and service users cannot use one: prefer a key pair. Queries are canceled at the warehouse\'s STATEMENT_TIMEOUT_IN_SECONDS: raise it for large imports',
      }),
    ],
  },
  {
    id: 'S3', name: 'Amazon S3', category: 'CLOUD_STORAGE', inputKey: 's3', credentialsKey: 'aws', type: 'SOURCE',
    description: 'Connect to S3 buckets containing data files',
    fields: [
      field('region', 'AWS bucket region', { kind: 'select', options: S3_REGIONS }),
      field('bucketName', 'AWS bucket name', { help: 'Without s3:// or slashes: for s3://my-bucket/* enter my-bucket' }),
      ...bucketLayout('data/audiences/'),
      field('credentials.accessKeyId', 'Access key ID', { required: false, help: 'An access key pair, or a role ARN with an external id. Needs s3:ListBucket on the bucket and s3:GetObject on its objects (and kms:Decrypt for SSE-KMS objects)' }),
      field('credentials.secretAccessKey', 'Secret access key', { kind: 'password', secret: true, required: false }),
      field('credentials.roleArn', 'Role ARN', { required: false, help: 'arn:aws:iam::<account>:role/<name>, assumed through STS (its trust policy must allow Inlet\'s principal with the external id); the session is renewed during long runs' }),
      field('credentials.externalId', 'External ID', { required: false }),
      field('endpoint', 'Endpoint (S3-compatible stores)', { kind: 'url', required: false, help: 'Leave empty for AWS; path-style addressing is used' }),
    ],
  },
  {
    id: 'GCS', name: 'Google Cloud Storage', category: 'CLOUD_STORAGE', inputKey: 'gcs', credentialsKey: 'gcp', type: 'SOURCE',
    description: 'Connect to GCS buckets containing data files',
    fields: [
      field('bucketName', 'Bucket name', { help: 'Without gs:// or slashes' }),
      ...bucketLayout('data/audiences/'),
      field('credentials.serviceAccountKey', 'Service account key (JSON)', { kind: 'textarea', secret: true, help: 'Needs roles/storage.objectViewer on the bucket (storage.objects.list and get). Objects stored gzip-compressed (Content-Encoding: gzip) are read as such; a file overwritten during a run fails that run cleanly' }),
      field('endpoint', 'Endpoint (emulators)', { kind: 'url', required: false }),
    ],
  },
  {
    id: 'S3_STREAMING', name: 'Amazon S3 Streaming', category: 'ROUTING', inputKey: 's3Streaming', credentialsKey: 'aws', type: 'DESTINATION',
    description: 'Export first-party events and aliases to an S3 bucket in near real time (gzip JSON lines, Hive partitions by hour)',
    fields: destinationFields(false),
  },
  {
    id: 'S3_BATCH', name: 'Amazon S3 Batch', category: 'ROUTING', inputKey: 's3Batch', credentialsKey: 'aws', type: 'DESTINATION',
    description: 'Export events, aliases and segment metadata to an S3 bucket once a day, as gzip JSON or Parquet',
    fields: destinationFields(true),
  },
];

/** The connect form of an S3 destination (Streaming, or Batch with its format, schedule and scope). */
function destinationFields(batch: boolean): ConfigField[] {
  return [
    field('region', 'AWS bucket region', { kind: 'select', options: S3_REGIONS }),
    field('bucketName', 'AWS bucket name', { help: 'Without s3:// or slashes: for s3://my-bucket/* enter my-bucket' }),
    field('prefix', 'Prefix', { required: false, help: 'A folder inside the bucket, without a leading slash (e.g. inlet/); empty for the bucket root' }),
    ...(batch
      ? [
          field('format', 'File format', { kind: 'select', options: ['JSON_GZIP', 'PARQUET_SNAPPY'] }),
          field('schedule', 'Schedule', { required: false, help: 'daily@HH:MM in UTC (default daily@03:00): exports the previous UTC day' }),
          field('scope', 'Scope', { kind: 'select', required: false, options: ['WORKSPACE', 'ALL_WORKSPACES'], help: 'All workspaces is for the instance admin only' }),
        ]
      : []),
    field('credentials.accessKeyId', 'Access key ID', { required: false, help: 'The key pair of a dedicated IAM user, or a role ARN with an external id' }),
    field('credentials.secretAccessKey', 'Secret access key', { kind: 'password', secret: true, required: false }),
    field('credentials.roleArn', 'Role ARN', { required: false, help: 'arn:aws:iam::<account>:role/<name>, assumed through STS' }),
    field('credentials.externalId', 'External ID', { required: false }),
    field('kmsKeyArn', 'KMS key ARN (SSE-KMS)', { required: false, help: 'Leave empty for SSE-S3 (the default); a customer-managed key must allow kms:GenerateDataKey' }),
    field('endpoint', 'Endpoint (S3-compatible stores)', { kind: 'url', required: false, help: 'Leave empty for AWS; path-style addressing is used' }),
  ];
}

export function platformById(id: PlatformId): PlatformDescriptor {
  const found = PLATFORMS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown platform ${id}`);
  return found;
}
