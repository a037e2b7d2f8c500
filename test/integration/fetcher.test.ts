import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { Clock } from '../../src/fetch/clock.ts';
import { DEFAULT_USER_AGENT, createHttpFetcher, type HttpFetcher, type HttpFetcherOptions } from '../../src/fetch/fetcher.ts';
import type { Resolver } from '../../src/fetch/guarded-lookup.ts';
import { parseAllowlist } from '../../src/fetch/ssrf-policy.ts';

// Everything here stays on loopback, even if the guard were broken: one fixture
// server on 127.0.0.1, redirects only to loopback, and a stub resolver whose
// names map only to 127.0.0.1 and 127.0.0.2. Nothing listens on 127.0.0.2, so a
// guard that let a request through would show as a connection error instead of
// the expected ssrf_refused. Private, metadata and public addresses are tested
// through the policy and the stubbed lookup only (test/unit).

const LATIN1_PAGE = Uint8Array.from([...'<p>Caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x3c, 0x2f, 0x70, 0x3e])); // "<p>Café</p>" in ISO-8859-1

const ROBOTS = ['User-agent: Leakline', 'Disallow: /private', '', 'User-agent: *', 'Disallow: /', ''].join('\n');

let server: Server;
let port: number;
let base: string;
const hits = new Map<string, number>();
const seen: Array<{ path: string; userAgent: string | undefined; at: number }> = [];
let inFlight = 0;
let maxInFlight = 0;
let endlessClosed = false;

const count = (key: string) => {
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n;
};

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fixture');
  const n = count(url.pathname + url.search);
  seen.push({ path: url.pathname, userAgent: req.headers['user-agent'], at: performance.now() });
  const send = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
  const path = url.pathname;
  if (path === '/robots.txt') return send(200, ROBOTS);
  if (path === '/page' || path.startsWith('/private') || path === '/mine') return send(200, LATIN1_PAGE, { 'content-type': 'text/html; charset=ISO-8859-1' });
  if (path === '/meta') return send(200, '<meta charset="windows-1252"><p>hi</p>', { 'content-type': 'text/html' });
  const hop = /^\/r\/(\d+)$/.exec(path);
  if (hop) return Number(hop[1]) === 0 ? send(200, 'end of chain') : send(302, '', { location: `/r/${Number(hop[1]) - 1}` });
  if (path === '/to-loopback-2') return send(302, '', { location: `http://127.0.0.2:${port}/page` });
  if (path === '/to-rebind') return send(301, '', { location: `http://rebind.test:${port}/page` });
  if (path === '/to-file') return send(302, '', { location: 'file:///etc/passwd' });
  if (path === '/flaky') return n === 1 ? send(503, 'busy') : send(200, 'recovered');
  if (path === '/down') return send(500, 'still broken');
  if (path === '/missing') return send(404, 'no such page');
  if (path === '/busy') return n === 1 ? send(429, 'slow down', { 'retry-after': '1' }) : send(200, 'thanks for waiting');
  if (path === '/busy-long') return send(429, 'come back tomorrow', { 'retry-after': '3600' });
  if (path === '/reset') {
    if (n === 1) return void req.socket.destroy();
    return send(200, 'reconnected');
  }
  if (path === '/slow') return; // never answers
  if (path === '/stall') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first bytes, then silence');
    return;
  }
  if (path === '/endless') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = new Uint8Array(16 * 1024).fill(65);
    res.on('close', () => (endlessClosed = true));
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    return pump();
  }
  if (path === '/declared-big') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(10 * 1024 * 1024) });
    res.write(new Uint8Array(1024)); // the rest never comes; the declared length alone must be refused
    return;
  }
  if (path === '/polite') {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      send(200, 'ok');
    }, 60);
    return;
  }
  send(404, 'unknown fixture');
}

const stubResolver: Resolver = async (host) => {
  const zone: Record<string, string[]> = { 'fixtures.test': ['127.0.0.1'], 'rebind.test': ['127.0.0.2'], 'mixed.test': ['127.0.0.1', '127.0.0.2'] };
  const addresses = zone[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: 4 }));
};

const open: HttpFetcher[] = [];
function fetcher(overrides: Partial<HttpFetcherOptions> = {}): HttpFetcher {
  const f = createHttpFetcher({
    allowlist: parseAllowlist('127.0.0.1'),
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: 5000,
    maxBytes: 1024 * 1024,
    maxRedirects: 3,
    robots: false,
    perHostConcurrency: 4,
    perHostDelayMs: 0,
    retries: 2,
    retryBaseMs: 10,
    resolver: stubResolver,
    ...overrides,
  });
  open.push(f);
  return f;
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await Promise.all(open.map((f) => f.close()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits.clear();
  seen.length = 0;
});

describe('HTTP fetcher: pages, redirects and charsets', () => {
  it('fetches a page and reports its type, the header charset and the raw bytes', async () => {
    const page = await fetcher().fetch(`${base}/page`);
    expect(page).toMatchObject({ url: `${base}/page`, status: 200, contentType: 'text/html', charset: 'iso-8859-1', redirects: [] });
    expect(page.body).toEqual(LATIN1_PAGE);
    expect(page.headers['content-type']).toBe('text/html; charset=ISO-8859-1');
    expect(Date.parse(page.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('sends its own user agent', async () => {
    await fetcher().fetch(`${base}/page`);
    expect(seen[0]?.userAgent).toBe(DEFAULT_USER_AGENT);
  });

  it('leaves a <meta charset> to the caller: charset is null when the header has none', async () => {
    const page = await fetcher().fetch(`${base}/meta`);
    expect(page).toMatchObject({ contentType: 'text/html', charset: null });
    expect(new TextDecoder().decode(page.body)).toContain('<meta charset="windows-1252">');
  });

  it('follows a redirect chain within the limit and lists every hop', async () => {
    const page = await fetcher({ maxRedirects: 3 }).fetch(`${base}/r/3`);
    expect(page.url).toBe(`${base}/r/0`);
    expect(page.redirects).toEqual([`${base}/r/3`, `${base}/r/2`, `${base}/r/1`]);
    expect(new TextDecoder().decode(page.body)).toBe('end of chain');
  });

  it('stops a chain over the limit with too_many_redirects', async () => {
    const error = await failure(fetcher({ maxRedirects: 3 }).fetch(`${base}/r/4`));
    expect(error).toMatchObject({ code: 'too_many_redirects', retryable: false });
    expect(hits.get('/r/0')).toBeUndefined();
  });

  it('reaches the fixture through a host name the stub resolver maps to an allowed address', async () => {
    const page = await fetcher().fetch(`http://fixtures.test:${port}/page`);
    expect(page.url).toBe(`http://fixtures.test:${port}/page`);
  });
});

describe('HTTP fetcher: SSRF guard', () => {
  it('refuses a redirect to 127.0.0.2 before connecting (not allowlisted)', async () => {
    const error = await failure(fetcher().fetch(`${base}/to-loopback-2`));
    expect(error.code).toBe('ssrf_refused');
    expect(error.message).toContain('127.0.0.2');
    expect(error.message).toContain('loopback');
  });

  it('refuses a redirect to a name that resolves to 127.0.0.2, at connect time', async () => {
    const error = await failure(fetcher().fetch(`${base}/to-rebind`));
    expect(error.code).toBe('ssrf_refused');
    expect(error.message).toContain('rebind.test');
    expect(error.message).toContain('127.0.0.2');
  });

  it('refuses a name with one allowed and one refused address', async () => {
    const error = await failure(fetcher().fetch(`http://mixed.test:${port}/page`));
    expect(error.code).toBe('ssrf_refused');
    expect(hits.size).toBe(0);
  });

  it('refuses a redirect to file: and non-http schemes up front', async () => {
    expect((await failure(fetcher().fetch(`${base}/to-file`))).code).toBe('bad_url');
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'gopher://127.0.0.1/', 'data:text/plain,hi']) {
      expect((await failure(fetcher().fetch(url))).code).toBe('bad_url');
    }
  });

  it('refuses the fixture itself when the allowlist is empty', async () => {
    const error = await failure(fetcher({ allowlist: parseAllowlist('') }).fetch(`${base}/page`));
    expect(error).toMatchObject({ code: 'ssrf_refused', retryable: false });
    expect(hits.size).toBe(0);
  });
});

describe('HTTP fetcher: retries', () => {
  it('retries a 503 and returns the 200 that follows', async () => {
    const page = await fetcher().fetch(`${base}/flaky`);
    expect(new TextDecoder().decode(page.body)).toBe('recovered');
    expect(hits.get('/flaky')).toBe(2);
  });

  it('gives up on a lasting 500 after the configured retries, as a retryable http_status', async () => {
    const error = await failure(fetcher({ retries: 2 }).fetch(`${base}/down`));
    expect(error).toMatchObject({ code: 'http_status', retryable: true });
    expect(hits.get('/down')).toBe(3);
  });

  it('does not retry a 404', async () => {
    const error = await failure(fetcher().fetch(`${base}/missing`));
    expect(error).toMatchObject({ code: 'http_status', retryable: false });
    expect(error.message).toContain('404');
    expect(hits.get('/missing')).toBe(1);
  });

  it('waits as long as Retry-After asks after a 429', async () => {
    const waits: number[] = [];
    const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void waits.push(ms) };
    const page = await fetcher({ clock }).fetch(`${base}/busy`);
    expect(new TextDecoder().decode(page.body)).toBe('thanks for waiting');
    expect(waits).toEqual([1000]);
    expect(hits.get('/busy')).toBe(2);
  });

  it('fails at once, retryable, when Retry-After asks for longer than it will wait', async () => {
    const error = await failure(fetcher({ maxRetryWaitMs: 5000 }).fetch(`${base}/busy-long`));
    expect(error).toMatchObject({ code: 'http_status', retryable: true });
    expect(hits.get('/busy-long')).toBe(1);
  });

  it('retries a connection reset by the server', async () => {
    const page = await fetcher().fetch(`${base}/reset`);
    expect(new TextDecoder().decode(page.body)).toBe('reconnected');
    expect(hits.get('/reset')).toBe(2);
  });
});

describe('HTTP fetcher: slow and endless responses', () => {
  it('times out a server that never answers', async () => {
    const started = performance.now();
    const error = await failure(fetcher({ timeoutMs: 300 }).fetch(`${base}/slow`));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(hits.get('/slow')).toBe(1); // timeouts are not retried in place
  });

  it('times out a body that goes quiet (idle timeout)', async () => {
    const error = await failure(fetcher({ timeoutMs: 10_000, idleTimeoutMs: 250 }).fetch(`${base}/stall`));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('nothing received for 250 ms');
  });

  it('stops an endless body at the size cap and drops the connection', async () => {
    endlessClosed = false;
    const error = await failure(fetcher().fetch(`${base}/endless`, { maxBytes: 64 * 1024 }));
    expect(error).toMatchObject({ code: 'too_large', retryable: false });
    await expect.poll(() => endlessClosed, { timeout: 5000 }).toBe(true);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    expect((await failure(fetcher({ maxBytes: 1024 * 1024 }).fetch(`${base}/declared-big`))).code).toBe('too_large');
  });

  it('hands the caller its own abort reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await fetcher().fetch(`${base}/slow`, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('HTTP fetcher: robots.txt', () => {
  it('refuses a path robots.txt disallows for Leakline, and reads robots.txt once per origin', async () => {
    const f = fetcher({ robots: true });
    const error = await failure(f.fetch(`${base}/private/memo`));
    expect(error).toMatchObject({ code: 'robots_disallowed', retryable: false });
    expect(hits.get('/private/memo')).toBeUndefined();
    // The Leakline group applies (the * group would refuse everything).
    expect((await f.fetch(`${base}/page`)).status).toBe(200);
    expect((await f.fetch(`${base}/mine`)).status).toBe(200);
    expect(hits.get('/robots.txt')).toBe(1);
    expect(seen.find((s) => s.path === '/robots.txt')?.userAgent).toBe(DEFAULT_USER_AGENT);
  });

  it('fetches the disallowed path when robots is off', async () => {
    const page = await fetcher({ robots: false }).fetch(`${base}/private/memo`);
    expect(page.status).toBe(200);
    expect(hits.get('/robots.txt')).toBeUndefined();
  });
});

describe('HTTP fetcher: per-host politeness', () => {
  it('serialises requests to one host and spaces their starts by the delay', async () => {
    maxInFlight = 0;
    const f = fetcher({ perHostConcurrency: 1, perHostDelayMs: 200 });
    await Promise.all([0, 1, 2].map((i) => f.fetch(`${base}/polite?i=${i}`)));
    const starts = seen.filter((s) => s.path === '/polite').map((s) => s.at);
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(180);
    expect(maxInFlight).toBe(1);
  });

  it('allows up to the configured concurrency at once', async () => {
    maxInFlight = 0;
    const f = fetcher({ perHostConcurrency: 2, perHostDelayMs: 0 });
    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => f.fetch(`${base}/polite?i=${i}`)));
    expect(maxInFlight).toBe(2);
  });
});
