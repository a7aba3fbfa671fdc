import type { PlatformId } from '../config.js';
import type { ConnectorFactory } from './connector.js';
import { gcsFactory } from './files/gcs.factory.js';
import { s3Factory } from './files/s3.factory.js';
import { bigqueryFactory } from './warehouses/bigquery/connector.js';
import { snowflakeFactory } from './warehouses/snowflake/connector.js';
import { s3BatchFactory, s3StreamingFactory } from '../routing/s3-destination.js';

/** The platforms Inlet can connect to today. A platform missing here is listed in the catalog but refused on create. */
export const connectorFactories: Partial<Record<PlatformId, ConnectorFactory>> = {
  S3: s3Factory,
  GCS: gcsFactory,
  BIGQUERY: bigqueryFactory,
  SNOWFLAKE: snowflakeFactory,
  S3_STREAMING: s3StreamingFactory,
  S3_BATCH: s3BatchFactory,
};
