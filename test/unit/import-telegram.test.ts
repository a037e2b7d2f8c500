import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';
import { UNKNOWN_ORIGIN } from '../../src/import/post.ts';

async function run(chunks: Array<string | Buffer>): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from(chunks.map((c) => Buffer.from(c))), 'telegram')) items.push(item);
  return items;
}
const posts = (items: ImportItem[]) => items.flatMap((i) => ('post' in i ? [i.post] : []));

// The shape Telegram Desktop writes for one channel ("Export chat history", JSON)
const CHANNEL = {
  name: 'Leak Mirror',
  type: 'public_channel',
  id: 1409999999,
  messages: [
    { id: 1, type: 'service', date: '2017-05-05T20:00:00', date_unixtime: '1494014400', actor: 'Leak Mirror', actor_id: 'channel1409999999', action: 'create_channel', title: 'Leak Mirror', text: '', text_entities: [] },
    {
      id: 2,
      type: 'message',
      date: '2017-05-05T23:13:00',
      date_unixtime: '1494018780',
      from: 'Leak Mirror',
      from_id: 'channel1409999999',
      text: [
        'The full #MacronLeaks archive: ',
        { type: 'link', text: 'archive.example/macron' },
        ' and the torrent ',
        { type: 'text_link', text: 'here', href: 'https://files.example/macron.torrent' },
        '.',
      ],
      text_entities: [],
      reactions: [{ type: 'emoji', count: 12, emoji: '🔥' }, { type: 'emoji', count: 3, emoji: '👍' }],
    },
    { id: 3, type: 'message', date: '2017-05-05T23:20:00', date_unixtime: '1494019200', from: 'Leak Mirror', from_id: 'channel1409999999', forwarded_from: 'WikiLeaks Channel', text: 'Forwarded: https://wikileaks.org/macron-emails/', text_entities: [] },
    { id: 4, type: 'message', date: '2017-05-05T23:25:00', date_unixtime: '1494019500', from: 'Leak Mirror', from_id: 'channel1409999999', reply_to_message_id: 2, forwarded_from: null, text: 'Mirror 2 is up', photo: 'photos/photo_1.jpg' },
  ],
};

describe('telegram import', () => {
  it('reads a single-chat export: entity arrays, links and text links, forwards, replies, reactions; skips service messages', async () => {
    const items = await run([JSON.stringify(CHANNEL, null, 1)]);
    expect(items[0]).toEqual({ skipped: { line: null, kind: 'telegram service' } });
    const [post, forward, reply] = posts(items);
    expect(post).toEqual({
      platform: 'telegram',
      postId: '1409999999/2',
      account: 'channel1409999999',
      accountName: 'Leak Mirror',
      text: 'The full #MacronLeaks archive: archive.example/macron and the torrent here.',
      createdAt: '2017-05-05T21:13:00.000Z',
      urls: ['https://archive.example/macron', 'https://files.example/macron.torrent'],
      repostOf: null,
      quoteOf: null,
      replyTo: null,
      url: 'https://t.me/c/1409999999/2',
      channel: 'Leak Mirror',
      metrics: { reactions: 15 },
    });
    expect(forward).toMatchObject({ repostOf: 'WikiLeaks Channel', urls: ['https://wikileaks.org/macron-emails/'] });
    expect(reply).toMatchObject({ replyTo: '1409999999/2', repostOf: UNKNOWN_ORIGIN, text: 'Mirror 2 is up' });
  });

  it('reads every chat of a full account export, each message under its own chat, the rest of the export skipped unread', async () => {
    const full = {
      about: 'Here is the data you requested.',
      personal_information: { user_id: 1, first_name: 'X' },
      contacts: { about: '…', list: [{ first_name: 'A', phone_number: '+000' }] },
      chats: {
        about: 'This page lists all chats from this export.',
        list: [
          CHANNEL,
          { name: 'Research group', type: 'private_supergroup', id: 1500000000, messages: [{ id: 7, type: 'message', date: '2017-05-06T08:00:00', date_unixtime: '1494057600', from: 'Alice', from_id: 'user42', text: 'seen https://t.me/leakmirror/2 ?' }] },
        ],
      },
      left_chats: { about: '…', list: [{ name: 'Old chat', type: 'private_group', id: 77, messages: [{ id: 1, type: 'message', date_unixtime: '1494057700', from: 'Bob', from_id: 'user43', text: 'bye' }] }] },
    };
    const found = posts(await run([JSON.stringify(full)]));
    expect(found.map((p) => [p.postId, p.channel, p.account])).toEqual([
      ['1409999999/2', 'Leak Mirror', 'channel1409999999'],
      ['1409999999/3', 'Leak Mirror', 'channel1409999999'],
      ['1409999999/4', 'Leak Mirror', 'channel1409999999'],
      ['1500000000/7', 'Research group', 'user42'],
      ['77/1', 'Old chat', 'user43'],
    ]);
    expect(found[3]).toMatchObject({ url: 'https://t.me/c/1500000000/7', urls: ['https://t.me/leakmirror/2'] });
    expect(found[4]!.url).toBeNull();
  });

  it('streams an export cut into tiny chunks (split inside strings and multi-byte characters) to the same posts', async () => {
    const text = Buffer.from(JSON.stringify({ ...CHANNEL, name: 'Утечки 🔥' }));
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += 7) chunks.push(text.subarray(i, i + 7));
    const found = posts(await run(chunks));
    expect(found).toHaveLength(3);
    expect(found[0]).toMatchObject({ channel: 'Утечки 🔥', urls: ['https://archive.example/macron', 'https://files.example/macron.torrent'] });
  });

  it('reads an old export without date_unixtime as UTC with a warning, and rejects a message with a wrong text type', async () => {
    const chat = { name: 'c', type: 'personal_chat', id: 5, messages: [{ id: 1, type: 'message', date: '2016-07-22T20:26:00', from: 'A', from_id: 'user1', text: 'hi' }, { id: 2, type: 'message', date_unixtime: '1469219160', from_id: 'user1', text: 42 }] };
    const items = await run([JSON.stringify(chat)]);
    expect(items[0]).toMatchObject({ post: { createdAt: '2016-07-22T20:26:00.000Z' }, warnings: ['no time zone in date "2016-07-22T20:26:00": read as UTC'] });
    expect(items[1]).toEqual({ rejected: { line: null, at: 'messages[1]', reason: 'messages[1]: message 2: "text" is a number, not text or a list of entities' } });
  });
});
