import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { rebuildTimeline } from '../../src/store/timelines.ts';
import type { Db } from '../../src/store/db.ts';
import { html, startFixtureServer } from '../helpers/fixture-server.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP } from '../helpers/temp.ts';

export const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';
const QUOTE_2 = 'The transfer of 40,000 euros from the Harbour Fund to the regional account was completed on Thursday';
export const FORGED = 'The campaign director personally approved the split payments in a meeting with the donors.';

/** The memo with one forged sentence slipped in after its second sentence, as a check would meet it. */
export function alteredMemo(): string {
  const at = MEMO.indexOf('Please make sure');
  return `${MEMO.slice(0, at)}${FORGED} ${MEMO.slice(at)}`;
}

const minutes = (iso: string, n: number) => new Date(Date.parse(iso) + n * 60_000).toISOString();

type Tweet = { id: string; user: string; at: string; text: string; links?: string[]; retweetOf?: string };

const tweetLine = (t: Tweet) =>
  JSON.stringify({
    data: {
      id: t.id,
      author_id: t.user,
      created_at: t.at,
      text: t.text,
      ...(t.links ? { entities: { urls: t.links.map((u, i) => ({ url: `https://t.co/${t.id}${i}`, expanded_url: u })) } } : {}),
      ...(t.retweetOf ? { referenced_tweets: [{ type: 'retweeted', id: t.retweetOf }] } : {}),
      public_metrics: { retweet_count: Number(t.id) % 7, like_count: Number(t.id) % 13 },
    },
    includes: { users: [{ id: t.user, username: t.user }] },
  });

/**
 * Posts over two days after the drop: people quoting the memo, a burst of
 * five accounts posting the drop link within forty seconds (coordination),
 * and retweets of the first quote. The burst's text carries markup, as
 * hostile posts do: shown anywhere unescaped, it would load an outside image.
 */
function tweets(drop: string): Tweet[] {
  const start = '2024-10-20T19:05:00.000Z';
  const out: Tweet[] = [{ id: '5001', user: 'first_poster', at: start, text: `Leaked Northbridge memo: "${QUOTE}"`, links: [drop] }];
  for (let i = 0; i < 5; i++) out.push({ id: String(5010 + i), user: `amp_${i}`, at: minutes('2024-10-20T21:00:00.000Z', i * 0.15), text: 'Must read before the vote <img src="https://tracker.example/p.png" onerror="alert(1)">', links: [drop] });
  for (let i = 0; i < 24; i++) {
    const at = minutes(start, 40 + i * 75 + (i % 3) * 11);
    out.push(i % 4 === 3
      ? { id: String(5100 + i), user: `reader_${i}`, at, text: `RT @first_poster: Leaked Northbridge memo: "${QUOTE}"`, retweetOf: '5001' }
      : { id: String(5100 + i), user: `reader_${i}`, at, text: `${i % 2 ? QUOTE_2 : QUOTE}. Somebody should explain this. #northbridge` });
  }
  return out;
}

const article = (title: string, at: string, body: string) =>
  html(`<!doctype html><html lang="en"><head><title>${title}</title><meta property="article:published_time" content="${at}"></head><body><article><h1>${title}</h1>${body}
    <p>The campaign did not answer our questions about the payments or about the Harbour Fund before publication.</p></article></body></html>`);

/**
 * A realistic leak on one loopback server: the sample dump ingested as
 * `northbridge-2024`, dropped on a paste site, quoted and linked on a
 * platform (with a coordinated burst), picked up by a regional outlet (tier
 * 2) and then a national one (tier 1). A second leak stays at the drop, so
 * the overview has something to sort.
 */
export async function buildScenario(db: Db, dir: string) {
  const server = await startFixtureServer({});
  const base = `http://localhost:${server.port}`;
  const drop = `${base}/paste/view/nb2024`;
  server.routes['localhost/paste/view/nb2024'] = html(`<html><head><title>nb2024</title><meta property="article:published_time" content="2024-10-20T18:40:00Z"></head><body><pre>${MEMO}</pre></body></html>`);
  server.routes['localhost/regional/2024/10/20/memo.html'] = article('Northbridge memo points to split donations', '2024-10-20T23:10:00Z', `<p>A memo shared on social media says that ${QUOTE}.</p><p>It was <a href="${drop}">first posted here</a>.</p>`);
  server.routes['localhost/news/2024/10/21/northbridge.html'] = article('Campaign split donations to dodge disclosure, leaked memo shows', '2024-10-21T06:20:00Z',
    `<p>A memo posted anonymously on a paste site on Sunday says that ${QUOTE}, according to the document seen by our reporters.</p><p>${QUOTE_2}, the memo adds. It <a href="https://twitter.com/first_poster/status/5001">circulated widely</a>.</p>`);
  server.routes['localhost/paste/view/cables'] = html(`<html><head><title>cables</title><meta property="article:published_time" content="2024-11-02T09:15:00Z"></head><body><pre>${CABLE}</pre></body></html>`);

  const runtime = inProcessRuntime(db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
  const q = runtime.enqueuer;
  await upsertDomain(db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste site', platform: null });
  await upsertDomain(db, { pattern: 'localhost/regional', stage: 'mainstream', tier: 2, label: 'Harbour Courier', platform: null });
  await upsertDomain(db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'The National', platform: null });
  await q.enqueue('ingest-dump', { leak: 'northbridge-2024', title: 'Northbridge campaign files', source: SAMPLE_DUMP, droppedAt: '2024-10-20T18:35:00Z', dropUrl: drop }, { jobId: await ingestJobId('northbridge-2024', 'e2e') });
  const cables = join(dir, 'cables');
  await mkdir(cables, { recursive: true });
  await writeFile(join(cables, 'cable-114.txt'), CABLE);
  await q.enqueue('ingest-dump', { leak: 'harbour-cables', title: 'Harbour authority cables', source: cables, droppedAt: '2024-11-02T09:00:00Z', dropUrl: `${base}/paste/view/cables` }, { jobId: await ingestJobId('harbour-cables', 'e2e') });
  await q.idle();
  for (const url of [drop, `${base}/paste/view/cables`, `${base}/regional/2024/10/20/memo.html`, `${base}/news/2024/10/21/northbridge.html`]) {
    await q.enqueue('fetch-page', { url }, { jobId: await fetchJobId(url) });
    await q.idle();
  }
  const posts = join(dir, 'posts.jsonl');
  await writeFile(posts, tweets(drop).map(tweetLine).join('\n'));
  await q.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'e2e') });
  await q.idle();
  // what the debounced build-timeline job does once sightings settle
  for (const slug of ['northbridge-2024', 'harbour-cables']) await rebuildTimeline(db, (await findLeak(db, slug))!);
  return { server, runtime, base };
}

const CABLE = `Harbour authority, internal cable 114, not for distribution.
The inspection of the northern container terminal found that the scanning equipment had been switched off for eleven days in September while shipments continued to clear customs without checks.
The deputy director asked the night shift to record the scans as completed and to keep the maintenance log in a separate folder until the audit team had left the port.`;
