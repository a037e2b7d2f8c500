import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { normaliseUrl } from '../../src/domain/url.ts';
import { DEFAULT_USER_AGENT, createHttpFetcher, type HttpFetcher } from '../../src/fetch/fetcher.ts';
import type { Resolver } from '../../src/fetch/guarded-lookup.ts';
import { parseAllowlist } from '../../src/fetch/ssrf-policy.ts';
import { fetchJobId } from '../../src/queue/job-ids.ts';
import { findJob } from '../../src/store/jobs.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { tempDb } from '../helpers/temp.ts';

/*
 * Hostile servers met by the fetcher and by the fetch-page job. Only
 * 127.0.0.1 is allowlisted and only it is served; the refused targets are
 * other spellings of 127.0.0.2 and ::1, where nothing listens on this port,
 * so a guard that let one through would show as a connection error, not as
 * ssrf_refused. Private, link-local and metadata addresses are decided by the
 * policy alone (test/unit/ssrf-policy.test.ts, test/unit/guarded-lookup.test.ts).
 */

const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

let server: Server;
let port: number;
const hits: string[] = [];

/** Other spellings of loopback addresses that are not allowlisted (decimal, hex, octal, shortened, IPv4-mapped, IPv6), and names for them. */
const REFUSED_HOSTS = ['127.0.0.2', '2130706434', '0x7f000002', '0x7f.0.0.2', '0177.0.0.2', '017700000002', '127.2', '[::ffff:127.0.0.2]', '[::ffff:7f00:2]', '[::1]', '[0:0:0:0:0:0:0:1]', 'localhost', 'rebind.test'];
const target = (host: string) => `http://${host}:${port}/page`;

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fixture');
  hits.push(url.pathname + url.search);
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
  if (url.pathname === '/page') return send(200, 'A normal page that mentions nothing in particular.', { 'content-type': 'text/html' });
  if (url.pathname === '/redirect') return send(302, '', { location: url.searchParams.get('to') ?? '/' });
  if (url.pathname === '/loop') return send(302, '', { location: '/loop' });
  if (url.pathname === '/slow') return; // never answers
  if (url.pathname === '/stall') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>the first bytes, then nothing');
    return;
  }
  if (url.pathname === '/endless') {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, '<p>leak</p>');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    return pump();
  }
  if (url.pathname === '/gzip-bomb') {
    // 64 MiB of zeros in about 64 KB: the size cap must count what it inflates to
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(GZIP_BOMB.length) });
    return void res.end(GZIP_BOMB);
  }
  if (url.pathname === '/declared-huge') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 ** 3) });
    res.write('<html>');
    return;
  }
  send(404, 'unknown fixture');
}

const stubResolver: Resolver = async (host) => {
  const zone: Record<string, string[]> = { 'fixtures.test': ['127.0.0.1'], 'rebind.test': ['127.0.0.2'] };
  const addresses = zone[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: 4 }));
};

let fetcher: HttpFetcher;

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  fetcher = createHttpFetcher({
    allowlist: parseAllowlist('127.0.0.1'),
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: 2000,
    maxBytes: 1024 * 1024,
    maxRedirects: 5,
    robots: false,
    perHostConcurrency: 4,
    perHostDelayMs: 0,
    retries: 0,
    resolver: stubResolver,
  });
});

afterAll(async () => {
  await fetcher?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('redirects to addresses that are not allowed, in every spelling', () => {
  it.each(REFUSED_HOSTS)('refuses a redirect to %s before connecting', async (host) => {
    const location = encodeURIComponent(target(host));
    hits.length = 0;
    const error = await fetcher.fetch(`http://127.0.0.1:${port}/redirect?to=${location}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ssrf_refused');
    expect(hits).toEqual([`/redirect?to=${location}`]);
  });

  it('refuses the same addresses asked for directly', async () => {
    for (const host of REFUSED_HOSTS) {
      const error = await fetcher.fetch(target(host)).catch((e: unknown) => e);
      expect({ host, code: (error as DomainError).code }).toEqual({ host, code: 'ssrf_refused' });
    }
  });
});

describe('hostile servers through the fetch-page job (in-process runtime)', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    env = await tempDb();
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: '127.0.0.1', LEAKLINE_FETCH_TIMEOUT_MS: '1000', LEAKLINE_FETCH_MAX_BYTES: String(1024 * 1024), LEAKLINE_FETCH_MAX_REDIRECTS: '3' }, stubResolver);
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  it.each([
    ['/endless', /larger than 1048576 bytes/],
    ['/declared-huge', /larger than 1048576 bytes/],
    ['/gzip-bomb', /larger than 1048576 bytes/],
    ['/slow', /no complete response within 1000 ms|nothing received for 1000 ms/],
    ['/stall', /nothing received for 1000 ms|no complete response within 1000 ms/],
    ['/loop', /redirected more than 3 times/],
    [`/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, /Refused to fetch file:\/\/\/etc\/passwd/],
    // redirects to a loopback address that is not allowlisted, in hex and through a name: refused before connecting
    [`/redirect?to=${encodeURIComponent('http://0x7f000002/page')}`, /Refused to fetch .*127\.0\.0\.2.*loopback/],
    [`/redirect?to=${encodeURIComponent('http://rebind.test/page')}`, /rebind\.test.*127\.0\.0\.2/],
  ])('fails %s with a clear reason, records no page, and the next job runs', async (path, reason) => {
    const url = `${base()}${path}`;
    const jobId = await fetchJobId(url);
    const started = performance.now();
    await runtime.enqueuer.enqueue('fetch-page', { url }, { jobId });
    await runtime.enqueuer.idle();
    const job = await findJob(env.db, jobId);
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(reason);
    expect(performance.now() - started).toBeLessThan(30_000);
    const sources = await env.db.$client.execute({ sql: 'SELECT count(*) AS n FROM sources WHERE url = ? OR url = ?', args: [url, normaliseUrl(url) ?? url] });
    expect(Number(sources.rows[0]!.n)).toBe(0);

    const normal = `${base()}/page?after=${encodeURIComponent(path)}`;
    await runtime.enqueuer.enqueue('fetch-page', { url: normal }, { jobId: await fetchJobId(normal) });
    await runtime.enqueuer.idle();
    expect((await findJob(env.db, await fetchJobId(normal)))?.status).toBe('completed');
  });
});
