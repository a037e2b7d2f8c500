import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, dumpLimits } from '../../src/config.ts';
import { extractArticle } from '../../src/domain/article/index.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { documentExtractors } from '../../src/domain/extract/index.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { pickExtractor } from '../../src/domain/extract/registry.ts';
import type { Blob, Extracted, Extractor } from '../../src/domain/extract/types.ts';
import { extractWatchLinks, parseFeed, parseFeedDate, parseTelegramPreview } from '../../src/domain/feeds/index.ts';
import { DumpBudget } from '../../src/ingest/budget.ts';
import { createExtractors } from '../../src/ingest/extractors.ts';
import { importPosts, postFormats, type PostFormat } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';
import { makeDocx, makeTar, makeZip, utf8 } from '../helpers/make-archives.ts';
import { makePdf } from '../helpers/make-pdf.ts';

/*
 * Property: whatever bytes an extractor, page reader, feed parser or post
 * importer is given, it answers (a result, or a DomainError with a code) and
 * never throws anything else, never leaves a rejection unhandled and never
 * hangs. Inputs are random bytes and random mutations of valid samples, so
 * the parsers get past their magic numbers into the damaged structure.
 * Run counts are bounded so the file finishes in well under a minute.
 */

/** A new seed each run, so runs explore new inputs; fast-check prints it on failure, and LEAKLINE_FUZZ_SEED replays it. */
const SEED = Number(process.env.LEAKLINE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const HANG_MS = 10_000;
const MEMO = 'The minister wrote to the treasury on Friday asking for the transfer of forty million euros to the campaign account.';

// ---- valid samples of every format, to be mutated ----

const MAIL = [
  'From: "Keller, M." <m.keller@northbridge.example>',
  'To: treasurer@northbridge.example',
  'Subject: =?UTF-8?B?VHJhbnNmZXIgbWVtbyDigJMgdXJnZW50?=',
  'Date: Fri, 18 Oct 2024 09:15:00 +0200',
  'Message-ID: <abc123@northbridge.example>',
  'X-Mailer: Microsoft Outlook 16.0',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="XYZ"',
  '',
  '--XYZ',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  `${MEMO} Caf=C3=A9 =E2=80=93 see attached.`,
  '--XYZ',
  'Content-Type: text/html; name="note.html"',
  'Content-Disposition: attachment; filename="note.html"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from(`<html><body><p>${MEMO}</p></body></html>`).toString('base64'),
  '--XYZ--',
  '',
].join('\r\n');

const SAMPLES: Record<string, Uint8Array> = {
  'memo.pdf': makePdf([MEMO, 'Second page of the payments'], { Author: 'M. Keller', Creator: 'Word', CreationDate: "D:20241018091500+02'00'" }),
  'memo.docx': makeDocx([MEMO, 'Second paragraph'], { creator: 'M. Keller', created: '2024-10-18T09:15:00Z', title: 'Memo' }),
  'memo.eml': utf8(MAIL),
  'box.mbox': utf8(`From m.keller@northbridge.example Fri Oct 18 09:15:00 2024\n${MAIL.replace(/\r\n/g, '\n')}\nFrom x@y Sat Oct 19 10:00:00 2024\nFrom: a@b\nTo: c@d\nSubject: second\nDate: Sat, 19 Oct 2024 10:00:00 +0000\n\n>From the desk of the treasurer\n`),
  'page.html': utf8(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Memo</title><meta name="author" content="M. Keller"></head><body><article><p>${MEMO}</p><a href="https://paste.example/raw/nb">x</a></article></body></html>`),
  'donors.csv': utf8(`name,amount,"note"\n"Keller, M.",4000,"split ""four"" ways\nsecond line"\nDoe,12,${MEMO}\n`),
  'records.json': utf8(JSON.stringify({ memo: MEMO, nested: [{ a: 'one' }, { b: ['two', 3, true, null] }] })),
  'posts.jsonl': utf8(`{"id":1,"text":"${MEMO}"}\n{"id":2,"text":"second"}\nnot json\n`),
  'notes.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MEMO, 'utf16le')]),
  'legacy.txt': Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from(MEMO), Buffer.from([0x94])]),
  'dump.zip': makeZip({ 'memo.txt': MEMO, 'payments.pdf': makePdf([MEMO]), '../../evil.txt': 'slip' }),
  'dump.tar': makeTar([{ name: 'memo.txt', content: MEMO }, { name: 'link', type: 'symlink', linkname: '/etc/passwd' }]),
  'dump.tar.gz': makeTar([{ name: 'memo.txt', content: MEMO }], true),
  'memo.txt.gz': new Uint8Array(gzipSync(MEMO)),
};

/** Names with every extension an extractor claims, and none (the Enron mail files are called `1.`). */
const NAMES = [
  'a.txt', 'a.md', 'a.log', 'a.xml', 'a.html', 'a.htm', 'a.xhtml', 'a.pdf', 'a.docx', 'a.docm', 'a.dotx', 'a.eml', 'a.mbox', 'a.mbx',
  'a.csv', 'a.tsv', 'a.tab', 'a.json', 'a.jsonl', 'a.ndjson', 'a.geojson', 'a.zip', 'a.tar', 'a.tgz', 'a.tar.gz', 'a.gz', '1.', 'noext', 'a.bin',
];

type Mutation = { op: 'flip' | 'set' | 'insert' | 'delete' | 'cut' | 'repeat'; at: number; value: number; length: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('flip', 'set', 'insert', 'delete', 'cut', 'repeat'),
  // where in the file, as a fraction of its length: mostly anywhere, now and then at the very start or end
  at: fc.oneof({ arbitrary: fc.noBias(fc.double({ min: 0, max: 1, noNaN: true })), weight: 4 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }),
  value: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 64 }),
}) as fc.Arbitrary<Mutation>;

/** Applies byte-level damage: flipped bits, overwritten, inserted, deleted and repeated runs, cuts. */
function mutate(sample: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(sample);
  for (const m of mutations) {
    const at = Math.min(bytes.length, Math.floor(m.at * bytes.length));
    switch (m.op) {
      case 'flip':
        if (at < bytes.length) bytes[at] = bytes[at]! ^ (1 << (m.value % 8));
        break;
      case 'set':
        bytes.fill(m.value, at, Math.min(bytes.length, at + m.length));
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(m.length, m.value), bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      case 'cut':
        bytes = bytes.subarray(0, at);
        break;
      case 'repeat':
        bytes = Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length)]);
        break;
    }
  }
  return new Uint8Array(bytes);
}

const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.string({ maxLength: 600 }).map(utf8),
  fc.constantFrom(...Object.values(SAMPLES)).chain((sample) => fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => new Uint8Array(Buffer.concat([sample.subarray(0, 8), tail])))),
);
// now and then no mutation at all, so the runs also go all the way through the happy path
const mutatedSample = fc.tuple(fc.constantFrom(...Object.keys(SAMPLES)), fc.array(mutationArb, { maxLength: 6 })).map(([name, mutations]) => ({ name, bytes: mutate(SAMPLES[name]!, mutations) }));

/** Rejects when `work` does not settle in time: a hang is a failure like any other. */
async function withinTime<T>(label: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label} did not finish within ${HANG_MS} ms`)), HANG_MS)));
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = { ok: true; extracted: Extracted } | { ok: false; code: string; message: string };

/** Runs one extractor as the ingest does, and checks the one rule: a result, or a DomainError. */
async function settle(extractor: Extractor, blob: Blob): Promise<Outcome> {
  try {
    const extracted = await withinTime(`${extractor.format} on ${blob.name}`, extractor.extract(blob, { depth: 0, maxFileBytes: 8 * 1024 * 1024 }));
    expect(extracted.text === null || typeof extracted.text === 'string').toBe(true);
    expect(typeof extracted.metadata).toBe('object');
    return { ok: true, extracted };
  } catch (error) {
    if (!(error instanceof DomainError)) {
      throw new Error(`${extractor.format} threw ${(error as Error)?.name ?? typeof error} instead of a DomainError on ${blob.name} (${blob.size} bytes): ${String((error as Error)?.message ?? error).slice(0, 300)}`);
    }
    expect(error.code).toMatch(/^[a-z_]+$/);
    expect(error.message.length).toBeGreaterThan(0);
    return { ok: false, code: error.code, message: error.message };
  }
}

/** Document extractors, then their children (mail attachments, mbox messages) through the registry, two levels down. */
async function extractAll(extractor: Extractor, blob: Blob, depth = 0): Promise<Outcome> {
  const outcome = await settle(extractor, blob);
  if (!outcome.ok || depth >= 2) return outcome;
  for await (const child of outcome.extracted.children ?? []) {
    if (!('blob' in child)) continue;
    const next = pickExtractor(documentExtractors, child.blob);
    if (next) await extractAll(next, child.blob, depth + 1);
  }
  return outcome;
}

describe('fuzzing the document extractors', () => {
  it('every extractor, on random bytes under every name, answers or refuses with a DomainError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...documentExtractors), fc.constantFrom(...NAMES), randomBytes, async (extractor, name, bytes) => {
        await extractAll(extractor, memoryBlob(name, bytes));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('every extractor, on damaged valid samples (PDF, DOCX, mail, mbox, HTML, CSV, JSON, text, archives), answers or refuses with a DomainError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...documentExtractors), mutatedSample, fc.boolean(), async (extractor, { name, bytes }, keepName) => {
        await extractAll(extractor, memoryBlob(keepName ? name : `x.${extractor.format === 'email' ? 'eml' : extractor.format}`, bytes));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('the best-fitting extractor, as the ingest picks it, answers or refuses with a DomainError on damaged samples', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSample, async ({ name, bytes }) => {
        const blob = memoryBlob(name, bytes);
        const extractor = pickExtractor(documentExtractors, blob);
        if (extractor) await extractAll(extractor, blob);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it.each([
    ['memo.pdf', 'pdf'],
    ['memo.docx', 'docx'],
    ['memo.eml', 'email'],
    ['box.mbox', 'mbox'],
  ])('damaged copies of %s, given to their own extractor, are read or refused with a DomainError, many of them by the parser itself', async (name, format) => {
    const extractor = documentExtractors.find((e) => e.format === format)!;
    let pastMagic = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const outcome = await extractAll(extractor, memoryBlob(name, mutate(SAMPLES[name]!, mutations)));
        // "Not a PDF", "Not a .docx": stopped at the magic number, before the parser
        if (outcome.ok || !/^Not a /.test(outcome.message)) pastMagic++;
      }),
      { seed: SEED, numRuns: 250 },
    );
    // some must reach the parser: over 16 seeds, 50 to 66 of 250 did for the PDF, 7 to 20 for the .docx (most
    // damage to a zip breaks its central directory, refused before any XML is read), all for mail
    expect(pastMagic).toBeGreaterThanOrEqual(3);
  });
});

describe('what the fuzzing found', () => {
  it('reads a mail whose attachment lost a byte of its headers (a case the fuzzer found: mailparser gave a content type that is not a string)', async () => {
    const extractor = documentExtractors.find((e) => e.format === 'email')!;
    const damaged = mutate(SAMPLES['memo.eml']!, [{ op: 'cut', at: 0.6396103896103896, value: 0, length: 1 }]);
    const outcome = await extractAll(extractor, memoryBlob('memo.eml', damaged));
    expect(outcome.ok || /^[a-z]/i.test(outcome.message)).toBe(true);
  });

  it('refuses a PDF whose cross-reference table is damaged past its header with a DomainError (pdf.js threw its own error)', async () => {
    const damaged = mutate(SAMPLES['memo.pdf']!, [{ op: 'set', at: 0.04290718038528897, value: 0, length: 58 }]);
    const pdf = documentExtractors.find((e) => e.format === 'pdf')!;
    await expect(pdf.extract(memoryBlob('memo.pdf', damaged), { depth: 0, maxFileBytes: 1 << 20 })).rejects.toMatchObject({ name: 'DomainError', code: 'corrupt' });
  });
});

describe('fuzzing the archive extractors of the Node ingest', () => {
  // zip, tar and gzip read entries lazily: a failure while listing entries is recorded as
  // "reading stopped part-way" on the archive, so only opening them must refuse with a DomainError
  it('opens damaged archives or refuses with a DomainError, and lists entries without hanging', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSample, fc.constantFrom('dump.zip', 'dump.tar', 'dump.tar.gz', 'memo.txt.gz'), async ({ bytes }, name) => {
        const budget = new DumpBudget(dumpLimits(parseConfig({})));
        const archives = createExtractors(budget).filter((e) => e.container && e.format !== 'mbox');
        for (const extractor of archives) {
          const outcome = await settle(extractor, memoryBlob(name, bytes));
          if (!outcome.ok) continue;
          await withinTime(`${extractor.format} entries`, (async () => {
            try {
              for await (const child of outcome.extracted.children ?? []) expect(child.name.split('/')).not.toContain('..');
            } catch (error) {
              expect(error).toBeInstanceOf(Error);
            }
          })());
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

// ---- pages and feeds ----

const PAGE = await readFile(new URL('../fixtures/pages/aclu.html', import.meta.url), 'utf8');
const TELEGRAM = await readFile(new URL('../fixtures/telegram/channel.html', import.meta.url), 'utf8');
const FEEDS = [
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link><item><title>A</title><link>/a?utm_source=x</link><pubDate>Mon, 21 Oct 2024 09:15:00 EST</pubDate><description><![CDATA[<p>${MEMO} <a href="https://paste.example/raw/nb">x</a></p>]]></description></item></channel></rss>`,
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/"><title>T</title><entry><title>A</title><link href="a"/><updated>2024-10-21T09:15:00Z</updated><content type="html">&lt;p&gt;${MEMO}&lt;/p&gt;</content></entry></feed>`,
  `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://news.example/b"><title>B</title><link>https://news.example/b</link></item></rdf:RDF>`,
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', url: 'https://news.example/c', content_html: `<p>${MEMO}</p>`, date_published: '2024-10-21T09:15:00Z' }] }),
];

const textArb = (samples: readonly string[]) =>
  fc.oneof(
    fc.string({ maxLength: 500 }),
    fc.string({ maxLength: 300, unit: 'binary' }),
    fc.tuple(fc.constantFrom(...samples), fc.array(mutationArb, { minLength: 1, maxLength: 8 })).map(([sample, mutations]) => Buffer.from(mutate(utf8(sample), mutations)).toString('utf8')),
  );

describe('fuzzing pages and feeds', () => {
  it('extractArticle returns an article for any text, never throws', () => {
    fc.assert(
      fc.property(textArb([PAGE.slice(0, 20_000), PAGE.slice(-20_000), Buffer.from(SAMPLES['page.html']!).toString()]), fc.constantFrom(undefined, 'https://news.example/a', 'not a url'), (html, url) => {
        const article = extractArticle(html, url ? { url } : {});
        expect(typeof article.text).toBe('string');
        expect(Array.isArray(article.links)).toBe(true);
        for (const link of article.links) expect(link.url).toMatch(/^https?:\/\//);
        if (article.publishedAt !== null) expect(Number.isNaN(Date.parse(article.publishedAt))).toBe(false);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('parseFeed reads a feed or throws a bad_feed DomainError, nothing else', () => {
    fc.assert(
      fc.property(textArb(FEEDS), fc.constantFrom('https://news.example/feed.xml', 'not a url'), (body, base) => {
        try {
          const feed = parseFeed(body, base);
          for (const item of feed.items) expect(item.url).toMatch(/^https?:\/\//);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('bad_feed');
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('parseFeedDate gives an ISO date or null for any value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.constantFrom('Mon, 32 Oct 2024 25:61:00 XYZ', '0000-00-00T00:00:00Z', '99999-01-01', '-1', 'NaN', '1e400')), (value) => {
        const date = parseFeedDate(value);
        if (date !== null) expect(new Date(date).toISOString()).toBe(date);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('the Telegram preview and watched-page readers answer or throw a DomainError', () => {
    fc.assert(
      fc.property(textArb([TELEGRAM.slice(0, 30_000)]), fc.constantFrom('https://t.me/s/leakwatch', 'https://example.org/', 'not a url'), (html, pageUrl) => {
        try {
          const preview = parseTelegramPreview(html, pageUrl);
          expect(Array.isArray(preview.posts)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
        try {
          for (const link of extractWatchLinks(html, pageUrl)) expect(link.url).toMatch(/^https?:\/\//);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

// ---- post importers ----

const TWEET = { id: '1001', author_id: 'u1', created_at: '2024-10-21T08:00:00.000Z', text: MEMO, entities: { urls: [{ url: 'https://t.co/x', expanded_url: 'https://paste.example/raw/nb' }] } };
const POST_SAMPLES: Record<PostFormat, string> = {
  'twitter-v2': [JSON.stringify(TWEET), JSON.stringify({ data: [TWEET, { ...TWEET, id: '1002' }], includes: { users: [{ id: 'u1', username: 'leaker' }] } })].join('\n'),
  'ira-csv': [
    'author_id,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,retweet,account_type,account_category',
    `TEN_GOP,"BREAKING: ${MEMO} https://t.co/AbCdEf1234",United States,English,2016-07-22 20:26:00,2016-07-22 20:26:00,1200,98000,4500,,0,Right,RightTroll`,
    'Pamela_Moore13,"RT @wikileaks: archive ""quoted""\nsecond line",United States,English,13/45/2017 99:13,2017-05-05 21:13:00,3000,70000,9000,R,1,Right,RightTroll',
  ].join('\n'),
  telegram: JSON.stringify({ name: 'Leak Mirror', type: 'public_channel', id: 1409999999, messages: [{ id: 1, type: 'service', action: 'create_channel' }, { id: 2, type: 'message', date_unixtime: '1494018780', from_id: 'channel1409999999', text: ['The archive: ', { type: 'text_link', text: 'here', href: 'https://files.example/x' }] }] }),
  reddit: [JSON.stringify({ id: '56nq4x', author: 'leakfollower', created_utc: 1475868000, subreddit: 'WikiLeaks', title: 'Podesta emails', selftext: MEMO, url: 'https://wikileaks.org/podesta-emails/', permalink: '/r/WikiLeaks/comments/56nq4x/x/', is_self: false }), JSON.stringify({ id: 'd8kq1zz', author: 'skeptic', body: 'Mirror', created_utc: 'yesterday', link_id: 't3_56nq4x', parent_id: 't3_56nq4x', subreddit: 'WikiLeaks' })].join('\n'),
  bluesky: JSON.stringify({ did: 'did:plc:z72i7hdynmk6r22z27h6tvur', time_us: 1725911162329308, kind: 'commit', commit: { rev: '3l3', operation: 'create', collection: 'app.bsky.feed.post', rkey: '3l3qo2vuowo2b', record: { $type: 'app.bsky.feed.post', text: MEMO, createdAt: '2024-09-09T19:46:02.102Z', facets: [{ index: { byteStart: 0, byteEnd: 5 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://wikileaks.org/x' }] }] }, cid: 'b' } }),
  mastodon: JSON.stringify([{ id: '112233445566778899', created_at: '2024-10-20T18:41:09.000Z', content: `<p>${MEMO} <a href="https://paste.example/raw/nb2024">x</a></p>`, url: 'https://infosec.exchange/@leakwatch/1', uri: 'https://infosec.exchange/users/leakwatch/statuses/1', account: { id: '1', username: 'leakwatch', acct: 'leakwatch', display_name: 'Leak Watch', url: 'https://infosec.exchange/@leakwatch' }, reblog: null }]),
  jsonl: JSON.stringify({ platform: 'facebook', id: 10158, account: 'northbridge.watch', text: `Dump: https://paste.example/raw/nb2024. ${MEMO}`, created_at: '2024-10-20T20:35:00+02:00', repost_of: '10150' }),
};

/** Every item is exactly one of the three shapes; anything else (or a throw) fails the property. */
function expectItem(item: ImportItem): void {
  const keys = Object.keys(item).filter((k) => k !== 'line' && k !== 'warnings');
  expect(keys.length, JSON.stringify(item).slice(0, 300)).toBe(1);
  if ('post' in item) {
    expect(item.post.postId).not.toBe('');
    expect(typeof item.post.text).toBe('string');
    if (item.post.createdAt !== null) expect(new Date(item.post.createdAt).toISOString()).toBe(item.post.createdAt);
  } else if ('rejected' in item) {
    expect(item.rejected.reason.length).toBeGreaterThan(0);
  } else if ('skipped' in item) {
    expect(typeof item.skipped.kind).toBe('string');
  } else throw new Error(`not an import item: ${JSON.stringify(item).slice(0, 300)}`);
}

describe('fuzzing the post importers', () => {
  it('random bytes and damaged samples in every format give only post, rejected and skipped items', async () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 1500 }),
      fc.tuple(fc.constantFrom(...postFormats), fc.array(mutationArb, { minLength: 1, maxLength: 8 })).map(([format, mutations]) => mutate(utf8(POST_SAMPLES[format]), mutations)),
    );
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom(...postFormats), fc.integer({ min: 1, max: 200 }), async (bytes, format, split) => {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += split) chunks.push(Buffer.from(bytes.subarray(i, i + split)));
        const items: ImportItem[] = [];
        await withinTime(`import ${format}`, (async () => {
          for await (const item of importPosts(Readable.from(chunks), format, { maxRecordBytes: 4096 })) items.push(item);
        })());
        items.forEach(expectItem);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads every untouched sample as posts, so the damaged runs start from real input', async () => {
    for (const format of postFormats) {
      const items: ImportItem[] = [];
      for await (const item of importPosts(Readable.from([Buffer.from(POST_SAMPLES[format])]), format)) items.push(item);
      expect(items.some((i) => 'post' in i), format).toBe(true);
    }
  });
});

describe('the samples are valid before they are damaged', () => {
  it.each(Object.keys(SAMPLES))('%s is read by its extractor', async (name) => {
    const blob = memoryBlob(name, SAMPLES[name]!);
    const extractor = pickExtractor(createExtractors(new DumpBudget(dumpLimits(parseConfig({})))), blob);
    expect(extractor, name).not.toBeNull();
    const outcome = await settle(extractor!, blob);
    expect(outcome.ok, name).toBe(true);
  });
});
