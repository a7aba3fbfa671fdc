/**
 * The graphql-ws door with a raw `ws` client (what an attacker holds, not the friendly graphql-ws client): a
 * message past the 2 MB limit is refused by the socket before anything parses it, a socket that never says
 * connection_init is closed, a bad key is closed before any operation, and the server keeps answering.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInlet, type TestInlet } from '../helpers/inlet.js';

let inlet: TestInlet;

beforeAll(async () => {
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
});

/** Opens a raw graphql-ws socket and resolves once it is open. */
async function open(): Promise<WebSocket> {
  const socket = new WebSocket(inlet.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Resolves with the close code the server sends (or the one `ws` reports for a refused frame). */
const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

describe('graphql-ws', () => {
  it('closes an unauthenticated socket that sends a 5 MB message, and keeps answering', async () => {
    const socket = await open();
    const code = closed(socket);
    socket.on('error', () => undefined);
    const logsFrom = inlet.logs.length;
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    // 1009: message too big, refused by the socket before graphql-ws parses a byte of it.
    expect(await code).toBe(1009);
    expect((await inlet.ok(`{ viewer { isAdmin } }`)).viewer.isAdmin).toBe(true);
    // Logged as the client's doing, not as an internal error.
    const lines = inlet.logs.slice(logsFrom);
    expect(lines.some((l) => l.includes('over the size limit') && l.includes('"level":"warn"'))).toBe(true);
    expect(lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('closes an authenticated socket that sends a 3 MB subscribe message', async () => {
    const socket = await open();
    socket.on('error', () => undefined);
    const acked = new Promise<void>((resolve) => socket.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && resolve()));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${inlet.adminKey}` } }));
    await acked;
    const code = closed(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ viewer { isAdmin } } #${'x'.repeat(3 * 1024 * 1024)}` } }));
    expect(await code).toBe(1009);
    expect((await inlet.ok(`{ viewer { isAdmin } }`)).viewer.isAdmin).toBe(true);
  });

  it('closes a socket that never sends connection_init (4408)', async () => {
    const socket = await open();
    expect(await closed(socket)).toBe(4408);
  });

  it('closes a socket whose key is wrong (4403)', async () => {
    const socket = await open();
    const code = closed(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer inlet_wrong' } }));
    expect(await code).toBe(4403);
  });

  it('runs nothing sent with a wrong key, even sent before the refusal', async () => {
    const socket = await open();
    const code = closed(socket);
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer inlet_wrong' } }));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `mutation { createWorkspace(name: "sneaky") { id } }` } }));
    // 4401 when the subscribe arrives before the key is checked, 4403 after: either way it never runs.
    expect([4401, 4403]).toContain(await code);
    expect(messages).toEqual([]);
    expect((await inlet.ok(`{ workspaces { name } }`)).workspaces.map((w: { name: string }) => w.name)).not.toContain('sneaky');
  });

  it('refuses a subscribe before connection_init (4401)', async () => {
    const socket = await open();
    const code = closed(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ viewer { isAdmin } }` } }));
    expect(await code).toBe(4401);
  });
});
