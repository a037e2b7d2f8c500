import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPosts, postFormats, type ImportOptions, type PostFormat } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(chunks: Array<string | Buffer>, format: PostFormat, options: ImportOptions = {}): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from(chunks.map((c) => Buffer.from(c))), format, options)) items.push(item);
  return items;
}
const kinds = (items: ImportItem[]) => items.map((i) => Object.keys(i)[0]);
const tweet = (id: string, extra: object = {}) => JSON.stringify({ id, text: `tweet ${id}`, author_id: '7', created_at: '2017-05-05T21:13:00Z', ...extra });

describe('hostile post files', () => {
  it('rejects a line that is not JSON or not a tweet by line number, and reads on', async () => {
    const text = [tweet('1'), '{"id": "2", "text": ', 'null', '"a string"', tweet('3', { text: ['not', 'text'] }), tweet('4', { id: { $oid: 'x' } }), tweet('5')].join('\n');
    const items = await run([text], 'twitter-v2');
    expect(kinds(items)).toEqual(['post', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'post']);
    expect(items.slice(1, 6).map((i) => ('rejected' in i ? i.rejected.line : 0))).toEqual([2, 3, 4, 5, 6]);
    expect(items[4]).toEqual({ rejected: { line: 5, reason: 'tweet 3: "text" is an array, not text' } });
  });

  it('keeps a post with an invalid date, without a time and with a warning, never "now"', async () => {
    const items = await run([tweet('1', { created_at: 'last Tuesday' }), '\n', tweet('2', { created_at: '2017-05-05T21:13:00' })], 'twitter-v2');
    expect(items).toEqual([
      expect.objectContaining({ line: 1, post: expect.objectContaining({ postId: '1', createdAt: null }), warnings: ['invalid time in created_at: "last Tuesday"'] }),
      expect.objectContaining({ line: 2, post: expect.objectContaining({ createdAt: '2017-05-05T21:13:00.000Z' }), warnings: ['no time zone in created_at "2017-05-05T21:13:00": read as UTC'] }),
    ]);
  });

  it('rejects a 20 MB single line over the cap as one record, in pieces never held whole, and reads the next line', async () => {
    const piece = Buffer.alloc(1024 * 1024, 'x');
    const chunks = [Buffer.from('{"id":"1","author_id":"7","text":"'), ...Array.from({ length: 20 }, () => piece), Buffer.from(`"}\n${tweet('2')}\n`)];
    const items = await run(chunks, 'twitter-v2', { maxRecordBytes: 1024 * 1024 });
    expect(items).toEqual([
      { rejected: { line: 1, reason: expect.stringMatching(/^the line is longer than 1 MiB \(209715\d\d bytes\): skipped$/) } },
      expect.objectContaining({ line: 2, post: expect.objectContaining({ postId: '2' }) }),
    ]);
  });

  it('reads a file with a BOM and CRLF line ends', async () => {
    const items = await run([`\ufeff${tweet('1')}\r\n${tweet('2')}\r\n`], 'twitter-v2');
    expect(items.map((i) => ('post' in i ? i.post.text : i))).toEqual(['tweet 1', 'tweet 2']);
  });

  it('repairs bytes that are not UTF-8 inside a text with a warning; outside a string they make the line invalid JSON', async () => {
    const damaged = Buffer.concat([Buffer.from('{"id":"1","author_id":"7","text":"caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' leak"}\n')]);
    const outside = Buffer.concat([Buffer.from('{"id":"2",'), Buffer.from([0xff]), Buffer.from('"author_id":"7"}\n')]);
    const escaped = Buffer.from('{"id":"3","author_id":"7","text":"half a pair \\ud83d"}\n');
    const items = await run([damaged, outside, escaped], 'twitter-v2');
    expect(items[0]).toMatchObject({ post: { text: 'caf\ufffd\ufffd leak' }, warnings: ['text held bytes that are not UTF-8 (or a broken \\u escape): shown as U+FFFD'] });
    expect(items[1]).toMatchObject({ rejected: { line: 2, reason: expect.stringMatching(/^not valid JSON \(it also holds bytes that are not UTF-8\)/) } });
    expect(items[2]).toMatchObject({ post: { text: 'half a pair \ufffd' }, warnings: [expect.stringContaining('text held bytes')] });
  });

  it('finds the Telegram message that holds invalid UTF-8, even when the bad byte ends a chunk', async () => {
    const before = Buffer.from('{"name":"c","type":"public_channel","id":9,"messages":[{"id":1,"type":"message","date_unixtime":"1494018780","from_id":"channel9","text":"ok"},{"id":2,"type":"message","date_unixtime":"1494018780","from_id":"channel9","text":"bad ');
    const after = Buffer.from(' byte"},{"id":3,"type":"message","date_unixtime":"1494018780","from_id":"channel9","text":"ok too"}]}');
    const items = await run([before, Buffer.from([0xc3]), after], 'telegram');
    expect(items.map((i) => ('post' in i ? [i.post.text, i.warnings?.length ?? 0] : i))).toEqual([
      ['ok', 0],
      ['bad \ufffd byte', 1],
      ['ok too', 0],
    ]);
  });

  it('says a UTF-16 file must be converted instead of rejecting every line', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${tweet('1')}\n`, 'utf16le')]);
    expect(await run([utf16], 'twitter-v2')).toEqual([{ rejected: { line: null, reason: 'the file is UTF-16LE, not UTF-8: convert it first (iconv -f UTF-16LE -t UTF-8)' } }]);
  });

  it('keeps the messages before the point where a Telegram export is cut off, and says where it broke', async () => {
    const whole = JSON.stringify({ name: 'c', type: 'public_channel', id: 9, messages: [1, 2, 3].map((id) => ({ id, type: 'message', date_unixtime: '1494018780', from_id: 'channel9', text: `message ${id}` })) });
    const items = await run([whole.slice(0, whole.indexOf('message 3') - 10)], 'telegram');
    expect(kinds(items)).toEqual(['post', 'post', 'rejected']);
    expect(items[2]).toMatchObject({ rejected: { line: null, reason: expect.stringContaining('the JSON is broken within its first') } });
  });

  it('rejects a Telegram message larger than the cap and reads the next one', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const chat = { name: 'c', type: 'public_channel', id: 9, messages: [{ id: 1, type: 'message', from_id: 'channel9', text: huge }, { id: 2, type: 'message', from_id: 'channel9', text: 'small' }] };
    const items = await run([JSON.stringify(chat)], 'telegram', { maxRecordBytes: 1024 * 1024 });
    expect(items).toEqual([
      { rejected: { line: null, at: 'messages[0]', reason: 'messages[0]: larger than 1 MiB: skipped' } },
      expect.objectContaining({ post: expect.objectContaining({ postId: '9/2' }) }),
    ]);
  });

  it('gives up on a nesting bomb with one rejection instead of exhausting memory', async () => {
    const bomb = `{"messages":${'['.repeat(200_000)}`;
    const items = await run([bomb], 'telegram');
    expect(items).toEqual([{ rejected: { line: null, reason: expect.stringContaining('nested deeper than 10000 levels') } }]);
    const deepRecord = await run([`${'['.repeat(500)}${']'.repeat(500)}\n${tweet('1')}\n`], 'twitter-v2');
    expect(kinds(deepRecord)).toEqual(['rejected', 'post']);
  });

  it('does not let a "__proto__" key reach the prototype', async () => {
    const items = await run([JSON.stringify({ name: 'c', id: 9, messages: [{ id: 1, from_id: 'u', text: 'x', __proto__: { polluted: true } }] }).replace('"text":"x"', '"text":"x","__proto__":{"polluted":true}')], 'telegram');
    expect(kinds(items)).toEqual(['post']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, whatever bytes it is given, in any format', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
      fc.json({ maxDepth: 4 }).map((s) => Buffer.from(`${s}\n${s}`)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...postFormats), fc.integer({ min: 1, max: 64 }), async (input, format, split) => {
        const chunks: Buffer[] = [];
        for (let i = 0; i < input.length; i += split) chunks.push(Buffer.from(input.subarray(i, i + split)));
        const items = await run(chunks, format);
        for (const item of items) if ('post' in item) expect(item.post.postId).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
