import { describe, expect, it } from 'vitest';
import { htmlExtractor } from '../../src/domain/extract/html.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Statement draft — press office</title>
  <meta name="author" content="Press office">
  <meta name="generator" content="WordPress 4.7.3">
  <meta property="article:published_time" content="2017-05-04T09:00:00+02:00">
  <style>body { font-family: serif }</style>
  <script>window.dataLayer = [{ page: 'statement' }];</script>
</head>
<body>
  <nav>Intranet · Press · Drafts</nav>
  <article>
    <h1>Statement on campaign finance</h1>
    <p>All donations to the Northbridge campaign were declared in full and on time.</p>
    <p hidden>Do not publish: the Castellan payments are still unexplained.</p>
    <p>The campaign welcomes the audit and will publish its accounts in <em>September</em>.</p>
  </article>
  <script>trackPageView();</script>
</body>
</html>`;

describe('htmlExtractor', () => {
  it('extracts the visible text of a page, without scripts, styles or hidden parts', async () => {
    const out = await htmlExtractor.extract(memoryBlob('press/statement-draft.html', utf8(PAGE)), context);
    expect(out.text).toBe(
      'Intranet · Press · Drafts\n\nStatement on campaign finance\n\n' +
        'All donations to the Northbridge campaign were declared in full and on time.\n\n' +
        'The campaign welcomes the audit and will publish its accounts in September.',
    );
  });

  it('records the title, language and meta tags', async () => {
    const out = await htmlExtractor.extract(memoryBlob('statement.html', utf8(PAGE)), context);
    expect(out.metadata).toEqual({
      charset: 'utf-8',
      title: 'Statement draft — press office',
      lang: 'en',
      author: 'Press office',
      generator: 'WordPress 4.7.3',
      created: '2017-05-04T09:00:00+02:00',
    });
  });

  it('decodes a page in the charset its meta tag declares', async () => {
    const head = utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>');
    const title = new Uint8Array([0xcf, 0xf0, 0xe8, 0xea, 0xe0, 0xe7]); // "Приказ"
    const tail = utf8('</title></head><body><p>No 17</p></body></html>');
    const out = await htmlExtractor.extract(memoryBlob('order.htm', new Uint8Array([...head, ...title, ...tail])), context);
    expect(out.metadata).toMatchObject({ charset: 'windows-1251', title: 'Приказ' });
    expect(out.text).toBe('No 17');
  });

  it('reads a page nested 100,000 elements deep without throwing', async () => {
    // no title to stop at, so looking for one searches the whole depth
    const depth = 100_000;
    const page = `<html lang="en"><body>${'<div>'.repeat(depth)}the end${'</div>'.repeat(depth)}</body></html>`;
    const out = await htmlExtractor.extract(memoryBlob('deep.html', utf8(page)), context);
    expect(out).toEqual({ text: 'the end', metadata: { charset: 'utf-8', lang: 'en' } });
  });

  it('fits pages by name and by content', () => {
    expect(htmlExtractor.fit(memoryBlob('statement.html', utf8(PAGE)))).toBe(3);
    expect(htmlExtractor.fit(memoryBlob('index', utf8('<!-- saved page -->\n<HTML><body>x</body></HTML>')))).toBe(2);
    expect(htmlExtractor.fit(memoryBlob('page.htm', utf8('just text')))).toBe(1);
    expect(htmlExtractor.fit(memoryBlob('notes.txt', utf8('Use <b> for bold.')))).toBe(0);
  });
});
