import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import { EMPTY_ALLOWLIST, checkAddress, checkUrl, classifyAddress, parseAllowlist, type AddressRange } from '../../src/fetch/ssrf-policy.ts';

// Every row is decided by the policy alone: nothing here resolves or connects.
const ADDRESSES: Array<[spelling: string, range: AddressRange]> = [
  // loopback in every spelling the URL parser or a resolver might hand over
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f.0x0.0x0.0x1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.0.1.', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  // IPv4 carried in IPv6
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:0:7f00:1', 'loopback'],
  ['::7f00:1', 'loopback'],
  ['::10.0.0.1', 'private'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  // unspecified, private, shared and special IPv4 blocks
  ['0', 'unspecified'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['169.254.0.1', 'linkLocal'],
  ['169.254.169.254', 'metadata'],
  ['169.254.170.2', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['192.0.0.8', 'ietfProtocol'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.1', 'documentation'],
  ['203.0.113.1', 'documentation'],
  ['192.88.99.1', '6to4Relay'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['0xffffffff', 'broadcast'],
  // IPv6 special blocks
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fec0::1', 'siteLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456:789a::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'metadata'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['2001:2::1', 'benchmarking'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['2002:a00:1::1', '6to4'],
  ['2002:808:808::1', '6to4'],
  ['64:ff9b:1::a00:1', 'nat64Local'],
  ['100::1', 'discard'],
  ['4000::1', 'reserved'],
  // public
  ['8.8.8.8', 'public'],
  ['93.184.215.14', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:80b::200e', 'public'],
  // not addresses at all
  ['example.org', 'invalid'],
  ['08.0.0.1', 'invalid'],
  ['1.2.3.4.5', 'invalid'],
  ['4294967296', 'invalid'],
  ['', 'invalid'],
];

describe('classifyAddress', () => {
  it.each(ADDRESSES)('%s is %s', (spelling, range) => {
    expect(classifyAddress(spelling)).toBe(range);
  });
});

describe('checkAddress with an empty allowlist', () => {
  it.each(ADDRESSES)('%s → %s', (spelling, range) => {
    const decision = checkAddress(spelling, EMPTY_ALLOWLIST);
    expect(decision.allowed).toBe(range === 'public');
    if (range !== 'public' && range !== 'invalid') expect(decision.reason).toContain(range);
  });

  it('says which range refused an address and what to change', () => {
    const { reason } = checkAddress('::ffff:169.254.169.254', EMPTY_ALLOWLIST);
    expect(reason).toContain('169.254.169.254');
    expect(reason).toContain('metadata');
    expect(reason).toContain('LEAKLINE_FETCH_ALLOW');
  });
});

describe('parseAllowlist', () => {
  const allow = parseAllowlist(' 127.0.0.1 , fixtures.test, *.corp.example, 10.20.0.0/16, fd00::/8, ::1 ,');

  it.each([
    ['127.0.0.1', undefined, true],
    ['::ffff:127.0.0.1', undefined, true], // the same destination, mapped
    ['2130706433', undefined, true],
    ['127.0.0.2', undefined, false],
    ['10.20.3.4', undefined, true],
    ['10.21.0.1', undefined, false],
    ['fd00::5', undefined, true],
    ['fc00::5', undefined, false],
    ['::1', undefined, true],
    ['192.168.0.9', 'fixtures.test', true],
    ['192.168.0.9', 'FIXTURES.TEST.', true],
    ['192.168.0.9', 'other.test', false],
    ['192.168.0.9', 'a.b.corp.example', true],
    ['192.168.0.9', 'corp.example', false], // *. covers subdomains, not the apex
    ['169.254.169.254', 'evilfixtures.test', false],
  ] as const)('%s via %s → %s', (ip, host, allowed) => {
    expect(checkAddress(ip, allow, host).allowed).toBe(allowed);
  });

  it('treats empty and unset as allowing nothing beyond public addresses', () => {
    for (const value of [undefined, '', ' , ']) {
      const list = parseAllowlist(value);
      expect(checkAddress('127.0.0.1', list).allowed).toBe(false);
      expect(checkAddress('8.8.8.8', list).allowed).toBe(true);
    }
  });

  it('refuses entries that are not names, addresses or ranges, naming each of them', () => {
    let caught: unknown;
    try {
      parseAllowlist('ok.test, http://x.test, 10.0.0.0/33, *, 1.2.3.4:80, bad_host!');
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught) && caught.code).toBe('invalid_allowlist');
    const message = (caught as Error).message;
    for (const bad of ['"http://x.test"', '"10.0.0.0/33"', '"*"', '"1.2.3.4:80"', '"bad_host!"']) expect(message).toContain(bad);
    expect(message).not.toContain('"ok.test"');
  });
});

describe('checkUrl', () => {
  const allow = parseAllowlist('127.0.0.1');

  it.each([
    // refused before DNS, with the code the fetcher throws
    ['file:///etc/passwd', 'bad_url'],
    ['ftp://example.org/leak.zip', 'bad_url'],
    ['gopher://example.org:70/', 'bad_url'],
    ['data:text/plain,hello', 'bad_url'],
    ['javascript:alert(1)', 'bad_url'],
    ['not a url', 'bad_url'],
    ['http://user:secret@example.org/', 'bad_url'],
    ['http://example.org:25/', 'ssrf_refused'],
    ['http://127.0.0.2/', 'ssrf_refused'],
    ['http://2130706434/', 'ssrf_refused'], // 127.0.0.2
    ['http://0x7f.2/', 'ssrf_refused'],
    ['http://0/', 'ssrf_refused'],
    ['http://[::]/', 'ssrf_refused'],
    ['http://[::ffff:7f00:2]/', 'ssrf_refused'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'ssrf_refused'],
    ['http://169.254.169.254/latest/meta-data/', 'ssrf_refused'],
    ['http://[fe80::1]/', 'ssrf_refused'],
    ['http://[fd00:ec2::254]/', 'ssrf_refused'],
    ['http://10.0.0.1:8080/', 'ssrf_refused'],
    ['http://localhost:8787/', 'ssrf_refused'],
    ['http://api.localhost/', 'ssrf_refused'],
    // allowed here, names still checked after DNS
    ['http://127.0.0.1:4000/page', null],
    ['http://2130706433/', null],
    ['http://[::ffff:127.0.0.1]/', null],
    ['https://example.org/leak', null],
    ['http://8.8.8.8/', null],
  ])('%s → %s', (url, code) => {
    const decision = checkUrl(url, allow);
    expect(decision.allowed).toBe(code === null);
    if (!decision.allowed) expect(decision.code).toBe(code);
  });

  it('hands back the normalised URL and host for the fetcher to use', () => {
    const decision = checkUrl('http://0x7f.1:4000/a?b#c', allow);
    expect(decision).toMatchObject({ allowed: true, host: '127.0.0.1', literal: true });
    if (decision.allowed) expect(decision.url.href).toBe('http://127.0.0.1:4000/a?b#c');
  });

  it('lets an allowlisted localhost name through', () => {
    expect(checkUrl('http://localhost:8787/', parseAllowlist('localhost')).allowed).toBe(true);
  });
});
