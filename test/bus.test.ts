/**
 * The PostgreSQL event bus survives losing its LISTEN connection (a PostgreSQL restart, a failover, a reaper),
 * tested on the real server: the LISTEN backend is terminated with pg_terminate_backend, found by the bus's own
 * application_name. The bus's reconnection goes through a TCP proxy (INLET_BUS_DATABASE_URL) the test holds, so the
 * outage lasts exactly as long as the test needs to look at it; nothing waits on time. PostgreSQL only: the SQLite
 * bus is in-process and cannot lose a connection.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { PgBus, Topic, type BusState, type EventBus } from '../server/events/bus.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { eventually, startInlet, subscribe, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

const pgUrl = process.env.TEST_DATABASE_URL ?? '';
const STATUS_SUB = `subscription($id: ID) { connectionStatusChanged(connectionId: $id) { connectionId from to } }`;

/** Resolves with the reason at the bus's next change to `state` (register before causing it). */
function nextState(bus: EventBus, state: BusState): Promise<string | null> {
  return new Promise((resolve) => {
    const off = bus.onStateChange!((s, reason) => {
      if (s !== state) return;
      off();
      resolve(reason);
    });
  });
}

/** Terminates the LISTEN backend of one bus, found by its application_name; returns how many were terminated. */
async function terminateListener(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
      [applicationName],
    );
    return rows.filter((r) => r.done).length;
  } finally {
    await admin.end();
  }
}

/** Resolves when an event with this `n` arrives on the bus (register before publishing). */
function arrival(bus: EventBus, n: number): Promise<void> {
  return new Promise((resolve) => {
    const off = bus.on(Topic.ImportRun, (payload) => {
      if (payload.n !== n) return;
      off();
      resolve();
    });
  });
}

describe.skipIf(testDatabase !== 'postgres')('PgBus on PostgreSQL', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  beforeAll(async () => {
    const target = new URL(pgUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('reconnects and LISTENs again after its backend is terminated, each time, and says so', async () => {
    const bus = await PgBus.connect(pgUrl, `bus_${randomBytes(5).toString('hex')}`, {
      listenUrl: proxy.urlFor(pgUrl),
      reconnectInitialMs: 20,
      reconnectMaxMs: 200,
    });
    try {
      const received: number[] = [];
      bus.on(Topic.ImportRun, (payload) => received.push(payload.n));
      const states: BusState[] = [];
      bus.onStateChange((state) => states.push(state));
      let first = arrival(bus, 1);
      await bus.publish(Topic.ImportRun, { n: 1 });
      await first;

      // Twice: the second drop proves the new connection is watched as the first was.
      for (const [lost, after] of [[2, 3], [4, 5]]) {
        proxy.hold();
        const down = nextState(bus, 'reconnecting');
        expect(await terminateListener(bus.applicationName)).toBe(1);
        expect(await down).toMatch(/terminating connection/);
        await proxy.waitForPending();
        expect(bus.state).toBe('reconnecting');
        // NOTIFY is not queued for a session that is not listening: this one is lost to this server.
        await bus.publish(Topic.ImportRun, { n: lost });
        const up = nextState(bus, 'connected');
        proxy.release();
        await up;
        expect(bus.state).toBe('connected');
        first = arrival(bus, after);
        await bus.publish(Topic.ImportRun, { n: after });
        await first;
      }
      // NOTIFY keeps the order of commits: had the lost events arrived, they would be before those published later.
      expect(received).toEqual([1, 3, 5]);
      expect(states).toEqual(['reconnecting', 'connected', 'reconnecting', 'connected']);
    } finally {
      await bus.close();
    }
    expect(bus.state).toBe('closed');
  });

  it('notices a LISTEN connection that died without a reset (heartbeat), and reconnects', async () => {
    const bus = await PgBus.connect(pgUrl, `bus_${randomBytes(5).toString('hex')}`, {
      listenUrl: proxy.urlFor(pgUrl),
      reconnectInitialMs: 20,
      reconnectMaxMs: 200,
      heartbeatMs: 50,
      timeoutMs: 1000,
    });
    try {
      const down = nextState(bus, 'reconnecting');
      proxy.freeze();
      expect(await down).toMatch(/heartbeat/);
      await nextState(bus, 'connected');
      const got = arrival(bus, 7);
      await bus.publish(Topic.ImportRun, { n: 7 });
      await got;
    } finally {
      await bus.close();
    }
  });
});

describe.skipIf(testDatabase !== 'postgres')('a server whose bus reconnects', () => {
  let s3: LocalS3;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let inlet: TestInlet;
  const clients: Client[] = [];
  beforeAll(async () => {
    s3 = await startS3();
    await s3.createBucket('audiences');
    await s3.put('audiences', 'data/audiences/users/part-0.parquet', 'not really parquet');
    const target = new URL(pgUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    inlet = await startInlet({ INLET_BUS_DATABASE_URL: proxy.urlFor(pgUrl) });
  });
  afterAll(async () => {
    // Should a test fail mid-outage, let the bus back before closing everything.
    proxy?.release();
    for (const client of clients) await client.dispose();
    await inlet?.close();
    await proxy?.close();
    await s3?.close();
  });

  /** A graphql-ws client that retries as the admin UI's does, each retry waiting for the server's bus to be back. */
  function retryingClient(bus: EventBus, key: string, closes: number[]): Client {
    const client = createClient({
      url: inlet.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      retryAttempts: 5,
      retryWait: async () => {
        if (bus.state !== 'connected') await nextState(bus, 'connected');
      },
      shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && [4401, 4403].includes((event as { code: number }).code)),
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
    });
    clients.push(client);
    return client;
  }

  it('closes subscriptions with 1012 and is not ready while down; afterwards events flow again and revocations still close sockets', async () => {
    const bus = inlet.server.services.bus as PgBus;
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: s3Input(s3) });
    const id = createConnection.id;
    expect((await settled(inlet, id)).status).toBe('ACTIVE');
    const { viewer } = await inlet.ok(`{ viewer { workspace { id } } }`);
    const newKey = async (name: string) =>
      (await inlet.ok(`mutation($w: ID!, $n: String!) { createApiKey(workspaceId: $w, name: $n) { key apiKey { id } } }`, { w: viewer.workspace.id, n: name })).createApiKey;
    const createApiKey = await newKey('second');
    const keyC = await newKey('third');

    const closesA: number[] = [];
    const closesB: number[] = [];
    const subA = subscribe(retryingClient(bus, inlet.adminKey, closesA), STATUS_SUB, { id });
    const subB = subscribe(retryingClient(bus, createApiKey.key, closesB), STATUS_SUB, { id });
    const closesC: number[] = [];
    const subC = subscribe(retryingClient(bus, keyC.key, closesC), STATUS_SUB, { id });
    const subscribed = (n: number) => eventually(async () => bus.listenerCount(Topic.ConnectionStatus) === n, 20_000, `${n} subscriptions to be in place`);
    await subscribed(3);
    const validate = () => inlet.ok(`mutation($id: ID!) { validateConnection(id: $id) { id } }`, { id });
    await validate();
    await subA.until((events) => events.length >= 2);

    // The outage: the LISTEN backend is terminated and the reconnection held at the proxy.
    proxy.hold();
    const down = nextState(bus, 'reconnecting');
    expect(await terminateListener(bus.applicationName)).toBe(1);
    await down;
    await proxy.waitForPending();
    const ready = await fetch(`${inlet.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ok: false, failed: [{ check: 'bus', reason: 'the event bus is reconnecting to PostgreSQL' }] });
    await eventually(async () => closesA.includes(1012) && closesB.includes(1012), 20_000, 'open sockets to be closed with 1012');
    // A new socket is turned away with a code clients retry on.
    const refused = new WebSocket(inlet.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
    refused.on('error', () => undefined);
    const [code] = await new Promise<[number]>((resolve) => refused.once('close', (c) => resolve([c])));
    expect(code).toBe(1013);
    // A key revoked during the outage: its revocation event never reaches this server, but its client must
    // authenticate again to come back, and is refused.
    expect((await inlet.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: keyC.apiKey.id })).revokeApiKey).toBe(true);

    const up = nextState(bus, 'connected');
    proxy.release();
    await up;
    expect((await fetch(`${inlet.url}/readyz`)).status).toBe(200);

    // The clients came back by themselves (re-authenticated), and the server's own events reach them again.
    await subscribed(2);
    await eventually(async () => subC.completed, 20_000, 'the key revoked during the outage to be refused');
    expect(closesC.at(-1)).toBe(4403);
    const before = subA.events.length;
    await validate();
    const events = await subA.until((e) => e.length >= before + 2);
    expect(events.slice(before).map((e: any) => [e.connectionStatusChanged.from, e.connectionStatusChanged.to])).toEqual([
      ['ACTIVE', 'PROCESSING'],
      ['PROCESSING', 'ACTIVE'],
    ]);
    expect(subA.completed).toBe(false);

    // A key revoked after the reconnection still has its open subscription closed.
    expect((await inlet.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: createApiKey.apiKey.id })).revokeApiKey).toBe(true);
    await eventually(async () => subB.completed, 20_000, 'the revoked key’s subscription to close');
    expect(closesB.at(-1)).toBe(4403);
    expect(subA.completed).toBe(false);
  });
});
