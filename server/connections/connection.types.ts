import { connectionTypes } from '../graphql/pagination.js';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ColumnType, ConnectionStatus, ConnectionType, DataFormat, DestinationScope, ExportFormat, Partitioning, SchemaRefreshStatus } from '../graphql/enums.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'A status transition of a connection' })
export class ConnectionStatusEvent {
  @Field(() => ID) connectionId!: string;
  @Field(() => ConnectionStatus, { nullable: true, description: 'Null for the first event (creation)' }) from!: string | null;
  @Field(() => ConnectionStatus) to!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeScalar) at!: Date | string;
}

@ObjectType()
export class SourceColumn {
  @Field(() => String) name!: string;
  @Field(() => ColumnType) type!: string;
  @Field(() => Boolean) nullable!: boolean;
  @Field(() => Boolean, { description: 'Comes from a Hive partition folder (name=value/), not from the files' }) isPartition!: boolean;
  @Field(() => String, { nullable: true, description: 'The type as the source names it, e.g. INT64, DECIMAL(38,9), STRUCT<…>' }) sourceType?: string | null;
  @Field(() => Boolean, { description: 'A struct, list or map: imported as JSON text' }) nested!: boolean;
}

@ObjectType({ description: 'The AWS principal Inlet reads buckets as, which bucket policies name' })
export class AwsPrincipal {
  @Field(() => String) accountId!: string;
  @Field(() => String) roleArn!: string;
  @Field(() => Boolean, { description: 'True while INLET_AWS_ACCOUNT_ID is unset: a policy naming this account grants nothing' }) isPlaceholder!: boolean;
}

@ObjectType({ description: 'A partition value and how many data files sit under it' })
export class PartitionValueCount {
  @Field(() => String, { nullable: true, description: 'Null for a NULL partition (__HIVE_DEFAULT_PARTITION__ or empty)' }) value!: string | null;
  @Field(() => Int) files!: number;
}

@ObjectType({ description: 'The values one partition column takes across the table’s data files' })
export class PartitionValues {
  @Field(() => String) column!: string;
  @Field(() => Int, { description: 'Distinct values seen (NULL counts as one)' }) distinct!: number;
  @Field(() => String, { nullable: true, description: 'Smallest non-null value, compared as the column’s type' }) min!: string | null;
  @Field(() => String, { nullable: true, description: 'Largest non-null value, compared as the column’s type' }) max!: string | null;
  @Field(() => [PartitionValueCount], { description: 'The most frequent values first (then in order), at most 50' }) values!: PartitionValueCount[];
}

@ObjectType({ description: 'A table found under the schema prefix (or in the dataset/schema)' })
export class SourceTable {
  @Field(() => String) name!: string;
  @Field(() => [SourceColumn]) columns!: SourceColumn[];
  @Field(() => [String]) partitionColumns!: string[];
  @Field(() => Int, { nullable: true }) fileCount!: number | null;
  @Field(() => Float, { nullable: true }) totalBytes!: number | null;
  @Field(() => String, { nullable: true, description: 'The file whose schema gave the columns (the alphabetically last data file)' }) schemaFile!: string | null;
  @Field(() => [String], { description: 'Files skipped and why, and other things worth knowing' }) warnings!: string[];
  @Field(() => String, { nullable: true, description: 'Why the layout rules leave this table out; null when it can be imported' }) ignoredReason!: string | null;
  @Field(() => JSONScalar, { nullable: true, description: 'Platform facts, e.g. BigQuery partitioning and clustering' }) details!: Record<string, unknown> | null;
  @Field(() => [PartitionValues], { description: 'Per partition column, the values seen in folder names with their file counts (empty without partitions)' }) partitionValues!: PartitionValues[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the newest data file was written (freshness); null when unknown' }) newestFileAt!: Date | null;
  @Field(() => [[String]], { nullable: 'items', description: 'The first rows (at most 10) of the newest data file as text, each aligned with `columns`; empty when none could be read (see `warnings`)' }) sampleRows!: (string | null)[][];
}

@ObjectType({ description: 'The state and cost of the last schema refresh' })
export class SchemaRefresh {
  @Field(() => SchemaRefreshStatus) status!: string;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int, { description: 'Requests made to the source' }) requests!: number;
  @Field(() => Float, { description: 'Bytes read from the source' }) bytesRead!: number;
}

@ObjectType({ description: 'A configured link to a source or destination platform. Credentials are write-only.' })
export class Connection {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ConnectionType) type!: string;
  @Field(() => ConnectionStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why INACTIVE or DEPRECATED, in words a person can act on' }) statusReason!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => String, { nullable: true, description: 'e.g. the last four characters of the access key id; never a secret' }) credentialsHint!: string | null;
  @Field(() => JSONScalar, { description: 'Non-secret settings only' }) settings!: Record<string, unknown>;
  platformId!: string;
}

/** `ConnectionEdge` and `ConnectionConnection`: a page of connections (graphql/pagination.ts). */
export const { Edge: ConnectionEdge, Connection: ConnectionConnection } = connectionTypes(Connection, 'Connection');

@ObjectType({ description: 'How many connections are in one status (the filters other than status applied)' })
export class ConnectionStatusCount {
  @Field(() => ConnectionStatus) status!: string;
  @Field(() => Int) count!: number;
}

@InputType()
export class AwsCredentialsInput {
  @Field(() => String, { nullable: true }) accessKeyId?: string;
  @Field(() => String, { nullable: true }) secretAccessKey?: string;
  @Field(() => String, { nullable: true }) roleArn?: string;
  @Field(() => String, { nullable: true }) externalId?: string;
}

@InputType()
export class GcpCredentialsInput {
  @Field(() => String, { description: "The JSON key file's text" }) serviceAccountKey!: string;
}

@InputType()
export class SnowflakeCredentialsInput {
  @Field(() => String) username!: string;
  @Field(() => String, { nullable: true }) password?: string;
  @Field(() => String, { nullable: true, description: 'PKCS#8 PEM' }) privateKey?: string;
  @Field(() => String, { nullable: true }) privateKeyPassphrase?: string;
  @Field(() => String, { nullable: true, description: 'A Snowflake programmatic access token, instead of a key pair or password' }) programmaticAccessToken?: string;
}

@InputType()
export class S3ConnectionInput {
  @Field(() => String) region!: string;
  @Field(() => String) bucketName!: string;
  @Field(() => String, { description: 'Without a leading slash, e.g. data/audiences/' }) schemaPrefix!: string;
  @Field(() => DataFormat) dataFormat!: string;
  @Field(() => Partitioning) partitioning!: string;
  @Field(() => String, { nullable: true, description: 'S3-compatible stores; path-style addressing' }) endpoint?: string;
  @Field(() => AwsCredentialsInput) credentials!: AwsCredentialsInput;
}

@InputType()
export class GcsConnectionInput {
  @Field(() => String) bucketName!: string;
  @Field(() => String) schemaPrefix!: string;
  @Field(() => DataFormat) dataFormat!: string;
  @Field(() => Partitioning) partitioning!: string;
  @Field(() => String, { nullable: true }) endpoint?: string;
  @Field(() => GcpCredentialsInput) credentials!: GcpCredentialsInput;
}

@InputType()
export class BigQueryConnectionInput {
  @Field(() => String) projectId!: string;
  @Field(() => String) dataset!: string;
  @Field(() => String, { nullable: true }) location?: string;
  @Field(() => GcpCredentialsInput) credentials!: GcpCredentialsInput;
}

@InputType()
export class SnowflakeConnectionInput {
  @Field(() => String, { description: 'orgname-accountname or locator.region[.cloud]' }) account!: string;
  @Field(() => String) warehouse!: string;
  @Field(() => String) database!: string;
  @Field(() => String) schema!: string;
  @Field(() => String, { nullable: true }) role?: string;
  @Field(() => SnowflakeCredentialsInput) credentials!: SnowflakeCredentialsInput;
}

@InputType({ description: 'An Amazon S3 Streaming destination: events and aliases as gzip JSON lines, Hive partitions by hour' })
export class S3StreamingDestinationInput {
  @Field(() => String) region!: string;
  @Field(() => String) bucketName!: string;
  @Field(() => String, { nullable: true, description: 'A folder inside the bucket, without a leading slash (e.g. inlet/)' }) prefix?: string;
  @Field(() => String, { nullable: true, description: 'S3-compatible stores; path-style addressing' }) endpoint?: string;
  @Field(() => String, { nullable: true, description: 'SSE-KMS with this customer-managed key; SSE-S3 when empty' }) kmsKeyArn?: string;
  @Field(() => AwsCredentialsInput) credentials!: AwsCredentialsInput;
}

@InputType({ description: 'An Amazon S3 Batch destination: a daily export as gzip JSON or Parquet' })
export class S3BatchDestinationInput {
  @Field(() => String) region!: string;
  @Field(() => String) bucketName!: string;
  @Field(() => String, { nullable: true, description: 'A folder inside the bucket, without a leading slash (e.g. inlet/)' }) prefix?: string;
  @Field(() => String, { nullable: true, description: 'S3-compatible stores; path-style addressing' }) endpoint?: string;
  @Field(() => String, { nullable: true, description: 'SSE-KMS with this customer-managed key; SSE-S3 when empty' }) kmsKeyArn?: string;
  @Field(() => ExportFormat) format!: string;
  @Field(() => String, { nullable: true, defaultValue: 'daily@03:00', description: 'daily@HH:MM (UTC); exports the previous UTC day' }) schedule?: string;
  @Field(() => DestinationScope, { nullable: true, defaultValue: 'WORKSPACE', description: 'ALL_WORKSPACES: instance admin only' }) scope?: string;
  @Field(() => AwsCredentialsInput) credentials!: AwsCredentialsInput;
}

@InputType({ description: 'Exactly one platform key is set; the platform is implied by it' })
export class CreateConnectionInput {
  @Field(() => String) name!: string;
  @Field(() => S3ConnectionInput, { nullable: true }) s3?: S3ConnectionInput;
  @Field(() => GcsConnectionInput, { nullable: true }) gcs?: GcsConnectionInput;
  @Field(() => BigQueryConnectionInput, { nullable: true }) bigquery?: BigQueryConnectionInput;
  @Field(() => SnowflakeConnectionInput, { nullable: true }) snowflake?: SnowflakeConnectionInput;
  @Field(() => S3StreamingDestinationInput, { nullable: true, description: 'A destination (type DESTINATION)' }) s3Streaming?: S3StreamingDestinationInput;
  @Field(() => S3BatchDestinationInput, { nullable: true, description: 'A destination (type DESTINATION)' }) s3Batch?: S3BatchDestinationInput;
}

@InputType({ description: 'Exactly one key, matching the connection platform' })
export class ConnectionCredentialsInput {
  @Field(() => AwsCredentialsInput, { nullable: true }) aws?: AwsCredentialsInput;
  @Field(() => GcpCredentialsInput, { nullable: true }) gcp?: GcpCredentialsInput;
  @Field(() => SnowflakeCredentialsInput, { nullable: true }) snowflake?: SnowflakeCredentialsInput;
}
