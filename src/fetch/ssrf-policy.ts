import ipaddr from 'ipaddr.js';
import { DomainError } from '../domain/errors.ts';
import { inspectAddress, parseAddress, type AddressInfo, type AddressRange } from './address-ranges.ts';

/**
 * What the fetcher may reach beyond the public internet. Pure code: the
 * decisions here are tested without touching the network, and the same
 * functions guard every hop at connect time (see guarded-lookup.ts).
 */
export type { AddressRange } from './address-ranges.ts';

export interface Allowlist {
  /** Exact host names, lower case, without a trailing dot. */
  readonly names: readonly string[];
  /** From `*.example.org` entries: `.example.org` (subdomains only, not the apex). */
  readonly suffixes: readonly string[];
  readonly ranges: ReadonlyArray<{ entry: string; net: [ipaddr.IPv4 | ipaddr.IPv6, number] }>;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export type UrlDecision =
  | { allowed: true; reason: string; url: URL; host: string; literal: boolean }
  | { allowed: false; reason: string; code: 'bad_url' | 'ssrf_refused' };

export const EMPTY_ALLOWLIST: Allowlist = { names: [], suffixes: [], ranges: [] };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const cleanHost = (host: string) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');

/**
 * Parses `LEAKLINE_FETCH_ALLOW`: comma-separated host names (`fixtures.test`,
 * `*.corp.example`), addresses (`127.0.0.1`, `::1`) and CIDR ranges (`10.0.0.0/8`).
 * Empty or unset allows nothing beyond public addresses.
 *
 * @example
 * parseAllowlist('127.0.0.1, *.fixtures.test, fd00::/8')
 */
export function parseAllowlist(value: string | undefined): Allowlist {
  const names: string[] = [];
  const suffixes: string[] = [];
  const ranges: Allowlist['ranges'][number][] = [];
  const bad: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/')) {
      if (ipaddr.isValidCIDR(entry)) ranges.push({ entry, net: ipaddr.parseCIDR(entry) });
      else bad.push(entry);
      continue;
    }
    const address = parseAddress(entry);
    if (address) {
      ranges.push({ entry, net: [address, address.kind() === 'ipv4' ? 32 : 128] });
      continue;
    }
    const host = cleanHost(entry);
    if (host.startsWith('*.') && HOST_NAME.test(host.slice(2))) suffixes.push(host.slice(1));
    else if (HOST_NAME.test(host)) names.push(host);
    else bad.push(entry);
  }
  if (bad.length > 0) {
    throw new DomainError(
      'invalid_allowlist',
      `LEAKLINE_FETCH_ALLOW has entries that are not a host name, *.suffix, address or CIDR range: ${bad.map((b) => `"${b}"`).join(', ')}. ` +
        'Write entries like fixtures.test, *.corp.example, 127.0.0.1 or 10.0.0.0/8, separated by commas (no schemes, ports or bare *).',
      { status: 500 },
    );
  }
  return { names, suffixes, ranges };
}

/** True when the allowlist names this host (exactly, or by a `*.` suffix). */
export function allowsHost(allowlist: Allowlist, host: string): boolean {
  const h = cleanHost(host);
  return allowlist.names.includes(h) || allowlist.suffixes.some((s) => h.endsWith(s));
}

function allowlistEntryFor(allowlist: Allowlist, info: AddressInfo): string | null {
  const candidates = [info.address];
  // Only forms that really deliver to the embedded IPv4 address count as it (not 6to4 context).
  if (info.embedded && info.via !== '6to4') candidates.push(info.embedded);
  for (const candidate of candidates) {
    const parsed = parseAddress(candidate);
    if (!parsed) continue;
    const hit = allowlist.ranges.find((r) => r.net[0].kind() === parsed.kind() && parsed.match(r.net));
    if (hit) return hit.entry;
  }
  return null;
}

const describe = (info: AddressInfo) =>
  `${info.address}${info.embedded ? ` (${info.via} ${info.embedded})` : ''} is ${info.range}${info.block ? ` (${info.block})` : ''}`;

/**
 * Names the range of an address in any spelling (`2130706433`, `0x7f.1`,
 * `::ffff:7f00:1`), unwrapping IPv4 carried inside IPv6.
 *
 * @example
 * classifyAddress('::ffff:10.0.0.1') // 'private'
 */
export function classifyAddress(ip: string): AddressRange {
  return inspectAddress(ip).range;
}

/**
 * Whether the fetcher may connect to `ip`: public addresses always, others
 * only when the allowlist names the address, a range holding it, or `host`.
 *
 * @example
 * checkAddress('169.254.169.254', EMPTY_ALLOWLIST).allowed // false: cloud metadata
 */
export function checkAddress(ip: string, allowlist: Allowlist, host?: string): Decision {
  const info = inspectAddress(ip);
  if (info.range === 'invalid') return { allowed: false, reason: `"${ip}" is not an IP address` };
  if (info.range === 'public') return { allowed: true, reason: `${info.address} is public` };
  const entry = allowlistEntryFor(allowlist, info);
  if (entry) return { allowed: true, reason: `${describe(info)}, allowed by LEAKLINE_FETCH_ALLOW entry ${entry}` };
  if (host && allowsHost(allowlist, host)) return { allowed: true, reason: `${describe(info)}, allowed because LEAKLINE_FETCH_ALLOW names ${cleanHost(host)}` };
  return {
    allowed: false,
    reason: `${describe(info)}; add it to LEAKLINE_FETCH_ALLOW only if this fetcher is meant to reach it`,
  };
}

// Ports browsers refuse (fetch.spec.whatwg.org/#bad-port): SMTP, IRC and the like, which a
// crafted request could talk to. Everything else is left to the address checks.
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Checks a URL before any DNS: scheme, credentials, port, and the host when it
 * is an address literal or a `localhost` name. A host name that passes here is
 * still checked against every address it resolves to at connect time.
 *
 * @example
 * checkUrl('file:///etc/passwd', EMPTY_ALLOWLIST) // { allowed: false, code: 'bad_url', ... }
 */
export function checkUrl(url: string | URL, allowlist: Allowlist): UrlDecision {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return { allowed: false, code: 'bad_url', reason: `"${String(url).slice(0, 200)}" is not an absolute URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { allowed: false, code: 'bad_url', reason: `only http: and https: URLs are fetched, not ${parsed.protocol}` };
  }
  if (parsed.username || parsed.password) {
    return { allowed: false, code: 'bad_url', reason: 'the URL carries credentials (user:password@); remove them' };
  }
  if (parsed.port && BAD_PORTS.has(Number(parsed.port))) {
    return { allowed: false, code: 'ssrf_refused', reason: `port ${parsed.port} belongs to a non-web protocol and is never fetched` };
  }
  const host = cleanHost(parsed.hostname);
  if (!host) return { allowed: false, code: 'bad_url', reason: 'the URL has no host' };
  // The URL parser has already turned 0x7f.1, 2130706433 and 127.1 into 127.0.0.1.
  const literal = host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host);
  if (literal) {
    const decision = checkAddress(host, allowlist);
    return decision.allowed
      ? { allowed: true, reason: decision.reason, url: parsed, host, literal }
      : { allowed: false, code: 'ssrf_refused', reason: decision.reason };
  }
  if ((host === 'localhost' || host.endsWith('.localhost')) && !allowsHost(allowlist, host)) {
    return { allowed: false, code: 'ssrf_refused', reason: `${host} always means this machine; add it to LEAKLINE_FETCH_ALLOW only if that is intended` };
  }
  return { allowed: true, reason: `${host} is checked again after DNS resolution`, url: parsed, host, literal };
}
