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

/** COUNT (or SUM of a numeric column) of a USER_ACTIVITY import’s rows or of events of a type, over the last N days or a fixed range [from, to), compared with value */
export type ActivityConditionInput = {
  aggregate: Aggregate;
  /** An event type (needs the database event log) */
  eventType?: InputMaybe<Scalars['String']['input']>;
  /** Range start (inclusive) */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** A USER_ACTIVITY import; or set eventType */
  importId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 365: from now minus N days up to now */
  lastDays?: InputMaybe<Scalars['Int']['input']>;
  /** EQ, NEQ, GT, GTE, LT or LTE */
  operator: ConditionOperator;
  /** SUM: the INTEGER/FLOAT column, or a number property path */
  sumColumn?: InputMaybe<Scalars['String']['input']>;
  /** Range end (exclusive) */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  value: Scalars['Float']['input'];
  where?: InputMaybe<Array<FilterInput>>;
};

export type Aggregate =
  | 'COUNT'
  | 'SUM';

/** What an alert is about; each is sent once per change of state, not once per run */
export type AlertKind =
  /** A connection turned INACTIVE (credentials refused, deactivated) */
  | 'CONNECTION_INACTIVE'
  /** A streaming destination is behind by more than INLET_ALERT_LAG_SECONDS (one alert when it starts lagging) */
  | 'DESTINATION_LAGGING'
  /** An unsupported schema change blocked an import */
  | 'IMPORT_BLOCKED'
  /** An import is no longer blocked */
  | 'IMPORT_UNBLOCKED'
  /** Several runs of an import failed in a row (INLET_ALERT_REPEATED_FAILURES, 3 by default); sent once per streak */
  | 'REPEATED_FAILURES'
  /** A run of an import failed (after its retries), when the one before it had not */
  | 'RUN_FAILED'
  /** The first successful run after failed ones */
  | 'RUN_RECOVERED'
  /** A supported schema change (a new column) awaits a decision: accept or dismiss */
  | 'SCHEMA_CHANGE_PENDING';

/** An API key; its value is shown only once, when created */
export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isAdmin: Scalars['Boolean']['output'];
  /** When a request last used the key, to within a minute; null if never */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
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

/** What needs attention in the caller’s workspace (the navigation’s count) */
export type Attention = {
  __typename?: 'Attention';
  /** Imports BLOCKED by an unsupported schema change */
  blockedImports: Scalars['Int']['output'];
  /** Imports whose newest finished run FAILED */
  failingImports: Scalars['Int']['output'];
  /** INACTIVE connections */
  inactiveConnections: Scalars['Int']['output'];
  /** Schema changes waiting for a decision */
  pendingSchemaChanges: Scalars['Int']['output'];
  /** The sum of the four */
  total: Scalars['Int']['output'];
};

/** One GraphQL mutation: who asked, what, when and how it ended (never its arguments) */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The mutation, e.g. "createConnection" */
  action: Scalars['String']['output'];
  apiKeyId: Scalars['ID']['output'];
  /** The key’s name when the mutation ran */
  apiKeyName: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** "ok", the error code the caller got (BAD_USER_INPUT, CONFLICT, …), or PENDING: the mutation had not answered (recorded before it ran; a server that stopped first leaves it so, and it may or may not have taken effect) */
  outcome: Scalars['String']['output'];
  /** What it acted on (the `id` argument, or what it created), when there is one */
  targetId?: Maybe<Scalars['ID']['output']>;
  workspaceId: Scalars['ID']['output'];
};

/** A page of AuditEntry items */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

export type AwsCredentialsInput = {
  accessKeyId?: InputMaybe<Scalars['String']['input']>;
  externalId?: InputMaybe<Scalars['String']['input']>;
  roleArn?: InputMaybe<Scalars['String']['input']>;
  secretAccessKey?: InputMaybe<Scalars['String']['input']>;
};

/** The AWS principal Inlet reads buckets as, which bucket policies name */
export type AwsPrincipal = {
  __typename?: 'AwsPrincipal';
  accountId: Scalars['String']['output'];
  /** True while INLET_AWS_ACCOUNT_ID is unset: a policy naming this account grants nothing */
  isPlaceholder: Scalars['Boolean']['output'];
  roleArn: Scalars['String']['output'];
};

export type BigQueryConnectionInput = {
  credentials: GcpCredentialsInput;
  dataset: Scalars['String']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  projectId: Scalars['String']['input'];
};

export type ChannelKind =
  /** A Slack-compatible incoming webhook: a readable message with the reason and a link */
  | 'SLACK'
  /** JSON POSTed to a URL, signed in the Inlet-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">) */
  | 'WEBHOOK';

export type ColumnType =
  | 'BOOLEAN'
  | 'DATE'
  | 'FLOAT'
  | 'INTEGER'
  | 'STRING'
  | 'TIMESTAMP';

/** The operators that fit a column type */
export type ColumnTypeOperators = {
  __typename?: 'ColumnTypeOperators';
  operators: Array<ConditionOperator>;
  type: ColumnType;
};

/** Which operators fit which column type: see segmentOperators */
export type ConditionOperator =
  | 'BETWEEN'
  | 'CONTAINS'
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'IS_NOT_NULL'
  | 'IS_NULL'
  | 'LT'
  | 'LTE'
  | 'NEQ'
  | 'NOT_IN'
  | 'STARTS_WITH';

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

/** A configured link to a source or destination platform. Credentials are write-only. */
export type Connection = {
  __typename?: 'Connection';
  createdAt: Scalars['DateTime']['output'];
  /** e.g. the last four characters of the access key id; never a secret */
  credentialsHint?: Maybe<Scalars['String']['output']>;
  /** Files this destination wrote, newest first (empty for sources) */
  deliveries: DeliveryConnection;
  id: Scalars['ID']['output'];
  /** Imports that read from this connection */
  imports: Array<Import>;
  /** S3 Streaming: age in seconds of the oldest event not yet delivered (0 when caught up); null otherwise */
  lagSeconds?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** A paused destination delivers nothing until resumed (false for sources) */
  paused: Scalars['Boolean']['output'];
  platform: SourcePlatform;
  schemaRefresh?: Maybe<SchemaRefresh>;
  /** Non-secret settings only */
  settings: Scalars['JSON']['output'];
  status: ConnectionStatus;
  /** Every transition, oldest first */
  statusHistory: Array<ConnectionStatusEvent>;
  /** Why INACTIVE or DEPRECATED, in words a person can act on */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** One discovered table by name (null when the last refresh did not find it): ask here for its partition values and sample rows, which would make a query over every table too costly */
  table?: Maybe<SourceTable>;
  /** From the last schema refresh */
  tables: Array<SourceTable>;
  type: ConnectionType;
  updatedAt: Scalars['DateTime']['output'];
};


/** A configured link to a source or destination platform. Credentials are write-only. */
export type ConnectionDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A configured link to a source or destination platform. Credentials are write-only. */
export type ConnectionTableArgs = {
  name: Scalars['String']['input'];
};

/** A page of Connection items */
export type ConnectionConnection = {
  __typename?: 'ConnectionConnection';
  edges: Array<ConnectionEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

/** Exactly one key, matching the connection platform */
export type ConnectionCredentialsInput = {
  aws?: InputMaybe<AwsCredentialsInput>;
  gcp?: InputMaybe<GcpCredentialsInput>;
  snowflake?: InputMaybe<SnowflakeCredentialsInput>;
};

export type ConnectionEdge = {
  __typename?: 'ConnectionEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: Connection;
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

/** How many connections are in one status (the filters other than status applied) */
export type ConnectionStatusCount = {
  __typename?: 'ConnectionStatusCount';
  count: Scalars['Int']['output'];
  status: ConnectionStatus;
};

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

export type ConnectionType =
  /** Data goes out (routing: S3 Streaming, S3 Batch) */
  | 'DESTINATION'
  /** Data comes in (imports) */
  | 'SOURCE';

/** Exactly one platform key is set; the platform is implied by it */
export type CreateConnectionInput = {
  bigquery?: InputMaybe<BigQueryConnectionInput>;
  gcs?: InputMaybe<GcsConnectionInput>;
  name: Scalars['String']['input'];
  s3?: InputMaybe<S3ConnectionInput>;
  /** A destination (type DESTINATION) */
  s3Batch?: InputMaybe<S3BatchDestinationInput>;
  /** A destination (type DESTINATION) */
  s3Streaming?: InputMaybe<S3StreamingDestinationInput>;
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
  /** "manual", "daily@HH:MM", "hourly@MM", "every@Nh" (N = 2, 3, 4, 6, 8, 12) or a 5-field cron expression, all in UTC; default: a daily time Inlet picks */
  schedule?: InputMaybe<Scalars['String']['input']>;
  table: Scalars['String']['input'];
  /** USER_ACTIVITY (required), IDENTITY (optional), GROUP_MEMBERSHIP cursor (required) */
  timestampColumn?: InputMaybe<Scalars['String']['input']>;
  type: ImportType;
  userIdColumn: Scalars['String']['input'];
};

export type CreateNotificationChannelInput = {
  kind?: InputMaybe<ChannelKind>;
  kinds: Array<AlertKind>;
  name: Scalars['String']['input'];
  /** https:// (a non-public address only on a server that allows private endpoints); never shown again */
  url: Scalars['String']['input'];
};

export type CreateSegmentInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  rule: SegmentRuleInput;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The key itself: store it now, it is never shown again */
  key: Scalars['String']['output'];
};

export type CreatedNotificationChannel = {
  __typename?: 'CreatedNotificationChannel';
  channel: NotificationChannel;
  /** The signing secret: store it now, it is never shown again */
  secret: Scalars['String']['output'];
};

export type DataFormat =
  | 'CSV'
  | 'PARQUET';

/** One file a destination wrote (or is writing), with its outcome */
export type Delivery = {
  __typename?: 'Delivery';
  /** Uploads tried so far (1 on the first) */
  attempt: Scalars['Int']['output'];
  /** Bytes as stored (gzip) */
  bytes: Scalars['Float']['output'];
  connectionId: Scalars['ID']['output'];
  /** events | aliases | segment_metadata | manifest (an S3 Batch export of a day) */
  dataType: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The object key in the bucket */
  key: Scalars['String']['output'];
  rows: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** QUEUED (S3 Batch), UPLOADING, RETRYING, DELIVERED or FAILED */
  status: Scalars['String']['output'];
  windowEnd?: Maybe<Scalars['DateTime']['output']>;
  windowStart?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of Delivery items */
export type DeliveryConnection = {
  __typename?: 'DeliveryConnection';
  edges: Array<DeliveryEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type DeliveryEdge = {
  __typename?: 'DeliveryEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: Delivery;
};

export type DestinationScope =
  /** Every workspace (instance admin only); every row carries workspace_id */
  | 'ALL_WORKSPACES'
  /** This workspace's data */
  | 'WORKSPACE';

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
  /** Events per clock hour (UTC): the 24 hours up to and including the current one, oldest first */
  hourlyCounts: Array<Scalars['Int']['output']>;
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

export type ExportFormat =
  /** JSON lines, gzip */
  | 'JSON_GZIP'
  /** Parquet with Snappy */
  | 'PARQUET_SNAPPY';

/** A filter on a column of a USER_ACTIVITY import, or on an event property path (e.g. "client.url") */
export type FilterInput = {
  column: Scalars['String']['input'];
  operator: ConditionOperator;
  /** None for IS_NULL / IS_NOT_NULL, two for BETWEEN, one or more for IN / NOT_IN, else one */
  values?: InputMaybe<Array<Scalars['JSON']['input']>>;
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

/** Member of any of these groups of a GROUP_MEMBERSHIP import */
export type GroupConditionInput = {
  groupIds: Array<Scalars['String']['input']>;
  importId: Scalars['ID']['input'];
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

/** Has an identifier with this tag (event aliases and IDENTITY imports) */
export type IdentityConditionInput = {
  tag: Scalars['String']['input'];
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
  /** A page of the import’s runs, newest first unless `orderBy` says otherwise */
  runs: ImportRunConnection;
  /** "manual", "daily@HH:MM", "hourly@MM", "every@Nh" (N = 2, 3, 4, 6, 8, 12) or a 5-field cron expression, all in UTC */
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
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RunOrder>;
  status?: InputMaybe<ImportRunStatus>;
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

/** A page of Import items */
export type ImportConnection = {
  __typename?: 'ImportConnection';
  edges: Array<ImportEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type ImportEdge = {
  __typename?: 'ImportEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: Import;
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

/** A page of ImportRun items */
export type ImportRunConnection = {
  __typename?: 'ImportRunConnection';
  edges: Array<ImportRunEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type ImportRunEdge = {
  __typename?: 'ImportRunEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: ImportRun;
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
  /** A full re-import from scratch (resyncImport), swapped in only when it succeeds; its retries keep this trigger */
  | 'RESYNC'
  | 'RETRY'
  | 'SCHEDULE';

export type ImportStatus =
  | 'ACTIVE'
  /** An unsupported schema change stops its runs; see statusReason */
  | 'BLOCKED'
  | 'PAUSED';

/** How many imports are in one status (the filters other than status applied) */
export type ImportStatusCount = {
  __typename?: 'ImportStatusCount';
  count: Scalars['Int']['output'];
  status: ImportStatus;
};

/** An import’s status transition: BLOCKED by a schema change, unblocked, paused, resumed */
export type ImportStatusEvent = {
  __typename?: 'ImportStatusEvent';
  from: ImportStatus;
  importId: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  to: ImportStatus;
};

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

/** The order of a list of connections or imports; ties are broken by id */
export type ListOrder =
  | 'CREATED_AT_ASC'
  /** Newest first (the default) */
  | 'CREATED_AT_DESC'
  /** By name as the database collates it (binary on SQLite) */
  | 'NAME_ASC'
  | 'NAME_DESC';

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
  /** The signing secret is in the answer, and never shown again */
  createNotificationChannel: CreatedNotificationChannel;
  /** Creates a segment with the next code of the workspace and queues its first evaluation */
  createSegment: Segment;
  /** Instance admin only */
  createWorkspace: Workspace;
  deactivateConnection: Connection;
  /** Refused with CONFLICT while imports use the connection */
  deleteConnection: Scalars['Boolean']['output'];
  /** Deletes the import, its run history and its imported data */
  deleteImport: Scalars['Boolean']['output'];
  /** Deletes the channel and its delivery log */
  deleteNotificationChannel: Scalars['Boolean']['output'];
  /** Deletes the segment and its membership; its code is never reused */
  deleteSegment: Scalars['Boolean']['output'];
  /** Dismisses supported changes: they are not asked about again */
  dismissSchemaChanges: Import;
  /** Enables a disabled channel again */
  enableNotificationChannel: NotificationChannel;
  /** Queues an evaluation now; CONFLICT while the segment is STALE */
  evaluateSegment: Segment;
  /** S3 Batch: exports one UTC day (YYYY-MM-DD, not in the future); answers the export's delivery (dataType manifest, the day's manifest key), QUEUED until it runs */
  exportDay: Delivery;
  /** Stops delivering (events stay in the log); resume continues where it stopped */
  pauseDestination: Connection;
  /** No scheduled runs until resumed */
  pauseImport: Import;
  /** The schema resync: discovers tables and columns again, in the background */
  refreshConnectionSchema: Connection;
  resumeDestination: Connection;
  resumeImport: Import;
  /** Re-imports everything from scratch (trigger RESYNC): the new data replaces the old in one transaction only when the run succeeds; CONFLICT while a run is queued or running */
  resyncImport: ImportRun;
  /** The key stops working at once, open subscriptions included */
  revokeApiKey: Scalars['Boolean']['output'];
  /** New credentials; the connection is validated again (PROCESSING, then ACTIVE or INACTIVE) */
  rotateConnectionCredentials: Connection;
  /** Queues a run now; CONFLICT while one is queued or running */
  runImport: ImportRun;
  /** From now on, events of this type whose properties do not match its schema are rejected */
  setEventTypeEnforced: EventType;
  /** Sends a test notification now (even to a disabled channel); true when the receiver answered 2xx. The attempt is in the delivery log */
  testNotificationChannel: Scalars['Boolean']['output'];
  updateImport: Import;
  /** Changes a segment (its code stays) and queues an evaluation */
  updateSegment: Segment;
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


export type MutationCreateNotificationChannelArgs = {
  input: CreateNotificationChannelInput;
};


export type MutationCreateSegmentArgs = {
  input: CreateSegmentInput;
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


export type MutationDeleteNotificationChannelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteSegmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDismissSchemaChangesArgs = {
  columns: Array<Scalars['String']['input']>;
  importId: Scalars['ID']['input'];
};


export type MutationEnableNotificationChannelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEvaluateSegmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationExportDayArgs = {
  connectionId: Scalars['ID']['input'];
  date: Scalars['String']['input'];
};


export type MutationPauseDestinationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPauseImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRefreshConnectionSchemaArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeDestinationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeImportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResyncImportArgs = {
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


export type MutationTestNotificationChannelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateImportArgs = {
  id: Scalars['ID']['input'];
  input: UpdateImportInput;
};


export type MutationUpdateSegmentArgs = {
  id: Scalars['ID']['input'];
  input: CreateSegmentInput;
};


export type MutationValidateConnectionArgs = {
  id: Scalars['ID']['input'];
};

/** One HTTP attempt of a delivery */
export type NotificationAttempt = {
  __typename?: 'NotificationAttempt';
  at: Scalars['DateTime']['output'];
  attempt: Scalars['Int']['output'];
  durationMs: Scalars['Int']['output'];
  /** Why no answer came (refused address, connection error, timeout) */
  error?: Maybe<Scalars['String']['output']>;
  /** The receiver’s HTTP status; null when no answer came */
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** Where a workspace’s alerts go. The URL and the signing secret are never shown after creation */
export type NotificationChannel = {
  __typename?: 'NotificationChannel';
  createdAt: Scalars['DateTime']['output'];
  disabledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why deliveries stopped: every attempt failed for INLET_ALERT_DISABLE_AFTER (a day). Null while enabled */
  disabledReason?: Maybe<Scalars['String']['output']>;
  /** The first failed attempt since the last delivered one; null while healthy */
  failingSince?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: ChannelKind;
  kinds: Array<AlertKind>;
  name: Scalars['String']['output'];
  /** Scheme and host of the URL (its path may be a credential) */
  urlHint: Scalars['String']['output'];
};

/** One alert (or test) sent to one channel */
export type NotificationDelivery = {
  __typename?: 'NotificationDelivery';
  /** Null for a test */
  alertKind?: Maybe<AlertKind>;
  attemptLog: Array<NotificationAttempt>;
  attempts: Scalars['Int']['output'];
  channelId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  reason: Scalars['String']['output'];
  status: NotificationDeliveryStatus;
  test: Scalars['Boolean']['output'];
};

/** A page of NotificationDelivery items */
export type NotificationDeliveryConnection = {
  __typename?: 'NotificationDeliveryConnection';
  edges: Array<NotificationDeliveryEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type NotificationDeliveryEdge = {
  __typename?: 'NotificationDeliveryEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: NotificationDelivery;
};

export type NotificationDeliveryStatus =
  /** The receiver answered 2xx */
  | 'DELIVERED'
  /** Every attempt failed, or the channel was disabled or deleted meanwhile */
  | 'FAILED'
  /** The first attempt has not been made yet */
  | 'QUEUED'
  /** An attempt failed; another is scheduled (backoff with jitter) */
  | 'RETRYING';

/** Where a page ends, and whether another follows */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` for the next page; null on an empty page */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A partition value and how many data files sit under it */
export type PartitionValueCount = {
  __typename?: 'PartitionValueCount';
  files: Scalars['Int']['output'];
  /** Null for a NULL partition (__HIVE_DEFAULT_PARTITION__ or empty) */
  value?: Maybe<Scalars['String']['output']>;
};

/** The values one partition column takes across the table’s data files */
export type PartitionValues = {
  __typename?: 'PartitionValues';
  column: Scalars['String']['output'];
  /** Distinct values seen (NULL counts as one) */
  distinct: Scalars['Int']['output'];
  /** Largest non-null value, compared as the column’s type */
  max?: Maybe<Scalars['String']['output']>;
  /** Smallest non-null value, compared as the column’s type */
  min?: Maybe<Scalars['String']['output']>;
  /** The most frequent values first (then in order), at most 50 */
  values: Array<PartitionValueCount>;
};

export type Partitioning =
  | 'ALL_TABLES'
  | 'NO_TABLES';

/** A column of a USER_PROFILE import compared with values of its type */
export type ProfileConditionInput = {
  column: Scalars['String']['input'];
  importId: Scalars['ID']['input'];
  operator: ConditionOperator;
  /** Values of the column’s type: strings, numbers, booleans, dates as YYYY-MM-DD, timestamps as ISO-8601 */
  values?: InputMaybe<Array<Scalars['JSON']['input']>>;
};

export type Query = {
  __typename?: 'Query';
  /** The comparisons an activity aggregate takes */
  aggregateOperators: Array<ConditionOperator>;
  /** The keys of a workspace (never their values): the caller’s own by default; the instance admin may name any workspace */
  apiKeys: Array<ApiKey>;
  /** Counts of what needs attention: pending schema changes, blocked and failing imports, inactive connections */
  attention: Attention;
  /** The audit log of the caller’s workspace, newest first */
  auditLog: AuditEntryConnection;
  /** Inlet's AWS principal (the one s3BucketPolicy names), and whether its account is the unset placeholder */
  awsPrincipal: AwsPrincipal;
  /** Platforms; `search` matches names case-insensitively */
  catalog: Array<SourcePlatform>;
  connection?: Maybe<Connection>;
  /** Connections per status, every status listed, with the same platform and search filters as `connections`: one grouped count */
  connectionStatusCounts: Array<ConnectionStatusCount>;
  /** A page of the workspace's connections, newest first unless `orderBy` says otherwise */
  connections: ConnectionConnection;
  /** How many users match the rule now; nothing is stored */
  estimateSegment: Scalars['Int']['output'];
  /** The event types of the caller’s workspace */
  eventTypes: Array<EventType>;
  /** Every identifier of a user: aliases from events and pairs from IDENTITY imports */
  identities: Array<Identity>;
  import?: Maybe<Import>;
  importRun?: Maybe<ImportRun>;
  /** Imports per status, every status listed, with the same connection and search filters as `imports`: one grouped count */
  importStatusCounts: Array<ImportStatusCount>;
  /** Every import type with the columns and values createImport needs for it (the rules it checks) */
  importTypes: Array<ImportTypeDefinition>;
  /** A page of the workspace’s imports, newest first unless `orderBy` says otherwise */
  imports: ImportConnection;
  /** The workspace’s notification channels */
  notificationChannels: Array<NotificationChannel>;
  /** A channel’s delivery log, newest first, with each attempt’s response code */
  notificationDeliveries: NotificationDeliveryConnection;
  /** The newest events (as stored), newest first; at most 500 */
  recentEvents: Array<Scalars['JSON']['output']>;
  /** The read-only bucket policy to paste into the bucket, for Inlet's AWS principal */
  s3BucketPolicy: Scalars['String']['output'];
  /** The bucket policy (and, with a KMS key, the key policy statement) a destination needs for Inlet's AWS principal */
  s3DestinationPolicy: Scalars['String']['output'];
  /** The next run times of a schedule (UTC), to show before saving it; BAD_USER_INPUT naming `schedule` when it is not one */
  scheduleNextRuns: Array<Scalars['DateTime']['output']>;
  segment?: Maybe<Segment>;
  /** The operators that fit each column type (profile conditions and filters) */
  segmentOperators: Array<ColumnTypeOperators>;
  /** The workspace’s segments, newest first */
  segments: SegmentConnection;
  /** The segments a user is in (their codes and names), from the stored membership */
  userSegments: Array<Segment>;
  viewer: Viewer;
  /** All workspaces for the instance admin; otherwise the caller’s own */
  workspaces: Array<Workspace>;
};


export type QueryApiKeysArgs = {
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  apiKeyId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCatalogArgs = {
  category?: InputMaybe<SourceCategory>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectionStatusCountsArgs = {
  platform?: InputMaybe<SourcePlatformId>;
  search?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<ConnectionType>;
};


export type QueryConnectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ListOrder>;
  platform?: InputMaybe<SourcePlatformId>;
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ConnectionStatus>;
  type?: InputMaybe<ConnectionType>;
};


export type QueryEstimateSegmentArgs = {
  rule: SegmentRuleInput;
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


export type QueryImportStatusCountsArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryImportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connectionId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ListOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ImportStatus>;
};


export type QueryNotificationDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channelId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRecentEventsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryS3BucketPolicyArgs = {
  bucketName: Scalars['String']['input'];
};


export type QueryS3DestinationPolicyArgs = {
  bucketName: Scalars['String']['input'];
  kmsKeyArn?: InputMaybe<Scalars['String']['input']>;
};


export type QueryScheduleNextRunsArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
  schedule: Scalars['String']['input'];
};


export type QuerySegmentArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySegmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUserSegmentsArgs = {
  userId: Scalars['String']['input'];
};

/** A rejected row: the file, its row number and why */
export type RejectedRow = {
  __typename?: 'RejectedRow';
  file: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  row?: Maybe<Scalars['Int']['output']>;
};

export type RunOrder =
  | 'QUEUED_AT_ASC'
  /** Newest first (the default) */
  | 'QUEUED_AT_DESC';

/** An Amazon S3 Batch destination: a daily export as gzip JSON or Parquet */
export type S3BatchDestinationInput = {
  bucketName: Scalars['String']['input'];
  credentials: AwsCredentialsInput;
  /** S3-compatible stores; path-style addressing */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  format: ExportFormat;
  /** SSE-KMS with this customer-managed key; SSE-S3 when empty */
  kmsKeyArn?: InputMaybe<Scalars['String']['input']>;
  /** A folder inside the bucket, without a leading slash (e.g. inlet/) */
  prefix?: InputMaybe<Scalars['String']['input']>;
  region: Scalars['String']['input'];
  /** daily@HH:MM (UTC); exports the previous UTC day */
  schedule?: InputMaybe<Scalars['String']['input']>;
  /** ALL_WORKSPACES: instance admin only */
  scope?: InputMaybe<DestinationScope>;
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

/** An Amazon S3 Streaming destination: events and aliases as gzip JSON lines, Hive partitions by hour */
export type S3StreamingDestinationInput = {
  bucketName: Scalars['String']['input'];
  credentials: AwsCredentialsInput;
  /** S3-compatible stores; path-style addressing */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  /** SSE-KMS with this customer-managed key; SSE-S3 when empty */
  kmsKeyArn?: InputMaybe<Scalars['String']['input']>;
  /** A folder inside the bucket, without a leading slash (e.g. inlet/) */
  prefix?: InputMaybe<Scalars['String']['input']>;
  region: Scalars['String']['input'];
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

/** A set of users defined by a rule over imported data and events */
export type Segment = {
  __typename?: 'Segment';
  /** Stable and unique in the workspace: the id events carry in `segments` */
  code: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** The event types the rule references */
  eventTypes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The imports the rule references */
  imports: Array<Import>;
  lastEvaluatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A page of member user ids by user id: { edges: [{ node, cursor }], pageInfo: { hasNextPage, endCursor }, totalCount } */
  members: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  /** The rule as validated */
  rule: Scalars['JSON']['output'];
  /** Members after the last evaluation */
  size?: Maybe<Scalars['Int']['output']>;
  /** The newest evaluations, newest first */
  sizeHistory: Array<SegmentEvaluation>;
  status: SegmentStatus;
  /** Why STALE, naming the import or column */
  statusReason?: Maybe<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};


/** A set of users defined by a rule over imported data and events */
export type SegmentMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A set of users defined by a rule over imported data and events */
export type SegmentSizeHistoryArgs = {
  limit?: Scalars['Int']['input'];
};

/** A page of Segment items */
export type SegmentConnection = {
  __typename?: 'SegmentConnection';
  edges: Array<SegmentEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, on every page */
  totalCount: Scalars['Int']['output'];
};

export type SegmentEdge = {
  __typename?: 'SegmentEdge';
  /** Pass as `after` to get the items after this one */
  cursor: Scalars['String']['output'];
  node: Segment;
};

/** One evaluation of a segment */
export type SegmentEvaluation = {
  __typename?: 'SegmentEvaluation';
  /** Users who joined */
  added: Scalars['Int']['output'];
  at: Scalars['DateTime']['output'];
  durationMs: Scalars['Int']['output'];
  /** Users who left */
  removed: Scalars['Int']['output'];
  segmentId: Scalars['ID']['output'];
  size: Scalars['Int']['output'];
};

/** A rule node: exactly one of all, any, not, or a condition */
export type SegmentRuleInput = {
  activity?: InputMaybe<ActivityConditionInput>;
  all?: InputMaybe<Array<SegmentRuleInput>>;
  any?: InputMaybe<Array<SegmentRuleInput>>;
  group?: InputMaybe<GroupConditionInput>;
  identity?: InputMaybe<IdentityConditionInput>;
  not?: InputMaybe<SegmentRuleInput>;
  profile?: InputMaybe<ProfileConditionInput>;
};

export type SegmentStatus =
  /** An evaluation is queued or running; members are those of the last one */
  | 'EVALUATING'
  /** Members are those of the last evaluation */
  | 'READY'
  /** An import it references is BLOCKED or a column it uses is gone (statusReason); it keeps its last membership and is not re-evaluated until then */
  | 'STALE';

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
  | 'DATA_WAREHOUSE'
  | 'ROUTING';

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
  /** The key of this platform in CreateConnectionInput: s3, gcs, bigquery, snowflake, s3Streaming or s3Batch */
  inputKey: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Retired in configuration: its connections are DEPRECATED */
  retired: Scalars['Boolean']['output'];
  /** SOURCE, or DESTINATION for routing platforms */
  type: ConnectionType;
};

/** A platform of the catalog */
export type SourcePlatformId =
  | 'BIGQUERY'
  | 'GCS'
  | 'S3'
  | 'S3_BATCH'
  | 'S3_STREAMING'
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
  /** When the newest data file was written (freshness); null when unknown */
  newestFileAt?: Maybe<Scalars['DateTime']['output']>;
  partitionColumns: Array<Scalars['String']['output']>;
  /** Per partition column, the values seen in folder names with their file counts (empty without partitions) */
  partitionValues: Array<PartitionValues>;
  /** The first rows (at most 10) of the newest data file as text, each aligned with `columns`; empty when none could be read (see `warnings`) */
  sampleRows: Array<Maybe<Array<Maybe<Scalars['String']['output']>>>>;
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
  /** Every delivery recorded or changed in the workspace's destinations (or one's) */
  deliveryUpdated: Delivery;
  /** Per-second counts by type of the caller’s workspace; at most one message a second (per server) */
  eventsIngested: EventsIngested;
  /** QUEUED → RUNNING (progress at least twice a second) → SUCCEEDED, FAILED or CANCELLED */
  importRunUpdated: ImportRun;
  /** Every status transition of the workspace’s imports (or of one): blocked, unblocked, paused, resumed */
  importStatusChanged: ImportStatusEvent;
  /** Each newly detected schema change, once */
  schemaChangeDetected: SchemaChange;
  /** Each evaluation of the workspace’s segments (or of one): size, added, removed */
  segmentEvaluated: SegmentEvaluation;
};


export type SubscriptionConnectionStatusChangedArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionDeliveryUpdatedArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionImportRunUpdatedArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionImportStatusChangedArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionSchemaChangeDetectedArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionSegmentEvaluatedArgs = {
  segmentId?: InputMaybe<Scalars['ID']['input']>;
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

export type AttentionQueryVariables = Exact<{ [key: string]: never; }>;


export type AttentionQuery = { __typename?: 'Query', attention: { __typename?: 'Attention', pendingSchemaChanges: number, blockedImports: number, failingImports: number, inactiveConnections: number, total: number } };

export type AttentionImportStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionImportStatusSubscription = { __typename?: 'Subscription', importStatusChanged: { __typename?: 'ImportStatusEvent', importId: string, to: ImportStatus } };

export type AttentionConnectionStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionConnectionStatusSubscription = { __typename?: 'Subscription', connectionStatusChanged: { __typename?: 'ConnectionStatusEvent', connectionId: string, to: ConnectionStatus } };

export type AttentionSchemaChangeSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionSchemaChangeSubscription = { __typename?: 'Subscription', schemaChangeDetected: { __typename?: 'SchemaChange', id: string } };

export type AttentionRunFinishedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionRunFinishedSubscription = { __typename?: 'Subscription', importRunUpdated: { __typename?: 'ImportRun', id: string, status: ImportRunStatus } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', apiKeyId: string, isAdmin: boolean, workspace: { __typename?: 'Workspace', id: string, name: string } } };

export type CatalogQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<SourceCategory>;
}>;


export type CatalogQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, connectionCount: number, available: boolean, retired: boolean }> };

export type PlatformFormFragment = { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, available: boolean, retired: boolean, inputKey: string, credentialsKey: string, type: ConnectionType, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> };

export type ConnectFormQueryVariables = Exact<{ [key: string]: never; }>;


export type ConnectFormQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, description: string, available: boolean, retired: boolean, inputKey: string, credentialsKey: string, type: ConnectionType, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }> };

export type BucketPolicyQueryVariables = Exact<{
  bucketName: Scalars['String']['input'];
}>;


export type BucketPolicyQuery = { __typename?: 'Query', s3BucketPolicy: string };

export type AwsPrincipalQueryVariables = Exact<{ [key: string]: never; }>;


export type AwsPrincipalQuery = { __typename?: 'Query', awsPrincipal: { __typename?: 'AwsPrincipal', accountId: string, roleArn: string, isPlaceholder: boolean } };

export type CreateConnectionMutationVariables = Exact<{
  input: CreateConnectionInput;
}>;


export type CreateConnectionMutation = { __typename?: 'Mutation', createConnection: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus } };

export type ConnectionDetailFragment = { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null };

export type ConnectionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectionQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } | null };

export type ValidateConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ValidateConnectionMutation = { __typename?: 'Mutation', validateConnection: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type RefreshConnectionSchemaMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RefreshConnectionSchemaMutation = { __typename?: 'Mutation', refreshConnectionSchema: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type RotateConnectionCredentialsMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: ConnectionCredentialsInput;
}>;


export type RotateConnectionCredentialsMutation = { __typename?: 'Mutation', rotateConnectionCredentials: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type DeactivateConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeactivateConnectionMutation = { __typename?: 'Mutation', deactivateConnection: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, credentialsHint?: string | null, settings: any, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string, category: SourceCategory, inputKey: string, credentialsKey: string, fields: Array<{ __typename?: 'ConfigField', key: string, label: string, kind: string, required: boolean, secret: boolean, options?: Array<string> | null, help?: string | null }> }, statusHistory: Array<{ __typename?: 'ConnectionStatusEvent', from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string }>, tables: Array<{ __typename?: 'SourceTable', name: string, partitionColumns: Array<string>, fileCount?: number | null, totalBytes?: number | null, schemaFile?: string | null, warnings: Array<string>, ignoredReason?: string | null, newestFileAt?: string | null, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, sourceType?: string | null, nested: boolean }> }>, imports: Array<{ __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, finishedAt?: string | null } | null }>, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus, startedAt: string, finishedAt?: string | null, error?: string | null, requests: number, bytesRead: number } | null } };

export type DeleteConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteConnectionMutation = { __typename?: 'Mutation', deleteConnection: boolean };

export type TableDetailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type TableDetailsQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, table?: { __typename?: 'SourceTable', name: string, sampleRows: Array<Array<string | null> | null>, columns: Array<{ __typename?: 'SourceColumn', name: string }>, partitionValues: Array<{ __typename?: 'PartitionValues', column: string, distinct: number, min?: string | null, max?: string | null, values: Array<{ __typename?: 'PartitionValueCount', value?: string | null, files: number }> }> } | null } | null };

export type ConnectionsQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  platform?: InputMaybe<SourcePlatformId>;
  status?: InputMaybe<ConnectionStatus>;
  type?: InputMaybe<ConnectionType>;
  search?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<ListOrder>;
}>;


export type ConnectionsQuery = { __typename?: 'Query', connections: { __typename?: 'ConnectionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ConnectionEdge', cursor: string, node: { __typename?: 'Connection', id: string, name: string, type: ConnectionType, status: ConnectionStatus, statusReason?: string | null, createdAt: string, updatedAt: string, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } } }> }, connectionStatusCounts: Array<{ __typename?: 'ConnectionStatusCount', status: ConnectionStatus, count: number }> };

export type PlatformNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformNamesQuery = { __typename?: 'Query', catalog: Array<{ __typename?: 'SourcePlatform', id: SourcePlatformId, name: string }> };

export type ConnectionStatusChangedSubscriptionVariables = Exact<{
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ConnectionStatusChangedSubscription = { __typename?: 'Subscription', connectionStatusChanged: { __typename?: 'ConnectionStatusEvent', connectionId: string, from?: ConnectionStatus | null, to: ConnectionStatus, reason?: string | null, at: string } };

export type EventTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type EventTypesQuery = { __typename?: 'Query', eventTypes: Array<{ __typename?: 'EventType', name: string, firstSeen: string, lastSeen: string, countLastHour: number, countLast24h: number, hourlyCounts: Array<number>, enforced: boolean, properties: Array<{ __typename?: 'EventProperty', path: string, types: Array<string> }> }> };

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

export type CreateImportConnectionsQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type CreateImportConnectionsQuery = { __typename?: 'Query', active: { __typename?: 'ConnectionConnection', totalCount: number, edges: Array<{ __typename?: 'ConnectionEdge', node: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, createdAt: string, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } } }> }, counts: Array<{ __typename?: 'ConnectionStatusCount', status: ConnectionStatus, count: number }> };

export type CreateImportTablesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CreateImportTablesQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, schemaRefresh?: { __typename?: 'SchemaRefresh', status: SchemaRefreshStatus } | null, tables: Array<{ __typename?: 'SourceTable', name: string, ignoredReason?: string | null, fileCount?: number | null, totalBytes?: number | null, partitionColumns: Array<string>, columns: Array<{ __typename?: 'SourceColumn', name: string, type: ColumnType, nullable: boolean, isPartition: boolean, nested: boolean, sourceType?: string | null }> }> } | null };

export type CreateImportMutationVariables = Exact<{
  input: CreateImportInput;
}>;


export type CreateImportMutation = { __typename?: 'Mutation', createImport: { __typename?: 'Import', id: string, name: string } };

export type CreateImportTableSampleQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type CreateImportTableSampleQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, table?: { __typename?: 'SourceTable', name: string, sampleRows: Array<Array<string | null> | null>, columns: Array<{ __typename?: 'SourceColumn', name: string }> } | null } | null };

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


export type ImportQuery = { __typename?: 'Query', import?: { __typename?: 'Import', id: string, name: string, table: string, type: ImportType, columns: Array<string>, userIdColumn: string, timestampColumn?: string | null, identifierColumn?: string | null, identifierType?: string | null, groupIdColumn?: string | null, isDeletedColumn?: string | null, status: ImportStatus, statusReason?: string | null, schedule: string, nextRunAt?: string | null, rejectThreshold: number, createdAt: string, rowCount: number, runs: { __typename?: 'ImportRunConnection', totalCount: number, edges: Array<{ __typename?: 'ImportRunEdge', node: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null } }> }, storedColumns: Array<{ __typename?: 'ImportColumn', name: string, type: ColumnType }>, connection: { __typename?: 'Connection', id: string, name: string, status: ConnectionStatus, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }, schemaChanges: Array<{ __typename?: 'SchemaChange', id: string, importId: string, kind: SchemaChangeKind, column: string, previousType?: ColumnType | null, newType?: ColumnType | null, support: SchemaChangeSupport, status: SchemaChangeStatus, description: string, detectedAt: string, resolvedAt?: string | null, sourceFile?: string | null }> } | null, importTypes: Array<{ __typename?: 'ImportTypeDefinition', type: ImportType, label: string, description: string, keyFields: Array<string>, incremental: boolean, minAttributes: number, attributesMessage?: string | null, mappings: Array<{ __typename?: 'ImportTypeMapping', key: string, label: string, required: boolean, types?: Array<ColumnType> | null, help: string }>, textInputs: Array<{ __typename?: 'ImportTypeTextInput', key: string, label: string, required: boolean, pattern: string, requiredMessage: string, patternMessage: string, placeholder: string, help: string }> }> };

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

export type ResyncImportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResyncImportMutation = { __typename?: 'Mutation', resyncImport: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus, trigger: ImportRunTrigger, attempt: number, queuedAt: string, notBefore?: string | null, startedAt?: string | null, finishedAt?: string | null, filesTotal?: number | null, filesDone?: number | null, rowsRead: number, rowsImported: number, rowsRejected: number, bytesRead: number, error?: string | null, durationMs?: number | null } };

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

export type ImportStatusChangedSubscriptionVariables = Exact<{
  importId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ImportStatusChangedSubscription = { __typename?: 'Subscription', importStatusChanged: { __typename?: 'ImportStatusEvent', importId: string, from: ImportStatus, to: ImportStatus, reason?: string | null } };

export type ImportsQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  connectionId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ImportStatus>;
  search?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<ListOrder>;
}>;


export type ImportsQuery = { __typename?: 'Query', importTypes: Array<{ __typename?: 'ImportTypeDefinition', type: ImportType, label: string }>, imports: { __typename?: 'ImportConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ImportEdge', cursor: string, node: { __typename?: 'Import', id: string, name: string, table: string, type: ImportType, status: ImportStatus, statusReason?: string | null, schedule: string, nextRunAt?: string | null, rowCount: number, createdAt: string, connection: { __typename?: 'Connection', id: string, name: string, platform: { __typename?: 'SourcePlatform', id: SourcePlatformId, name: string } }, lastRun?: { __typename?: 'ImportRun', id: string, status: ImportRunStatus, startedAt?: string | null, finishedAt?: string | null, rowsImported: number, rowsRejected: number, error?: string | null } | null, schemaChanges: Array<{ __typename?: 'SchemaChange', id: string, support: SchemaChangeSupport }> } }> }, importStatusCounts: Array<{ __typename?: 'ImportStatusCount', status: ImportStatus, count: number }> };

export type ImportConnectionNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportConnectionNamesQuery = { __typename?: 'Query', connections: { __typename?: 'ConnectionConnection', totalCount: number, edges: Array<{ __typename?: 'ConnectionEdge', node: { __typename?: 'Connection', id: string, name: string } }> } };

export type ImportRunsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ImportRunsUpdatedSubscription = { __typename?: 'Subscription', importRunUpdated: { __typename?: 'ImportRun', id: string, importId: string, status: ImportRunStatus } };

export type ScheduleNextRunsQueryVariables = Exact<{
  schedule: Scalars['String']['input'];
}>;


export type ScheduleNextRunsQuery = { __typename?: 'Query', scheduleNextRuns: Array<string> };

export type DeliveryFieldsFragment = { __typename?: 'Delivery', id: string, dataType: string, key: string, rows: number, bytes: number, windowStart?: string | null, windowEnd?: string | null, attempt: number, status: string, error?: string | null, startedAt: string, finishedAt?: string | null };

export type DestinationQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DestinationQuery = { __typename?: 'Query', connection?: { __typename?: 'Connection', id: string, paused: boolean, lagSeconds?: number | null, deliveries: { __typename?: 'DeliveryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'DeliveryEdge', cursor: string, node: { __typename?: 'Delivery', id: string, dataType: string, key: string, rows: number, bytes: number, windowStart?: string | null, windowEnd?: string | null, attempt: number, status: string, error?: string | null, startedAt: string, finishedAt?: string | null } }> } } | null };

export type PauseDestinationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PauseDestinationMutation = { __typename?: 'Mutation', pauseDestination: { __typename?: 'Connection', id: string, paused: boolean } };

export type ResumeDestinationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResumeDestinationMutation = { __typename?: 'Mutation', resumeDestination: { __typename?: 'Connection', id: string, paused: boolean } };

export type DeliveryUpdatedSubscriptionVariables = Exact<{
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type DeliveryUpdatedSubscription = { __typename?: 'Subscription', deliveryUpdated: { __typename?: 'Delivery', id: string, dataType: string, key: string, rows: number, bytes: number, windowStart?: string | null, windowEnd?: string | null, attempt: number, status: string, error?: string | null, startedAt: string, finishedAt?: string | null } };

export type ExportDayMutationVariables = Exact<{
  connectionId: Scalars['ID']['input'];
  date: Scalars['String']['input'];
}>;


export type ExportDayMutation = { __typename?: 'Mutation', exportDay: { __typename?: 'Delivery', id: string, dataType: string, key: string, rows: number, bytes: number, windowStart?: string | null, windowEnd?: string | null, attempt: number, status: string, error?: string | null, startedAt: string, finishedAt?: string | null } };

export type DestinationPolicyQueryVariables = Exact<{
  bucketName: Scalars['String']['input'];
  kmsKeyArn?: InputMaybe<Scalars['String']['input']>;
}>;


export type DestinationPolicyQuery = { __typename?: 'Query', s3DestinationPolicy: string };

export type SegmentSummaryFragment = { __typename?: 'Segment', id: string, code: number, name: string, description?: string | null, tags: Array<string>, status: SegmentStatus, statusReason?: string | null, size?: number | null, lastEvaluatedAt?: string | null, createdAt: string, updatedAt: string, sizeHistory: Array<{ __typename?: 'SegmentEvaluation', at: string, size: number, added: number, removed: number }> };

export type SegmentsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SegmentsQuery = { __typename?: 'Query', segments: { __typename?: 'SegmentConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SegmentEdge', node: { __typename?: 'Segment', id: string, code: number, name: string, description?: string | null, tags: Array<string>, status: SegmentStatus, statusReason?: string | null, size?: number | null, lastEvaluatedAt?: string | null, createdAt: string, updatedAt: string, sizeHistory: Array<{ __typename?: 'SegmentEvaluation', at: string, size: number, added: number, removed: number }> } }> } };

export type SegmentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SegmentQuery = { __typename?: 'Query', segment?: { __typename?: 'Segment', rule: any, eventTypes: Array<string>, members: any, id: string, code: number, name: string, description?: string | null, tags: Array<string>, status: SegmentStatus, statusReason?: string | null, size?: number | null, lastEvaluatedAt?: string | null, createdAt: string, updatedAt: string, imports: Array<{ __typename?: 'Import', id: string, name: string, type: ImportType, status: ImportStatus, statusReason?: string | null }>, history: Array<{ __typename?: 'SegmentEvaluation', at: string, size: number, added: number, removed: number, durationMs: number }>, sizeHistory: Array<{ __typename?: 'SegmentEvaluation', at: string, size: number, added: number, removed: number }> } | null };

export type SegmentBuilderDataQueryVariables = Exact<{ [key: string]: never; }>;


export type SegmentBuilderDataQuery = { __typename?: 'Query', aggregateOperators: Array<ConditionOperator>, imports: { __typename?: 'ImportConnection', edges: Array<{ __typename?: 'ImportEdge', node: { __typename?: 'Import', id: string, name: string, type: ImportType, status: ImportStatus, identifierType?: string | null, storedColumns: Array<{ __typename?: 'ImportColumn', name: string, type: ColumnType }> } }> }, eventTypes: Array<{ __typename?: 'EventType', name: string, properties: Array<{ __typename?: 'EventProperty', path: string, types: Array<string> }> }>, segmentOperators: Array<{ __typename?: 'ColumnTypeOperators', type: ColumnType, operators: Array<ConditionOperator> }> };

export type EstimateSegmentQueryVariables = Exact<{
  rule: SegmentRuleInput;
}>;


export type EstimateSegmentQuery = { __typename?: 'Query', estimateSegment: number };

export type CreateSegmentMutationVariables = Exact<{
  input: CreateSegmentInput;
}>;


export type CreateSegmentMutation = { __typename?: 'Mutation', createSegment: { __typename?: 'Segment', id: string } };

export type UpdateSegmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: CreateSegmentInput;
}>;


export type UpdateSegmentMutation = { __typename?: 'Mutation', updateSegment: { __typename?: 'Segment', id: string } };

export type DeleteSegmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteSegmentMutation = { __typename?: 'Mutation', deleteSegment: boolean };

export type EvaluateSegmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EvaluateSegmentMutation = { __typename?: 'Mutation', evaluateSegment: { __typename?: 'Segment', id: string, status: SegmentStatus } };

export type SegmentEvaluatedSubscriptionVariables = Exact<{
  segmentId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type SegmentEvaluatedSubscription = { __typename?: 'Subscription', segmentEvaluated: { __typename?: 'SegmentEvaluation', segmentId: string, at: string, size: number, added: number, removed: number } };

export type NotificationChannelsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationChannelsQuery = { __typename?: 'Query', notificationChannels: Array<{ __typename?: 'NotificationChannel', id: string, name: string, kind: ChannelKind, kinds: Array<AlertKind>, urlHint: string, disabledReason?: string | null, disabledAt?: string | null, failingSince?: string | null, createdAt: string }> };

export type NotificationDeliveriesQueryVariables = Exact<{
  channelId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type NotificationDeliveriesQuery = { __typename?: 'Query', notificationDeliveries: { __typename?: 'NotificationDeliveryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'NotificationDeliveryEdge', cursor: string, node: { __typename?: 'NotificationDelivery', id: string, alertKind?: AlertKind | null, test: boolean, reason: string, status: NotificationDeliveryStatus, attempts: number, lastStatusCode?: number | null, lastError?: string | null, createdAt: string, finishedAt?: string | null, attemptLog: Array<{ __typename?: 'NotificationAttempt', attempt: number, at: string, statusCode?: number | null, error?: string | null, durationMs: number }> } }> } };

export type CreateNotificationChannelMutationVariables = Exact<{
  input: CreateNotificationChannelInput;
}>;


export type CreateNotificationChannelMutation = { __typename?: 'Mutation', createNotificationChannel: { __typename?: 'CreatedNotificationChannel', secret: string, channel: { __typename?: 'NotificationChannel', id: string, name: string, kind: ChannelKind } } };

export type DeleteNotificationChannelMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteNotificationChannelMutation = { __typename?: 'Mutation', deleteNotificationChannel: boolean };

export type TestNotificationChannelMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestNotificationChannelMutation = { __typename?: 'Mutation', testNotificationChannel: boolean };

export type EnableNotificationChannelMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EnableNotificationChannelMutation = { __typename?: 'Mutation', enableNotificationChannel: { __typename?: 'NotificationChannel', id: string, disabledReason?: string | null } };

export type AuditLogQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  action?: InputMaybe<Scalars['String']['input']>;
  apiKeyId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type AuditLogQuery = { __typename?: 'Query', auditLog: { __typename?: 'AuditEntryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'AuditEntryEdge', cursor: string, node: { __typename?: 'AuditEntry', id: string, at: string, apiKeyId: string, apiKeyName: string, action: string, targetId?: string | null, outcome: string } }> } };

export type AuditKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditKeysQuery = { __typename?: 'Query', apiKeys: Array<{ __typename?: 'ApiKey', id: string, name: string, revokedAt?: string | null }> };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', apiKeyId: string, isAdmin: boolean, workspace: { __typename?: 'Workspace', id: string, name: string } }, workspaces: Array<{ __typename?: 'Workspace', id: string, name: string, createdAt: string }> };

export type ApiKeysQueryVariables = Exact<{
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ApiKeysQuery = { __typename?: 'Query', apiKeys: Array<{ __typename?: 'ApiKey', id: string, name: string, prefix: string, isAdmin: boolean, scope: ApiKeyScope, createdAt: string, revokedAt?: string | null, lastUsedAt?: string | null }> };

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

export const PlatformFormFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<PlatformFormFragment, unknown>;
export const ConnectionDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ConnectionDetailFragment, unknown>;
export const ImportTypeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ImportTypeFieldsFragment, unknown>;
export const ImportRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<ImportRunFieldsFragment, unknown>;
export const SchemaChangeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}}]} as unknown as DocumentNode<SchemaChangeFieldsFragment, unknown>;
export const ImportDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Import"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"userIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"timestampColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"groupIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"isDeletedColumn"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}}]} as unknown as DocumentNode<ImportDetailFragment, unknown>;
export const DeliveryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Delivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dataType"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<DeliveryFieldsFragment, unknown>;
export const SegmentSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"lastEvaluatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sizeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}}]}}]} as unknown as DocumentNode<SegmentSummaryFragment, unknown>;
export const AttentionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Attention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingSchemaChanges"}},{"kind":"Field","name":{"kind":"Name","value":"blockedImports"}},{"kind":"Field","name":{"kind":"Name","value":"failingImports"}},{"kind":"Field","name":{"kind":"Name","value":"inactiveConnections"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]} as unknown as DocumentNode<AttentionQuery, AttentionQueryVariables>;
export const AttentionImportStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AttentionImportStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importStatusChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]} as unknown as DocumentNode<AttentionImportStatusSubscription, AttentionImportStatusSubscriptionVariables>;
export const AttentionConnectionStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AttentionConnectionStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionStatusChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]} as unknown as DocumentNode<AttentionConnectionStatusSubscription, AttentionConnectionStatusSubscriptionVariables>;
export const AttentionSchemaChangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AttentionSchemaChange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schemaChangeDetected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AttentionSchemaChangeSubscription, AttentionSchemaChangeSubscriptionVariables>;
export const AttentionRunFinishedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AttentionRunFinished"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AttentionRunFinishedSubscription, AttentionRunFinishedSubscriptionVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"category"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SourceCategory"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"category"},"value":{"kind":"Variable","name":{"kind":"Name","value":"category"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"connectionCount"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;
export const ConnectFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlatformForm"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlatformForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ConnectFormQuery, ConnectFormQueryVariables>;
export const BucketPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BucketPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"s3BucketPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucketName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}}}]}]}}]} as unknown as DocumentNode<BucketPolicyQuery, BucketPolicyQueryVariables>;
export const AwsPrincipalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AwsPrincipal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"awsPrincipal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"isPlaceholder"}}]}}]}}]} as unknown as DocumentNode<AwsPrincipalQuery, AwsPrincipalQueryVariables>;
export const CreateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CreateConnectionMutation, CreateConnectionMutationVariables>;
export const ConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ConnectionQuery, ConnectionQueryVariables>;
export const ValidateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<ValidateConnectionMutation, ValidateConnectionMutationVariables>;
export const RefreshConnectionSchemaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshConnectionSchema"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshConnectionSchema"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<RefreshConnectionSchemaMutation, RefreshConnectionSchemaMutationVariables>;
export const RotateConnectionCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateConnectionCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectionCredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateConnectionCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<RotateConnectionCredentialsMutation, RotateConnectionCredentialsMutationVariables>;
export const DeactivateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsHint"}},{"kind":"Field","name":{"kind":"Name","value":"settings"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"inputKey"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsKey"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"schemaFile"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"newestFileAt"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}}]}}]}}]} as unknown as DocumentNode<DeactivateConnectionMutation, DeactivateConnectionMutationVariables>;
export const DeleteConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteConnectionMutation, DeleteConnectionMutationVariables>;
export const TableDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TableDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"table"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partitionValues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"distinct"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"files"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sampleRows"}}]}}]}}]}}]} as unknown as DocumentNode<TableDetailsQuery, TableDetailsQueryVariables>;
export const ConnectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"platform"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SourcePlatformId"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectionStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectionType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ListOrder"}},"defaultValue":{"kind":"EnumValue","value":"CREATED_AT_DESC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"platform"},"value":{"kind":"Variable","name":{"kind":"Name","value":"platform"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionStatusCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"platform"},"value":{"kind":"Variable","name":{"kind":"Name","value":"platform"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ConnectionsQuery, ConnectionsQueryVariables>;
export const PlatformNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlatformNamesQuery, PlatformNamesQueryVariables>;
export const ConnectionStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConnectionStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ConnectionStatusChangedSubscription, ConnectionStatusChangedSubscriptionVariables>;
export const EventTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"countLastHour"}},{"kind":"Field","name":{"kind":"Name","value":"countLast24h"}},{"kind":"Field","name":{"kind":"Name","value":"hourlyCounts"}},{"kind":"Field","name":{"kind":"Name","value":"enforced"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"types"}}]}}]}}]}}]} as unknown as DocumentNode<EventTypesQuery, EventTypesQueryVariables>;
export const RecentEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recentEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}]}]}}]} as unknown as DocumentNode<RecentEventsQuery, RecentEventsQueryVariables>;
export const SetEventTypeEnforcedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetEventTypeEnforced"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enforced"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setEventTypeEnforced"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"enforced"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enforced"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enforced"}}]}}]}}]} as unknown as DocumentNode<SetEventTypeEnforcedMutation, SetEventTypeEnforcedMutationVariables>;
export const EventsIngestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EventsIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventsIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}}]}}]}}]}}]} as unknown as DocumentNode<EventsIngestedSubscription, EventsIngestedSubscriptionVariables>;
export const CreateImportConnectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreateImportConnections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"active"},"name":{"kind":"Name","value":"connections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"ACTIVE"}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"SOURCE"}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"NAME_ASC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"counts"},"name":{"kind":"Name","value":"connectionStatusCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"SOURCE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CreateImportConnectionsQuery, CreateImportConnectionsQueryVariables>;
export const CreateImportTablesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreateImportTables"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"schemaRefresh"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredReason"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"partitionColumns"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"isPartition"}},{"kind":"Field","name":{"kind":"Name","value":"nested"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateImportTablesQuery, CreateImportTablesQueryVariables>;
export const CreateImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateImportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateImportMutation, CreateImportMutationVariables>;
export const CreateImportTableSampleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreateImportTableSample"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"table"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sampleRows"}}]}}]}}]}}]} as unknown as DocumentNode<CreateImportTableSampleQuery, CreateImportTableSampleQueryVariables>;
export const ImportTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportTypeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}}]} as unknown as DocumentNode<ImportTypesQuery, ImportTypesQueryVariables>;
export const ImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Import"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"import"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportDetail"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportTypeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportTypeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTypeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"keyFields"}},{"kind":"Field","name":{"kind":"Name","value":"incremental"}},{"kind":"Field","name":{"kind":"Name","value":"minAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributesMessage"}},{"kind":"Field","name":{"kind":"Name","value":"mappings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"types"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}},{"kind":"Field","name":{"kind":"Name","value":"textInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"requiredMessage"}},{"kind":"Field","name":{"kind":"Name","value":"patternMessage"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}},{"kind":"Field","name":{"kind":"Name","value":"help"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"previousType"}},{"kind":"Field","name":{"kind":"Name","value":"newType"}},{"kind":"Field","name":{"kind":"Name","value":"support"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Import"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"userIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"timestampColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierColumn"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"groupIdColumn"}},{"kind":"Field","name":{"kind":"Name","value":"isDeletedColumn"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}}]}}]} as unknown as DocumentNode<ImportQuery, ImportQueryVariables>;
export const ImportPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"import"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}]}]}}]}}]} as unknown as DocumentNode<ImportPreviewQuery, ImportPreviewQueryVariables>;
export const ImportRunRejectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportRunRejects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"rejects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportRunRejectsQuery, ImportRunRejectsQueryVariables>;
export const RunImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<RunImportMutation, RunImportMutationVariables>;
export const ResyncImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResyncImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resyncImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<ResyncImportMutation, ResyncImportMutationVariables>;
export const PauseImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<PauseImportMutation, PauseImportMutationVariables>;
export const ResumeImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ResumeImportMutation, ResumeImportMutationVariables>;
export const UpdateImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateImportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rejectThreshold"}}]}}]}}]} as unknown as DocumentNode<UpdateImportMutation, UpdateImportMutationVariables>;
export const DeleteImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteImportMutation, DeleteImportMutationVariables>;
export const AcceptSchemaChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptSchemaChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"columns"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptSchemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}},{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"columns"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AcceptSchemaChangesMutation, AcceptSchemaChangesMutationVariables>;
export const DismissSchemaChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DismissSchemaChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"columns"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissSchemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}},{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"columns"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DismissSchemaChangesMutation, DismissSchemaChangesMutationVariables>;
export const ImportRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]} as unknown as DocumentNode<ImportRunUpdatedSubscription, ImportRunUpdatedSubscriptionVariables>;
export const SchemaChangeDetectedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SchemaChangeDetected"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schemaChangeDetected"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}}]} as unknown as DocumentNode<SchemaChangeDetectedSubscription, SchemaChangeDetectedSubscriptionVariables>;
export const ImportStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"importId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"importId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"importId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<ImportStatusChangedSubscription, ImportStatusChangedSubscriptionVariables>;
export const ImportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Imports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ListOrder"}},"defaultValue":{"kind":"EnumValue","value":"CREATED_AT_DESC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowsImported"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRejected"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schemaChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PENDING"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"support"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"importStatusCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ImportsQuery, ImportsQueryVariables>;
export const ImportConnectionNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportConnectionNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"NAME_ASC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImportConnectionNamesQuery, ImportConnectionNamesQueryVariables>;
export const ImportRunsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportRunsUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ImportRunsUpdatedSubscription, ImportRunsUpdatedSubscriptionVariables>;
export const ScheduleNextRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleNextRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleNextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"schedule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}}},{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"3"}}]}]}}]} as unknown as DocumentNode<ScheduleNextRunsQuery, ScheduleNextRunsQueryVariables>;
export const DestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Destination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Delivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dataType"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<DestinationQuery, DestinationQueryVariables>;
export const PauseDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}}]}}]} as unknown as DocumentNode<PauseDestinationMutation, PauseDestinationMutationVariables>;
export const ResumeDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}}]}}]} as unknown as DocumentNode<ResumeDestinationMutation, ResumeDestinationMutationVariables>;
export const DeliveryUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DeliveryUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deliveryUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Delivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dataType"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<DeliveryUpdatedSubscription, DeliveryUpdatedSubscriptionVariables>;
export const ExportDayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExportDay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportDay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Delivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dataType"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<ExportDayMutation, ExportDayMutationVariables>;
export const DestinationPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DestinationPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kmsKeyArn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"s3DestinationPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucketName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucketName"}}},{"kind":"Argument","name":{"kind":"Name","value":"kmsKeyArn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kmsKeyArn"}}}]}]}}]} as unknown as DocumentNode<DestinationPolicyQuery, DestinationPolicyQueryVariables>;
export const SegmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Segments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"lastEvaluatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sizeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}}]}}]} as unknown as DocumentNode<SegmentsQuery, SegmentsQueryVariables>;
export const SegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Segment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SegmentSummary"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"history"},"name":{"kind":"Name","value":"sizeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SegmentSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Segment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"lastEvaluatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sizeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}}]}}]} as unknown as DocumentNode<SegmentQuery, SegmentQueryVariables>;
export const SegmentBuilderDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentBuilderData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"identifierType"}},{"kind":"Field","name":{"kind":"Name","value":"storedColumns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"types"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"segmentOperators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"operators"}}]}},{"kind":"Field","name":{"kind":"Name","value":"aggregateOperators"}}]}}]} as unknown as DocumentNode<SegmentBuilderDataQuery, SegmentBuilderDataQueryVariables>;
export const EstimateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstimateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rule"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"estimateSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rule"}}}]}]}}]} as unknown as DocumentNode<EstimateSegmentQuery, EstimateSegmentQueryVariables>;
export const CreateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateSegmentMutation, CreateSegmentMutationVariables>;
export const UpdateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UpdateSegmentMutation, UpdateSegmentMutationVariables>;
export const DeleteSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteSegmentMutation, DeleteSegmentMutationVariables>;
export const EvaluateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EvaluateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluateSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<EvaluateSegmentMutation, EvaluateSegmentMutationVariables>;
export const SegmentEvaluatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SegmentEvaluated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentEvaluated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}}]}}]} as unknown as DocumentNode<SegmentEvaluatedSubscription, SegmentEvaluatedSubscriptionVariables>;
export const NotificationChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"urlHint"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"failingSince"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<NotificationChannelsQuery, NotificationChannelsQueryVariables>;
export const NotificationDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"alertKind"}},{"kind":"Field","name":{"kind":"Name","value":"test"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attemptLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationDeliveriesQuery, NotificationDeliveriesQueryVariables>;
export const CreateNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateNotificationChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<CreateNotificationChannelMutation, CreateNotificationChannelMutationVariables>;
export const DeleteNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteNotificationChannelMutation, DeleteNotificationChannelMutationVariables>;
export const TestNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<TestNotificationChannelMutation, TestNotificationChannelMutationVariables>;
export const EnableNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}}]}}]}}]} as unknown as DocumentNode<EnableNotificationChannelMutation, EnableNotificationChannelMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"apiKeyId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"apiKeyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"apiKeyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyName"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const AuditKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<AuditKeysQuery, AuditKeysQueryVariables>;
export const SettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SettingsQuery, SettingsQueryVariables>;
export const ApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]}}]} as unknown as DocumentNode<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyScope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceId"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const CreateWorkspaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWorkspace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkspace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateWorkspaceMutation, CreateWorkspaceMutationVariables>;