import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/domain/article/index.ts';

const prose = '<p>The leaked memo was first posted on a paste site, then quoted by three newspapers within a day, which is how it reached us.</p>';
const DEPTH = 100_000;

describe('extractArticle on hostile input', () => {
  it('survives 100,000 nested elements, closed or not', () => {
    const closed = `<html><body>${'<div>'.repeat(DEPTH)}${prose}${'</div>'.repeat(DEPTH)}</body></html>`;
    const unclosed = `<html><body>${'<div>'.repeat(DEPTH)}${prose}</body></html>`;
    const inline = `<body>${'<span><b>'.repeat(DEPTH)}${prose}`;
    for (const html of [closed, unclosed, inline]) {
      expect(extractArticle(html).text).toContain('The leaked memo was first posted on a paste site');
    }
  });

  it('survives deeply nested JSON-LD', () => {
    const html = `<script type="application/ld+json">${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}</script>${prose}`;
    expect(extractArticle(html).text).toContain('paste site');
  });

  it('gives an empty article for empty and non-HTML input', () => {
    const empty = { title: null, byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, siteName: null, text: '', links: [] };
    expect(extractArticle('')).toEqual(empty);
    expect(extractArticle('   \n ')).toEqual(empty);
    expect(extractArticle(undefined as unknown as string)).toEqual(empty);
  });

  it('ignores malformed JSON-LD and uses the next source', () => {
    const html = `<html><head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken, "datePublished": </script>
      <script type="application/ld+json"><![CDATA[ not json at all ]]></script>
      <meta property="og:title" content="Memo leak traced to a contractor">
      <meta property="article:published_time" content="2024-10-21T08:00:00+02:00">
    </head><body>${prose}</body></html>`;
    const article = extractArticle(html);
    expect(article.title).toBe('Memo leak traced to a contractor');
    expect(article.publishedAt).toBe('2024-10-21T06:00:00.000Z');
  });

  it('reads JSON-LD whose strings hold raw line breaks', () => {
    const html = `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Line\none", "author": {"name": "Ana Lima"}}</script>${prose}`;
    expect(extractArticle(html)).toMatchObject({ title: 'Line one', byline: 'Ana Lima' });
  });

  it('keeps going through broken markup', () => {
    const html = `<body>${'<<<>>><p<p<p>'.repeat(1000)}<div class="x" id=>${prose}<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>`;
    const article = extractArticle(html);
    expect(article.text).toContain('paste site');
    expect(article.links).toEqual([]);
  });

  it('handles a multi-megabyte page', () => {
    const html = `<html><body><article>${prose.repeat(20_000)}</article></body></html>`;
    const started = performance.now();
    const article = extractArticle(html);
    expect(article.text.length).toBeGreaterThan(2_000_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('extractArticle on nesting aimed at its metadata readers', () => {
  it('stays linear when every level is a byline, a date or a link', () => {
    const pages = [
      `<body>${'<div class="author">'.repeat(DEPTH)}x${prose}`,
      `<body>${'<time itemprop="datePublished">'.repeat(DEPTH)}x${prose}`,
      `<body>${'<h1>'.repeat(DEPTH)}x${prose}`,
      `<body><article>${prose}${'<a href="/x">'.repeat(DEPTH)}deep`,
    ];
    for (const html of pages) expect(() => extractArticle(html)).not.toThrow();
  });
});
