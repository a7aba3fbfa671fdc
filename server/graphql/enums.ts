import { registerEnumType } from 'type-graphql';

/** The contract's enums, as TypeScript objects type-graphql can register. */
export enum SourcePlatformId { BIGQUERY = 'BIGQUERY', SNOWFLAKE = 'SNOWFLAKE', S3 = 'S3', GCS = 'GCS' }
export enum SourceCategory { DATA_WAREHOUSE = 'DATA_WAREHOUSE', CLOUD_STORAGE = 'CLOUD_STORAGE' }
export enum ConnectionType { SOURCE = 'SOURCE' }
export enum ConnectionStatus { PROCESSING = 'PROCESSING', ACTIVE = 'ACTIVE', INACTIVE = 'INACTIVE', DEPRECATED = 'DEPRECATED' }
export enum DataFormat { CSV = 'CSV', PARQUET = 'PARQUET' }
export enum Partitioning { ALL_TABLES = 'ALL_TABLES', NO_TABLES = 'NO_TABLES' }
export enum ColumnType { STRING = 'STRING', INTEGER = 'INTEGER', FLOAT = 'FLOAT', BOOLEAN = 'BOOLEAN', DATE = 'DATE', TIMESTAMP = 'TIMESTAMP' }
export enum SchemaRefreshStatus { IN_PROGRESS = 'IN_PROGRESS', COMPLETED = 'COMPLETED', ERROR = 'ERROR' }

registerEnumType(SourcePlatformId, { name: 'SourcePlatformId', description: 'A platform of the catalog' });
registerEnumType(SourceCategory, { name: 'SourceCategory' });
registerEnumType(ConnectionType, { name: 'ConnectionType', description: 'Currently only SOURCE (imports into Inlet)' });
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
