import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import pg from 'pg';
import { startServer, type InletServer } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { setLogSink } from '../../server/log.js';
import { Topic, type TopicName } from '../../server/events/bus.js';

/** Which database this test run uses: SQLite unless the `postgres` vitest project set INLET_TEST_DB. */
export const testDatabase = process.env.INLET_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
}

export interface TestInlet {
  server: InletServer;
  url: string;
  adminKey: string;
  dataDir: string;
  config: Config;
  /** Every log line the server wrote. */
  logs: string[];
  /** POSTs a GraphQL operation with a key (the admin key by default); returns the raw body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GqlResult<T>>;
  /** Like gql but throws on errors and returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<T>;
  /** Every raw HTTP response body seen by gql/ok, for secret searches. */
  responses: string[];
  ws(key?: string): Client;
  /** Waits for background validations and refreshes. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const logs: string[] = [];
setLogSink((line) => logs.push(line));

/**
 * Boots a real Inlet server on a free port, with its own SQLite file (or its own PostgreSQL schema when the
 * run targets PostgreSQL), and an admin key.
 */
export async function startInlet(env: Record<string, string> = {}, reuse?: { dataDir: string; schema?: string; adminKey: string }): Promise<TestInlet> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'inlet-test-'));
  const adminKey = reuse?.adminKey ?? `inlet_test_${randomBytes(12).toString('hex')}`;
  const schema = reuse?.schema ?? `t_${randomBytes(6).toString('hex')}`;
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (testDatabase === 'postgres' && !pgUrl) throw new Error('the postgres project needs TEST_DATABASE_URL');
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      INLET_API_KEY: adminKey,
      INLET_ALLOW_PRIVATE_ENDPOINTS: 'true',
      INLET_SCHEDULER: 'false',
      INLET_RETRY_DELAYS_MS: '50,100,200',
      LOG_LEVEL: 'info',
      ...(testDatabase === 'postgres' ? { DATABASE_URL: pgUrl!, DATABASE_SCHEMA: schema } : {}),
      ...env,
    },
    { port: 0, host: '127.0.0.1', ...(env.INLET_CLIENT_DIR ? {} : { clientDir: path.join(dataDir, 'no-client') }) },
  );
  const server = await startServer(config);
  const responses: string[] = [];
  const gql = async (query: string, variables?: Record<string, unknown>, key: string | null = adminKey) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    responses.push(text);
    return JSON.parse(text);
  };
  const clients: Client[] = [];
  return {
    server,
    url: server.url,
    adminKey,
    dataDir,
    config,
    logs,
    responses,
    gql,
    async ok(query, variables, key) {
      const result = await gql(query, variables, key);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    ws(key = adminKey) {
      const client = createClient({
        url: server.url.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${key}` },
        retryAttempts: 0,
        lazy: false,
        // Closed sockets (a revoked key, the end of a test) are expected; subscriptions report them to the test.
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      return client;
    },
    idle: () => server.services.idle(),
    async close() {
      for (const c of clients) await c.dispose();
      await server.close();
      if (!reuse) {
        if (testDatabase === 'postgres') await dropSchema(pgUrl!, schema);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Marker events (see `subscribeReady`) carry an id with this prefix; `subscribe` keeps them out of `events`. */
const MARKER = 'test-marker-';

/** Collects a subscription's events until `done` says stop (or the timeout passes). */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const markers = new Set<string>();
  let completed = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        const marker = value.data ? new RegExp(`${MARKER}[0-9a-f]+`).exec(JSON.stringify(value.data)) : null;
        if (marker) markers.add(marker[0]);
        else if (value.data) events.push(value.data as T);
        wake();
      },
      error: (error) => {
        errors.push(error);
        completed = true;
        wake();
      },
      complete: () => {
        completed = true;
        wake();
      },
    },
  );
  return {
    events,
    errors,
    /** Ids of the marker events received. */
    markers,
    get completed() {
      return completed;
    },
    unsubscribe,
    /** Resolves when `predicate(events)` holds; rejects after `ms`. */
    async until(predicate: (events: T[]) => boolean, ms = 20_000): Promise<T[]> {
      const deadline = Date.now() + ms;
      while (!predicate(events)) {
        if (completed) throw new Error(`subscription ended: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 250));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return events;
    },
  };
}

/** The subscription fields the markers know, with the bus topic each one reads and the argument that scopes it. */
const MARKED: Record<string, { topic: TopicName; scope: string }> = {
  connectionStatusChanged: { topic: Topic.ConnectionStatus, scope: 'connectionId' },
  importRunUpdated: { topic: Topic.ImportRun, scope: 'importId' },
  schemaChangeDetected: { topic: Topic.SchemaChange, scope: 'importId' },
  // Unscoped only: a marker names itself in segmentId (the payload has no other text field).
  segmentEvaluated: { topic: 'SEGMENT_EVALUATED' as TopicName, scope: 'segmentId' },
  deliveryUpdated: { topic: 'DELIVERY_UPDATED' as TopicName, scope: 'connectionId' },
  importStatusChanged: { topic: 'IMPORT_STATUS' as TopicName, scope: 'importId' },
};

/** An event of `topic` that passes the subscription's filters (workspace, and its scope id) and names `id`. */
function markerEvent(topic: TopicName, id: string, workspaceId: string, scope: string | null): object {
  const at = new Date().toISOString();
  switch (topic as string) {
    case 'IMPORT_STATUS':
      return { importId: scope ?? id, workspaceId, from: 'ACTIVE', to: 'ACTIVE', reason: id };
    case Topic.ConnectionStatus:
      return { connectionId: scope ?? id, workspaceId, from: null, to: 'PROCESSING', reason: id, at };
    case Topic.ImportRun:
      return {
        id, importId: scope ?? id, workspaceId, status: 'CANCELLED', trigger: 'MANUAL', attempt: 1, queuedAt: at, notBefore: null, startedAt: null, finishedAt: at,
        heartbeatAt: null, owner: null, filesTotal: null, filesDone: null, rowsRead: 0, rowsImported: 0, rowsRejected: 0, bytesRead: 0, error: id, rejects: [],
      };
    case 'SEGMENT_EVALUATED' as TopicName:
      return { type: 'SegmentEvaluated', segmentId: id, workspaceId, code: 0, at, size: 0, added: 0, removed: 0, durationMs: 0 };
    case 'DELIVERY_UPDATED' as TopicName:
      return {
        type: 'DeliveryUpdated', id, connectionId: scope ?? id, workspaceId, dataType: 'events', key: id, rows: 0, bytes: 0, windowStart: null, windowEnd: null,
        attempt: 1, status: 'UPLOADING', error: null, startedAt: at, finishedAt: null,
      };
    default:
      return {
        id, importId: scope ?? id, workspaceId, kind: 'COLUMN_ADDED', column: id, previousType: null, newType: 'STRING', support: 'SUPPORTED', status: 'PENDING',
        description: id, detectedAt: at, resolvedAt: null, sourceFile: null,
      };
  }
}

/**
 * Opens a subscription and resolves once the server has registered it. graphql-ws acknowledges the connection but
 * not a subscription, so this publishes a marker event on the server's own bus (over NOTIFY on PostgreSQL) until the
 * subscription receives one; markers never reach `events`. `flush()` does it again: every event published before it
 * has then arrived, so a test can assert that something did NOT happen.
 */
export async function subscribeReady<T = any>(inlet: TestInlet, query: string, variables: Record<string, unknown> = {}, key = inlet.adminKey) {
  const field = Object.keys(MARKED).find((name) => query.includes(name));
  if (!field) throw new Error(`subscribeReady knows no marker for ${query}`);
  const { topic, scope } = MARKED[field]!;
  const scopeVariable = new RegExp(`${scope}:\\s*\\$(\\w+)`).exec(query)?.[1];
  const scopeId = scopeVariable ? ((variables[scopeVariable] as string | undefined) ?? null) : null;
  const workspaceId: string = (await inlet.ok(`{ viewer { workspace { id } } }`, {}, key)).viewer.workspace.id;
  const sub = subscribe<T>(inlet.ws(key), query, variables);
  const flush = async (ms = 20_000) => {
    const id = `${MARKER}${randomBytes(8).toString('hex')}`;
    const deadline = Date.now() + ms;
    // Published again until one arrives: one published before the server registered the subscription is lost.
    while (!sub.markers.has(id)) {
      await inlet.server.services.bus.publish(topic, markerEvent(topic, id, workspaceId, scopeId));
      try {
        await sub.until(() => sub.markers.has(id), 100);
      } catch (error) {
        if (sub.completed || Date.now() > deadline) throw error;
      }
    }
  };
  await flush();
  return Object.assign(sub, { flush });
}

/** Polls `fn` until it returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every file under a directory, as bytes, for secret searches of the database files. */
export function readAllFiles(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readAllFiles(full));
    else out.push(readFileSync(full));
  }
  return out;
}
