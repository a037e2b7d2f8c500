import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { ingestDump } from '../../src/ingest/ingest-dump.ts';
import { upsertLeak, type Leak } from '../../src/store/leaks.ts';
import { listSightings, recordSighting } from '../../src/store/sightings.ts';
import { upsertSource } from '../../src/store/sources.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { readTimeline } from '../../src/store/timelines.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

/** A post on a social platform carrying one of the leak's documents, recorded as the spread pipeline would. */
async function sight(db: Awaited<ReturnType<typeof tempDb>>['db'], leak: Leak, documentId: number, n: number, publishedAt: string | null) {
  const source = await upsertSource(db, { url: `https://twitter.com/user${n}/status/${1000 + n}`, domain: 'twitter.com', kind: 'post', platform: 'twitter', account: `user${n}`, stage: 'amplification', publishedAt, observedAt: `2024-10-21T${String(10 + (n % 10)).padStart(2, '0')}:00:00.000Z` });
  await recordSighting(db, { leakId: leak.id, documentId, sourceId: source.id, kind: 'excerpt', similarity: 0.4, evidence: { n }, observedAt: source.observedAt });
}

describe('timeline and sighting reads', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  let app: ReturnType<typeof createApp>;
  let leak: Leak;
  let documentId: number;
  beforeAll(async () => {
    env = await tempDb();
    runtime = inProcessRuntime(env.db);
    app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    leak = await upsertLeak(env.db, { slug: 'northbridge', droppedAt: '2024-10-20T18:35:00.000Z' });
    await ingestDump(env.db, { leakId: leak.id, leakSlug: leak.slug, source: SAMPLE_DUMP, limits: dumpLimits(parseConfig({})) });
    documentId = Number((await env.db.$client.execute('SELECT min(document_id) AS id FROM leak_files')).rows[0]!.id);
    for (let n = 0; n < 12; n++) await sight(env.db, leak, documentId, n, n % 3 === 0 ? null : `2024-10-21T0${n % 10}:30:00.000Z`);
  });
  afterAll(async () => {
    await runtime.close();
    await env.cleanup();
  });

  it('serves sightings recorded after a read on the next read, through the store and the API', async () => {
    const count = (t: { stages: { sightings: number }[] }) => t.stages.reduce((n, s) => n + s.sightings, 0);
    expect(count(await readTimeline(env.db, leak))).toBe(12);
    expect(count((await (await app.request('/api/leaks/northbridge/timeline')).json()) as { stages: { sightings: number }[] })).toBe(12);
    await sight(env.db, leak, documentId, 12, null);
    expect(count((await (await app.request('/api/leaks/northbridge/timeline')).json()) as { stages: { sightings: number }[] })).toBe(13);
    expect(count(await readTimeline(env.db, leak))).toBe(13);
    // a sighting of another leak changes nothing here, and is no reason to rebuild
    const other = await upsertLeak(env.db, { slug: 'other' });
    const before = (await (await app.request('/api/leaks/northbridge/timeline')).json()) as { updatedAt: string };
    await sight(env.db, other, documentId, 99, null);
    expect(((await (await app.request('/api/leaks/northbridge/timeline')).json()) as { updatedAt: string }).updatedAt).toBe(before.updatedAt);
    expect((await app.request('/api/leaks/nothing-here/timeline')).status).toBe(404);
  });

  it('gzips the timeline for clients that ask, and answers 304 to a matching If-None-Match', async () => {
    const plain = await app.request('/api/leaks/northbridge/timeline');
    const zipped = await app.request('/api/leaks/northbridge/timeline', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(text);
    expect((await app.request('/api/leaks/northbridge/timeline', { headers: { 'accept-encoding': 'gzip;q=0, *' } })).headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag')!;
    expect((await app.request('/api/leaks/northbridge/timeline', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await app.request('/api/leaks/northbridge/timeline', { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
  });

  it('pages sightings in the order of the whole list, with the total of the filter', async () => {
    const all = await listSightings(env.db, leak, { limit: 100, offset: 0 });
    expect(all.total).toBe(13);
    const times = all.items.map((s) => s.publishedAt ?? s.observedAt);
    expect([...times].sort()).toEqual(times);
    const pages = [];
    for (let offset = 0; offset < 13; offset += 5) pages.push(...(await listSightings(env.db, leak, { limit: 5, offset })).items);
    expect(pages).toEqual(all.items);
    expect(all.items[0]).toMatchObject({ leak: 'northbridge', documentPath: expect.any(String), evidence: expect.any(Object) });
    expect(await listSightings(env.db, leak, { stage: 'mainstream', limit: 5, offset: 0 })).toEqual({ total: 0, items: [] });
    expect((await listSightings(env.db, leak, { kind: 'excerpt', stage: 'amplification', limit: 2, offset: 12 })).total).toBe(13);
  });

  it('keeps the list order when a source learns its claimed time after its sightings were recorded', async () => {
    const late = await upsertSource(env.db, { url: 'https://twitter.com/late/status/1', domain: 'twitter.com', kind: 'post', platform: 'twitter', account: 'late', stage: 'amplification', publishedAt: null, observedAt: '2024-10-29T00:00:00.000Z' });
    await recordSighting(env.db, { leakId: leak.id, documentId: null, sourceId: late.id, kind: 'link', similarity: 0, evidence: {}, observedAt: late.observedAt });
    const last = (await listSightings(env.db, leak, { limit: 100, offset: 0 })).items;
    expect(last.at(-1)!.url).toBe('https://twitter.com/late/status/1');
    // seen again with the time it claims: before every other sighting now
    await upsertSource(env.db, { url: 'https://twitter.com/late/status/1', domain: 'twitter.com', kind: 'post', platform: 'twitter', account: 'late', stage: 'amplification', publishedAt: '2024-10-20T19:00:00.000Z', observedAt: '2024-10-29T01:00:00.000Z' });
    const all = (await listSightings(env.db, leak, { limit: 100, offset: 0 })).items;
    expect(all[0]!.url).toBe('https://twitter.com/late/status/1');
    const times = all.map((s) => s.publishedAt ?? s.observedAt);
    expect([...times].sort()).toEqual(times);
    const since = await listSightings(env.db, leak, { since: '2024-10-20T18:00:00.000Z', until: '2024-10-20T20:00:00.000Z', limit: 10, offset: 0 });
    expect(since.items.map((s) => s.url)).toEqual(['https://twitter.com/late/status/1']);
  });

  it('lists a page under its new stage once the registry re-stages it', async () => {
    const page = await upsertSource(env.db, { url: 'https://blog.unknown-site.example/post', domain: 'blog.unknown-site.example', kind: 'page', stage: 'unclassified', publishedAt: '2024-10-22T08:00:00.000Z', observedAt: '2024-10-22T09:00:00.000Z' });
    await recordSighting(env.db, { leakId: leak.id, documentId: null, sourceId: page.id, kind: 'link', similarity: 0, evidence: {}, observedAt: page.observedAt });
    expect((await listSightings(env.db, leak, { stage: 'unclassified', limit: 10, offset: 0 })).items.map((s) => s.url)).toEqual(['https://blog.unknown-site.example/post']);
    await upsertDomain(env.db, { pattern: 'unknown-site.example', stage: 'mainstream', tier: 2, label: 'a regional outlet', platform: null });
    expect((await listSightings(env.db, leak, { stage: 'unclassified', limit: 10, offset: 0 })).total).toBe(0);
    const mainstream = await listSightings(env.db, leak, { stage: 'mainstream', limit: 10, offset: 0 });
    expect(mainstream).toMatchObject({ total: 1, items: [{ url: 'https://blog.unknown-site.example/post', stage: 'mainstream', tier: 2 }] });
  });
});
