import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normaliseUrl } from '../../src/domain/url.ts';
import { parseIsoTime } from '../../src/import/dates.ts';
import { emptyPost, isPostShaped, PostSchema, type Post } from '../../src/import/post.ts';
import { readLines, type Line } from '../../src/import/read-lines.ts';
import { isWebLink } from '../../src/import/urls.ts';
import { decodeUtf8 } from '../../src/import/utf8.ts';
import { linkKey } from '../../src/spread/link-index.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// The shortcuts taken for the common shapes of links and times must give what the full parse gives.

const TRICKY = [
  'https://t.co/D7BMFbXpYr',
  'https://twitter.com/leaker/status/2001',
  'https://a.example/./x',
  'https://a.example/x/..',
  'https://a.example/x/%2e%2e/y',
  'https://a.example/x/.hidden',
  'https://xn--abc.example/',
  'https://xn--80ak6aa92e.com/',
  'https://a.123/',
  'https://a.0x1f/',
  'https://1.2.3.4/',
  'https://1.2.3.999/',
  'https://a..b/',
  'https://a.b./',
  'https://a.b',
  'https://-a.b/',
  'https://a-.b/',
  'https://ab--cd.example/x',
  'https://a.b:443/',
  'https://a.b:99999/',
  'https://u:p@a.b/',
  'https://A.b/x',
  'HTTPS://a.b/x',
  'https://a.b/x?utm_source=y',
  'https://a.b/x#top',
  'https://a.b/x y',
  'https://a.b/x\\y',
  'https://a.b/é',
  "https://a.b/it's(1)*+,;=:@!$&~_-",
  'https://a.b/x^y|z`{}',
  ' https://a.b/x',
  'ftp://a.b/x',
];

function randomLinks(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const alphabet = "aZ09-._~!$&'()*+,;=:@/%?#[]\\^`{}|\" <>é\tx";
  const hosts = ['a.example', 'T.co', 'x-y.org', 'a.b.c.de', 'xn--p1ai.example', '1.2.3.4', 'a.b:8080', 'localhost'];
  return Array.from({ length: count }, (_, i) => {
    let path = '';
    for (let j = Math.floor(random() * 14); j > 0; j--) path += alphabet[Math.floor(random() * alphabet.length)];
    return `http${i % 2 ? 's' : ''}://${hosts[i % hosts.length]}/${path}`;
  });
}

describe('linkKey', () => {
  it('is normaliseUrl, whether the link takes the shortcut or not', () => {
    for (const url of [...TRICKY, ...randomLinks(20_000, 7)]) expect([url, linkKey(url)]).toEqual([url, normaliseUrl(url)]);
  });

  it('takes shortened and plain links as they are', () => {
    expect(linkKey('https://t.co/D7BMFbXpYr')).toBe('https://t.co/D7BMFbXpYr');
    expect(linkKey('HTTPS://Paste.Example/raw/nb2024#top')).toBe('https://paste.example/raw/nb2024');
  });
});

describe('isWebLink', () => {
  /** The definition: an absolute http(s) URL whose parsed host is dotted, or localhost. */
  const reference = (value: string) => {
    if (!/^https?:\/\//i.test(value)) return false;
    try {
      const host = new URL(value).hostname;
      return host.includes('.') || host === 'localhost';
    } catch {
      return false;
    }
  };

  it('agrees with parsing the URL', () => {
    for (const url of [...TRICKY, ...randomLinks(20_000, 11), 'https://t', 'https://a.b:x/', 'https://a.b\u0000/']) expect([url, isWebLink(url)]).toEqual([url, reference(url)]);
  });
});

describe('parseIsoTime on times already in its output form', () => {
  it('returns them unchanged when real and in range, and as the full parse does otherwise', () => {
    const random = seededRandom(3);
    const times = ['2016-02-29T23:59:59.999Z', '2017-02-29T00:00:00.000Z', '1989-12-31T23:59:59.999Z', '1990-01-01T00:00:00.000Z', '2099-12-31T23:59:59.999Z', '2100-01-01T00:00:00.000Z', '2016-12-31T23:59:60.000Z', '2016-10-01T24:00:00.000Z'];
    for (let i = 0; i < 5000; i++) times.push(new Date(Math.floor(random() * 5e12)).toISOString());
    for (const time of times) {
      const parsed = parseIsoTime(time, 'created_at');
      // the same time, with a space before the zone, takes the full parse
      const full = parseIsoTime(time.replace('Z', ' Z'), 'created_at');
      expect({ time, createdAt: parsed.createdAt }).toEqual({ time, createdAt: full.createdAt });
      if (parsed.createdAt !== null) expect(parsed.createdAt).toBe(time.endsWith(':60.000Z') ? parsed.createdAt : time);
    }
    expect(parseIsoTime('2016-12-31T23:59:60.000Z', 'created_at').createdAt).toBe('2016-12-31T23:59:59.000Z');
  });
});

describe('isPostShaped', () => {
  it('accepts only posts that PostSchema accepts unchanged', () => {
    const base = { ...emptyPost('twitter', '1', 'someone'), text: 'hi', url: 'https://twitter.com/someone/status/1', createdAt: '2016-10-01T00:00:00.000Z', urls: ['https://t.co/a'] };
    const variants: Record<string, unknown>[] = [
      base,
      { ...base, accountName: null, lang: 'en', channel: undefined, metrics: { like_count: 3 } },
      { ...base, platform: '' },
      { ...base, postId: 7 },
      { ...base, account: null },
      { ...base, text: null },
      { ...base, createdAt: undefined },
      { ...base, urls: ['a', 3] },
      // a hole in the links
      { ...base, urls: ['a', , 'b'] },
      { ...base, urls: 'https://t.co/a' },
      { ...base, repostOf: undefined },
      { ...base, lang: 3 },
      { ...base, metrics: { likes: Infinity } },
      { ...base, metrics: { likes: Number.NaN } },
      { ...base, metrics: { likes: '3' } },
      { ...base, metrics: [1, 2] },
      { ...base, metrics: null },
      { ...base, extra: 'field' },
    ];
    const accepted = variants.map((v) => {
      const shaped = isPostShaped(v as Post);
      const zod = PostSchema.safeParse(v);
      if (shaped) expect(zod.success && zod.data).toEqual(v);
      return shaped;
    });
    expect(accepted).toEqual([true, true, ...Array.from({ length: variants.length - 2 }, () => false)]);
  });
});

describe('readLines over runs of whole lines decoded at once', () => {
  /** The definition: split at LF, each line decoded on its own. */
  function reference(bytes: Buffer, cap: number): Line[] {
    const out: Line[] = [];
    for (let start = 0, line = 1; start < bytes.length; line++) {
      const nl = bytes.indexOf(10, start);
      let b = bytes.subarray(start, nl === -1 ? bytes.length : nl);
      if (b.length > cap) out.push({ line, tooLong: b.length });
      else {
        if (line === 1 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
        if (b[b.length - 1] === 0x0d) b = b.subarray(0, -1);
        out.push({ line, text: decodeUtf8(b) });
      }
      if (nl === -1) break;
      start = nl + 1;
    }
    return out;
  }

  it('gives the lines of reading one line at a time, bad bytes, CRs, a BOM and long lines included', async () => {
    const random = seededRandom(5);
    const pieces = ['a', 'word ', '{"x":1}', '\n', '\r\n', '\n\n', 'é', '😀', '\r'];
    for (let round = 0; round < 12; round++) {
      const parts: Buffer[] = round % 3 === 0 ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
      for (let size = 0; size < 150_000; ) {
        const r = random();
        const part = r < 0.002 ? Buffer.from([0xff]) : r < 0.004 ? Buffer.from('😀').subarray(0, 2) : r < 0.005 ? Buffer.alloc(70_000, 0x61) : Buffer.from(pieces[Math.floor(random() * pieces.length)]!);
        parts.push(part);
        size += part.length;
      }
      const bytes = Buffer.concat(parts);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = random() < 0.5 ? Math.floor(random() * 100) + 1 : Math.floor(random() * 200_000) + 1;
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      for (const cap of [100, 65_536, 16 << 20]) {
        const lines: Line[] = [];
        for await (const l of readLines(Readable.from(chunks), { maxLineBytes: cap })) lines.push(l);
        expect(lines).toEqual(reference(bytes, cap));
      }
    }
  });
});
