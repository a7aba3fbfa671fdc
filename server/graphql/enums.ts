import { registerEnumType } from 'type-graphql';

/** The contract's enums, as TypeScript objects type-graphql can register. */
export enum SourcePlatformId { BIGQUERY = 'BIGQUERY', SNOWFLAKE = 'SNOWFLAKE', S3 = 'S3', GCS = 'GCS', S3_STREAMING = 'S3_STREAMING', S3_BATCH = 'S3_BATCH' }
export enum SourceCategory { DATA_WAREHOUSE = 'DATA_WAREHOUSE', CLOUD_STORAGE = 'CLOUD_STORAGE', ROUTING = 'ROUTING' }
export enum ConnectionType { SOURCE = 'SOURCE', DESTINATION = 'DESTINATION' }
export enum ExportFormat { JSON_GZIP = 'JSON_GZIP', PARQUET_SNAPPY = 'PARQUET_SNAPPY' }
export enum DestinationScope { WORKSPACE = 'WORKSPACE', ALL_WORKSPACES = 'ALL_WORKSPACES' }
export enum ConnectionStatus { PROCESSING = 'PROCESSING', ACTIVE = 'ACTIVE', INACTIVE = 'INACTIVE', DEPRECATED = 'DEPRECATED' }
export enum DataFormat { CSV = 'CSV', PARQUET = 'PARQUET' }
export enum Partitioning { ALL_TABLES = 'ALL_TABLES', NO_TABLES = 'NO_TABLES' }
export enum ColumnType { STRING = 'STRING', INTEGER = 'INTEGER', FLOAT = 'FLOAT', BOOLEAN = 'BOOLEAN', DATE = 'DATE', TIMESTAMP = 'TIMESTAMP' }
export enum SchemaRefreshStatus { IN_PROGRESS = 'IN_PROGRESS', COMPLETED = 'COMPLETED', ERROR = 'ERROR' }

registerEnumType(SourcePlatformId, { name: 'SourcePlatformId', description: 'A platform of the catalog' });
registerEnumType(SourceCategory, { name: 'SourceCategory' });
registerEnumType(ConnectionType, {
  name: 'ConnectionType',
  valuesConfig: { SOURCE: { description: 'Data comes in (imports)' }, DESTINATION: { description: 'Data goes out (routing: S3 Streaming, S3 Batch)' } },
});
registerEnumType(ExportFormat, { name: 'ExportFormat', valuesConfig: { JSON_GZIP: { description: 'JSON lines, gzip' }, PARQUET_SNAPPY: { description: 'Parquet with Snappy' } } });
registerEnumType(DestinationScope, {
  name: 'DestinationScope',
  valuesConfig: { WORKSPACE: { description: "This workspace's data" }, ALL_WORKSPACES: { description: 'Every workspace (instance admin only); every row carries workspace_id' } },
});
registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  valuesConfig: {
    PROCESSING: { description: 'Being validated' },
    ACTIVE: { description: 'Validated; imports can use it' },
    INACTIVE: { description: 'Failed validation, deactivated, or credentials rejected during a run; see statusReason' },
    DEPRECATED: { description: 'Its platform has been retired on this server' },
  },
});
registerEnumType(DataFormat, { name: 'DataFormat' });
registerEnumType(Partitioning, { name: 'Partitioning' });
registerEnumType(ColumnType, { name: 'ColumnType' });
registerEnumType(SchemaRefreshStatus, { name: 'SchemaRefreshStatus' });

export enum ImportType { USER_PROFILE = 'USER_PROFILE', USER_ACTIVITY = 'USER_ACTIVITY', IDENTITY = 'IDENTITY', GROUP_MEMBERSHIP = 'GROUP_MEMBERSHIP' }
export enum ImportStatus { ACTIVE = 'ACTIVE', PAUSED = 'PAUSED', BLOCKED = 'BLOCKED' }
export enum ImportRunStatus { QUEUED = 'QUEUED', RUNNING = 'RUNNING', SUCCEEDED = 'SUCCEEDED', FAILED = 'FAILED', CANCELLED = 'CANCELLED' }
export enum ImportRunTrigger { SCHEDULE = 'SCHEDULE', MANUAL = 'MANUAL', RETRY = 'RETRY', RESYNC = 'RESYNC' }

registerEnumType(ImportType, {
  name: 'ImportType',
  valuesConfig: {
    USER_PROFILE: { description: 'User attributes; each run replaces the whole snapshot' },
    USER_ACTIVITY: { description: 'Time-stamped events; each run appends only files (or rows) not imported before' },
    IDENTITY: { description: 'Identity pairs (user id, identifier of a type); rows upsert' },
    GROUP_MEMBERSHIP: { description: 'User-group memberships with a cursor; is_deleted rows remove the membership' },
  },
});
registerEnumType(ImportStatus, { name: 'ImportStatus', valuesConfig: { BLOCKED: { description: 'An unsupported schema change stops its runs; see statusReason' } } });
registerEnumType(ImportRunStatus, { name: 'ImportRunStatus', valuesConfig: { CANCELLED: { description: 'Did not run (e.g. skipped because the import is BLOCKED); see error' } } });
registerEnumType(ImportRunTrigger, {
  name: 'ImportRunTrigger',
  valuesConfig: { RESYNC: { description: 'A full re-import from scratch (resyncImport), swapped in only when it succeeds; its retries keep this trigger' } },
});

export enum SchemaChangeKind { COLUMN_ADDED = 'COLUMN_ADDED', COLUMN_REMOVED = 'COLUMN_REMOVED', COLUMN_RENAMED = 'COLUMN_RENAMED', COLUMN_REORDERED = 'COLUMN_REORDERED', TYPE_CHANGED = 'TYPE_CHANGED' }
export enum SchemaChangeSupport { SUPPORTED = 'SUPPORTED', UNSUPPORTED = 'UNSUPPORTED' }
export enum SchemaChangeStatus { PENDING = 'PENDING', ACCEPTED = 'ACCEPTED', DISMISSED = 'DISMISSED', RESOLVED = 'RESOLVED' }

registerEnumType(SchemaChangeKind, { name: 'SchemaChangeKind' });
registerEnumType(SchemaChangeSupport, {
  name: 'SchemaChangeSupport',
  valuesConfig: { SUPPORTED: { description: 'Can be accepted into the import (or dismissed)' }, UNSUPPORTED: { description: 'Blocks the import until reverted at the source' } },
});
registerEnumType(SchemaChangeStatus, {
  name: 'SchemaChangeStatus',
  valuesConfig: { RESOLVED: { description: 'The source went back: the change is no longer there' } },
});

export enum ListOrder { CREATED_AT_DESC = 'CREATED_AT_DESC', CREATED_AT_ASC = 'CREATED_AT_ASC', NAME_ASC = 'NAME_ASC', NAME_DESC = 'NAME_DESC' }
export enum RunOrder { QUEUED_AT_DESC = 'QUEUED_AT_DESC', QUEUED_AT_ASC = 'QUEUED_AT_ASC' }

registerEnumType(ListOrder, {
  name: 'ListOrder',
  description: 'The order of a list of connections or imports; ties are broken by id',
  valuesConfig: { CREATED_AT_DESC: { description: 'Newest first (the default)' }, NAME_ASC: { description: 'By name as the database collates it (binary on SQLite)' } },
});
registerEnumType(RunOrder, { name: 'RunOrder', valuesConfig: { QUEUED_AT_DESC: { description: 'Newest first (the default)' } } });
