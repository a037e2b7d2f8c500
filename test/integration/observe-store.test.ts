import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { ingestDump } from '../../src/ingest/ingest-dump.ts';
import { upsertLeak, type Leak } from '../../src/store/leaks.ts';
import { saveObservations } from '../../src/store/observations.ts';
import { saveObservation, upsertSource, type ObservationRecord } from '../../src/store/sources.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

/**
 * saveObservation writes in one batch what upsertSource, saveSourceText,
 * saveLinks, savePost and recordSighting wrote one statement at a time; a
 * source observed again must end with the same rows either way.
 */
describe('saveObservation', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let leak: Leak;
  let documents: number[];
  beforeAll(async () => {
    env = await tempDb();
    leak = await upsertLeak(env.db, { slug: 'northbridge' });
    await ingestDump(env.db, { leakId: leak.id, leakSlug: leak.slug, source: SAMPLE_DUMP, limits: dumpLimits(parseConfig({})) });
    documents = (await env.db.$client.execute('SELECT DISTINCT document_id AS id FROM leak_files ORDER BY id LIMIT 2')).rows.map((r) => Number(r.id));
  });
  afterAll(async () => {
    await env.cleanup();
  });

  const rows = async (table: string) => (await env.db.$client.execute(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows.map((r) => ({ ...r }));
  const record = (n: number, similarity: number, observedAt: string, title: string | null): ObservationRecord => ({
    source: { url: `https://twitter.com/amplifier/status/${n}`, domain: 'twitter.com', kind: 'post', platform: 'twitter', account: 'amplifier', title, stage: 'amplification', tier: 2, publishedAt: '2024-10-21T08:00:00.000Z', observedAt, words: 20, metadata: { lang: 'en' } },
    text: `Leaked memo quoted, version ${similarity}`,
    links: [
      { url: 'https://paste.example/raw/nb2024', text: 'the dump' },
      { url: 'https://paste.example/raw/nb2024', text: 'again' },
    ],
    post: { platform: 'twitter', postId: String(n), account: 'amplifier', repostOf: null, quoteOf: null, replyTo: null, metrics: { likes: 3 } },
    sightings: [
      { leakId: leak.id, documentId: documents[0]!, kind: 'excerpt', similarity, evidence: { matchedWords: Math.round(similarity * 100) } },
      { leakId: leak.id, documentId: null, kind: 'link', similarity: 0, evidence: { linkedUrl: 'https://paste.example/raw/nb2024' } },
    ],
  });

  it('stores the source, its text, links, post and sightings, and says each sighting is new', async () => {
    const { source, created } = await saveObservation(env.db, record(1, 0.2, '2024-10-21T09:00:00.000Z', null));
    expect(created).toEqual([true, true]);
    expect(source).toMatchObject({ url: 'https://twitter.com/amplifier/status/1', kind: 'post', stage: 'amplification', tier: 2, observedAt: '2024-10-21T09:00:00.000Z', words: 20, metadata: '{"lang":"en"}' });
    const sightings = (await rows('sightings')).filter((r) => Number(r.source_id) === source.id);
    expect(sightings.map((r) => [r.kind, r.similarity, r.observed_at])).toEqual([
      ['excerpt', 0.2, '2024-10-21T09:00:00.000Z'],
      ['link', 0, '2024-10-21T09:00:00.000Z'],
    ]);
    expect((await rows('links')).filter((r) => Number(r.source_id) === source.id)).toEqual([{ source_id: source.id, url: 'https://paste.example/raw/nb2024', text: 'again' }]);
    expect((await rows('posts')).filter((r) => Number(r.source_id) === source.id)).toHaveLength(1);
  });

  it('changes nothing when the same observation comes again, and reports the sightings as known', async () => {
    const before = await Promise.all(['sources', 'source_texts', 'links', 'posts', 'sightings'].map(rows));
    const { created } = await saveObservation(env.db, record(1, 0.2, '2024-10-22T10:00:00.000Z', null));
    expect(created).toEqual([false, false]);
    const after = await Promise.all(['sources', 'source_texts', 'links', 'posts', 'sightings'].map(rows));
    expect(after).toEqual(before);
  });

  it('keeps the first observation time and takes only stronger evidence, as upsertSource and recordSighting do', async () => {
    await saveObservation(env.db, record(1, 0.1, '2024-10-23T10:00:00.000Z', 'A title'));
    const weaker = (await rows('sightings')).find((r) => r.kind === 'excerpt')!;
    expect(weaker.similarity).toBe(0.2);
    const { source } = await saveObservation(env.db, record(1, 0.5, '2024-10-24T10:00:00.000Z', null));
    expect(source).toMatchObject({ observedAt: '2024-10-21T09:00:00.000Z', title: 'A title' });
    const stronger = (await rows('sightings')).find((r) => r.kind === 'excerpt')!;
    expect([stronger.similarity, stronger.observed_at, JSON.parse(String(stronger.evidence))]).toEqual([0.5, '2024-10-21T09:00:00.000Z', { matchedWords: 50 }]);
    expect(await rows('sightings')).toHaveLength(2);
  });

  it('saveObservations leaves the rows saveObservation leaves called once per record, repeats within a batch and stored rows included', async () => {
    const other = await tempDb();
    try {
      const otherLeak = await upsertLeak(other.db, { slug: 'northbridge' });
      await ingestDump(other.db, { leakId: otherLeak.id, leakSlug: otherLeak.slug, source: SAMPLE_DUMP, limits: dumpLimits(parseConfig({})) });
      const records = [
        record(10, 0.3, '2024-11-01T00:00:00.000Z', null),
        record(11, 0.2, '2024-11-01T00:00:01.000Z', 'First title'),
        record(10, 0.1, '2024-11-01T00:00:02.000Z', 'Later title'),
        record(10, 0.6, '2024-11-01T00:00:03.000Z', null),
        record(11, 0.2, '2024-11-01T00:00:04.000Z', null),
      ];
      records[2]!.links = [{ url: 'https://paste.example/raw/nb2024', text: 'not kept' }, { url: 'https://news.example/a', text: 'new link' }];
      records[2]!.source.publishedAt = null;
      records[3]!.source = { ...records[3]!.source, words: 5, stage: 'drop', tier: null, metadata: { lang: 'de' } };
      // the first batch's rows are then stored rows for the second
      const one = async (db: typeof env.db, batches: ObservationRecord[][]) => {
        for (const batch of batches) {
          if (db === env.db) await saveObservations(db, batch);
          else for (const r of batch) await saveObservation(db, r);
        }
      };
      await one(env.db, [records.slice(0, 3), records.slice(3), records]);
      await one(other.db, [records.slice(0, 3), records.slice(3), records]);
      const snapshot = async (db: typeof env.db) => {
        const all = async (sql: string) => (await db.$client.execute(sql)).rows.map((r) => ({ ...r }));
        return {
          sources: await all("SELECT url, canonical_url, domain, kind, platform, account, title, stage, tier, published_at, observed_at, words, metadata FROM sources WHERE url LIKE '%/1_' ORDER BY url"),
          texts: await all("SELECT s.url, t.text FROM source_texts t JOIN sources s ON s.id = t.source_id WHERE s.url LIKE '%/1_' ORDER BY s.url"),
          links: await all("SELECT s.url, k.url AS target, k.text FROM links k JOIN sources s ON s.id = k.source_id WHERE s.url LIKE '%/1_' ORDER BY s.url, k.url"),
          posts: await all("SELECT s.url, p.post_id, p.metrics FROM posts p JOIN sources s ON s.id = p.source_id WHERE s.url LIKE '%/1_' ORDER BY s.url"),
          sightings: await all("SELECT s.url, g.leak_id, g.document_id, g.kind, g.similarity, g.evidence, g.observed_at FROM sightings g JOIN sources s ON s.id = g.source_id WHERE s.url LIKE '%/1_' ORDER BY s.url, g.document_id"),
        };
      };
      const batched = await snapshot(env.db);
      expect(batched).toEqual(await snapshot(other.db));
      expect(batched.sources.map((r) => [r.title, r.observed_at, r.stage])).toEqual([
        ['Later title', '2024-11-01T00:00:00.000Z', 'drop'],
        ['First title', '2024-11-01T00:00:01.000Z', 'amplification'],
      ]);
      expect(batched.sightings.filter((r) => r.kind === 'excerpt').map((r) => r.similarity)).toEqual([0.6, 0.2]);
    } finally {
      await other.cleanup();
    }
  });

  it('updates a source recorded by upsertSource the way upsertSource itself would', async () => {
    await upsertSource(env.db, { url: 'https://twitter.com/amplifier/status/2', domain: 'twitter.com', kind: 'post', stage: 'unclassified', publishedAt: null, observedAt: '2024-10-20T00:00:00.000Z', words: 40 });
    const { source, created } = await saveObservation(env.db, record(2, 0.3, '2024-10-25T00:00:00.000Z', null));
    expect(created).toEqual([true, true]);
    expect(source).toMatchObject({ observedAt: '2024-10-20T00:00:00.000Z', publishedAt: '2024-10-21T08:00:00.000Z', stage: 'amplification', words: 40 });
  });
});
