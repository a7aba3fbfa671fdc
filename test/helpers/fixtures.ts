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

/** A GraphQL answer with every Relay page (`{ edges: [{ node }] }`) replaced by the list of its nodes: for tests about what a list holds, not about paging. */
export function flattenPages<T>(data: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.edges) && o.edges.every((e) => e && typeof e === 'object' && 'node' in e)) return o.edges.map((e) => walk((e as { node: unknown }).node));
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(data) as T;
}
