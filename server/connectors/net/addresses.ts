/**
 * Which IP addresses Inlet refuses to connect to when private endpoints are not allowed: ONE `net.BlockList` of IPv4
 * and IPv6 ranges, with the IPv4 rules applied as well to the IPv4 address embedded in IPv4-mapped (::ffff:0:0/96),
 * IPv4-compatible (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) forms, which reach that IPv4 host.
 *
 * Host names are not decided here: they are checked by the addresses they resolve to, at connect time (agents.ts).
 */
import net from 'node:net';

/** [first address, prefix length, what it is]; one line per range, so a new range is one line. */
const IPV4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT (incl. the 100.100.100.200 metadata service)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (incl. the 169.254.169.254 metadata service)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (incl. broadcast)'],
];

const IPV6_RANGES: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  // Local-use NAT64 (RFC 8215): the IPv4 address sits at a prefix-dependent offset, and nothing public uses it.
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['2001::', 32, 'Teredo'],
  ['2001:2::', 48, 'benchmarking'],
  ['2001:10::', 28, 'ORCHID'],
  ['2001:20::', 28, 'ORCHIDv2'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique local (incl. the fd00:ec2::254 metadata service)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

const blockList = new net.BlockList();
const reasons: { family: 'ipv4' | 'ipv6'; list: net.BlockList; reason: string }[] = [];
for (const [family, ranges] of [['ipv4', IPV4_RANGES], ['ipv6', IPV6_RANGES]] as const) {
  for (const [address, prefix, reason] of ranges) {
    blockList.addSubnet(address, prefix, family);
    // A one-range list per rule only to name the range in messages; the decision is `blockList`'s.
    const one = new net.BlockList();
    one.addSubnet(address, prefix, family);
    reasons.push({ family, list: one, reason });
  }
}

/** The ranges refused, for documentation and tests: `10.0.0.0/8 private`. */
export const BLOCKED_RANGES: readonly string[] = [...IPV4_RANGES, ...IPV6_RANGES].map(([a, p, r]) => `${a}/${p} ${r}`);

/** The 16 bytes of an IPv6 address (with or without a trailing dotted IPv4 part), or null. */
function ipv6Bytes(address: string): Uint8Array | null {
  if (net.isIPv6(address) === false) return null;
  let text = address;
  const groupsFromV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const octets = tail.split('.').map(Number);
    groupsFromV4.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').filter((g) => g !== '').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(rest);
  const groups = rest === undefined ? front : [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
  if (groupsFromV4.length) groups.splice(6, 2, ...groupsFromV4);
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

const v4 = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** The IPv4 address an IPv6 address carries and reaches (mapped, compatible, NAT64, 6to4), or null. */
export function embeddedIPv4(address: string): string | null {
  const b = ipv6Bytes(address);
  if (!b) return null;
  const zero = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped)
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(b, 12);
  // ::a.b.c.d (compatible; :: and ::1 themselves are IPv6 rules)
  if (zero(0, 12) && !(zero(12, 15) && b[15]! <= 1)) return v4(b, 12);
  // 64:ff9b::a.b.c.d (well-known NAT64)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(b, 12);
  // 2002:AABB:CCDD::/48 (6to4)
  if (b[0] === 0x20 && b[1] === 0x02) return v4(b, 2);
  return null;
}

/** Brackets and an IPv6 zone (`fe80::1%eth0`) removed: the address as `net` takes it. */
export function bareAddress(address: string): string {
  return address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/**
 * Why an IP address is refused (`loopback`, `private`, … with the embedding form when it is one), or null when it is a
 * public address. Anything that is not an IP address is refused: callers pass resolved addresses.
 */
export function privateAddressReason(address: string): string | null {
  const ip = bareAddress(address);
  const family = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : null;
  if (!family) return 'not an IP address';
  const inner = family === 'ipv6' ? embeddedIPv4(ip) : null;
  const blocked = blockList.check(ip, family) || (inner !== null && blockList.check(inner, 'ipv4'));
  if (!blocked) return null;
  const named = (candidate: string, fam: 'ipv4' | 'ipv6') => reasons.find((r) => r.family === fam && r.list.check(candidate, fam))?.reason;
  const direct = named(ip, family);
  if (direct) return direct;
  return inner ? `${named(inner, 'ipv4') ?? 'private'}, ${inner} inside an IPv6 address` : 'private';
}

/** True for any address Inlet must not connect to unless private endpoints are allowed (see the ranges above). */
export function isPrivateAddress(address: string): boolean {
  return privateAddressReason(address) !== null;
}
