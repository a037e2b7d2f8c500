import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { MAX_REQUEST_BYTES } from '../../src/api/body-limit.ts';
import { createDiskUploadStore } from '../../src/ingest/upload-store.ts';
import { Matcher } from '../../src/match/matcher.ts';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { addWebhook } from '../../src/store/events.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { startFixtureServer, text } from '../helpers/fixture-server.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

/*
 * Hostile requests against the real app (every route read from its own
 * OpenAPI document): odd values in every path parameter, SQL metacharacters
 * in every query filter, malformed bodies, wrong content types, oversized
 * and endless uploads. Each gets a 4xx with { error: { code, message } } (or,
 * for a filter, a correct answer), never a 500; no row changes; and a normal
 * request still works afterwards. The only network is 127.0.0.1.
 */

const MiB = 1024 * 1024;
const MAX_UPLOAD = MiB;
const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';

type Operation = { method: string; path: string; pathParams: string[]; queryParams: string[]; body: string[] };

/** Values no path parameter accepts: traversal (plain, encoded, double-encoded, backslashes), null bytes, very long, odd Unicode, SQL. */
const HOSTILE_PATH_VALUES = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252fetc%252fpasswd',
  '..%5c..%5cwindows%5cwin.ini',
  '..\\..\\windows',
  '%2e%2e',
  '.',
  'a%00b',
  '%00',
  '%',
  '%zz',
  'x'.repeat(10_000),
  encodeURIComponent('ünïcödé-日本語-🙂'),
  encodeURIComponent('\u202egnp.exe'),
  encodeURIComponent('\ufeff'),
  encodeURIComponent("'; DROP TABLE leaks;--"),
  encodeURIComponent('1 OR 1=1'),
  encodeURIComponent('" OR ""="'),
];
/** Numbers no id accepts. */
const HOSTILE_IDS = ['-1', '0', '1.5', '1e400', '99999999999999999999', 'NaN', 'Infinity', '0x10%00'];

/** What a query filter gets: SQL metacharacters and injections, LIKE wildcards, odd numbers. */
const SQL_VALUES = [
  "' OR 1=1--",
  "' OR '1'='1",
  '" OR ""="',
  "'; DROP TABLE leaks;--",
  '1; DELETE FROM documents',
  '1) OR (1=1',
  "' UNION SELECT sql FROM sqlite_master--",
  '%',
  '_',
  '%25',
  '*',
  '\\',
  'NULL',
  '%00',
  'ok%00',
  '-1',
  '1e400',
  '9'.repeat(40),
  '0x7fffffff',
  '[]',
];

/** A body each JSON route must refuse with 400 or 415. */
const BAD_JSON: Array<[label: string, body: RequestInit['body'], contentType: string | null]> = [
  ['truncated JSON', '{"slug":', 'application/json'],
  ['an empty body', '', 'application/json'],
  ['null', 'null', 'application/json'],
  ['an array', '[]', 'application/json'],
  ['a string', '"x"', 'application/json'],
  ['a number', '1e400', 'application/json'],
  ['nesting 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'application/json'],
  ['bytes that are not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'application/json'],
  ['UTF-16 declared as such', new Uint8Array(Buffer.from('{"slug":"x"}', 'utf16le')), 'application/json; charset=utf-16'],
  ['a form', 'slug=x', 'application/x-www-form-urlencoded'],
  ['text', '{"slug":"x"}', 'text/plain'],
  ['no content type', '{"slug":"x"}', null],
  ['a content type that is not one', '{"slug":"x"}', ';;;'],
  ['multipart without a boundary', '--x\r\n\r\n', 'multipart/form-data'],
];

let env: Awaited<ReturnType<typeof tempDb>>;
let runtime: ReturnType<typeof inProcessRuntime>;
let fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
let app: ReturnType<typeof createApp>;
let operations: Operation[];

/** Row counts of every table, and the schema: what a successful injection would change. */
async function snapshot(db: Db): Promise<Record<string, number | string>> {
  const tables = await db.$client.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, number | string> = {};
  for (const row of tables.rows) {
    out[`schema:${row.name}`] = String(row.sql);
    if (String(row.sql).startsWith('CREATE TABLE')) out[String(row.name)] = Number((await db.$client.execute(`SELECT count(*) AS n FROM "${row.name}"`)).rows[0]!.n);
  }
  return out;
}

async function send(path: string, init: RequestInit = {}): Promise<{ status: number; body: any; raw: string }> {
  const res = await app.request(path, init);
  const raw = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // not JSON: left null, which the error checks then report
  }
  return { status: res.status, body, raw };
}

/** A 4xx with the error body every API error has. */
function expectClientError(what: string, res: { status: number; body: any; raw: string }): void {
  expect({ what, status: res.status >= 400 && res.status < 500 ? '4xx' : res.status }).toEqual({ what, status: '4xx' });
  expect(res.body?.error?.code, `${what}: ${res.raw.slice(0, 200)}`).toMatch(/^[a-z_0-9]+$/);
  expect(res.body.error.message.length, what).toBeGreaterThan(10);
}

/** A valid body for an operation, so that only the value under test is wrong. */
function validInit(op: Operation): RequestInit {
  const init: RequestInit = { method: op.method };
  if (op.body.includes('application/json')) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify({ stage: 'drop', slug: 'x', urls: ['http://127.0.0.1:9/'], url: 'http://127.0.0.1:9/', role: 'reader', text: 'x' });
  } else if (op.body.includes('multipart/form-data')) {
    const form = new FormData();
    form.append('file', new File([MEMO], 'memo.txt'));
    init.body = form;
  }
  return init;
}

const VALID_PARAM: Record<string, string> = { slug: 'northbridge', id: '1', pattern: 'example.org' };

beforeAll(async () => {
  env = await tempDb();
  fixtures = await startFixtureServer({ 'localhost/paste/raw/nb2024': text(MEMO) });
  runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
  app = createApp({ db: env.db, enqueuer: runtime.enqueuer, uploads: createDiskUploadStore(join(env.dir, 'uploads'), MAX_UPLOAD), maxUploadBytes: MAX_UPLOAD, version: 'test', matcher: new Matcher(env.db) });

  // a leak with documents, a drop page and a post that quote it, a feed and a webhook: rows an injection could reach
  const dropUrl = fixtures.url('localhost', '/paste/raw/nb2024');
  await upsertDomain(env.db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
  await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP, dropUrl, droppedAt: '2024-10-20T18:35:00Z' }, { jobId: await ingestJobId('northbridge', 'hostile-api') });
  await runtime.enqueuer.enqueue('fetch-page', { url: dropUrl }, { jobId: await fetchJobId(dropUrl) });
  const posts = join(env.dir, 'posts.jsonl');
  await (await import('node:fs/promises')).writeFile(posts, JSON.stringify({ id: '1001', author_id: 'u1', created_at: '2024-10-21T08:00:00.000Z', text: `Leaked: ${QUOTE}` }));
  await runtime.enqueuer.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'hostile-api') });
  await runtime.enqueuer.idle();
  await addFeed(env.db, { url: 'https://news.example/rss.xml', kind: 'feed', everySeconds: 900 });
  await addWebhook(env.db, { url: 'https://hooks.example/leakline', events: 'stage.entered', secret: 'a-secret-of-sixteen-chars' });

  const doc = (await send('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, unknown> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: Object.keys(op.requestBody?.content ?? {}),
    })),
  );
});

afterAll(async () => {
  await runtime?.close();
  await fixtures?.close();
  await env?.cleanup();
});

describe('the data the hostile requests could reach', () => {
  it('is there: documents, sightings with a domain and an account, a feed, a webhook', async () => {
    const sightings = (await send('/api/leaks/northbridge/sightings')).body.items as Array<{ domain: string | null; account: string | null }>;
    expect(sightings.map((s) => s.domain)).toContain('localhost');
    expect(sightings.map((s) => s.account)).toContain('u1');
    expect((await send('/api/leaks/northbridge/documents')).body.total).toBeGreaterThan(10);
    expect((await send('/api/feeds')).body.items).toHaveLength(1);
    expect((await send('/api/webhooks')).body.items).toHaveLength(1);
    expect(operations.filter((op) => op.pathParams.length > 0).length).toBeGreaterThan(12);
  });
});

describe('odd values in every path parameter of every route', () => {
  it('answers each with a 4xx error body, and changes no row', async () => {
    const before = await snapshot(env.db);
    let tried = 0;
    for (const op of operations) {
      for (const param of op.pathParams) {
        const values = param === 'id' ? [...HOSTILE_PATH_VALUES, ...HOSTILE_IDS] : HOSTILE_PATH_VALUES;
        for (const value of values) {
          const path = op.path.replace(`{${param}}`, value).replace(/\{(\w+)\}/g, (_, name: string) => VALID_PARAM[name] ?? '1');
          expectClientError(`${op.method} ${op.path} ${param}=${value.slice(0, 40)}`, await send(path, validInit(op)));
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(300);
    expect(await snapshot(env.db)).toEqual(before);
  });

  it('answers odd values in the dashboard’s path parameters with a 4xx page, never a 500', async () => {
    const before = await snapshot(env.db);
    const pages = ['/leaks/{v}', '/leaks/{v}/coordination', '/leaks/{v}/anomalies', '/leaks/{v}/sightings.csv', '/leaks/{v}/sightings.json', '/documents/{v}'];
    for (const page of pages) {
      for (const value of [...HOSTILE_PATH_VALUES, '99999999999999999999']) {
        const path = page.replace('{v}', value);
        const res = await app.request(path);
        // dot segments (`%2e%2e`) are resolved by the URL parser before routing: `/leaks/%2e%2e` is the overview page
        const resolvedElsewhere = !new URL(path, 'http://localhost').pathname.startsWith(page.slice(0, page.indexOf('{v}')));
        const ok = resolvedElsewhere ? res.status < 500 : res.status >= 400 && res.status < 500;
        expect({ page, value: value.slice(0, 40), status: res.status, ok }).toEqual({ page, value: value.slice(0, 40), status: res.status, ok: true });
      }
    }
    expect(await snapshot(env.db)).toEqual(before);
  });
});

describe('SQL metacharacters in every query filter', () => {
  const EQUALITY: Record<string, string> = { stage: 'stage', kind: 'kind', domain: 'domain', status: 'status' };

  it('answers each with a 400 or a correct answer, and changes no row', async () => {
    const before = await snapshot(env.db);
    let tried = 0;
    let answered = 0;
    for (const op of operations.filter((o) => o.method === 'GET' && o.queryParams.length > 0 && o.path !== '/api/events')) {
      const base = op.path.replace(/\{(\w+)\}/g, (_, name: string) => VALID_PARAM[name] ?? '1');
      const baseline = await send(base);
      expect(baseline.status, base).toBe(200);
      const known = new Set(JSON.stringify(baseline.body).match(/"(?:id|slug|pattern|path)":(?:\d+|"[^"]*")/g) ?? []);
      for (const param of op.queryParams) {
        for (const value of SQL_VALUES) {
          const encoded = /%[0-9a-f]{2}/i.test(value) ? value : encodeURIComponent(value);
          const res = await send(`${base}?${param}=${encoded}`);
          tried++;
          if (res.status === 200) {
            answered++;
            // a correct answer: only rows the unfiltered answer has, each matching an equality filter exactly
            for (const key of JSON.stringify(res.body).match(/"(?:id|slug|pattern|path)":(?:\d+|"[^"]*")/g) ?? []) expect(known, `${base}?${param}=${value}`).toContain(key);
            const items = (res.body.items ?? []) as Array<Record<string, unknown>>;
            if (EQUALITY[param]) for (const item of items) expect(String(item[EQUALITY[param]!]).toLowerCase(), `${base}?${param}=${value}`).toBe(decodeURIComponent(encoded).toLowerCase());
          } else expectClientError(`GET ${base}?${param}=${value}`, res);
        }
      }
    }
    expect(tried).toBeGreaterThan(300);
    expect(answered).toBeGreaterThan(0);
    expect(await snapshot(env.db)).toEqual(before);
  });

  it('gives the live event stream a hostile leak filter without harm, and refuses a hostile resume point', async () => {
    for (const value of SQL_VALUES) {
      const controller = new AbortController();
      const res = await app.request(`/api/events?leak=${encodeURIComponent(value)}`, { signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      controller.abort();
      await res.body?.cancel().catch(() => undefined);
    }
    for (const value of ["' OR 1=1--", '-1', '1e400', 'abc']) expectClientError(`after=${value}`, await send(`/api/events?after=${encodeURIComponent(value)}`));
  });

  it('stores SQL metacharacters in text fields as plain text and reads them back unchanged', async () => {
    const title = "Robert'); DROP TABLE leaks;-- \" % _ \\ ünï 🙂";
    const created = await send('/api/leaks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'sql-in-title', title }) });
    expect(created.status).toBe(201);
    expect((await send('/api/leaks/sql-in-title')).body.title).toBe(title);
    const label = "paste'; DELETE FROM domains;--";
    const put = await send('/api/domains/quoted.example', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stage: 'drop', label }) });
    expect(put.body).toMatchObject({ pattern: 'quoted.example', label });
    expect((await send('/api/domains?stage=drop')).body.items.length).toBeGreaterThan(5);
  });
});

describe('malformed bodies and wrong content types', () => {
  it('answers every JSON route with 400 or 415 for each malformed body, and changes no row', async () => {
    const before = await snapshot(env.db);
    const jsonRoutes = operations.filter((op) => op.body.includes('application/json'));
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(6);
    for (const op of jsonRoutes) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => VALID_PARAM[name] ?? '1');
      for (const [label, body, contentType] of BAD_JSON) {
        // /api/check also reads multipart: a form there is a missing file, still a 400
        const res = await send(path, { method: op.method, body, headers: contentType ? { 'content-type': contentType } : {} });
        expectClientError(`${op.method} ${op.path} with ${label}`, res);
        expect([400, 415], `${op.method} ${op.path} with ${label}`).toContain(res.status);
      }
    }
    expect(await snapshot(env.db)).toEqual(before);
  });

  it('answers an upload route with 400 or 415 for a body that is not a usable form', async () => {
    const bodies: Array<[string, RequestInit['body'], Record<string, string>]> = [
      ['JSON', '{"file":"x"}', { 'content-type': 'application/json' }],
      ['a form without the file', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart cut short', '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\n\r\nPK', { 'content-type': 'multipart/form-data; boundary=XX' }],
      ['multipart with a wrong boundary', '--YY\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--YY--', { 'content-type': 'multipart/form-data; boundary=XX' }],
      ['the file as a plain field', '--XX\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--XX--\r\n', { 'content-type': 'multipart/form-data; boundary=XX' }],
    ];
    for (const [label, body, headers] of bodies) {
      const res = await send('/api/leaks/northbridge/dumps', { method: 'POST', body, headers });
      expectClientError(`upload with ${label}`, res);
    }
    const form = new FormData();
    form.append('file', new File([MEMO], 'memo.txt'));
    form.append('droppedAt', "yesterday'; DROP TABLE leaks;--");
    expectClientError('upload with a hostile droppedAt', await send('/api/leaks/northbridge/dumps', { method: 'POST', body: form }));
  });
});

describe('oversized and endless bodies', () => {
  /** A body of `bytes` that declares no length, as a chunked upload does. */
  const endless = (bytes: number, head = '') =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
      },
      pull(controller) {
        if (bytes <= 0) return controller.close();
        const chunk = new Uint8Array(Math.min(bytes, 256 * 1024)).fill(0x61);
        bytes -= chunk.length;
        controller.enqueue(chunk);
      },
    });
  const multipartHead = '--XX\r\nContent-Disposition: form-data; name="file"; filename="big.zip"\r\nContent-Type: application/zip\r\n\r\n';

  it('refuses an upload over LEAKLINE_MAX_UPLOAD_BYTES with 413, declared or not', async () => {
    const declared = await send('/api/leaks/northbridge/dumps', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=XX', 'content-length': String(10 * MAX_UPLOAD) } });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('upload_too_large');
    for (const path of ['/api/leaks/northbridge/dumps', '/api/check']) {
      const res = await send(path, { method: 'POST', body: endless(8 * MAX_UPLOAD, multipartHead), headers: { 'content-type': 'multipart/form-data; boundary=XX' }, duplex: 'half' } as RequestInit);
      expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({ path, status: 413, code: 'upload_too_large' });
    }
    const big = new FormData();
    big.append('file', new File([new Uint8Array(2 * MAX_UPLOAD)], 'big.pdf'));
    expect((await send('/api/check', { method: 'POST', body: big })).status).toBe(413);
  });

  it('refuses a JSON body over the request limit with 413, declared or not', async () => {
    const huge = `{"slug":"x","title":"${'a'.repeat(MAX_REQUEST_BYTES)}"}`;
    expect((await send('/api/leaks', { method: 'POST', body: huge, headers: { 'content-type': 'application/json' } })).body.error.code).toBe('payload_too_large');
    const res = await send('/api/crawl', { method: 'POST', body: endless(2 * MAX_REQUEST_BYTES, '{"urls":["'), headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it('stops reading a chunked upload at the limit on a real server, in bounded memory, and keeps serving', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const total = 256 * MiB;
      let sent = 0;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/leaks/northbridge/dumps', method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=XX', 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write(multipartHead);
        const chunk = Buffer.alloc(MiB, 0x41);
        const pump = () => {
          while (sent < total && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      }).finally(() => clearInterval(sampler));
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.code).toBe('upload_too_large');
      // the server answered long before the client was done, holding at most the limit
      expect(peak - baseline).toBeLessThan(64 * MiB);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers raw request lines with traversal, null bytes and a 64 KB path without a 500, and keeps serving', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const raw = (target: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        let reply = '';
        socket.on('data', (c) => (reply += c.toString('latin1')));
        socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
        socket.on('error', () => resolve('socket error'));
      });
    try {
      for (const target of ['/api/leaks/../../../../etc/passwd', '/api/leaks/..%2f..%2f..%2fetc%2fpasswd/documents', '/api/documents/..\\..\\win.ini', '/api/leaks/a\u0000b', `/api/leaks/${'a'.repeat(64 * 1024)}`, '/api/jobs/%ff%fe', '//etc/passwd', '/api/leaks?limit=1%00']) {
        const status = await raw(target);
        expect(status, target.slice(0, 60)).toMatch(/^HTTP\/1\.1 4\d\d /);
      }
      expect((await fetch(`http://127.0.0.1:${port}/api/leaks/northbridge`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('after all of it', () => {
  it('answers normal requests as before and still ingests an upload', async () => {
    expect((await send('/api/health')).body).toMatchObject({ ok: true, database: 'ok' });
    const docs = await send('/api/leaks/northbridge/documents?status=ok&limit=5');
    expect(docs.status).toBe(200);
    expect(docs.body.items).toHaveLength(5);
    const form = new FormData();
    form.append('file', new File([`${MEMO}\nAfter the hostile requests.`], 'after.txt'));
    const upload = await send('/api/leaks/after-hostile/dumps', { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    await runtime.enqueuer.idle();
    expect((await send(`/api/jobs/${upload.body.jobId}`)).body).toMatchObject({ status: 'completed', result: expect.objectContaining({ documents: 1, extracted: 1 }) });
    const check = await send('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUOTE }) });
    expect(check.status).toBe(200);
    expect(check.body.matches.length).toBeGreaterThan(0);
  });
});
