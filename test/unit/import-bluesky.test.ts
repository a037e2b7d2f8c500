import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(lines: unknown[]): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), 'bluesky')) items.push(item);
  return items;
}

const DID = 'did:plc:z72i7hdynmk6r22z27h6tvur';
const commit = (collection: string, rkey: string, record: unknown, operation = 'create') => ({
  did: DID, time_us: 1725911162329308, kind: 'commit',
  commit: { rev: '3l3qo2vutsw2b', operation, collection, rkey, record, cid: 'bafyreib' },
});

describe('bluesky (Jetstream) import', () => {
  it('reads a post with link facets, an external embed and languages', async () => {
    const record = {
      $type: 'app.bsky.feed.post', text: 'The files are out: wikileaks.org/macron-em… read them before they vanish', createdAt: '2024-09-09T19:46:02.102Z', langs: ['en', 'fr'],
      facets: [{ index: { byteStart: 19, byteEnd: 43 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://wikileaks.org/macron-emails/' }] }, { features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'leak' }] }],
      embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://news.example/macron-leak', title: 'Leak', description: '' } },
    };
    const [item] = await run([commit('app.bsky.feed.post', '3l3qo2vuowo2b', record)]);
    expect(item).toEqual({
      line: 1,
      post: {
        platform: 'bluesky', postId: `at://${DID}/app.bsky.feed.post/3l3qo2vuowo2b`, account: DID, text: record.text, createdAt: '2024-09-09T19:46:02.102Z',
        // the shortened "wikileaks.org/macron-em…" in the text is not taken for a link
        urls: ['https://wikileaks.org/macron-emails/', 'https://news.example/macron-leak'],
        repostOf: null, quoteOf: null, replyTo: null, url: `https://bsky.app/profile/${DID}/post/3l3qo2vuowo2b`, lang: 'en',
      },
    });
  });

  it('reads quotes (record and recordWithMedia embeds), replies and reposts', async () => {
    const quoted = 'at://did:plc:abc/app.bsky.feed.post/3kquoted';
    const items = await run([
      commit('app.bsky.feed.post', 'q1', { text: 'Look at this', createdAt: '2024-09-09T19:47:00Z', embed: { $type: 'app.bsky.embed.record', record: { uri: quoted, cid: 'x' } } }),
      commit('app.bsky.feed.post', 'q2', { text: 'And this', createdAt: '2024-09-09T19:48:00Z', embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: { uri: quoted, cid: 'x' } }, media: { $type: 'app.bsky.embed.images', images: [] } } }),
      commit('app.bsky.feed.post', 'r1', { text: 'Source? https://paste.example/abc', createdAt: '2024-09-09T19:49:00Z', reply: { root: { uri: quoted, cid: 'x' }, parent: { uri: `at://${DID}/app.bsky.feed.post/q1`, cid: 'y' } } }),
      commit('app.bsky.feed.repost', 'rp1', { $type: 'app.bsky.feed.repost', subject: { uri: quoted, cid: 'x' }, createdAt: '2024-09-09T19:50:00Z' }),
    ]);
    const found = items.flatMap((i) => ('post' in i ? [i.post] : []));
    expect(found.map((p) => [p.quoteOf, p.replyTo, p.repostOf])).toEqual([
      [quoted, null, null],
      [quoted, null, null],
      [null, `at://${DID}/app.bsky.feed.post/q1`, null],
      [null, null, quoted],
    ]);
    // without facets the text's own links are used
    expect(found[2]!.urls).toEqual(['https://paste.example/abc']);
    expect(found[3]).toMatchObject({ postId: `at://${DID}/app.bsky.feed.repost/rp1`, text: '', createdAt: '2024-09-09T19:50:00.000Z' });
  });

  it('skips and counts likes, follows, deletes and identity events', async () => {
    const items = await run([
      commit('app.bsky.feed.like', 'l1', { subject: { uri: 'at://x/app.bsky.feed.post/1' }, createdAt: '2024-09-09T19:46:02Z' }),
      commit('app.bsky.feed.post', 'd1', undefined, 'delete'),
      { did: DID, time_us: 1725911162329308, kind: 'identity', identity: { did: DID, handle: 'a.bsky.social' } },
    ]);
    expect(items).toEqual([
      { skipped: { line: 1, kind: 'bluesky create app.bsky.feed.like' } },
      { skipped: { line: 2, kind: 'bluesky delete app.bsky.feed.post' } },
      { skipped: { line: 3, kind: 'bluesky identity' } },
    ]);
  });

  it('falls back to the time Jetstream saw a post whose createdAt is broken, and says so', async () => {
    const [item] = await run([commit('app.bsky.feed.post', 'b1', { text: 'x', createdAt: 'not a date' })]);
    expect(item).toMatchObject({ post: { createdAt: '2024-09-09T19:46:02.329Z' }, warnings: ['invalid time in record.createdAt: "not a date"; used time_us instead'] });
  });
});
