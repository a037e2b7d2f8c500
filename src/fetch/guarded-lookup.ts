import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DomainError } from '../domain/errors.ts';
import { checkAddress, type Allowlist } from './ssrf-policy.ts';

/**
 * DNS resolution that refuses before connecting: undici hands this to
 * `net.connect`, which connects only to the addresses it returns. Those are
 * the very addresses that were checked, so a name cannot rebind to a private
 * address between the check and the connection.
 */
export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (host) => dns.lookup(host, { all: true, verbatim: true });

// Temporary failures: another try later can succeed. NXDOMAIN (ENOTFOUND) mostly stays.
const TRANSIENT_DNS = new Set(['EAI_AGAIN', 'ETIMEOUT', 'ESERVFAIL', 'ECONNREFUSED']);

/**
 * Resolves `host` and checks every address; one refused address refuses the
 * host, since the connection may pick any of them.
 *
 * @example
 * await resolveChecked('example.org', { allowlist: EMPTY_ALLOWLIST, resolver: systemResolver })
 */
export async function resolveChecked(host: string, deps: { allowlist: Allowlist; resolver: Resolver }): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await deps.resolver(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new DomainError('dns_failed', `Could not resolve ${host} (${code}); check the host name, or try again later if the DNS server is failing.`, {
      retryable: TRANSIENT_DNS.has(code),
      status: 502,
      cause: error,
    });
  }
  if (addresses.length === 0) {
    throw new DomainError('dns_failed', `${host} resolved to no address; check the host name.`, { status: 502 });
  }
  for (const { address } of addresses) {
    const decision = checkAddress(address, deps.allowlist, host);
    if (!decision.allowed) {
      throw new DomainError('ssrf_refused', `Refused to connect to ${host}, which resolves to ${address}: ${decision.reason}.`, { status: 403 });
    }
  }
  // Copies, so nothing the resolver keeps a reference to can change what is connected to.
  return addresses.map(({ address, family }) => ({ address, family }));
}

/**
 * A `lookup` for `net.connect` / undici's `connect.lookup`, with the same
 * signature as `dns.lookup` (both `all: true` and single-address forms).
 *
 * @example
 * new Agent({ connect: { lookup: createGuardedLookup({ allowlist }) } })
 */
export function createGuardedLookup(deps: { allowlist: Allowlist; resolver?: Resolver }): LookupFunction {
  const resolver = deps.resolver ?? systemResolver;
  return (hostname: string, options: LookupOptions, callback) => {
    const family = options?.family === 'IPv4' ? 4 : options?.family === 'IPv6' ? 6 : (options?.family ?? 0);
    resolveChecked(hostname, { allowlist: deps.allowlist, resolver }).then(
      (checked) => {
        const usable: LookupAddress[] = family === 0 ? checked : checked.filter((a) => a.family === family);
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no IPv${family} address`);
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
        } else if (options?.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
