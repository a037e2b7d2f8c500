import { Redis } from 'ioredis';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { extractArticle } from '../../src/domain/article/index.ts';
import { parseConfig } from '../../src/config.ts';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import type { Enqueuer } from '../../src/queue/enqueuer.ts';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { findJob } from '../../src/store/jobs.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { listSightings } from '../../src/store/sightings.ts';
import { startWorkers } from '../../workers/main.ts';
import { html, startFixtureServer, text } from '../helpers/fixture-server.ts';
import { REDIS_URL, testPrefix } from '../helpers/redis.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';

/**
 * A leak's path on one loopback server: a paste carries the memo (drop), a
 * platform post quotes one sentence (amplification), a newsroom article
 * quotes it and links both (mainstream). Stages come from path-prefix
 * registry entries, since every page lives on localhost.
 */
async function scenario() {
  const server = await startFixtureServer({
    'localhost/paste/raw/nb2024': text(MEMO),
    'localhost/social/post/1': html(`<html><head><title>post</title></head><body><article><p>Wow: "${QUOTE}". Read it all.</p></article></body></html>`),
    'localhost/news/2024/10/22/northbridge.html': (req, res) =>
      html(`<!doctype html><html lang="en"><head><title>Campaign split donations to dodge disclosure, leaked memo shows</title>
        <meta property="article:published_time" content="2024-10-22T06:00:00Z"></head><body>
        <nav><a href="/news/">Home</a></nav>
        <article><h1>Campaign split donations to dodge disclosure, leaked memo shows</h1>
        <p>A memo posted anonymously on a paste site on Sunday says that ${QUOTE}, according to the document seen by our reporters.</p>
        <p>The memo, <a href="http://localhost:${server.port}/paste/raw/nb2024">first published here</a>, was shared widely on social media, <a href="http://localhost:${server.port}/social/post/1">including this post</a>.</p>
        <p>The campaign did not answer our questions about the payments or about the Harbour Fund before publication.</p>
        </article><footer>© News</footer></body></html>`)(req, res),
    'localhost/news/unrelated.html': html('<html><body><article><p>The city council approved a new bicycle lane on the harbour road after a long debate about parking spaces and bus routes.</p></article></body></html>'),
  });
  return server;
}

async function prepareLeak(db: Db, enqueuer: Enqueuer, port: number, settle: (id: string) => Promise<unknown>) {
  await upsertDomain(db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
  await upsertDomain(db, { pattern: 'localhost/social', stage: 'amplification', tier: null, label: 'platform', platform: 'social' });
  await upsertDomain(db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'newsroom', platform: null });
  const id = await ingestJobId('northbridge', 'spread');
  await enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP, dropUrl: `http://localhost:${port}/paste/raw/nb2024`, droppedAt: '2024-10-20T18:35:00Z' }, { jobId: id });
  await settle(id);
}

async function expectThreeStages(db: Db, port: number) {
  const leak = (await findLeak(db, 'northbridge'))!;
  const { items } = await listSightings(db, leak, { limit: 100, offset: 0 });
  const byUrl = (path: string) => items.filter((s) => s.url === `http://localhost:${port}${path}`);
  const paste = byUrl('/paste/raw/nb2024');
  expect(paste.length).toBeGreaterThan(0);
  expect(paste[0]).toMatchObject({ stage: 'drop', publishedAt: null });
  expect(paste.map((s) => s.kind)).toContain('exact');
  const post = byUrl('/social/post/1');
  expect(post[0]).toMatchObject({ stage: 'amplification', kind: 'excerpt' });
  const article = byUrl('/news/2024/10/22/northbridge.html');
  expect(article[0]).toMatchObject({ stage: 'mainstream', tier: 1, kind: 'excerpt', publishedAt: '2024-10-22T06:00:00.000Z' });
  const evidence = article[0]!.evidence as { spans: { checkedStart: number; checkedEnd: number }[]; coverage: { source: number; document: number } };
  expect(evidence.spans.length).toBeGreaterThan(0);
  expect(evidence.coverage.document).toBeGreaterThan(0.15);
  expect(evidence.coverage.document).toBeLessThan(0.5);
  expect(byUrl('/news/unrelated.html')).toEqual([]);
  for (const s of items) expect(Date.parse(s.observedAt)).toBeGreaterThan(Date.parse('2025-01-01'));
  return items;
}

const tweets = (port: number) =>
  [
    { data: { id: '1001', author_id: 'u1', created_at: '2024-10-21T08:00:00.000Z', text: `Leaked: ${QUOTE}` }, includes: { users: [{ id: 'u1', username: 'leaker' }] } },
    { data: { id: '1002', author_id: 'u2', created_at: '2024-10-21T08:05:00.000Z', text: 'Read the whole thing https://t.co/x', entities: { urls: [{ url: 'https://t.co/x', expanded_url: `http://localhost:${port}/paste/raw/nb2024` }] } }, includes: { users: [{ id: 'u2', username: 'amplifier' }] } },
    { data: { id: '1003', author_id: 'u3', created_at: '2024-10-21T08:10:00.000Z', text: 'Lovely weather in the harbour today, going for a walk with the dog' }, includes: { users: [{ id: 'u3', username: 'bystander' }] } },
  ]
    .map((t) => JSON.stringify(t))
    .join('\n');

describe('spread in-process: crawl and import into staged sightings', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let server: Awaited<ReturnType<typeof scenario>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  beforeAll(async () => {
    env = await tempDb();
    server = await scenario();
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
    await prepareLeak(env.db, runtime.enqueuer, server.port, () => runtime.enqueuer.idle());
  });
  afterAll(async () => {
    await runtime.close();
    await server.close();
    await env.cleanup();
  });

  it('crawls an article, follows its links into classified domains and finds all three stages', async () => {
    const url = server.url('localhost', '/news/2024/10/22/northbridge.html');
    await runtime.enqueuer.enqueue('fetch-page', { url, maxDepth: 1 }, { jobId: await fetchJobId(url) });
    const unrelated = server.url('localhost', '/news/unrelated.html');
    await runtime.enqueuer.enqueue('fetch-page', { url: unrelated }, { jobId: await fetchJobId(unrelated) });
    await runtime.enqueuer.idle();
    const job = await findJob(env.db, await fetchJobId(url));
    expect(job?.status).toBe('completed');
    await expectThreeStages(env.db, server.port);
    // the navigation link to /news/ is classified too, but the server has no such page: one failed fetch, nothing else lost
    expect(server.hits).toContain('localhost/paste/raw/nb2024');
  });

  it('imports posts: a quote and a link to the drop become sightings, the rest is not stored', async () => {
    const file = join(env.dir, 'tweets.jsonl');
    await writeFile(file, tweets(server.port));
    const id = await importJobId('twitter-v2', 'spread');
    await runtime.enqueuer.enqueue('import-posts', { source: file, format: 'twitter-v2' }, { jobId: id });
    await runtime.enqueuer.idle();
    const job = await findJob(env.db, id);
    expect(job?.result).toMatchObject({ posts: 3, matched: 2, rejected: 0 });
    const leak = (await findLeak(env.db, 'northbridge'))!;
    const { items } = await listSightings(env.db, leak, { stage: 'amplification', limit: 100, offset: 0 });
    const accounts = new Map(items.map((s) => [s.account, s]));
    expect(accounts.get('leaker')).toMatchObject({ kind: 'excerpt', publishedAt: '2024-10-21T08:00:00.000Z', platform: 'twitter' });
    expect(accounts.get('amplifier')).toMatchObject({ kind: 'link' });
    expect(accounts.has('bystander')).toBe(false);
    const stored = await env.db.$client.execute("SELECT count(*) AS n FROM posts WHERE account = 'bystander'");
    expect(Number(stored.rows[0]!.n)).toBe(0);
  });

  it('matches a real news page (a Washington Post article from the fixtures) against a leak that holds one of its paragraphs', async () => {
    const page = await readFile(new URL('../fixtures/pages/wapo-1.html', import.meta.url), 'utf8');
    const article = extractArticle(page);
    const paragraph = article.text.split('\n').map((p) => p.trim()).find((p) => p.split(/\s+/).length > 40)!;
    const dump = join(env.dir, 'wapo-dump');
    await mkdir(dump, { recursive: true });
    await writeFile(join(dump, 'cable.txt'), `Internal cable, not for distribution.\n\n${paragraph}\n`);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'cable', source: dump }, { jobId: await ingestJobId('cable', 'wapo') });
    server.routes['localhost/news/2015/wapo.html'] = html(page);
    const url = server.url('localhost', '/news/2015/wapo.html');
    await runtime.enqueuer.enqueue('fetch-page', { url }, { jobId: await fetchJobId(url) });
    await runtime.enqueuer.idle();
    const leak = (await findLeak(env.db, 'cable'))!;
    const { items } = await listSightings(env.db, leak, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    // the page carries the whole cable but its first line: the document is there, inside a longer page
    expect(items[0]).toMatchObject({ url, stage: 'mainstream', kind: 'near', title: article.title });
    const evidence = items[0]!.evidence as { coverage: { document: number }; spans: unknown[] };
    expect(evidence.coverage.document).toBeGreaterThan(0.8);
  });

  it('serves sightings, the registry and crawl requests through the API', async () => {
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    const json = async (path: string, init?: RequestInit) => {
      const res = await app.request(path, init);
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
    };
    const mainstream = await json('/api/leaks/northbridge/sightings?stage=mainstream');
    expect(mainstream.status).toBe(200);
    expect(mainstream.body.items.length).toBeGreaterThan(0);
    expect(mainstream.body.items.every((s: { stage: string }) => s.stage === 'mainstream')).toBe(true);
    const one = await json(`/api/sightings/${mainstream.body.items[0].id}`);
    expect(one.body).toMatchObject({ url: mainstream.body.items[0].url, evidence: expect.objectContaining({ spans: expect.any(Array) }) });
    const paged = await json('/api/leaks/northbridge/sightings?limit=1&offset=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThan(1);
    expect((await json('/api/leaks/northbridge/sightings?since=not-a-date')).status).toBe(400);
    expect((await json("/api/leaks/northbridge/sightings?domain=x'%20OR%201=1--")).status).toBe(400);
    expect((await json('/api/sightings/999999')).status).toBe(404);

    const put = await json('/api/domains/leaks.example', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stage: 'drop', label: 'leak forum' }) });
    expect(put.body).toMatchObject({ pattern: 'leaks.example', stage: 'drop', origin: 'user' });
    expect((await json('/api/domains?stage=drop')).body.items.map((d: { pattern: string }) => d.pattern)).toContain('leaks.example');
    expect((await json('/api/domains/leaks.example', { method: 'DELETE' })).status).toBe(204);
    expect((await json('/api/domains/leaks.example', { method: 'DELETE' })).status).toBe(404);

    const timeline = await json('/api/leaks/northbridge/timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.stages.map((x: { stage: string; sightings: number }) => [x.stage, x.sightings > 0])).toEqual([
      ['drop', true],
      ['amplification', true],
      ['mainstream', true],
    ]);
    expect(timeline.body.transitions.map((x: { from: string; to: string }) => `${x.from}>${x.to}`)).toEqual(['drop>amplification', 'amplification>mainstream']);
    expect(timeline.body.enteredMainstreamBy.url).toBe(server.url('localhost', '/news/2024/10/22/northbridge.html'));
    const csv = await app.request('/api/leaks/northbridge/timeline?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\n')[0]).toMatch(/^leak,stage,first_seen_at/);

    const crawl = await json('/api/crawl', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: [server.url('localhost', '/news/unrelated.html')] }) });
    expect(crawl.status).toBe(202);
    expect(crawl.body.jobs[0]).toMatchObject({ jobId: expect.stringMatching(/^fetch-/) });
    expect((await json('/api/crawl', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: ['file:///etc/passwd'] }) })).status).toBe(400);
    await runtime.enqueuer.idle();
  });
});

describe('spread through BullMQ on the real Redis', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let server: Awaited<ReturnType<typeof scenario>>;
  const keys = testPrefix();
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let redis: Redis;
  let enqueuer: Enqueuer;
  const settled = (db: Db) => (id: string) =>
    eventually(async () => {
      const j = await findJob(db, id);
      return j?.status === 'completed' || j?.status === 'failed' ? j : null;
    });

  beforeAll(async () => {
    env = await tempDb();
    server = await scenario();
    const config = parseConfig({ DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix, LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1', LEAKLINE_FETCH_HOST_DELAY_MS: '0', LEAKLINE_FETCH_ROBOTS: 'false' });
    workers = await startWorkers(config, () => undefined);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    enqueuer = createBullmqEnqueuer({ db: env.db, connection: redis, prefix: keys.prefix });
    await prepareLeak(env.db, enqueuer, server.port, settled(env.db));
  });
  afterAll(async () => {
    await workers?.close();
    await enqueuer?.close();
    redis?.disconnect();
    await keys.cleanup();
    await server?.close();
    await env?.cleanup();
  });

  it('finds the same three stages when workers run the jobs', async () => {
    const url = server.url('localhost', '/news/2024/10/22/northbridge.html');
    await enqueuer.enqueue('fetch-page', { url, maxDepth: 1 }, { jobId: await fetchJobId(url) });
    await settled(env.db)(await fetchJobId(url));
    for (const path of ['/paste/raw/nb2024', '/social/post/1']) await settled(env.db)(await fetchJobId(server.url('localhost', path)));
    await expectThreeStages(env.db, server.port);
  });
});
