/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date and time in UTC, e.g. 2025-01-01T06:30:00.000Z */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: any; output: any; }
};

/** An API key; its value is shown only once, when created */
export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isAdmin: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** The first characters of the key, to tell keys apart */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scope: ApiKeyScope;
  workspaceId: Scalars['ID']['output'];
};

export type ApiKeyScope =
  | 'ADMIN'
  /** May only send events (POST /v1/events); GraphQL refuses it */
  | 'EVENTS'
  | 'WORKSPACE';

export type AwsCredentialsInput = {
  accessKeyId?: InputMaybe<Scalars['String']['input']>;
  externalId?: InputMaybe<Scalars['String']['input']>;
  roleArn?: InputMaybe<Scalars['String']['input']>;
  secretAccessKey?: InputMaybe<Scalars['String']['input']>;
};

export type BigQueryConnectionInput = {
  credentials: GcpCredentialsInput;
  dataset: Scalars['String']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  projectId: Scalars['String']['input'];
};

export type ColumnType =
  | 'BOOLEAN'
  | 'DATE'
  | 'FLOAT'
  | 'INTEGER'
  | 'STRING'
  | 'TIMESTAMP';

/** One field of a connect form; `key` is its path inside the platform input (e.g. credentials.accessKeyId) */
export type ConfigField = {
  __typename?: 'ConfigField';
  help?: Maybe<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  /** text, select, password, textarea or url */
  kind: Scalars['String']['output'];
  label: Scalars['String']['output'];
  options?: Maybe<Array<Scalars['String']['output']>>;
  required: Scalars['Boolean']['output'];
  /** Write-only: never returned once saved */
  secret: Scalars['Boolean']['output'];
};

/** A configured link to a source platform. Credentials are write-only. */
export type Connection = {
  __typename?: 'Connection';
  createdAt: Scalars['DateTime']['output'];
  /** e.g. the last four characters of the access key id; never a secret */
  credentialsHint?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Imports that read from this connection */
  imports: Array<Import>;
  name: Scalars['String']['output'];
  platform: SourcePlatform;
  schemaRefresh?: Maybe<SchemaRefresh>;
  /** Non-secret settings only */
  settings: Scalars['JSON']['output'];
  status: ConnectionStatus;
  /** Every transition, oldest first */
  statusHistory: Array<ConnectionStatusEvent>;
  /** Why INACTIVE or DEPRECATED, in words a person can act on */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** From the last schema refresh */
  tables: Array<SourceTable>;
  type: ConnectionType;
  updatedAt: Scalars['DateTime']['output'];
};

/** Exactly one key, matching the connection platform */
export type ConnectionCredentialsInput = {
  aws?: InputMaybe<AwsCredentialsInput>;
  gcp?: InputMaybe<GcpCredentialsInput>;
  snowflake?: InputMaybe<SnowflakeCredentialsInput>;
};

export type ConnectionStatus =
  /** Validated; imports can use it */
  | 'ACTIVE'
  /** Its platform has been retired on this server */
  | 'DEPRECATED'
  /** Failed validation, deactivated, or credentials rejected during a run; see statusReason */
  | 'INACTIVE'
  /** Being validated */
  | 'PROCESSING';

/** A status transition of a connection */
export type ConnectionStatusEvent = {
  __typename?: 'ConnectionStatusEvent';
  at: Scalars['DateTime']['output'];
  connectionId: Scalars['ID']['output'];
  /** Null for the first event (creation) */
  from?: Maybe<ConnectionStatus>;
  reason?: Maybe<Scalars['String']['output']>;
  to: ConnectionStatus;
};

/** Currently only SOURCE (imports into Inlet) */
export type ConnectionType =
  | 'SOURCE';

/** Exactly one platform key is set; the platform is implied by it */
export type CreateConnectionInput = {
  bigquery?: InputMaybe<BigQueryConnectionInput>;
  gcs?: InputMaybe<GcsConnectionInput>;
  name: Scalars['String']['input'];
  s3?: InputMaybe<S3ConnectionInput>;
  snowflake?: InputMaybe<SnowflakeConnectionInput>;
};

export type CreateImportInput = {
  columns: Array<Scalars['String']['input']>;
  connectionId: Scalars['ID']['input'];
  /** GROUP_MEMBERSHIP */
  groupIdColumn?: InputMaybe<Scalars['String']['input']>;
  /** IDENTITY */
  identifierColumn?: InputMaybe<Scalars['String']['input']>;
  /** IDENTITY, e.g. "email_sha256" */
  identifierType?: InputMaybe<Scalars['String']['input']>;
  /** GROUP_MEMBERSHIP, optional */
  isDeletedColumn?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** Share of rejected rows that fails a run; default 0.1 */
  rejectThreshold?: InputMaybe<Scalars['Float']['input']>;
  /** "daily@HH:MM" (UTC) or "manual"; default: a daily time Inlet picks */
  schedule?: InputMaybe<Scalars['String']['input']>;
  table: Scalars['String']['input'];
  /** USER_ACTIVITY (required), IDENTITY (optional), GROUP_MEMBERSHIP cursor (required) */
  timestampColumn?: InputMaybe<Scalars['String']['input']>;
  type: ImportType;
  userIdColumn: Scalars['String']['input'];
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The key itself: store it now, it is never shown again */
  key: Scalars['String']['output'];
};

export type DataFormat =
  | 'CSV'
  | 'PARQUET';

/** A property path observed in events of a type, with the JSON types seen there */
export type EventProperty = {
  __typename?: 'EventProperty';
  /** e.g. "client.url" */
  path: Scalars['String']['output'];
  /** string, number, boolean, null, object or array */
  types: Array<Scalars['String']['output']>;
};

/** An event type, learned as its events arrive */
export type EventType = {
  __typename?: 'EventType';
  countLast24h: Scalars['Int']['output'];
  countLastHour: Scalars['Int']['output'];
  /** Events whose properties do not match the learned schema are rejected */
  enforced: Scalars['Boolean']['output'];
  firstSeen: Scalars['DateTime']['output'];
  lastSeen: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  properties: Array<EventProperty>;
};

export type EventTypeCount = {
  __typename?: 'EventTypeCount';
  accepted: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  type: Scalars['String']['output'];
};

/** Events ingested in one second, by type */
export type EventsIngested = {
  __typename?: 'EventsIngested';
  at: Scalars['DateTime']['output'];
  counts: Array<EventTypeCount>;
};

export type GcpCredentialsInput = {
  /** The JSON key file's text */
  serviceAccountKey: Scalars['String']['input'];
};

export type GcsConnectionInput = {
  bucketName: Scalars['String']['input'];
  credentials: GcpCredentialsInput;
  dataFormat: DataFormat;
  endpoint?: InputMaybe<Scalars['String']['input']>;
  partitioning: Partitioning;
  schemaPrefix: Scalars['String']['input'];
};

/** An identifier of a user */
export type Identity = {
  __typename?: 'Identity';
  id: Scalars['String']['output'];
  /** "event" (an alias sent with events) or the id of the IDENTITY import */
  origin: Scalars['String']['output'];
  priority?: Maybe<Scalars['Int']['output']>;
  seenAt: Scalars['DateTime']['output'];
  tag: Scalars['String']['output'];
};

/** A configured pipeline from a connection’s table into Inlet */
export type Import = {
  __typename?: 'Import';
  /** The selected source columns */
  columns: Array<Scalars['String']['output']>;
  connection: Connection;
  createdAt: Scalars['DateTime']['output'];
  groupIdColumn?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifierColumn?: Maybe<Scalars['String']['output']>;
  identifierType?: Maybe<Scalars['String']['output']>;
  isDeletedColumn?: Maybe<Scalars['String']['output']>;
  /** The most recent run */
  lastRun?: Maybe<ImportRun>;
  name: Scalars['String']['output'];
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  /** Imported rows, keyed by source column name */
  preview: Array<Scalars['JSON']['output']>;
  /** Share of rejected rows above which a run fails */
  rejectThreshold: Scalars['Float']['output'];
  /** Rows currently imported */
  rowCount: Scalars['Int']['output'];
  /** Newest first */
  runs: Array<ImportRun>;
  /** "daily@HH:MM" in UTC, or "manual" */
  schedule: Scalars['String']['output'];
  /** Detected schema changes, oldest first */
  schemaChanges: Array<SchemaChange>;
  status: ImportStatus;
  /** Why BLOCKED: what changed, where, and the ways out */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** Every column the import stores (mapped columns first), with its type */
  storedColumns: Array<ImportColumn>;
  table: Scalars['String']['output'];
  /** USER_ACTIVITY event time; IDENTITY optional time; GROUP_MEMBERSHIP cursor */
  timestampColumn?: Maybe<Scalars['String']['output']>;
  type: ImportType;
  userIdColumn: Scalars['String']['output'];
};


/** A configured pipeline from a connection’s table into Inlet */
export type ImportPreviewArgs = {
  limit?: Scalars['Int']['input'];
};


/** A configured pipeline from a connection’s table into Inlet */
export type ImportRunsArgs = {
  limit?: Scalars['Int']['input'];
};


/** A configured pipeline from a connection’s table into Inlet */
export type ImportSchemaChangesArgs = {
  status?: InputMaybe<SchemaChangeStatus>;
};

/** A column the import stores, with its type */
export type ImportColumn = {
  __typename?: 'ImportColumn';
  name: Scalars['String']['output'];
  type: ColumnType;
};

/** One run of an import */
export type ImportRun = {
  __typename?: 'ImportRun';
  /** 1 for the first try; retries count up */
  attempt: Scalars['Int']['output'];
  bytesRead: Scalars['Float']['output'];
  /** Milliseconds from start to finish (or to now while running) */
  durationMs?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  filesDone?: Maybe<Scalars['Int']['output']>;
  filesTotal?: Maybe<Scalars['Int']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  importId: Scalars['ID']['output'];
  /** A queued retry waits until then */
  notBefore?: Maybe<Scalars['DateTime']['output']>;
  queuedAt: Scalars['DateTime']['output'];
  /** A bounded sample (100) of rejected rows */
  rejects: Array<RejectedRow>;
  rowsImported: Scalars['Int']['output'];
  rowsRead: Scalars['Int']['output'];
  rowsRejected: Scalars['Int']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ImportRunStatus;
  trigger: ImportRunTrigger;
};

export type ImportRunStatus =
  /** Did not run (e.g. skipped because the import is BLOCKED); see error */
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type ImportRunTrigger =
  | 'MANUAL'
  | 'RETRY'
  | 'SCHEDULE';

export type ImportStatus =
  | 'ACTIVE'
  /** An unsupported schema change stops its runs; see statusReason */
  | 'BLOCKED'
  | 'PAUSED';

export type ImportType =
  /** User-group memberships with a cursor; is_deleted rows remove the membership */
  | 'GROUP_MEMBERSHIP'
  /** Identity pairs (user id, identifier of a type); rows upsert */
  | 'IDENTITY'
  /** Time-stamped events; each run appends only files (or rows) not imported before */
  | 'USER_ACTIVITY'
  /** User attributes; each run replaces the whole snapshot */
  | 'USER_PROFILE';

/** One import type: what createImport needs for it and what a run does with its rows */
export type ImportTypeDefinition = {
  __typename?: 'ImportTypeDefinition';
  /** The error createImport gives when fewer attributes are selected */
  attributesMessage?: Maybe<Scalars['String']['output']>;
  /** What the rows describe and how each run publishes them */
  description: Scalars['String']['output'];
  /** Each run reads only files not imported before (false: each run replaces the whole snapshot) */
  incremental: Scalars['Boolean']['output'];
  /** Mapping keys whose columns form the unique key of the imported data (empty: rows append) */
  keyFields: Array<Scalars['String']['output']>;
  /** A short name, e.g. "User activity data" */
  label: Scalars['String']['output'];
  /** The columns to map, in the order the server checks them (user id first) */
  mappings: Array<ImportTypeMapping>;
  /** Attribute columns besides the mapped ones that createImport needs at least */
  minAttributes: Scalars['Int']['output'];
  /** Text values to give besides columns */
  textInputs: Array<ImportTypeTextInput>;
  /** The value of CreateImportInput.type */
  type: ImportType;
};

/** A column an import type asks the admin to map (e.g. the event timestamp), and the column types it accepts */
export type ImportTypeMapping = {
  __typename?: 'ImportTypeMapping';
  /** One line of help for the form */
  help: Scalars['String']['output'];
  /** The field of CreateImportInput that names the column, e.g. timestampColumn */
  key: Scalars['String']['output'];
  /** What the form calls it; also the subject of its error messages */
  label: Scalars['String']['output'];
  /** createImport refuses the import without it */
  required: Scalars['Boolean']['output'];
  /** Column types it accepts; null: any type */
  types?: Maybe<Array<ColumnType>>;
};

/** A text value an import type asks for besides columns (IDENTITY: identifierType) */
export type ImportTypeTextInput = {
  __typename?: 'ImportTypeTextInput';
  /** One line of help for the form */
  help: Scalars['String']['output'];
  /** The field of CreateImportInput, e.g. identifierType */
  key: Scalars['String']['output'];
  /** What the form calls it */
  label: Scalars['String']['output'];
  /** An ECMAScript regular expression the trimmed value must match */
  pattern: Scalars['String']['output'];
  /** The error createImport gives when the value does not match the pattern */
  patternMessage: Scalars['String']['output'];
  /** An example value */
  placeholder: Scalars['String']['output'];
  /** createImport refuses the import without it */
  required: Scalars['Boolean']['output'];
  /** The error createImport gives when the value is missing */
  requiredMessage: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts supported new columns: the next run imports them; earlier rows have them null */
  acceptSchemaChanges: Import;
  /** Stops a run: a queued one at once, a running one drops what it staged and publishes nothing; ends CANCELLED. CONFLICT once the run has ended */
  cancelRun: ImportRun;
  /** The key’s value is in the answer, and never shown again */
  createApiKey: CreatedApiKey;
  /** Creates a connection; it is returned PROCESSING and validated in the background */
  createConnection: Connection;
  createImport: Import;
  /** Instance admin only */
  createWorkspace: Workspace;
  deactivateConnection: Connection;
  /** Refused with CONFLICT while imports use the connection */
  deleteConnection: Scalars['Boolean']['output'];
  /** Deletes the import, its run history and its imported data */
  deleteImport: Scalars['Boolean']['output'];
  /** Dismisses supported changes: they are not asked about again */
  dismissSchemaChanges: Import;
  /** No scheduled runs until resumed */
  pauseImport: Import;
  /** The schema resync: discovers tables and columns again, in the background */
  refreshConnectionSchema: Connection;
  resumeImport: Import;
  /** The key stops working at once, open subscriptions included */
  revokeApiKey: Scalars['Boolean']['output'];
  /** New credentials; the connection is validated again (PROCESSING, then ACTIVE or INACTIVE) */
  rotateConnectionCredentials: Connection;
  /** Queues a run now; CONFLICT while one is queued or running */
  runImport: ImportRun;
  /** From now on, events of this type whose properties do not match its schema are rejected */
  setEventTypeEnforced: EventType;
  updateImport: Import;
  /** Back to PROCESSING; validates again */
  validateConnection: Connection;
};


export type MutationAcceptSchemaChangesArgs = {
  columns: Array<Scalars['String']['input']>;
  importId: Scalars['ID']['input'];
};


export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  scope?: InputMaybe<ApiKeyScope>;
  workspaceId: Scalars['ID']['input'];
};


export type MutationCreateConnectionArgs = {
  input: CreateConnectionInput;
};


export type MutationCreateImportArgs = {
  input: CreateImportInput;
};


export type MutationCreateWorkspaceArgs = {
  name: Scalars['String']['input'];
};


export type MutationDeactivateConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDismissSchemaChangesArgs = {
  columns: Array<Scalars['String']['input']>;
  importId: Scalars['ID']['input'];
};


export type MutationPauseImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRefreshConnectionSchemaArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateConnectionCredentialsArgs = {
  id: Scalars['ID']['input'];
  input: ConnectionCredentialsInput;
};


export type MutationRunImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetEventTypeEnforcedArgs = {
  enforced: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
};


export type MutationUpdateImportArgs = {
  id: Scalars['ID']['input'];
  input: UpdateImportInput;
};


export type MutationValidateConnectionArgs = {
  id: Scalars['ID']['input'];
};

export type Partitioning =
  | 'ALL_TABLES'
  | 'NO_TABLES';

export type Query = {
  __typename?: 'Query';
  /** The keys of the caller’s workspace (never their values) */
  apiKeys: Array<ApiKey>;
  /** Platforms; `search` matches names case-insensitively */
  catalog: Array<SourcePlatform>;
  connection?: Maybe<Connection>;
  /** The workspace's connections, newest first */
  connections: Array<Connection>;
  /** The event types of the caller’s workspace */
  eventTypes: Array<EventType>;
  /** Every identifier of a user: aliases from events and pairs from IDENTITY imports */
  identities: Array<Identity>;
  import?: Maybe<Import>;
  importRun?: Maybe<ImportRun>;
  /** Every import type with the columns and values createImport needs for it (the rules it checks) */
  importTypes: Array<ImportTypeDefinition>;
  /** The workspace’s imports, newest first */
  imports: Array<Import>;
  /** The newest events (as stored), newest first; at most 500 */
  recentEvents: Array<Scalars['JSON']['output']>;
  /** The read-only bucket policy to paste into the bucket, for Inlet's AWS principal */
  s3BucketPolicy: Scalars['String']['output'];
  viewer: Viewer;
  /** All workspaces for the instance admin; otherwise the caller’s own */
  workspaces: Array<Workspace>;
};


export type QueryCatalogArgs = {
  category?: InputMaybe<SourceCategory>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectionsArgs = {
  platform?: InputMaybe<SourcePlatformId>;
  status?: InputMaybe<ConnectionStatus>;
};


export type QueryIdentitiesArgs = {
  userId: Scalars['String']['input'];
};


export type QueryImportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImportRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImportsArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRecentEventsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryS3BucketPolicyArgs = {
  bucketName: Scalars['String']['input'];
};

/** A rejected row: the file, its row number and why */
export type RejectedRow = {
  __typename?: 'RejectedRow';
  file: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  row?: Maybe<Scalars['Int']['output']>;
};

export type S3ConnectionInput = {
  bucketName: Scalars['String']['input'];
  credentials: AwsCredentialsInput;
  dataFormat: DataFormat;
  /** S3-compatible stores; path-style addressing */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  partitioning: Partitioning;
  region: Scalars['String']['input'];
  /** Without a leading slash, e.g. data/audiences/ */
  schemaPrefix: Scalars['String']['input'];
};

/** A difference between the schema an import accepted and the table’s current schema */
export type SchemaChange = {
  __typename?: 'SchemaChange';
  /** The column (for a struct field: struct.field) */
  column: Scalars['String']['output'];
  /** What changed and why it is (un)supported */
  description: Scalars['String']['output'];
  detectedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  importId: Scalars['ID']['output'];
  kind: SchemaChangeKind;
  newType?: Maybe<ColumnType>;
  previousType?: Maybe<ColumnType>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The file whose schema showed the change */
  sourceFile?: Maybe<Scalars['String']['output']>;
  status: SchemaChangeStatus;
  support: SchemaChangeSupport;
};

export type SchemaChangeKind =
  | 'COLUMN_ADDED'
  | 'COLUMN_REMOVED'
  | 'COLUMN_RENAMED'
  | 'COLUMN_REORDERED'
  | 'TYPE_CHANGED';

export type SchemaChangeStatus =
  | 'ACCEPTED'
  | 'DISMISSED'
  | 'PENDING'
  /** The source went back: the change is no longer there */
  | 'RESOLVED';

export type SchemaChangeSupport =
  /** Can be accepted into the import (or dismissed) */
  | 'SUPPORTED'
  /** Blocks the import until reverted at the source */
  | 'UNSUPPORTED';

/** The state and cost of the last schema refresh */
export type SchemaRefresh = {
  __typename?: 'SchemaRefresh';
  /** Bytes read from the source */
  bytesRead: Scalars['Float']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Requests made to the source */
  requests: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  status: SchemaRefreshStatus;
};

export type SchemaRefreshStatus =
  | 'COMPLETED'
  | 'ERROR'
  | 'IN_PROGRESS';

export type SnowflakeConnectionInput = {
  /** orgname-accountname or locator.region[.cloud] */
  account: Scalars['String']['input'];
  credentials: SnowflakeCredentialsInput;
  database: Scalars['String']['input'];
  role?: InputMaybe<Scalars['String']['input']>;
  schema: Scalars['String']['input'];
  warehouse: Scalars['String']['input'];
};

export type SnowflakeCredentialsInput = {
  password?: InputMaybe<Scalars['String']['input']>;
  /** PKCS#8 PEM */
  privateKey?: InputMaybe<Scalars['String']['input']>;
  privateKeyPassphrase?: InputMaybe<Scalars['String']['input']>;
  /** A Snowflake programmatic access token, instead of a key pair or password */
  programmaticAccessToken?: InputMaybe<Scalars['String']['input']>;
  username: Scalars['String']['input'];
};

export type SourceCategory =
  | 'CLOUD_STORAGE'
  | 'DATA_WAREHOUSE';

export type SourceColumn = {
  __typename?: 'SourceColumn';
  /** Comes from a Hive partition folder (name=value/), not from the files */
  isPartition: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** A struct, list or map: imported as JSON text */
  nested: Scalars['Boolean']['output'];
  nullable: Scalars['Boolean']['output'];
  /** The type as the source names it, e.g. INT64, DECIMAL(38,9), STRUCT<…> */
  sourceType?: Maybe<Scalars['String']['output']>;
  type: ColumnType;
};

/** A platform of the catalog */
export type SourcePlatform = {
  __typename?: 'SourcePlatform';
  /** Connections can be created on this server (false: not available yet, or retired) */
  available: Scalars['Boolean']['output'];
  category: SourceCategory;
  /** Connections to this platform in the caller's workspace */
  connectionCount: Scalars['Int']['output'];
  /** The key of its credentials in ConnectionCredentialsInput: aws, gcp or snowflake */
  credentialsKey: Scalars['String']['output'];
  description: Scalars['String']['output'];
  fields: Array<ConfigField>;
  id: SourcePlatformId;
  /** The key of this platform in CreateConnectionInput: s3, gcs, bigquery or snowflake */
  inputKey: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Retired in configuration: its connections are DEPRECATED */
  retired: Scalars['Boolean']['output'];
};

/** A platform of the catalog */
export type SourcePlatformId =
  | 'BIGQUERY'
  | 'GCS'
  | 'S3'
  | 'SNOWFLAKE';

/** A table found under the schema prefix (or in the dataset/schema) */
export type SourceTable = {
  __typename?: 'SourceTable';
  columns: Array<SourceColumn>;
  /** Platform facts, e.g. BigQuery partitioning and clustering */
  details?: Maybe<Scalars['JSON']['output']>;
  fileCount?: Maybe<Scalars['Int']['output']>;
  /** Why the layout rules leave this table out; null when it can be imported */
  ignoredReason?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  partitionColumns: Array<Scalars['String']['output']>;
  /** The file whose schema gave the columns (the alphabetically last data file) */
  schemaFile?: Maybe<Scalars['String']['output']>;
  totalBytes?: Maybe<Scalars['Float']['output']>;
  /** Files skipped and why, and other things worth knowing */
  warnings: Array<Scalars['String']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every status transition of the workspace’s connections (or of one), as it happens */
  connectionStatusChanged: ConnectionStatusEvent;
  /** Per-second counts by type of the caller’s workspace; at most one message a second (per server) */
  eventsIngested: EventsIngested;
  /** QUEUED → RUNNING (progress at least twice a second) → SUCCEEDED, FAILED or CANCELLED */
  importRunUpdated: ImportRun;
  /** Each newly detected schema change, once */
  schemaChangeDetected: SchemaChange;
};


export type SubscriptionConnectionStatusChangedArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionImportRunUpdatedArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionSchemaChangeDetectedArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
};

export type UpdateImportInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  rejectThreshold?: InputMaybe<Scalars['Float']['input']>;
  schedule?: InputMaybe<Scalars['String']['input']>;
};

/** The caller: its workspace and whether its key is the instance admin’s */
export type Viewer = {
  __typename?: 'Viewer';
  apiKeyId: Scalars['ID']['output'];
  isAdmin: Scalars['Boolean']['output'];
  workspace: Workspace;
};

export type Workspace = {
  __typename?: 'Workspace';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', apiKeyId: string, isAdmin: boolean, workspace: { __typename?: 'Workspace', id: string, name: string } } };

export type CatalogQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<SourceCategory>;
}>;


export type CatalogQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, connectionCount: number, available: boolean, retired: boolean }> };

export type PlatformFormFragment = { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, available: boolean, retired: boolean, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> };

export type ConnectFormQueryVariables = Exact<{ [key: string]: never; }>;


export type ConnectFormQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, available: boolean, retired: boolean, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }> };

export type BucketPolicyQueryVariables = Exact<{
  bucketName: Scalars['String']['input'];
}>;


export type BucketPolicyQuery = { __typename?: 'Query', s3BucketPolicy: string };

export type CreateConnectionMutationVariables = Exact<{
  input: CreateConnectionInput;
}>;


export type CreateConnectionMutation = { __typename?: 'Mutation', createConnection: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus } };

export type ConnectionDetailFragment = { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null };

export type ConnectionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectionQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } | null };

export type ValidateConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ValidateConnectionMutation = { __typename?: 'Mutation', validateConnection: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type RefreshConnectionSchemaMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RefreshConnectionSchemaMutation = { __typename?: 'Mutation', refreshConnectionSchema: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type RotateConnectionCredentialsMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: ConnectionCredentialsInput;
}>;


export type RotateConnectionCredentialsMutation = { __typename?: 'Mutation', rotateConnectionCredentials: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type DeactivateConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeactivateConnectionMutation = { __typename?: 'Mutation', deactivateConnection: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type DeleteConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteConnectionMutation = { __typename?: 'Mutation', deleteConnection: boolean };

export type ConnectionsQueryVariables = Exact<{
  platform?: InputMaybe<SourcePlatformId>;
  status?: InputMaybe<ConnectionStatus>;
}>;


export type ConnectionsQuery = { __typename?: 'Query', connections: Array<{ __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }> };

export type PlatformNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformNamesQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string }> };

export type ConnectionStatusChangedSubscriptionVariables = Exact<{
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ConnectionStatusChangedSubscription = { __typename?: 'Subscription', connectionStatusChanged: { __typename?: 'ConnectionStatusEvent', connectionId: string, from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string } };

export type EventTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type EventTypesQuery = { __typename?: 'Query', eventTypes: Array<{ __typename?: 'EventType', name: string, firstSeen: string, lastSeen: string, countLastHour: number, countLast24h: number, enforced: boolean, properties: Array<{ __typename?: 'EventProperty', path: string, types: Array<string> }> }> };

export type RecentEventsQueryVariables = Exact<{
  type?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RecentEventsQuery = { __typename?: 'Query', recentEvents: Array<any> };

export type SetEventTypeEnforcedMutationVariables = Exact<{
  name: Scalars['String']['input'];
  enforced: Scalars['Boolean']['input'];
}>;


export type SetEventTypeEnforcedMutation = { __typename?: 'Mutation', setEventTypeEnforced: { __typename?: 'EventType', name: string, enforced: boolean } };

export type EventsIngestedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type EventsIngestedSubscription = { __typename?: 'Subscription', eventsIngested: { __typename?: 'EventsIngested', at: string, counts: Array<{ __typename?: 'EventTypeCount', type: string, accepted: number, rejected: number }> } };

export type CreateImportConnectionsQueryVariables = Exact<{ [key: string]: never; }>;


export type CreateImportConnectionsQuery = { __typename?: 'Query', connections: Array<{ __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, statusReason?: string | null, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }> };

export type CreateImportTablesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CreateImportTablesQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus } | null, tables: Array<{ __typename?: 'SourceTable', name: string, ignoredReason?: string | null, fileCount?: number | null, totalBytes?: number | null, partitionColumns: Array<string>, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, nested: boolean, sourceType?: string | null }> }> } | null };

export type CreateImportMutationVariables = Exact<{
  input: CreateImportInput;
}>;


export type CreateImportMutation = { __typename?: 'Mutation', createImport: { __typename?: 'Import', id: string, name: string } };

export type ImportTypeFieldsFragment = { __typename?: 'ImportTypeDefinition', type: ImportType, label: string, description: string, keyFields: Array<string>, incremental: boolean, minAttributes: number, attributesMessage?: string | null, mappings: Array<{ __typename?: 'ImportTypeMapping', key: string, label: string, required: boolean, types?: Array<ColumnType> | null, help: string }>, textInputs: Array<{ __typename?: 'ImportTypeTextInput', key: string, label: string, required: boolean, pattern: string, requiredMessage: string, patternMessage: string, placeholder: string, help: string }> };

export type ImportTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportTypesQuery = { __typename?: 'Query', importTypes: Array<{ __typename?: 'ImportTypeDefinition', type: ImportType, label: string, description: string, keyFields: Array<string>, incremental: boolean, minAttributes: number, attributesMessage?: string | null, mappings: Array<{ __typename?: 'ImportTypeMapping', key: string, label: string, required: boolean, types?: Array<ColumnType> | null, help: string }>, textInputs: Array<{ __typename?: 'ImportTypeTextInput', key: string, label: string, required: boolean, pattern: string, requiredMessage: string, patternMessage: string, placeholder: string, help: string }> }> };

export type ImportRunFieldsFragment = { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null };

export type SchemaChangeFieldsFragment = { __typename?: 'SchemaChange', id: string, importId: string, kind: SchemaChangeKind, column: string, previousType?: ColumnType | null, newType?: ColumnType | null, support: SchemaChangeSupport, status: SchemaChangeStatus, description: string, detectedAt: string, resolvedAt?: string | null, sourceFile?: string | null };

export type ImportDetailFragment = { __typename?: 'Import', id: string, name: string, table: string, type: ImportType, columns: Array<string>, userIdColumn: string, timestampColumn?: string | null, identifierColumn?: string | null, identifierType?: string | null, groupIdColumn?: string | null, isDeletedColumn?: string | null, status: ImportStatus, statusReason?: string | null, schedule: string, nextRunAt?: string | null, rejectThreshold: number, createdAt: string, rowCount: number, storedColumns: Array<{ __typename?: 'ImportColumn', name: string, type: ColumnType }>, connection: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }, schemaChanges: Array<{ __typename?: 'SchemaChange', id: string, importId: string, kind: SchemaChangeKind, column: string, previousType?: ColumnType | null, newType?: ColumnType | null, support: SchemaChangeSupport, status: SchemaChangeStatus, description: string, detectedAt: string, resolvedAt?: string | null, sourceFile?: string | null }> };

export type ImportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  runs: Scalars['Int']['input'];
}>;


export type ImportQuery = { __typename?: 'Query', import?: { __typename?: 'Import', id: string, name: string, table: string, type: ImportType, columns: Array<string>, userIdColumn: string, timestampColumn?: string | null, identifierColumn?: string | null, identifierType?: string | null, groupIdColumn?: string | null, isDeletedColumn?: string | null, status: ImportStatus, statusReason?: string | null, schedule: string, nextRunAt?: string | null, rejectThreshold: number, createdAt: string, rowCount: number, runs: Array<{ __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null }>, storedColumns: Array<{ __typename?: 'ImportColumn', name: string, type: ColumnType }>, connection: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }, schemaChanges: Array<{ __typename?: 'SchemaChange', id: string, importId: string, kind: SchemaChangeKind, column: string, previousType?: ColumnType | null, newType?: ColumnType | null, support: SchemaChangeSupport, status: SchemaChangeStatus, description: string, detectedAt: string, resolvedAt?: string | null, sourceFile?: string | null }> } | null, importTypes: Array<{ __typename?: 'ImportTypeDefinition', type: ImportType, label: string, description: string, keyFields: Array<string>, incremental: boolean, minAttributes: number, attributesMessage?: string | null, mappings: Array<{ __typename?: 'ImportTypeMapping', key: string, label: string, required: boolean, types?: Array<ColumnType> | null, help: string }>, textInputs: Array<{ __typename?: 'ImportTypeTextInput', key: string, label: string, required: boolean, pattern: string, requiredMessage: string, patternMessage: string, placeholder: string, help: string }> }> };

export type ImportPreviewQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  limit: Scalars['Int']['input'];
}>;


export type ImportPreviewQuery = { __typename?: 'Query', import?: { __typename?: 'Import', id: string, preview: Array<any>, storedColumns: Array<{ __typename?: 'ImportColumn', name: string, type: ColumnType }> } | null };

export type ImportRunRejectsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ImportRunRejectsQuery = { __typename?: 'Query', importRun?: { __typename?: 'ImportRun', id: string, rowsRejected: number, rejects: Array<{ __typename?: 'RejectedRow', file: string, row?: number | null, reason: string }> } | null };

export type RunImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunImportMutation = { __typename?: 'Mutation', runImport: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null } };

export type PauseImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PauseImportMutation = { __typename?: 'Mutation', pauseImport: { __typename?: 'Import', id: string, status: ImportStatus, nextRunAt?: string | null } };

export type ResumeImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResumeImportMutation = { __typename?: 'Mutation', resumeImport: { __typename?: 'Import', id: string, status: ImportStatus, nextRunAt?: string | null } };

export type UpdateImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateImportInput;
}>;


export type UpdateImportMutation = { __typename?: 'Mutation', updateImport: { __typename?: 'Import', id: string, name: string, schedule: string, nextRunAt?: string | null, rejectThreshold: number } };

export type DeleteImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteImportMutation = { __typename?: 'Mutation', deleteImport: boolean };

export type AcceptSchemaChangesMutationVariables = Exact<{
  importId: Scalars['ID']['input'];
  columns: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type AcceptSchemaChangesMutation = { __typename?: 'Mutation', acceptSchemaChanges: { __typename?: 'Import', id: string, status: ImportStatus } };

export type DismissSchemaChangesMutationVariables = Exact<{
  importId: Scalars['ID']['input'];
  columns: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type DismissSchemaChangesMutation = { __typename?: 'Mutation', dismissSchemaChanges: { __typename?: 'Import', id: string, status: ImportStatus } };

export type ImportRunUpdatedSubscriptionVariables = Exact<{
  importId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ImportRunUpdatedSubscription = { __typename?: 'Subscription', importRunUpdated: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null } };

export type SchemaChangeDetectedSubscriptionVariables = Exact<{
  importId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type SchemaChangeDetectedSubscription = { __typename?: 'Subscription', schemaChangeDetected: { __typename?: 'SchemaChange', id: string, importId: string, column: string } };

export type ImportsQueryVariables = Exact<{
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ImportsQuery = { __typename?: 'Query', importTypes: Array<{ __typename?: 'ImportTypeDefinition', type: ImportType, label: string }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, statusReason?: string | null, schedule: string, nextRunAt?: string | null, rowCount: number, createdAt: string, connection: { __typename?: 'Connection', id: string, name: string, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, startedAt?: string | null, finishedAt?: string | null, rowsImported: number, rowsRejected: number, error?: string | null } | null, schemaChanges: Array<{ __typename?: 'SchemaChange', id: string, support: SchemaChangeSupport }> }> };

export type ImportConnectionNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportConnectionNamesQuery = { __typename?: 'Query', connections: Array<{ __typename?: 'Connection', id: string, name: string }> };

export type ImportRunsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ImportRunsUpdatedSubscription = { __typename?: 'Subscription', importRunUpdated: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus } };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', apiKeyId: string, isAdmin: boolean, workspace: { __typename?: 'Workspace', id: string, name: string } }, apiKeys: Array<{ __typename?: 'ApiKey', id: string, name: string, prefix: string, isAdmin: boolean, scope: ApiKeyScope, createdAt: string, revokedAt?: string | null }>, workspaces: Array<{ __typename?: 'Workspace', id: string, name: string, createdAt: string }> };

export type CreateApiKeyMutationVariables = Exact<{
  workspaceId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  scope?: InputMaybe<ApiKeyScope>;
}>;


export type CreateApiKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreatedApiKey', key: string, apiKey: { __typename?: 'ApiKey', id: string, name: string, workspaceId: string, scope: ApiKeyScope } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeApiKeyMutation = { __typename?: 'Mutation', revokeApiKey: boolean };

export type CreateWorkspaceMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CreateWorkspaceMutation = { __typename?: 'Mutation', createWorkspace: { __typename?: 'Workspace', id: string, name: string } };

export const PlatformFormFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<PlatformFormFragment, unknown>;
export const ConnectionDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ConnectionDetailFragment, unknown>;
export const ImportTypeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ImportTypeFieldsFragment, unknown>;
export const ImportRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<ImportRunFieldsFragment, unknown>;
export const SchemaChangeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}}]} as unknown as DocumentNode<SchemaChangeFieldsFragment, unknown>;
export const ImportDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Import"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"userIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"timestampColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"groupIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"isDeletedColumn"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}}]} as unknown as DocumentNode<ImportDetailFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"category"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SourceCategory"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"category"},"value":{"kind":"Variable","name":{"kind":"Name","value":"category"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"connectionCount"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;
export const ConnectFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlatformForm"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ConnectFormQuery, ConnectFormQueryVariables>;
export const BucketPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BucketPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"s3BucketPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucketName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}}}]}]}}]} as unknown as DocumentNode<BucketPolicyQuery, BucketPolicyQueryVariables>;
export const CreateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CreateConnectionMutation, CreateConnectionMutationVariables>;
export const ConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ConnectionQuery, ConnectionQueryVariables>;
export const ValidateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ValidateConnectionMutation, ValidateConnectionMutationVariables>;
export const RefreshConnectionSchemaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshConnectionSchema"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshConnectionSchema"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<RefreshConnectionSchemaMutation, RefreshConnectionSchemaMutationVariables>;
export const RotateConnectionCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateConnectionCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectionCredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateConnectionCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<RotateConnectionCredentialsMutation, RotateConnectionCredentialsMutationVariables>;
export const DeactivateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<DeactivateConnectionMutation, DeactivateConnectionMutationVariables>;
export const DeleteConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteConnectionMutation, DeleteConnectionMutationVariables>;
export const ConnectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"platform"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatformId"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectionStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"platform"},"value":{"kind":"Variable","name":{"kind":"Name","value":"platform"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ConnectionsQuery, ConnectionsQueryVariables>;
export const PlatformNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlatformNamesQuery, PlatformNamesQueryVariables>;
export const ConnectionStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConnectionStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ConnectionStatusChangedSubscription, ConnectionStatusChangedSubscriptionVariables>;
export const EventTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"countLastHour"}},{"kind":"Field","name":{"kind":"Name","value":"countLast24h"}},{"kind":"Field","name":{"kind":"Name","value":"enforced"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"types"}}]}}]}}]}}]} as unknown as DocumentNode<EventTypesQuery, EventTypesQueryVariables>;
export const RecentEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recentEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}]}]}}]} as unknown as DocumentNode<RecentEventsQuery, RecentEventsQueryVariables>;
export const SetEventTypeEnforcedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetEventTypeEnforced"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enforced"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setEventTypeEnforced"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"enforced"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enforced"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enforced"}}]}}]}}]} as unknown as DocumentNode<SetEventTypeEnforcedMutation, SetEventTypeEnforcedMutationVariables>;
export const EventsIngestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EventsIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventsIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}}]}}]}}]}}]} as unknown as DocumentNode<EventsIngestedSubscription, EventsIngestedSubscriptionVariables>;
export const CreateImportConnectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreateImportConnections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateImportConnectionsQuery, CreateImportConnectionsQueryVariables>;
export const CreateImportTablesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreateImportTables"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateImportTablesQuery, CreateImportTablesQueryVariables>;
export const CreateImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateImportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateImportMutation, CreateImportMutationVariables>;
export const ImportTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportTypeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ImportTypesQuery, ImportTypesQueryVariables>;
export const ImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Import"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"import"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportDetail"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportTypeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Import"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"userIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"timestampColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"groupIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"isDeletedColumn"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}}]}}]} as unknown as DocumentNode<ImportQuery, ImportQueryVariables>;
export const ImportPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"import"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}]}]}}]}}]} as unknown as DocumentNode<ImportPreviewQuery, ImportPreviewQueryVariables>;
export const ImportRunRejectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportRunRejects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"rejects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportRunRejectsQuery, ImportRunRejectsQueryVariables>;
export const RunImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<RunImportMutation, RunImportMutationVariables>;
export const PauseImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<PauseImportMutation, PauseImportMutationVariables>;
export const ResumeImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ResumeImportMutation, ResumeImportMutationVariables>;
export const UpdateImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateImportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}}]}}]}}]} as unknown as DocumentNode<UpdateImportMutation, UpdateImportMutationVariables>;
export const DeleteImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteImportMutation, DeleteImportMutationVariables>;
export const AcceptSchemaChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptSchemaChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"columns"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptSchemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}},{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"columns"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AcceptSchemaChangesMutation, AcceptSchemaChangesMutationVariables>;
export const DismissSchemaChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DismissSchemaChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"columns"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissSchemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}},{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"columns"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DismissSchemaChangesMutation, DismissSchemaChangesMutationVariables>;
export const ImportRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<ImportRunUpdatedSubscription, ImportRunUpdatedSubscriptionVariables>;
export const SchemaChangeDetectedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SchemaChangeDetected"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schemaChangeDetected"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}}]} as unknown as DocumentNode<SchemaChangeDetectedSubscription, SchemaChangeDetectedSubscriptionVariables>;
export const ImportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Imports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PENDING"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"support"}}]}}]}}]}}]} as unknown as DocumentNode<ImportsQuery, ImportsQueryVariables>;
export const ImportConnectionNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportConnectionNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ImportConnectionNamesQuery, ImportConnectionNamesQueryVariables>;
export const ImportRunsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportRunsUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ImportRunsUpdatedSubscription, ImportRunsUpdatedSubscriptionVariables>;
export const SettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SettingsQuery, SettingsQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyScope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceId"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const CreateWorkspaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWorkspace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkspace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateWorkspaceMutation, CreateWorkspaceMutationVariables>;