import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/import/detect-format.ts';
import { importPosts, postFormats } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(text: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), 'jsonl')) items.push(item);
  return items;
}

describe('generic jsonl import', () => {
  it('reads the documented fields, with links from the text when none are given', async () => {
    const lines = [
      { platform: 'facebook', id: 10158, account: 'northbridge.watch', text: 'Dump: https://paste.example/raw/nb2024.', created_at: '2024-10-20T20:35:00+02:00', repost_of: '10150', channel: 'Local news group', metrics: { shares: 12 }, extra: 'ignored' },
      { platform: 'youtube', id: 'dQw4w9WgXcQ', account: 'UC123', account_name: 'Some Channel', text: 'video', created_at: 1729449300, urls: ['https://paste.example/raw/nb2024', 'not a url'], url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', lang: 'de' },
    ];
    const [first, second] = await run(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(first).toEqual({
      line: 1,
      post: {
        platform: 'facebook', postId: '10158', account: 'northbridge.watch', accountName: null, text: 'Dump: https://paste.example/raw/nb2024.', createdAt: '2024-10-20T18:35:00.000Z',
        urls: ['https://paste.example/raw/nb2024'], repostOf: '10150', quoteOf: null, replyTo: null, url: null, lang: null, channel: 'Local news group', metrics: { shares: 12 },
      },
    });
    expect(second).toMatchObject({ post: { postId: 'dQw4w9WgXcQ', accountName: 'Some Channel', createdAt: '2024-10-20T18:35:00.000Z', urls: ['https://paste.example/raw/nb2024'], url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', lang: 'de' } });
  });

  it('names the fields that are missing or of the wrong type', async () => {
    const [item] = await run(JSON.stringify({ platform: 'x', id: 1, text: 5 }));
    expect(item).toMatchObject({ rejected: { line: 1, reason: expect.stringMatching(/^not a post of the generic format \(account: .*; text: /) } });
  });
});

describe('detectFormat', () => {
  it('recognises each format from the start of a file', () => {
    const heads: Record<string, string> = {
      'twitter-v2': '{"data":[{"id":"1","text":"x","author_id":"2","edit_history_tweet_ids":["1"]}]}',
      'ira-csv': 'author_id,content,region,language,publish_date,harvested_date,following\nx,y,z',
      telegram: '{\n "name": "Leak Mirror",\n "type": "public_channel",\n "id": 1,\n "messages": [\n  {\n   "id": 1,\n   "date_unixtime": "1"',
      reddit: '{"id":"56nq4x","author":"a","created_utc":1475868000,"subreddit":"WikiLeaks","title":"t"}',
      bluesky: '{"did":"did:plc:abc","time_us":1725911162329308,"kind":"commit","commit":{}}',
      mastodon: '[{"id":"1","created_at":"2024-10-20T18:41:09.000Z","content":"<p>x</p>","account":{"acct":"a"}}]',
      jsonl: '{"platform":"facebook","id":"1","account":"a","text":"t","created_at":null}',
    };
    for (const format of postFormats) expect(detectFormat(Buffer.from(heads[format]!)), format).toBe(format);
    expect(detectFormat('hello world')).toBeNull();
  });
});
