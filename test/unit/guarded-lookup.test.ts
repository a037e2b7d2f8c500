import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { createGuardedLookup, resolveChecked, type ResolvedAddress, type Resolver } from '../../src/fetch/guarded-lookup.ts';
import { EMPTY_ALLOWLIST, checkAddress, parseAllowlist, type Allowlist } from '../../src/fetch/ssrf-policy.ts';

// A stub DNS: nothing here resolves or connects for real.
const ZONE: Record<string, ResolvedAddress[]> = {
  'public.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
  ],
  'mixed.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '10.0.0.7', family: 4 },
  ],
  'mapped.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'nat64.test': [{ address: '64:ff9b::c0a8:101', family: 6 }],
  'fixtures.test': [{ address: '127.0.0.1', family: 4 }],
  'rebind.test': [{ address: '127.0.0.2', family: 4 }],
};

function stubResolver(): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (host: string) => {
    calls.push(host);
    const answer = ZONE[host];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answer.map((a) => ({ ...a }));
  };
  return Object.assign(resolver, { calls });
}

/** Calls the lookup as net.connect does and collects what it answers. */
function callLookup(allowlist: Allowlist, host: string, options: { all?: boolean; family?: number } = { all: true }) {
  const lookup = createGuardedLookup({ allowlist, resolver: stubResolver() });
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number | undefined }>((resolve) =>
    lookup(host, options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe('resolveChecked', () => {
  it('refuses a name when one of its A records is private, naming host, address and range', async () => {
    const error = await resolveChecked('mixed.test', { allowlist: EMPTY_ALLOWLIST, resolver: stubResolver() }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ssrf_refused', retryable: false });
    expect(error.message).toContain('mixed.test');
    expect(error.message).toContain('10.0.0.7');
    expect(error.message).toContain('private');
  });

  it.each(['mapped.test', 'nat64.test', 'rebind.test'])('refuses %s, whose address carries or is a non-public IPv4', async (host) => {
    await expect(resolveChecked(host, { allowlist: EMPTY_ALLOWLIST, resolver: stubResolver() })).rejects.toMatchObject({ code: 'ssrf_refused' });
  });

  it('lets an allowlisted name through, and an allowlisted address', async () => {
    const byName = await resolveChecked('rebind.test', { allowlist: parseAllowlist('rebind.test'), resolver: stubResolver() });
    expect(byName).toEqual([{ address: '127.0.0.2', family: 4 }]);
    const byAddress = await resolveChecked('fixtures.test', { allowlist: parseAllowlist('127.0.0.1'), resolver: stubResolver() });
    expect(byAddress).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('reports a name that does not resolve as dns_failed, not retryable', async () => {
    await expect(resolveChecked('missing.test', { allowlist: EMPTY_ALLOWLIST, resolver: stubResolver() })).rejects.toMatchObject({
      code: 'dns_failed',
      retryable: false,
    });
  });

  it('asks the resolver once per connection, so the checked answer is the one connected to', async () => {
    const resolver = stubResolver();
    await resolveChecked('public.test', { allowlist: EMPTY_ALLOWLIST, resolver });
    expect(resolver.calls).toEqual(['public.test']);
  });
});

describe('createGuardedLookup', () => {
  it('answers all: true with every checked address', async () => {
    const { error, address } = await callLookup(EMPTY_ALLOWLIST, 'public.test', { all: true });
    expect(error).toBeNull();
    expect(address).toEqual(ZONE['public.test']);
  });

  it('answers the single-address form, honouring the family asked for', async () => {
    expect(await callLookup(EMPTY_ALLOWLIST, 'public.test', {})).toMatchObject({ error: null, address: '93.184.215.14', family: 4 });
    expect(await callLookup(EMPTY_ALLOWLIST, 'public.test', { family: 6 })).toMatchObject({ error: null, family: 6 });
  });

  it('passes the refusal to net.connect and no address with it', async () => {
    const { error, address } = await callLookup(EMPTY_ALLOWLIST, 'mixed.test');
    expect(error).toMatchObject({ code: 'ssrf_refused' });
    expect(address).toBe('');
  });

  it('never returns an address the policy did not allow, whatever the resolver says', async () => {
    const allowlist = parseAllowlist('127.0.0.1');
    for (const host of Object.keys(ZONE)) {
      const { error, address } = await callLookup(allowlist, host);
      if (error) continue;
      for (const a of address as LookupAddress[]) expect(checkAddress(a.address, allowlist, host).allowed).toBe(true);
    }
  });

  it('is not fooled by a resolver that changes its answer after the check', async () => {
    // The lookup answers from its own copy, so mutating the resolver's array afterwards changes nothing.
    const answer = [{ address: '93.184.215.14', family: 4 }];
    const lookup = createGuardedLookup({ allowlist: EMPTY_ALLOWLIST, resolver: async () => answer });
    const got = await new Promise<LookupAddress[]>((resolve) => lookup('flip.test', { all: true }, (_e, a) => resolve(a as LookupAddress[])));
    answer[0]!.address = '127.0.0.1';
    expect(got).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });
});
