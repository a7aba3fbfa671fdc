/**
 * Outbound connections Inlet makes for connectors (and later webhooks): HTTP(S) agents that check the address each
 * socket actually connects to, on every connection, so a stored endpoint whose name later resolves to a private
 * address (DNS rebinding), a redirect to an internal host, or an IP literal is refused at connect time — not only
 * when the endpoint was saved. Unless the server allows private endpoints (INLET_ALLOW_PRIVATE_ENDPOINTS=true, for
 * local testing), a host name is resolved here and refused if ANY of its addresses is private (addresses.ts).
 *
 * Clients that take agents get them directly (S3/STS: NodeHttpHandler; the Google token grant: node:https). Clients
 * that do not — the Google Cloud libraries (teeny-request keeps a module-level agent pool) and snowflake-sdk (agents
 * made per connection inside the driver) — are given them through the narrow hooks below.
 */
import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import type { Config } from '../../config.js';
import { bareAddress, privateAddressReason } from './addresses.js';

/** The code of the error a refused connection fails with (the message says which host, address and range). */
export const PRIVATE_ADDRESS_CODE = 'EINLET_PRIVATE_ADDRESS';

/** A connection refused because it would reach a private address. */
export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  constructor(
    readonly host: string,
    readonly address: string,
    reason: string,
  ) {
    super(`${host === address ? address : `${host} resolves to ${address}`}, a private address (${reason}); this server does not allow private endpoints`);
    this.name = 'PrivateAddressError';
  }
}

/** The refusal inside an error a client library wrapped (FetchError, AggregateError, `cause` chains), if any. */
export function findPrivateAddressError(error: unknown): { message: string } | null {
  const seen = new Set<unknown>();
  const visit = (e: unknown): { message: string } | null => {
    if (!e || typeof e !== 'object' || seen.has(e)) return null;
    seen.add(e);
    const x = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; error?: unknown; reason?: unknown };
    if (x.code === PRIVATE_ADDRESS_CODE && typeof x.message === 'string') {
      // node-fetch words it "request to … failed, reason: <message>": keep only the refusal.
      return { message: x.message.replace(/^.*reason: /, '') };
    }
    for (const inner of [x.cause, x.error, x.reason, ...(Array.isArray(x.errors) ? x.errors : [])]) {
      const found = visit(inner);
      if (found) return found;
    }
    return null;
  };
  return visit(error);
}

/** What an egress policy allows. `exceptAddresses` is for tests only: a loopback stand-in that is allowed although private. */
export interface EgressPolicy {
  allowPrivateEndpoints: boolean;
  exceptAddresses?: readonly string[];
}

/** The refusal for connecting to `address` (reached through `host`), or null when allowed. */
function refusal(policy: EgressPolicy, host: string, address: string): PrivateAddressError | null {
  if (policy.allowPrivateEndpoints) return null;
  const bare = bareAddress(address);
  if (policy.exceptAddresses?.includes(bare)) return null;
  const reason = privateAddressReason(bare);
  return reason ? new PrivateAddressError(host, bare, reason) : null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** The shape of `net.connect`'s `lookup` option. */
export type GuardedLookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/** A `dns.lookup` for sockets that fails when any address of the name is refused by the policy. */
export function guardedLookup(policy: EgressPolicy, resolve: typeof dns.lookup = dns.lookup): GuardedLookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      // All or none: with several addresses the socket may try any of them (autoSelectFamily).
      for (const a of addresses) {
        const refused = refusal(policy, hostname, a.address);
        if (refused) return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

type CreateConnection = (options: net.NetConnectOpts & { host?: string }, callback?: (error: Error | null, socket?: net.Socket) => void) => net.Socket | undefined;

/**
 * Wraps an agent's createConnection so an IP-literal host (for which `lookup` is never called) is checked too, and
 * sets the guarded lookup in the options every socket of the agent is made with. Returns the agent.
 */
export function guardAgent<A extends http.Agent>(agent: A, policy: EgressPolicy): A {
  const marked = agent as A & { [GUARDED]?: true; options: Record<string, unknown> };
  if (marked[GUARDED]) return agent;
  marked[GUARDED] = true;
  marked.options.lookup = guardedLookup(policy);
  const original = (agent as unknown as { createConnection: CreateConnection }).createConnection;
  (agent as unknown as { createConnection: CreateConnection }).createConnection = function (this: A, options, callback) {
    const host = bareAddress(String(options.host ?? 'localhost'));
    if (net.isIP(host)) {
      const refused = refusal(policy, host, host);
      if (refused) {
        // The agent then fails the request with this error (it waits for the callback when nothing is returned).
        process.nextTick(() => callback?.(refused));
        return undefined;
      }
    }
    return original.call(this, options, callback);
  } as CreateConnection;
  return agent;
}
const GUARDED = Symbol('inlet.egressGuarded');

/** The agents of one policy, for clients that take `http.Agent`s. */
export interface EgressAgents {
  readonly policy: EgressPolicy;
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** Agents that refuse private addresses unless the policy allows them; made fresh (tests) or shared (`safeAgents`). */
export function createEgressAgents(policy: EgressPolicy): EgressAgents {
  const options = { keepAlive: true, maxSockets: 50 };
  return { policy, http: guardAgent(new http.Agent(options), policy), https: guardAgent(new https.Agent(options), policy) };
}

const shared = new Map<boolean, EgressAgents>();

/** The shared agents for this server's policy (`config.allowPrivateEndpoints`): every outbound client Inlet builds uses them. */
export function safeAgents(config: Pick<Config, 'allowPrivateEndpoints'>): EgressAgents {
  let agents = shared.get(config.allowPrivateEndpoints);
  if (!agents) shared.set(config.allowPrivateEndpoints, (agents = createEgressAgents({ allowPrivateEndpoints: config.allowPrivateEndpoints })));
  return agents;
}

/**
 * Points the module-level agent pool of the teeny-request copy a Google Cloud library uses (it takes no agent option:
 * `getAgent` reads only this pool) at these agents. The pool is per process, so the agents last installed serve every
 * client of that library in the process: a production server has one policy, so they are always its own.
 */
export function installGoogleCloudAgents(library: '@google-cloud/storage' | '@google-cloud/bigquery', agents: EgressAgents): void {
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve(library));
  // @google-cloud/bigquery reaches teeny-request through @google-cloud/common.
  const requireTeeny = library === '@google-cloud/bigquery' ? createRequire(fromLibrary.resolve('@google-cloud/common')) : fromLibrary;
  const agentsModule = requireTeeny(requireTeeny.resolve('teeny-request').replace(/index\.js$/, 'agents.js')) as { pool?: Map<string, http.Agent> };
  if (!(agentsModule.pool instanceof Map)) throw new Error(`${library}: teeny-request has no agent pool to guard (library changed)`);
  for (const key of ['http', 'http:forever']) agentsModule.pool.set(key, agents.http);
  for (const key of ['https', 'https:forever']) agentsModule.pool.set(key, agents.https);
}
