import { Readable } from 'node:stream';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/domain/article/index.ts';
import { docxExtractor } from '../../src/domain/extract/docx.ts';
import { htmlExtractor } from '../../src/domain/extract/html.ts';
import { mailExtractor } from '../../src/domain/extract/mail.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { extractWatchLinks, parseFeed, parseTelegramPreview } from '../../src/domain/feeds/index.ts';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';
import { makeDocx, utf8 } from '../helpers/make-archives.ts';

/*
 * Markup nested 50,000 deep, closed and unclosed, in every reader of HTML or
 * XML: a recursive walk overflows the stack (and a document that throws loses
 * its text), and node-html-parser's repair of unclosed elements is quadratic
 * (about 5 minutes for 100,000 unclosed <div>s: a stalled worker). Each reader
 * must answer, with the text after the nesting, in seconds. Ordinary broken
 * markup is still repaired as before.
 */

const DEPTH = 50_000;
/** Generous for a loaded machine: the quadratic repair takes over a minute at this depth. */
const BUDGET_MS = 15_000;
const context = { depth: 0, maxFileBytes: 64 * 1024 * 1024 };

const nestings = {
  'unclosed <div>': (inner: string) => `${'<div>'.repeat(DEPTH)}${inner}`,
  'closed <div>': (inner: string) => `${'<div>'.repeat(DEPTH)}${inner}${'</div>'.repeat(DEPTH)}`,
  'unclosed <b> in <title>': (inner: string) => `<title>${'<b>'.repeat(DEPTH)}t</title>${inner}`,
  'closed <b> in <title>': (inner: string) => `<title>${'<b>'.repeat(DEPTH)}t${'</b>'.repeat(DEPTH)}</title>${inner}`,
};
const cases = Object.entries(nestings);

async function timed<T>(work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  return result;
}

describe('markup nested 50,000 deep', () => {
  it.each(cases)('an .html file in a dump (%s) keeps its text', async (_, nest) => {
    const out = await timed(() => htmlExtractor.extract(memoryBlob('deep.html', utf8(`<html><body>${nest('<p>after the nesting</p>')}</body></html>`)), context));
    expect(out.text).toContain('after the nesting');
  });

  it.each(cases)('an HTML-only mail (%s) keeps its text', async (_, nest) => {
    const mail = `From: a@example.org\r\nTo: b@example.org\r\nSubject: deep\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>${nest('<p>after the nesting</p>')}</body></html>\r\n`;
    const out = await timed(() => mailExtractor.extract(memoryBlob('deep.eml', utf8(mail)), context));
    expect(out.text).toContain('after the nesting');
  });

  it.each([
    ['unclosed', `${'<dc:title>'.repeat(DEPTH)}deep`],
    ['closed', `${'<x>'.repeat(DEPTH)}deep${'</x>'.repeat(DEPTH)}`],
  ])('a .docx whose properties part is nested (%s) keeps its body and its other properties', async (_, nested) => {
    const files = unzipSync(makeDocx(['The body text of the memo.'], { creator: 'M. Keller' }));
    files['docProps/core.xml'] = strToU8(`<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>M. Keller</dc:creator>${nested}</cp:coreProperties>`);
    const out = await timed(() => docxExtractor.extract(memoryBlob('deep.docx', zipSync(files)), context));
    expect(out.text).toBe('The body text of the memo.');
    expect(out.metadata).toMatchObject({ author: 'M. Keller', creator: 'Microsoft Office Word' });
  });

  it.each(cases)('a feed item (%s) keeps its link', async (_, nest) => {
    const body = `<rss version="2.0"><channel><item><link>https://news.example/1</link><description><![CDATA[${nest('<a href="https://paste.example/raw/x">x</a>')}]]></description></item></channel></rss>`;
    const feed = await timed(() => parseFeed(body, 'https://news.example/feed.xml'));
    expect(feed.items[0]?.links).toContain('https://paste.example/raw/x');
  });

  it.each(cases)('a watched page (%s) keeps its link', async (_, nest) => {
    const links = await timed(() => extractWatchLinks(`<html><body>${nest('<a href="https://paste.example/raw/x">a new leak</a>')}</body></html>`, 'https://forum.example/'));
    expect(links.map((l) => l.url)).toContain('https://paste.example/raw/x');
  });

  it.each(cases)('a Telegram preview (%s) keeps its post', async (_, nest) => {
    const page = `<div class="tgme_widget_message" data-post="leakwatch/1"><div class="tgme_widget_message_text">${nest('after the nesting')}</div></div>`;
    const preview = await timed(() => parseTelegramPreview(page, 'https://t.me/s/leakwatch'));
    expect(preview.posts[0]?.text).toContain('after the nesting');
  });

  it.each(cases)('a Mastodon status (%s) is read as a post with its link', async (_, nest) => {
    const status = { id: '1', created_at: '2024-10-20T18:41:09.000Z', content: nest('<a href="https://paste.example/raw/x">after the nesting</a>'), url: 'https://m.example/@a/1', uri: 'https://m.example/users/a/statuses/1', account: { id: '1', username: 'a', acct: 'a', url: 'https://m.example/@a' }, reblog: null };
    const items = await timed(async () => {
      const out: ImportItem[] = [];
      for await (const item of importPosts(Readable.from([Buffer.from(JSON.stringify([status]))]), 'mastodon')) out.push(item);
      return out;
    });
    expect(items).toEqual([expect.objectContaining({ post: expect.objectContaining({ postId: '1', text: expect.stringContaining('after the nesting'), urls: ['https://paste.example/raw/x'] }) })]);
  });

  it.each(cases)('a crawled article (%s) answers in seconds', async (name, nest) => {
    const article = await timed(() => extractArticle(`<html><body>${nest('<p>The text after the nesting is what the reader came for, and it is long enough to count.</p>')}</body></html>`));
    // 50,000 elements left open inside <title> keep the rest of the page there, where the article reader does not look
    if (name !== 'unclosed <b> in <title>') expect(article.text).toContain('after the nesting');
  });
});

describe('ordinary broken markup is still repaired', () => {
  // a tag left open in the head would otherwise keep the whole page inside it, unread
  const page = (filler: string) => `<html><head><title>Leak <b>news</title></head><body>${filler}<p>The body of the page, long enough to be read as the article text by every reader.</p><a href="https://paste.example/raw/x">the files</a></body></html>`;
  it.each([
    ['a small page', ''],
    ['a page of over 1,000 tags', '<span>x</span>'.repeat(1500)],
  ])('%s with an unclosed <b> in its <title> keeps its body', async (_, filler) => {
    const html = page(filler);
    expect((await htmlExtractor.extract(memoryBlob('page.html', utf8(html)), context)).text).toContain('The body of the page');
    expect(extractArticle(html).text).toContain('The body of the page');
    expect(extractWatchLinks(html, 'https://forum.example/').map((l) => l.url)).toContain('https://paste.example/raw/x');
  });
});
