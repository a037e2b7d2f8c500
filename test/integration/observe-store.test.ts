import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { ingestDump } from '../../src/ingest/ingest-dump.ts';
import { upsertLeak, type Leak } from '../../src/store/leaks.ts';
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

  it('updates a source recorded by upsertSource the way upsertSource itself would', async () => {
    await upsertSource(env.db, { url: 'https://twitter.com/amplifier/status/2', domain: 'twitter.com', kind: 'post', stage: 'unclassified', publishedAt: null, observedAt: '2024-10-20T00:00:00.000Z', words: 40 });
    const { source, created } = await saveObservation(env.db, record(2, 0.3, '2024-10-25T00:00:00.000Z', null));
    expect(created).toEqual([true, true]);
    expect(source).toMatchObject({ observedAt: '2024-10-20T00:00:00.000Z', publishedAt: '2024-10-21T08:00:00.000Z', stage: 'amplification', words: 40 });
  });
});
