/**
 * Address forms for the egress tests, as data: a new form is one line. `host` is how it appears in a URL
 * (`https://${host}/`); `address` is what a resolver or the URL parser turns it into, when that differs.
 */

export interface AddressCase {
  host: string;
  /** The IP address the host is, once the URL parser normalised it (omit when `host` is already that address). */
  address?: string;
  why: string;
}

/** Every form of a private, loopback, link-local, metadata, reserved or special address: each must be refused. */
export const PRIVATE_ADDRESSES: AddressCase[] = [
  { host: '127.0.0.1', why: 'loopback' },
  { host: '127.255.255.254', why: 'loopback, end of 127/8' },
  { host: '2130706433', address: '127.0.0.1', why: 'loopback as one decimal number' },
  { host: '0x7f.1', address: '127.0.0.1', why: 'loopback in hex, short form' },
  { host: '0177.0.0.1', address: '127.0.0.1', why: 'loopback in octal' },
  { host: '0x7f000001', address: '127.0.0.1', why: 'loopback as one hex number' },
  { host: '127.1', address: '127.0.0.1', why: 'loopback, short form' },
  { host: '[::1]', address: '::1', why: 'IPv6 loopback' },
  { host: '[::]', address: '::', why: 'IPv6 unspecified' },
  { host: '0.0.0.0', why: 'unspecified' },
  { host: '0.1.2.3', why: '"this network" 0/8' },
  { host: '10.0.0.1', why: 'private 10/8' },
  { host: '10.255.255.255', why: 'private, end of 10/8' },
  { host: '172.16.0.1', why: 'private, start of 172.16/12' },
  { host: '172.31.255.255', why: 'private, end of 172.16/12' },
  { host: '192.168.1.1', why: 'private 192.168/16' },
  { host: '100.64.0.1', why: 'carrier-grade NAT 100.64/10' },
  { host: '100.127.255.255', why: 'carrier-grade NAT, end of 100.64/10' },
  { host: '100.100.100.200', why: 'Alibaba Cloud metadata service' },
  { host: '169.254.169.254', why: 'AWS/GCP/Azure metadata service (link-local)' },
  { host: '169.254.0.1', why: 'link-local 169.254/16' },
  { host: '[fd00:ec2::254]', address: 'fd00:ec2::254', why: 'AWS IPv6 metadata service (unique local)' },
  { host: '192.0.0.1', why: 'IETF protocol assignments 192.0.0/24' },
  { host: '192.0.2.1', why: 'documentation 192.0.2/24' },
  { host: '198.51.100.1', why: 'documentation 198.51.100/24' },
  { host: '203.0.113.1', why: 'documentation 203.0.113/24' },
  { host: '198.18.0.1', why: 'benchmarking 198.18/15' },
  { host: '198.19.255.255', why: 'benchmarking, end of 198.18/15' },
  { host: '192.88.99.1', why: '6to4 relay anycast' },
  { host: '224.0.0.1', why: 'multicast 224/4' },
  { host: '239.255.255.250', why: 'multicast (SSDP)' },
  { host: '240.0.0.1', why: 'reserved 240/4' },
  { host: '255.255.255.255', why: 'broadcast' },
  { host: '[::ffff:127.0.0.1]', address: '::ffff:7f00:1', why: 'IPv4-mapped loopback (the form the issue reproduced)' },
  { host: '[::ffff:7f00:1]', address: '::ffff:7f00:1', why: 'IPv4-mapped loopback, hex' },
  { host: '[::ffff:169.254.169.254]', address: '::ffff:a9fe:a9fe', why: 'IPv4-mapped metadata service' },
  { host: '[::ffff:10.0.0.1]', address: '::ffff:a00:1', why: 'IPv4-mapped private' },
  { host: '[::ffff:172.16.0.1]', address: '::ffff:ac10:1', why: 'IPv4-mapped 172.16/12' },
  { host: '[0:0:0:0:0:ffff:127.0.0.1]', address: '::ffff:7f00:1', why: 'IPv4-mapped loopback, long form' },
  { host: '[::127.0.0.1]', address: '::7f00:1', why: 'IPv4-compatible loopback' },
  { host: '[::10.0.0.1]', address: '::a00:1', why: 'IPv4-compatible private' },
  { host: '[64:ff9b::127.0.0.1]', address: '64:ff9b::7f00:1', why: 'NAT64 loopback' },
  { host: '[64:ff9b::a9fe:a9fe]', address: '64:ff9b::a9fe:a9fe', why: 'NAT64 metadata service' },
  { host: '[64:ff9b:1::a00:1]', address: '64:ff9b:1::a00:1', why: 'local-use NAT64 64:ff9b:1::/48' },
  { host: '[2002:7f00:1::1]', address: '2002:7f00:1::1', why: '6to4 embedding loopback' },
  { host: '[2002:a9fe:a9fe::]', address: '2002:a9fe:a9fe::', why: '6to4 embedding the metadata service' },
  { host: '[2002:c0a8:101::1]', address: '2002:c0a8:101::1', why: '6to4 embedding 192.168.1.1' },
  { host: '[2001:0:4136:e378:8000:63bf:3fff:fdd2]', address: '2001:0:4136:e378:8000:63bf:3fff:fdd2', why: 'Teredo' },
  { host: '[2001:db8::1]', address: '2001:db8::1', why: 'IPv6 documentation' },
  { host: '[2001:2::1]', address: '2001:2::1', why: 'IPv6 benchmarking' },
  { host: '[100::1]', address: '100::1', why: 'IPv6 discard-only' },
  { host: '[fc00::1]', address: 'fc00::1', why: 'unique local fc00::/7' },
  { host: '[fdff:ffff::1]', address: 'fdff:ffff::1', why: 'unique local, end of fc00::/7' },
  { host: '[fe80::1]', address: 'fe80::1', why: 'link-local fe80::/10' },
  { host: '[febf::1]', address: 'febf::1', why: 'link-local, end of fe80::/10' },
  { host: '[fec0::1]', address: 'fec0::1', why: 'site-local fec0::/10' },
  { host: '[ff02::1]', address: 'ff02::1', why: 'IPv6 multicast' },
];

/** Public addresses, including both sides of the 172.16/12 boundary: each must be allowed, or refusing everything would pass. */
export const PUBLIC_ADDRESSES: AddressCase[] = [
  { host: '8.8.8.8', why: 'public DNS' },
  { host: '1.1.1.1', why: 'public DNS' },
  { host: '172.15.255.255', why: 'just below 172.16/12' },
  { host: '172.32.0.1', why: 'just above 172.16/12' },
  { host: '100.63.255.255', why: 'just below 100.64/10' },
  { host: '100.128.0.1', why: 'just above 100.64/10' },
  { host: '169.253.255.255', why: 'just below 169.254/16' },
  { host: '11.0.0.1', why: 'just above 10/8' },
  { host: '52.95.110.1', why: 'an AWS public range' },
  { host: '[2606:4700:4700::1111]', address: '2606:4700:4700::1111', why: 'public IPv6 DNS' },
  { host: '[2a00:1450:4001:80b::200e]', address: '2a00:1450:4001:80b::200e', why: 'a Google IPv6 address' },
  { host: '[::ffff:8.8.8.8]', address: '::ffff:808:808', why: 'IPv4-mapped public address' },
  { host: '[64:ff9b::8.8.8.8]', address: '64:ff9b::808:808', why: 'NAT64 of a public address' },
  { host: '[2002:808:808::1]', address: '2002:808:808::1', why: '6to4 of a public address' },
];

/** Host names that resolve to loopback on any machine (RFC 6761): refused when saved and when connecting. */
export const LOOPBACK_NAMES = ['localhost'];
