import { lookup } from 'node:dns/promises';
import net from 'node:net';

/** True for loopback, private, link-local (169.254.0.0/16, incl. cloud metadata), CGNAT, unspecified and ULA addresses. */
export function isPrivateAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::' || v6 === '::1' || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb') || v6.startsWith('fc') || v6.startsWith('fd');
}

/**
 * Checks a user-given endpoint URL: http(s) only, and — unless private endpoints are allowed — no host that is or
 * resolves to a private address (so a connection cannot be pointed at the metadata service or internal hosts).
 * Returns a reason to refuse, or null.
 */
export async function checkEndpoint(endpoint: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL (expected e.g. https://storage.example.com)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `host ${host} cannot be resolved`;
  }
  if (addresses.some(isPrivateAddress)) return `points at a private, loopback or link-local address (${host}); this server does not allow private endpoints`;
  return null;
}
