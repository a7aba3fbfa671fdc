import { S3_KEY, type LocalS3 } from './s3.js';
import type { TestInlet } from './inlet.js';

/** GraphQL fields most tests read from a connection. */
export const CONNECTION_FIELDS = `id name status statusReason credentialsHint settings createdAt type platform { id name }
  statusHistory { from to reason at }`;

export const CREATE_CONNECTION = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { ${CONNECTION_FIELDS} } }`;

/** An S3 connection input for the local S3 server. */
export function s3Input(s3: LocalS3, overrides: Record<string, unknown> = {}, credentials: Record<string, unknown> = S3_KEY) {
  return {
    name: 'Local S3',
    s3: {
      region: 'us-east-1',
      bucketName: 'audiences',
      schemaPrefix: 'data/audiences/',
      dataFormat: 'PARQUET',
      partitioning: 'NO_TABLES',
      endpoint: s3.endpoint,
      credentials,
      ...overrides,
    },
  };
}

/** Reads a connection until its status is no longer PROCESSING. */
export async function settled(inlet: TestInlet, id: string) {
  await inlet.idle();
  const data = await inlet.ok(`query($id: ID!) { connection(id: $id) { ${CONNECTION_FIELDS} } }`, { id });
  return data.connection;
}
