import ipaddr from 'ipaddr.js';

/**
 * Which part of the address space an IP address is in, as far as a crawler
 * cares: `public` may be fetched, every other name is refused unless allowlisted.
 * Pure code (no `node:` imports) so it runs on Workers too.
 */
export type AddressRange =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrierGradeNat'
  | 'linkLocal'
  | 'metadata'
  | 'ietfProtocol'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'uniqueLocal'
  | 'siteLocal'
  | 'discard'
  | 'teredo'
  | '6to4'
  | '6to4Relay'
  | 'nat64Local'
  | 'invalid';

export interface AddressInfo {
  /** Canonical spelling (dotted quad, RFC 5952 for IPv6), or the input when invalid. */
  address: string;
  range: AddressRange;
  /** The block that decided the range, e.g. `127.0.0.0/8`. */
  block: string | null;
  /** The IPv4 address carried inside an IPv6 one, when it was unwrapped or is shown for context. */
  embedded: string | null;
  /** How the IPv4 address was carried, e.g. `IPv4-mapped`. */
  via: string | null;
}

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;
type Block = { cidr: string; range: AddressRange; net: [Parsed, number] };
const block = (cidr: string, range: AddressRange): Block => ({ cidr, range, net: ipaddr.parseCIDR(cidr) });

// Most specific first: the first matching block names the range.
const V4_BLOCKS: Block[] = [
  block('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack, Oracle
  block('169.254.170.2/32', 'metadata'), // AWS ECS task credentials
  block('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  block('255.255.255.255/32', 'broadcast'),
  block('0.0.0.0/8', 'unspecified'), // Linux connects 0.0.0.0 to this machine
  block('10.0.0.0/8', 'private'),
  block('100.64.0.0/10', 'carrierGradeNat'),
  block('127.0.0.0/8', 'loopback'),
  block('169.254.0.0/16', 'linkLocal'),
  block('172.16.0.0/12', 'private'),
  block('192.0.0.0/24', 'ietfProtocol'),
  block('192.0.2.0/24', 'documentation'),
  block('192.88.99.0/24', '6to4Relay'),
  block('192.168.0.0/16', 'private'),
  block('198.18.0.0/15', 'benchmarking'),
  block('198.51.100.0/24', 'documentation'),
  block('203.0.113.0/24', 'documentation'),
  block('224.0.0.0/4', 'multicast'),
  block('240.0.0.0/4', 'reserved'),
];

const V6_BLOCKS: Block[] = [
  block('::/128', 'unspecified'),
  block('::1/128', 'loopback'),
  block('fd00:ec2::254/128', 'metadata'), // AWS over IPv6
  block('64:ff9b:1::/48', 'nat64Local'),
  block('100::/64', 'discard'),
  // Tunnels: their far end is an IPv4 host this guard never sees, and no site a crawler needs lives there.
  block('2001::/32', 'teredo'),
  block('2002::/16', '6to4'),
  block('2001:2::/48', 'benchmarking'),
  block('2001:db8::/32', 'documentation'),
  block('3fff::/20', 'documentation'),
  block('2001:10::/28', 'reserved'), // ORCHID
  block('2001:20::/28', 'reserved'), // ORCHIDv2
  block('fc00::/7', 'uniqueLocal'),
  block('fe80::/10', 'linkLocal'),
  block('fec0::/10', 'siteLocal'),
  block('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

// IPv6 forms whose last 32 bits are an IPv4 destination the packet really goes to.
const CARRIERS: Array<{ via: string; net: [Parsed, number] }> = [
  { via: 'IPv4-mapped', net: ipaddr.parseCIDR('::ffff:0:0/96') },
  { via: 'IPv4-translated', net: ipaddr.parseCIDR('::ffff:0:0:0/96') },
  { via: 'NAT64', net: ipaddr.parseCIDR('64:ff9b::/96') },
  { via: 'IPv4-compatible', net: ipaddr.parseCIDR('::/96') },
];

const lastFour = (v6: ipaddr.IPv6): ipaddr.IPv4 => {
  const bytes = v6.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12, 16));
};

/** Parses any spelling ipaddr.js knows (decimal, octal, hex, shortened IPv4; bracketed or zoned IPv6), or null. */
export function parseAddress(input: string): Parsed | null {
  let s = input.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.endsWith('.') && !s.includes(':')) s = s.slice(0, -1); // "127.0.0.1." is an absolute name for 127.0.0.1
  if (!ipaddr.isValid(s)) return null;
  try {
    return ipaddr.parse(s);
  } catch {
    return null;
  }
}

function matchBlocks(addr: Parsed, blocks: Block[]): Block | null {
  for (const b of blocks) if (addr.kind() === b.net[0].kind() && addr.match(b.net)) return b;
  return null;
}

function inspectV4(v4: ipaddr.IPv4): Pick<AddressInfo, 'range' | 'block'> {
  const hit = matchBlocks(v4, V4_BLOCKS);
  return hit ? { range: hit.range, block: hit.cidr } : { range: 'public', block: null };
}

/**
 * Normalises an address and names its range, unwrapping IPv4 carried in
 * IPv6 (mapped, translated, NAT64, compatible) so `::ffff:7f00:1` is loopback.
 *
 * @example
 * inspectAddress('0x7f.1') // { address: '127.0.0.1', range: 'loopback', block: '127.0.0.0/8', ... }
 */
export function inspectAddress(input: string): AddressInfo {
  const addr = parseAddress(input);
  if (!addr) return { address: input, range: 'invalid', block: null, embedded: null, via: null };
  if (addr.kind() === 'ipv4') return { address: addr.toString(), ...inspectV4(addr as ipaddr.IPv4), embedded: null, via: null };

  const v6 = addr as ipaddr.IPv6;
  const address = v6.toRFC5952String();
  const own = matchBlocks(v6, V6_BLOCKS);
  if (own?.range === 'unspecified' || own?.range === 'loopback') return { address, range: own.range, block: own.cidr, embedded: null, via: null };
  const carrier = CARRIERS.find((c) => v6.match(c.net));
  if (carrier) {
    const v4 = lastFour(v6);
    return { address, ...inspectV4(v4), embedded: v4.toString(), via: carrier.via };
  }
  if (own) {
    const shown = own.range === '6to4' ? new ipaddr.IPv4(v6.toByteArray().slice(2, 6)).toString() : null;
    return { address, range: own.range, block: own.cidr, embedded: shown, via: shown ? '6to4' : null };
  }
  if (!v6.match(GLOBAL_UNICAST_V6)) return { address, range: 'reserved', block: 'outside 2000::/3', embedded: null, via: null };
  return { address, range: 'public', block: null, embedded: null, via: null };
}
