import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(text: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), 'mastodon')) items.push(item);
  return items;
}
const posts = (items: ImportItem[]) => items.flatMap((i) => ('post' in i ? [i.post] : []));

const account = (acct: string, url: string, display_name = '') => ({ id: '1', username: acct.split('@')[0], acct, display_name, url });
// As GET /api/v1/accounts/:id/statuses returns them
const ORIGINAL = {
  id: '112233445566778899',
  created_at: '2024-10-20T18:41:09.000Z',
  in_reply_to_id: null,
  language: 'en',
  uri: 'https://infosec.exchange/users/leakwatch/statuses/112233445566778899',
  url: 'https://infosec.exchange/@leakwatch/112233445566778899',
  replies_count: 3, reblogs_count: 41, favourites_count: 57,
  spoiler_text: 'leak, personal data',
  content:
    '<p>The <a href="https://infosec.exchange/tags/Northbridge" class="mention hashtag" rel="tag">#<span>Northbridge</span></a> files are on ' +
    '<a href="https://paste.example/raw/nb2024" target="_blank" rel="nofollow noopener noreferrer"><span class="invisible">https://</span><span class="">paste.example/raw/nb2024</span></a> ' +
    '— h/t <span class="h-card"><a href="https://mastodon.social/@jdoe" class="u-url mention">@<span>jdoe</span></a></span></p><p>Second paragraph &amp; more.</p>',
  account: account('leakwatch', 'https://infosec.exchange/@leakwatch', 'Leak Watch'),
  reblog: null,
  card: { url: 'https://news.example/northbridge', title: 'Northbridge' },
};
const REBLOG = {
  id: '112233445566779000', created_at: '2024-10-20T19:00:00.000Z', in_reply_to_id: null, content: '', language: null,
  uri: 'https://mastodon.social/users/jdoe/statuses/112233445566779000/activity', url: null,
  account: account('jdoe', 'https://mastodon.social/@jdoe', 'J. Doe'), reblog: ORIGINAL,
};
const REPLY = {
  id: '112233445566779100', created_at: '2024-10-20T19:05:00+02:00', in_reply_to_id: '112233445566778899', content: '<p>Confirmed by two sources.</p>',
  uri: 'https://chaos.social/users/cc/statuses/112233445566779100', url: 'https://chaos.social/@cc/112233445566779100',
  account: account('cc@chaos.social', 'https://chaos.social/@cc'), reblog: null,
  quote: { state: 'accepted', quoted_status: { id: '112233445566778899' } },
};

describe('mastodon import', () => {
  it('turns HTML content into text, keeps real links (not mentions or hashtags), qualifies local accounts', async () => {
    const [post] = posts(await run(JSON.stringify([ORIGINAL])));
    expect(post).toEqual({
      platform: 'mastodon',
      postId: '112233445566778899',
      account: 'leakwatch@infosec.exchange',
      accountName: 'Leak Watch',
      text: 'leak, personal data\n\nThe #Northbridge files are on https://paste.example/raw/nb2024 — h/t @jdoe\n\nSecond paragraph & more.',
      createdAt: '2024-10-20T18:41:09.000Z',
      urls: ['https://paste.example/raw/nb2024', 'https://news.example/northbridge'],
      repostOf: null, quoteOf: null, replyTo: null,
      url: 'https://infosec.exchange/@leakwatch/112233445566778899',
      lang: 'en',
      metrics: { replies_count: 3, reblogs_count: 41, favourites_count: 57 },
    });
  });

  it('reads a reblog as a repost carrying the original\'s text and links, and replies and quotes by id', async () => {
    const [reblog, reply] = posts(await run(`${JSON.stringify(REBLOG)}\n${JSON.stringify(REPLY)}\n`));
    expect(reblog).toMatchObject({
      account: 'jdoe@mastodon.social',
      repostOf: '112233445566778899',
      urls: ['https://paste.example/raw/nb2024', 'https://news.example/northbridge'],
      url: 'https://mastodon.social/users/jdoe/statuses/112233445566779000/activity',
      lang: 'en',
    });
    expect(reblog!.text).toContain('The #Northbridge files are on');
    expect(reply).toMatchObject({ account: 'cc@chaos.social', replyTo: '112233445566778899', quoteOf: '112233445566778899', createdAt: '2024-10-20T17:05:00.000Z', text: 'Confirmed by two sources.' });
  });

  it('reads a single pretty-printed status, and rejects one whose content is not text', async () => {
    expect(posts(await run(JSON.stringify(ORIGINAL, null, 2)))).toHaveLength(1);
    const items = await run(JSON.stringify([{ ...ORIGINAL, content: { html: 'x' } }, ORIGINAL]));
    expect(items[0]).toEqual({ rejected: { line: null, at: '[0]', reason: '[0]: status 112233445566778899: "content" is an object, not text' } });
    expect(items[1]).toHaveProperty('post');
  });
});
