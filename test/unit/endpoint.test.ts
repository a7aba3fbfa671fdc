/**
 * The address rules of server/connectors/net: every private form refused, public addresses (both sides of each range
 * boundary) allowed, by the save-time check (checkEndpoint) and by the connect-time lookup and agents alike.
 * Table-driven from test/security/corpus/addresses.ts. Name resolution is injected where a name must resolve to a
 * chosen address (no DNS server to point here); sockets are real, on loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../server/connectors/endpoint.js';
import { bareAddress, isPrivateAddress } from '../../server/connectors/net/addresses.js';
import { createEgressAgents, guardedLookup, PRIVATE_ADDRESS_CODE } from '../../server/connectors/net/agents.js';
import { LOOPBACK_NAMES, PRIVATE_ADDRESSES, PUBLIC_ADDRESSES } from '../security/corpus/addresses.js';

const DENY = { allowPrivateEndpoints: false };
const ALLOW = { allowPrivateEndpoints: true };

/** What a guarded lookup answers for `hostname` when the resolver says it is `addresses`. */
function lookUp(policy: typeof DENY, addresses: string[], all = true): Promise<{ error: NodeJS.ErrnoException | null; result: unknown }> {
  const resolve = ((_host: string, _options: unknown, callback: (e: null, a: { address: string; family: number }[]) => void) =>
    callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))) as never;
  return new Promise((done) => guardedLookup(policy, resolve)('bucket.example.com', { all }, (error, result) => done({ error, result })));
}

describe('private address forms (corpus)', () => {
  it.each(PRIVATE_ADDRESSES)('$host ($why) is refused when saved and when a name resolves to it', async ({ host, address }) => {
    // What the URL parser makes of the form is what every later check sees.
    expect(bareAddress(new URL(`https://${host}/`).hostname)).toBe(address ?? host);
    expect(isPrivateAddress(address ?? host)).toBe(true);
    expect(await checkEndpoint(`https://${host}/`, false)).toMatch(/points at a private address .*; this server does not allow private endpoints/);
    const { error } = await lookUp(DENY, [address ?? host]);
    expect(error?.code).toBe(PRIVATE_ADDRESS_CODE);
    // Allowed on a server for local testing.
    expect(await checkEndpoint(`https://${host}/`, true)).toBeNull();
    expect((await lookUp(ALLOW, [address ?? host])).error).toBeNull();
  });

  it.each(PUBLIC_ADDRESSES)('$host ($why) is allowed', async ({ host, address }) => {
    expect(isPrivateAddress(address ?? host)).toBe(false);
    expect(await checkEndpoint(`https://${host}/`, false)).toBeNull();
    const { error, result } = await lookUp(DENY, [address ?? host]);
    expect(error).toBeNull();
    expect(result).toEqual([{ address: address ?? host, family: (address ?? host).includes(':') ? 6 : 4 }]);
  });

  it.each(LOOPBACK_NAMES)('the name %s is refused when saved', async (name) => {
    expect(await checkEndpoint(`https://${name}:9000/`, false)).toMatch(/localhost resolves to (127\.0\.0\.1|::1): loopback/);
  });

  it('refuses a name if any of its addresses is private, and answers one address when asked for one', async () => {
    expect((await lookUp(DENY, ['8.8.8.8', '10.0.0.1'])).error?.message).toMatch(/bucket\.example\.com resolves to 10\.0\.0\.1, a private address \(private\)/);
    expect(await lookUp(DENY, ['8.8.8.8'], false)).toEqual({ error: null, result: '8.8.8.8' });
  });
});

describe('https only', () => {
  it('refuses http:// for a public endpoint unless private endpoints are allowed (local testing)', async () => {
    expect(await checkEndpoint('http://8.8.8.8/', false)).toMatch(/must be an https:\/\/ URL/);
    expect(await checkEndpoint('http://8.8.8.8/', true)).toBeNull();
    expect(await checkEndpoint('ftp://8.8.8.8/', true)).toMatch(/must be an https:\/\/ URL/);
    expect(await checkEndpoint('https://user:pw@8.8.8.8/', false)).toMatch(/user name or password/);
  });
});

describe('egress agents (a real loopback server)', () => {
  let server: http.Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('ok'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(url: string, agent: http.Agent): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
    return new Promise((resolve) => {
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
      });
      req.on('error', (error) => resolve({ error }));
    });
  }

  it.each(['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '2130706433'])('refuses http://%s before a socket reaches it', async (host) => {
    const before = connections;
    const { error, status } = await get(`http://${host}:${port}/`, createEgressAgents(DENY).http);
    expect(status).toBeUndefined();
    expect(error?.code).toBe(PRIVATE_ADDRESS_CODE);
    expect(error?.message).toMatch(/a private address \(loopback.*\); this server does not allow private endpoints/);
    expect(connections).toBe(before);
  });

  it('connects when private endpoints are allowed, or to an excepted address', async () => {
    expect(await get(`http://localhost:${port}/`, createEgressAgents(ALLOW).http)).toEqual({ status: 200 });
    expect(await get(`http://127.0.0.1:${port}/`, createEgressAgents({ ...DENY, exceptAddresses: ['127.0.0.1'] }).http)).toEqual({ status: 200 });
  });
});
