import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEpochTime, parseIsoTime } from '../../src/import/dates.ts';
import { readLines, type Line } from '../../src/import/read-lines.ts';
import { extractUrls } from '../../src/import/urls.ts';
import { createUtf8Decoder, decodeUtf8, isDamaged, repairText } from '../../src/import/utf8.ts';

async function lines(chunks: Array<string | Buffer>, maxLineBytes?: number): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of readLines(Readable.from(chunks.map((c) => Buffer.from(c))), { maxLineBytes })) out.push(l);
  return out;
}

describe('extractUrls', () => {
  it('finds http(s) links and leaves out the punctuation around them', () => {
    expect(extractUrls('Docs at https://paste.example/raw/nb2024. Mirror (https://m.example/a), see "http://x.example/q?a=1&b=2"!')).toEqual([
      'https://paste.example/raw/nb2024',
      'https://m.example/a',
      'http://x.example/q?a=1&b=2',
    ]);
  });

  it('keeps brackets a link opened itself, and reads Markdown links', () => {
    expect(extractUrls('see https://en.wikipedia.org/wiki/Leak_(disambiguation), or [mirror](https://m.example/x)')).toEqual([
      'https://en.wikipedia.org/wiki/Leak_(disambiguation)',
      'https://m.example/x',
    ]);
  });

  it('drops what a truncated retweet left of a link, keeps whole links before an ellipsis, and removes repeats', () => {
    expect(extractUrls('RT @a: The emails https://t… and https://t.co/D7BMFbXpYr… again https://t.co/D7BMFbXpYr')).toEqual(['https://t.co/D7BMFbXpYr']);
    expect(extractUrls('Утечка：https://leak.example/файл。Ещё')).toEqual(['https://leak.example/файл']);
    expect(extractUrls('no links here, not even ftp://x.example or www.x.example')).toEqual([]);
  });
});

describe('post times', () => {
  it('reads ISO-8601 with zones strictly, never in the local zone', () => {
    expect(parseIsoTime('2017-05-05T21:13:00+02:00', 'created_at')).toEqual({ createdAt: '2017-05-05T19:13:00.000Z' });
    expect(parseIsoTime('2017-05-05 21:13:00', 'publish_date', { zoneless: 'utc' })).toEqual({ createdAt: '2017-05-05T21:13:00.000Z' });
    expect(parseIsoTime('2017-05-05T21:13:00', 'date').warning).toBe('no time zone in date "2017-05-05T21:13:00": read as UTC');
  });

  it('leaves impossible or implausible times empty with a warning, and absent ones empty without', () => {
    for (const bad of ['2017-02-30 10:00:00', '2017-13-01T00:00:00Z', '2017-05-05T25:00:00Z', 'Fri May 05 21:13:00 +0000 2017x', '5/5/2017']) {
      expect(parseIsoTime(bad, 'created_at'), bad).toMatchObject({ createdAt: null, warning: expect.stringContaining('created_at') });
    }
    expect(parseIsoTime('1970-01-01T00:00:00Z', 'created_at')).toMatchObject({ createdAt: null, warning: expect.stringContaining('outside 1990–2100') });
    expect(parseIsoTime(undefined, 'created_at')).toEqual({ createdAt: null });
    expect(parseEpochTime(1494018780, 'created_utc')).toEqual({ createdAt: '2017-05-05T21:13:00.000Z' });
    expect(parseEpochTime('1e9', 'created_utc')).toMatchObject({ createdAt: null, warning: 'invalid time in created_utc: "1e9"' });
    expect(parseEpochTime(1725911162329308, 'time_us', 'microseconds')).toEqual({ createdAt: '2024-09-09T19:46:02.329Z' });
  });
});

describe('UTF-8 decoding', () => {
  it('marks each invalid byte so it can be found after parsing, and repairs it to U+FFFD', () => {
    const text = decodeUtf8(Buffer.from([0x6c, 0x65, 0x61, 0x6b, 0xff, 0xc3, 0xa9, 0xe2, 0x82]));
    expect(isDamaged(text)).toBe(true);
    expect(repairText(text)).toBe('leak\ufffdé\ufffd\ufffd');
    // a U+FFFD that is really in the file (IRA mojibake) is text, not damage
    expect(isDamaged(decodeUtf8(Buffer.from('a\ufffdb')))).toBe(false);
  });

  it('holds back a character split between chunks', () => {
    const decoder = createUtf8Decoder();
    const bytes = Buffer.from('€🔥');
    const text = [...bytes].map((b) => decoder.write(Uint8Array.of(b))).join('') + decoder.end();
    expect(text).toBe('€🔥');
    expect(repairText(decoder.write(Uint8Array.of(0xe2, 0x82)) + decoder.end())).toBe('\ufffd\ufffd');
  });
});

describe('readLines', () => {
  it('numbers LF and CRLF lines, drops a BOM, and joins lines split across chunks', async () => {
    expect(await lines(['\ufeffone\r\ntw', 'o\n\nthree'])).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
      { line: 3, text: '' },
      { line: 4, text: 'three' },
    ]);
  });

  it('reports a line over the cap as too long without holding it, and goes on', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const out = await lines(['first\n', big, big, '\nlast\n'], 1024 * 1024);
    expect(out).toEqual([{ line: 1, text: 'first' }, { line: 2, tooLong: 10 * 1024 * 1024 }, { line: 3, text: 'last' }]);
  });
});
