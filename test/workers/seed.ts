import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractArticle } from '../../src/domain/article/index.ts';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { createApiKey } from '../../src/store/keys.ts';
import { html, startFixtureServer } from '../helpers/fixture-server.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { tempDb } from '../helpers/temp.ts';
import { exportRows } from './export-sql.ts';

/**
 * One leak's whole path as the Node pipeline stores it (the provenance
 * integration test's story): the dump, its drop page, posts quoting it (one
 * linking to the drop, one reposting that post) and a news article, the pages
 * served from a loopback fixture server. Real text: the paragraphs of a
 * Washington Post article from the fixtures stand for the leaked memo.
 */
const page = await readFile(new URL('../fixtures/pages/wapo-1.html', import.meta.url), 'utf8');
const paragraphs = extractArticle(page).text.split('\n').map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 25);
// long enough (over 200 fingerprints) that a check sends more than D1's 100 bound parameters in one lookup
export const LEAKED = paragraphs.join('\n\n');
const SENTENCE = paragraphs[1]!.split(/(?<=\.)\s+/).find((s) => s.split(/\s+/).length >= 14)!;

/** The seed: the Node pipeline's rows for one leak, and an analyst's API key, as SQL for D1. */
export async function seedSql(): Promise<{ sql: string; key: string }> {
  const env = await tempDb();
  const server = await startFixtureServer({});
  const runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
  try {
    const base = `http://localhost:${server.port}`;
    const drop = `${base}/paste/view/memo`;
    const article = `${base}/news/2024/10/21/memo.html`;
    server.routes['localhost/paste/view/memo'] = html(`<html><head><title>memo</title><meta property="article:published_time" content="2024-10-20T18:35:00Z"></head><body><pre>${LEAKED}</pre></body></html>`);
    server.routes['localhost/news/2024/10/21/memo.html'] = html(`<!doctype html><html lang="en"><head><title>What the leaked memo says</title><meta property="article:published_time" content="2024-10-20T22:47:00Z"></head><body><article>
      <h1>What the leaked memo says</h1><p>The memo, which first circulated on social media (<a href="https://twitter.com/first_poster/status/2001">this post</a>), states: "${SENTENCE}"</p>
      <p>Our reporters could not confirm who wrote it, and the office named in the document declined to comment on Monday evening.</p></article></body></html>`);
    await upsertDomain(env.db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
    await upsertDomain(env.db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'newsroom', platform: null });
    const dump = join(env.dir, 'dump');
    await mkdir(dump);
    await writeFile(join(dump, 'memo.txt'), LEAKED);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'memo', source: dump, droppedAt: '2024-10-20T18:30:00Z', dropUrl: drop }, { jobId: await ingestJobId('memo', 'w') });
    await runtime.enqueuer.idle();
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
      ].join('\n'),
    );
    await runtime.enqueuer.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'w') });
    await runtime.enqueuer.idle();
    await runtime.enqueuer.enqueue('fetch-page', { url: article }, { jobId: await fetchJobId(article) });
    await runtime.enqueuer.idle();
    const { key } = await createApiKey(env.db, 'analyst', 'workers test');
    return { sql: await exportRows(env.db), key };
  } finally {
    await runtime.close();
    await server.close();
    await env.cleanup();
  }
}
