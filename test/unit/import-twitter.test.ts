import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts, type PostFormat } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(text: string, format: PostFormat = 'twitter-v2'): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), format)) items.push(item);
  return items;
}
const posts = (items: ImportItem[]) => items.flatMap((i) => ('post' in i ? [i.post] : []));

// A page as GET /2/tweets/search/recent returns it with expansions=author_id,referenced_tweets.id
const PAGE = {
  data: [
    {
      id: '1390000000000000001',
      text: 'RT @wikileaks: Searchable archive of the #MacronLeaks https://t.co/AbCdEfGh12',
      author_id: '2001',
      created_at: '2017-05-05T21:13:07.000Z',
      lang: 'en',
      referenced_tweets: [{ type: 'retweeted', id: '860000000000000001' }],
      entities: { urls: [{ start: 54, end: 77, url: 'https://t.co/AbCdEfGh12', expanded_url: 'https://wikileaks.org/macron-emails/', display_url: 'wikileaks.org/macron-emails/' }] },
      public_metrics: { retweet_count: 120, reply_count: 0, like_count: 0, quote_count: 0 },
    },
    {
      id: '1390000000000000002',
      text: 'This is the one everyone will be talking about tomorrow https://t.co/QuOtEdLink https://t.co/PhOtO12345',
      author_id: '2002',
      created_at: '2017-05-05T22:01:00.000Z',
      referenced_tweets: [{ type: 'quoted', id: '860000000000000002' }],
      entities: {
        urls: [
          { url: 'https://t.co/QuOtEdLink', expanded_url: 'https://twitter.com/jackposobiec/status/860000000000000002' },
          { url: 'https://t.co/PhOtO12345', expanded_url: 'https://twitter.com/someone/status/1390000000000000002/photo/1', media_key: '3_139' },
        ],
      },
    },
    {
      id: '1390000000000000003',
      text: '@someone Source? The pastebin is already gone.',
      author_id: '2003',
      created_at: '2017-05-05T22:30:00.000Z',
      referenced_tweets: [{ type: 'replied_to', id: '1390000000000000002' }],
    },
  ],
  includes: {
    users: [
      { id: '2001', username: 'leak_watcher', name: 'Leak Watcher' },
      { id: '2002', username: 'someone', name: 'Some One' },
    ],
  },
  meta: { result_count: 3, newest_id: '1390000000000000003' },
};

describe('twitter-v2 import', () => {
  it('reads a response page per line: authors joined from includes.users, retweet, quote and reply references, expanded links', async () => {
    const items = await run(`${JSON.stringify(PAGE)}\n`);
    const [retweet, quote, reply] = posts(items);
    expect(items).toHaveLength(3);
    expect(retweet).toMatchObject({
      platform: 'twitter',
      postId: '1390000000000000001',
      account: 'leak_watcher',
      accountName: 'Leak Watcher',
      createdAt: '2017-05-05T21:13:07.000Z',
      urls: ['https://wikileaks.org/macron-emails/'],
      repostOf: '860000000000000001',
      quoteOf: null,
      replyTo: null,
      url: 'https://twitter.com/leak_watcher/status/1390000000000000001',
      lang: 'en',
      metrics: { retweet_count: 120, reply_count: 0, like_count: 0, quote_count: 0 },
    });
    // the photo link points at the tweet itself: not a link the post spreads
    expect(quote).toMatchObject({ quoteOf: '860000000000000002', urls: ['https://twitter.com/jackposobiec/status/860000000000000002'] });
    // an author missing from includes keeps the numeric id; the link falls back to /i/web/
    expect(reply).toMatchObject({ account: '2003', replyTo: '1390000000000000002', url: 'https://twitter.com/i/web/status/1390000000000000003' });
  });

  it('reads one tweet object per line, with the text\'s links when entities were not requested', async () => {
    const lines = [
      { id: '1', text: 'Dump mirrored at https://mirror.example/nb2024.zip.', author_id: '9', created_at: '2024-10-20T18:40:00Z' },
      { id: '2', text: 'long post', author: { id: '9', username: 'flattened', name: 'Twarc Flat' }, note_tweet: { text: 'long post, full text https://a.example/x' } },
    ];
    const [plain, flattened] = posts(await run(lines.map((l) => JSON.stringify(l)).join('\n')));
    expect(plain).toMatchObject({ account: '9', urls: ['https://mirror.example/nb2024.zip'], createdAt: '2024-10-20T18:40:00.000Z' });
    expect(flattened).toMatchObject({ account: 'flattened', accountName: 'Twarc Flat', text: 'long post, full text https://a.example/x', urls: ['https://a.example/x'], createdAt: null });
  });

  it('reads a pretty-printed response saved as one document, and counts pages with only errors as skipped', async () => {
    const pretty = JSON.stringify(PAGE, null, 2);
    expect(posts(await run(pretty)).map((p) => p.postId)).toEqual(['1390000000000000001', '1390000000000000002', '1390000000000000003']);
    const errors = await run(`${JSON.stringify({ errors: [{ title: 'Not Found Error', value: '1' }] })}\n`);
    expect(errors).toEqual([{ skipped: { line: 1, kind: 'twitter API errors' } }]);
  });

  it('rejects a tweet without author or id, keeps the others of the page', async () => {
    const page = { data: [{ id: '5', text: 'no author' }, { text: 'no id', author_id: '1' }, { id: '6', text: 'fine', author_id: '1' }] };
    const items = await run(JSON.stringify(page));
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['rejected', 'rejected', 'post']);
    expect(items[0]).toEqual({ rejected: { line: 1, reason: 'tweet 5 has no "author_id"' } });
  });
});
