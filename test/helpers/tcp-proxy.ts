import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can hold new connections: while held, a client's connection is accepted
 * and kept waiting (its start-up message unanswered) until `release()`. A test uses it to keep the event bus's
 * reconnection waiting for as long as it needs to look at the outage, then let it through.
 */
export async function startTcpProxy(targetHost: string, targetPort: number) {
  let held = false;
  const pending: net.Socket[] = [];
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let waiters: (() => void)[] = [];
  const pipe = (client: net.Socket) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (!held) return pipe(client);
    client.on('error', () => client.destroy());
    pending.push(client);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    /** `url` with its host and port replaced by the proxy's. */
    urlFor(url: string): string {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    /** New connections wait from now on. */
    hold() {
      held = true;
    },
    /** Resolves once a connection is waiting (the client has tried to reconnect). */
    waitForPending(): Promise<void> {
      if (pending.some((s) => !s.destroyed)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** Connections made so far stop carrying bytes but stay open: a route that died without a reset. */
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
      pairs.clear();
    },
    /** Lets waiting and new connections through. */
    release() {
      held = false;
      for (const client of pending.splice(0)) if (!client.destroyed) pipe(client);
    },
    async close() {
      waiters = [];
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
