/**
 * The check of a user-given endpoint URL when it is saved. The same address rules are applied again on every
 * connection (net/agents.ts), since a name can resolve elsewhere later; this check gives the early, clear refusal.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { bareAddress, privateAddressReason } from './net/addresses.js';

export { isPrivateAddress } from './net/addresses.js';

/**
 * Checks a user-given endpoint URL: https only (http too when private endpoints are allowed, for local testing), and —
 * unless private endpoints are allowed — no host that is or resolves to a private address (so a connection cannot be
 * pointed at the metadata service or internal hosts). Returns a reason to refuse, or null.
 */
export async function checkEndpoint(endpoint: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL (expected e.g. https://storage.example.com)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https:// URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (allowPrivate) return null;
  if (url.protocol !== 'https:') return 'must be an https:// URL (http:// is accepted only by a server that allows private endpoints, for local testing)';
  // The URL parser has already normalised 2130706433, 0x7f.1 and 0177.0.0.1 to 127.0.0.1, and [::ffff:127.0.0.1] to [::ffff:7f00:1].
  const host = bareAddress(url.hostname);
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `host ${host} cannot be resolved`;
  }
  for (const address of addresses) {
    const reason = privateAddressReason(address);
    if (reason) return `points at a private address (${host === address ? host : `${host} resolves to ${address}`}: ${reason}); this server does not allow private endpoints`;
  }
  return null;
}
