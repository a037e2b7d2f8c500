import { Redis } from 'ioredis';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import { ingestJobId } from '../../src/queue/job-ids.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { addFeed, listFeeds } from '../../src/store/feeds.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { listSightings } from '../../src/store/sightings.ts';
import { feedScheduleId } from '../../src/spread/feed-schedules.ts';
import { startWorkers } from '../../workers/main.ts';
import { html, startFixtureServer, text } from '../helpers/fixture-server.ts';
import { REDIS_URL, testPrefix } from '../helpers/redis.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'Please make sure the field teams in the northern districts receive the leaflets before Saturday morning';

async function fixtures() {
  const server = await startFixtureServer({});
  const base = `http://localhost:${server.port}`;
  const routes: Record<string, ReturnType<typeof html>> = {
    'localhost/news/rss.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>${base}/news/</link>
        <item><title>Leaked memo</title><link>${base}/news/story.html?utm_source=rss</link><pubDate>Tue, 22 Oct 2024 06:00:00 GMT</pubDate></item>
        <item><title>Other</title><link>${base}/news/other.html</link></item></channel></rss>`);
    },
    'localhost/news/story.html': html(`<html><head><title>Memo</title></head><body><article><p>The leaked memo reads: "${QUOTE}."</p><p>It goes on about printers and invoices dated next month, according to the text we obtained.</p></article></body></html>`),
    'localhost/news/other.html': html('<html><body><article><p>A story about the weather in the northern districts this weekend, with rain expected on Saturday.</p></article></body></html>'),
    'localhost/forum/index.html': html(`<html><body><nav><a href="/login">Log in</a></nav><ul><li><a href="${base}/paste/raw/nb2024">Northbridge campaign files</a></li><li><a href="/style.css">css</a></li></ul></body></html>`),
    'localhost/paste/raw/nb2024': text(MEMO),
    'localhost/s/northbridge_leaks': html(`<html><body><div class="tgme_channel_info_header_title"><span>Northbridge leaks</span></div>
      <div class="tgme_widget_message" data-post="northbridge_leaks/7"><div class="tgme_widget_message_text">${QUOTE}. Full files: <a href="${base}/paste/raw/nb2024">${base}/paste/raw/nb2024</a></div>
      <div class="tgme_widget_message_footer"><a class="tgme_widget_message_date" href="https://t.me/northbridge_leaks/7"><time datetime="2024-10-20T19:00:00+00:00">19:00</time></a></div></div></body></html>`),
  };
  Object.assign(server.routes, routes);
  return { server, base };
}

async function setup(db: Parameters<typeof upsertDomain>[0]) {
  await upsertDomain(db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
  await upsertDomain(db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'newsroom', platform: null });
  await upsertDomain(db, { pattern: 'localhost/forum', stage: 'drop', tier: null, label: 'leak forum', platform: null });
}

describe('feeds and watched pages, in-process', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let fx: Awaited<ReturnType<typeof fixtures>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  beforeAll(async () => {
    env = await tempDb();
    fx = await fixtures();
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
    await setup(env.db);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: await ingestJobId('northbridge', 'feeds') });
    await runtime.enqueuer.idle();
  });
  afterAll(async () => {
    await runtime.close();
    await fx.server.close();
    await env.cleanup();
  });

  it('polls an RSS feed, a watched forum index and a Telegram preview into sightings, and fetches each new URL once', async () => {
    const rss = await addFeed(env.db, { url: `${fx.base}/news/rss.xml`, kind: 'feed', everySeconds: 3600 });
    const forum = await addFeed(env.db, { url: `${fx.base}/forum/index.html`, kind: 'watch', everySeconds: 600 });
    const channel = await addFeed(env.db, { url: `${fx.base}/s/northbridge_leaks`, kind: 'telegram', everySeconds: 600 });
    for (const feed of [rss, forum, channel]) await runtime.enqueuer.schedule(feedScheduleId(feed.id), 'poll-feed', { feedId: feed.id }, 3_600_000);
    await runtime.enqueuer.idle();

    const leak = (await findLeak(env.db, 'northbridge'))!;
    const { items } = await listSightings(env.db, leak, { limit: 100, offset: 0 });
    const urls = new Set(items.map((s) => s.url));
    expect(urls.has(`${fx.base}/news/story.html`)).toBe(true);
    expect(urls.has(`${fx.base}/paste/raw/nb2024`)).toBe(true);
    expect(urls.has('https://t.me/northbridge_leaks/7')).toBe(true);
    expect(urls.has(`${fx.base}/news/other.html`)).toBe(false);
    const telegram = items.find((s) => s.url === 'https://t.me/northbridge_leaks/7')!;
    expect(telegram).toMatchObject({ stage: 'amplification', platform: 'telegram', account: 'northbridge_leaks', publishedAt: '2024-10-20T19:00:00.000Z' });
    expect(fx.server.hits.filter((h) => h === 'localhost/paste/raw/nb2024')).toHaveLength(1);
    expect(fx.server.hits).not.toContain('localhost/style.css');
    expect((await listFeeds(env.db)).every((f) => f.lastPolledAt && !f.lastError)).toBe(true);

    // a second poll finds nothing new: no page is fetched again
    const before = fx.server.hits.length;
    for (const feed of [rss, forum, channel]) await runtime.enqueuer.enqueue('poll-feed', { feedId: feed.id }, { jobId: `poll-${String(feed.id).padStart(8, '0')}`, force: true });
    await runtime.enqueuer.idle();
    expect(fx.server.hits.slice(before).sort()).toEqual(['localhost/forum/index.html', 'localhost/news/rss.xml', 'localhost/s/northbridge_leaks']);
  });

  it('adds and removes feeds through the API', async () => {
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    const add = await app.request('/api/feeds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://t.me/s/somechannel', kind: 'watch', every: '2h' }) });
    expect(add.status).toBe(201);
    const feed = (await add.json()) as { id: number; kind: string; everySeconds: number };
    expect(feed).toMatchObject({ kind: 'telegram', everySeconds: 7200 });
    expect((await app.request('/api/feeds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://x.example/feed', every: '5s' }) })).status).toBe(400);
    expect((await app.request(`/api/feeds/${feed.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/feeds/${feed.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('feeds on BullMQ job schedulers', () => {
  it('polls a scheduled feed through a worker', async () => {
    const env = await tempDb();
    const fx = await fixtures();
    const keys = testPrefix();
    const config = parseConfig({ DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix, LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1', LEAKLINE_FETCH_HOST_DELAY_MS: '0', LEAKLINE_FETCH_ROBOTS: 'false' });
    const workers = await startWorkers(config, () => undefined);
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const enqueuer = createBullmqEnqueuer({ db: env.db, connection: redis, prefix: keys.prefix });
    try {
      await setup(env.db);
      const feed = await addFeed(env.db, { url: `${fx.base}/forum/index.html`, kind: 'watch', everySeconds: 3600 });
      await enqueuer.schedule(feedScheduleId(feed.id), 'poll-feed', { feedId: feed.id }, 3_600_000);
      await eventually(async () => fx.server.hits.includes('localhost/paste/raw/nb2024'), 30_000);
      await eventually(async () => (await listFeeds(env.db))[0]?.lastPolledAt);
      await enqueuer.unschedule(feedScheduleId(feed.id));
    } finally {
      await workers.close();
      await enqueuer.close();
      redis.disconnect();
      await keys.cleanup();
      await fx.server.close();
      await env.cleanup();
    }
  });
});
