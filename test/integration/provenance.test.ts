import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { extractArticle } from '../../src/domain/article/index.ts';
import { Matcher } from '../../src/match/matcher.ts';
import { checkText } from '../../src/provenance/check.ts';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { readTimeline } from '../../src/store/timelines.ts';
import { html, startFixtureServer } from '../helpers/fixture-server.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { tempDb } from '../helpers/temp.ts';

/**
 * A leak's whole path built from real text (a Washington Post article from
 * the fixtures stands for the leaked memo): the dump, its drop page, posts
 * quoting it (one linking to the drop, one reposting that post), a newsroom
 * article quoting it and linking the first post, and an altered copy with one
 * forged sentence. Claimed times make the lags exact.
 */
const page = await readFile(new URL('../fixtures/pages/wapo-1.html', import.meta.url), 'utf8');
const paragraphs = extractArticle(page).text.split('\n').map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 25).slice(0, 6);
const LEAKED = paragraphs.join('\n\n');
const SENTENCE = paragraphs[1]!.split(/(?<=\.)\s+/).find((s) => s.split(/\s+/).length >= 14)!;
const FORGED = 'The director then ordered the records destroyed before the inspectors arrived.';

describe('provenance of a leaked document', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  let base: string;

  beforeAll(async () => {
    env = await tempDb();
    server = await startFixtureServer({});
    base = `http://localhost:${server.port}`;
    server.routes['localhost/paste/view/memo'] = html(`<html><head><title>memo</title><meta property="article:published_time" content="2024-10-20T18:35:00Z"></head><body><pre>${LEAKED}</pre></body></html>`);
    server.routes['localhost/news/2024/10/21/memo.html'] = html(`<!doctype html><html lang="en"><head><title>What the leaked memo says</title><meta property="article:published_time" content="2024-10-20T22:47:00Z"></head><body><article>
      <h1>What the leaked memo says</h1><p>The memo, which first circulated on social media (<a href="https://twitter.com/first_poster/status/2001">this post</a>), states: "${SENTENCE}"</p>
      <p>Our reporters could not confirm who wrote it, and the office named in the document declined to comment on Monday evening.</p></article></body></html>`);
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
    await upsertDomain(env.db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
    await upsertDomain(env.db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'newsroom', platform: null });
    const dump = join(env.dir, 'dump');
    await mkdir(dump);
    await writeFile(join(dump, 'memo.txt'), LEAKED);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'memo', source: dump, droppedAt: '2024-10-20T18:30:00Z', dropUrl: `${base}/paste/view/memo` }, { jobId: await ingestJobId('memo', 'p') });
    await runtime.enqueuer.idle();
    const drop = `${base}/paste/view/memo`;
    await runtime.enqueuer.enqueue('fetch-page', { url: drop }, { jobId: await fetchJobId(drop) });
    await runtime.enqueuer.idle();
    const posts = join(env.dir, 'posts.jsonl');
    const tweet = (id: string, user: string, at: string, text: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ data: { id, author_id: user, created_at: at, text, ...extra }, includes: { users: [{ id: user, username: user }] } });
    await writeFile(
      posts,
      [
        tweet('2001', 'first_poster', '2024-10-20T19:05:00.000Z', `Leaked memo: "${SENTENCE}" https://t.co/a`, { entities: { urls: [{ url: 'https://t.co/a', expanded_url: drop }] } }),
        tweet('2002', 'amplifier', '2024-10-20T19:10:00.000Z', `RT @first_poster: Leaked memo: "${SENTENCE}"`, { referenced_tweets: [{ type: 'retweeted', id: '2001' }] }),
        tweet('2003', 'bystander', '2024-10-20T19:15:00.000Z', 'Nothing to do with any memo: lunch was great today at the new place near the station'),
      ].join('\n'),
    );
    await runtime.enqueuer.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'p') });
    await runtime.enqueuer.idle();
    const article = `${base}/news/2024/10/21/memo.html`;
    await runtime.enqueuer.enqueue('fetch-page', { url: article }, { jobId: await fetchJobId(article) });
    await runtime.enqueuer.idle();
  });
  afterAll(async () => {
    await runtime.close();
    await server.close();
    await env.cleanup();
  });

  it('orders the timeline drop → amplification → mainstream with exact lags', async () => {
    const t = await readTimeline(env.db, (await findLeak(env.db, 'memo'))!);
    expect(t.stages.map((s) => [s.stage, s.sightings, s.firstSeenAt])).toEqual([
      ['drop', 1, '2024-10-20T18:35:00.000Z'],
      ['amplification', 2, '2024-10-20T19:05:00.000Z'],
      ['mainstream', 1, '2024-10-20T22:47:00.000Z'],
    ]);
    expect(t.transitions.map((x) => x.lagSeconds)).toEqual([30 * 60, 3 * 3600 + 42 * 60]);
    expect(t.enteredMainstreamAt).toBe('2024-10-20T22:47:00.000Z');
    expect(t.stages.every((s) => s.firstSighting?.basis === 'claimed')).toBe(true);
  });

  it('checks an altered copy: names the leak, its first appearance, the chain with reasons, and the forged sentence at exact offsets', async () => {
    const at = LEAKED.indexOf(paragraphs[2]!);
    const altered = `${LEAKED.slice(0, at)}${FORGED} ${LEAKED.slice(at)}`;
    const result = await checkText({ db: env.db, matcher: new Matcher(env.db) }, altered);

    expect(result.matches).toEqual([expect.objectContaining({ leak: 'memo', kind: 'altered' })]);
    expect(result.earliest).toEqual({ url: `${base}/paste/view/memo`, stage: 'drop', seenAt: '2024-10-20T18:35:00.000Z' });
    expect(result.chain.map((e) => [e.url, e.parentUrl, e.reason])).toEqual([
      [`${base}/paste/view/memo`, null, 'earliest known appearance'],
      ['https://twitter.com/first_poster/status/2001', `${base}/paste/view/memo`, 'links to it'],
      ['https://twitter.com/amplifier/status/2002', 'https://twitter.com/first_poster/status/2001', 'reposts it'],
      [`${base}/news/2024/10/21/memo.html`, 'https://twitter.com/first_poster/status/2001', 'links to it'],
    ]);
    const forgedWords = FORGED.replace(/\.$/, '');
    expect(result.alterations).toEqual([
      { type: 'inserted', text: forgedWords, checkedStart: at, checkedEnd: at + forgedWords.length, documentStart: expect.any(Number), documentEnd: expect.any(Number) },
    ]);
    const [a] = result.alterations;
    expect(a!.documentStart).toBe(a!.documentEnd);
    expect(LEAKED.slice(0, a!.documentStart).trimEnd()).toBe(LEAKED.slice(0, at).trimEnd().replace(/[.!?"”]+$/, ''));
  });

  it('answers the same through POST /api/check, and says "no match" with the nearest similarity', async () => {
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 1 << 20, version: 'test', matcher: new Matcher(env.db) });
    const exact = await app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: LEAKED.toUpperCase() }) });
    expect(((await exact.json()) as { matches: { kind: string }[] }).matches[0]!.kind).toBe('exact');
    const form = new FormData();
    form.append('file', new File([LEAKED], 'found.txt'));
    const upload = await app.request('/api/check', { method: 'POST', body: form });
    expect(((await upload.json()) as { matches: unknown[] }).matches).toHaveLength(1);
    const none = await app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `${SENTENCE.split(/\s+/).slice(0, 9).join(' ')} and then something else entirely, about gardening.` }) });
    const body = (await none.json()) as { matches: unknown[]; nearest: { similarity: number }[] };
    expect(body.matches).toEqual([]);
    expect(body.nearest.length).toBeGreaterThan(0);
    expect(body.nearest[0]!.similarity).toBeLessThan(0.2);
    expect((await app.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
  });
});
