import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { emptyPost, type Post } from '../../src/import/post.ts';
import { ingestDump } from '../../src/ingest/ingest-dump.ts';
import { observe } from '../../src/spread/observe.ts';
import { PostBatch } from '../../src/spread/post-batch.ts';
import { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import type { Db } from '../../src/store/db.ts';
import { upsertLeak } from '../../src/store/leaks.ts';
import { postObservation } from '../../workers/processors/import-posts.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';

function post(id: string, account: string, text: string, urls: string[] = [], createdAt: string | null = '2024-10-21T08:00:00.000Z'): Post {
  return { ...emptyPost('twitter', id, account), text, urls, createdAt, url: `https://twitter.com/${account}/status/${id}` };
}

/** A file's worth of posts whose sightings depend on the posts before them. */
const POSTS: Post[] = [
  post('2001', 'leaker', `Leaked: ${QUOTE}`),
  // links to the post above, in the same batch
  post('2002', 'amp1', 'see this https://t.co/a', ['https://twitter.com/leaker/status/2001']),
  // links to that link sighting, through a URL that needs normalising
  post('2003', 'amp2', 'and this', ['HTTPS://Twitter.com/amp1/status/2002?utm_source=x#top']),
  post('2004', 'bystander', 'Lovely weather in the harbour today', ['https://t.co/zzz']),
  post('2005', 'dropper', 'the dump', ['https://paste.example/raw/nb2024']),
  // the first post again, longer and with a later time: merged into its source
  post('2001', 'leaker', `Leaked again: ${QUOTE}, and much more about it`, ['https://paste.example/raw/nb2024'], '2024-10-22T08:00:00.000Z'),
  // links to a post that comes after it: no sighting, one at a time or in a batch
  post('2006', 'early', 'what is coming', ['https://twitter.com/late/status/2007']),
  post('2007', 'late', `Quote: ${QUOTE}`),
  post('2008', 'self', `Mine: ${QUOTE}`, ['https://twitter.com/self/status/2008']),
];

async function leakDb() {
  const env = await tempDb();
  const leak = await upsertLeak(env.db, { slug: 'northbridge', dropUrl: 'https://paste.example/raw/nb2024' });
  await ingestDump(env.db, { leakId: leak.id, leakSlug: leak.slug, source: SAMPLE_DUMP, limits: dumpLimits(parseConfig({})) });
  return env;
}

/** Every row the posts left, without ids and observation times (which differ between two runs). */
async function stored(db: Db) {
  const rows = async (sql: string) => (await db.$client.execute(sql)).rows.map((r) => ({ ...r }));
  return {
    sources: await rows('SELECT url, canonical_url, domain, kind, platform, account, title, stage, tier, published_at, text_sha256, words, metadata FROM sources ORDER BY url'),
    texts: await rows('SELECT s.url, t.text FROM source_texts t JOIN sources s ON s.id = t.source_id ORDER BY s.url'),
    links: await rows('SELECT s.url, k.url AS target, k.text FROM links k JOIN sources s ON s.id = k.source_id ORDER BY s.url, k.url'),
    posts: await rows('SELECT s.url, p.platform, p.post_id, p.account, p.repost_of, p.quote_of, p.reply_to, p.metrics FROM posts p JOIN sources s ON s.id = p.source_id ORDER BY s.url'),
    sightings: await rows(`SELECT s.url, g.leak_id, g.document_id, g.kind, g.similarity, g.evidence, g.observed_at = s.observed_at AS first_seen
      FROM sightings g JOIN sources s ON s.id = g.source_id ORDER BY s.url, g.leak_id, g.document_id`),
  };
}

describe('PostBatch', () => {
  let one: Awaited<ReturnType<typeof leakDb>>;
  let batched: Awaited<ReturnType<typeof leakDb>>;
  beforeAll(async () => {
    [one, batched] = await Promise.all([leakDb(), leakDb()]);
  });
  afterAll(async () => {
    await one.cleanup();
    await batched.cleanup();
  });

  it('stores the same rows as observing the posts one at a time, links to earlier posts of the batch included', async () => {
    const single = await new SpreadRuntime(one.db).deps();
    for (const p of POSTS) await observe(single, postObservation(p));

    const batch = new PostBatch(await new SpreadRuntime(batched.db).deps());
    const held = POSTS.map((p) => batch.hold(postObservation(p)));
    expect(held).toEqual([true, true, true, false, true, true, false, true, true]);
    const found = await batch.flush();
    expect(found.map((f) => [f.url, [...new Set(f.sightings.map((s) => s.kind))]])).toEqual([
      ['https://twitter.com/leaker/status/2001', ['excerpt']],
      ['https://twitter.com/amp1/status/2002', ['link']],
      ['https://twitter.com/amp2/status/2003', ['link']],
      ['https://twitter.com/dropper/status/2005', ['link']],
      ['https://twitter.com/leaker/status/2001', ['excerpt']],
      ['https://twitter.com/late/status/2007', ['excerpt']],
      ['https://twitter.com/self/status/2008', ['excerpt']],
    ]);

    const rows = await stored(batched.db);
    expect(rows).toEqual(await stored(one.db));
    expect(rows.sources.map((s) => s.url)).not.toContain('https://twitter.com/bystander/status/2004');
    expect(rows.sources.map((s) => s.url)).not.toContain('https://twitter.com/early/status/2006');
    // the repeated post kept its first claimed time, and took the last text
    expect(rows.sources.find((s) => s.url === 'https://twitter.com/leaker/status/2001')).toMatchObject({ published_at: '2024-10-21T08:00:00.000Z' });
    expect(rows.texts.find((t) => t.url === 'https://twitter.com/leaker/status/2001')?.text).toMatch(/^Leaked again/);
  });

  it('adds nothing when the same posts come again, in batches of any size', async () => {
    // (a post linking to a later one would now find it stored, in batches or not)
    const again = POSTS.filter((p) => p.account !== 'early');
    const before = await stored(batched.db);
    const deps = await new SpreadRuntime(batched.db).deps();
    for (const size of [1, 3]) {
      const batch = new PostBatch(deps);
      for (const p of again) if (batch.hold(postObservation(p)) && batch.size >= size) await batch.flush();
      await batch.flush();
      expect(await stored(batched.db)).toEqual(before);
    }
  });

  it('holds nothing and reads nothing for posts that cannot carry a leak', async () => {
    const deps = await new SpreadRuntime(batched.db).deps();
    const batch = new PostBatch({ ...deps, db: null as unknown as Db });
    expect(batch.hold(postObservation(post('3001', 'nobody', 'Nothing to see here, just a cat picture', ['https://t.co/cat'])))).toBe(false);
    expect(batch.size).toBe(0);
    expect(await batch.flush()).toEqual([]);
  });
});
