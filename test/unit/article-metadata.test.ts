import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/domain/article/index.ts';
import { dateFromUrl, parseDate } from '../../src/domain/article/parse-date.ts';
import { stripSiteName } from '../../src/domain/article/title.ts';

const prose = '<p>The leaked memo was first posted on a paste site, then quoted by three newspapers within a day, which is how it reached us.</p>';
const page = (head: string, body = prose) => `<html><head>${head}</head><body>${body}</body></html>`;

describe('parseDate', () => {
  it('reads the formats pages write, as UTC', () => {
    expect(parseDate('2015-07-10T09:53:00-04:00')).toBe('2015-07-10T13:53:00.000Z');
    expect(parseDate('2017-11-03 03:01:00.000000')).toBe('2017-11-03T03:01:00.000Z');
    expect(parseDate('2018-04-05T06:00')).toBe('2018-04-05T06:00:00.000Z');
    expect(parseDate('2024-06-25')).toBe('2024-06-25T00:00:00.000Z');
    expect(parseDate('20170505')).toBe('2017-05-05T00:00:00.000Z');
    expect(parseDate('Tue, 05 May 2017 18:35:00 GMT')).toBe('2017-05-05T18:35:00.000Z');
    expect(parseDate('May 5, 2017')).toBe('2017-05-05T00:00:00.000Z');
    expect(parseDate(1494009300)).toBe('2017-05-05T18:35:00.000Z');
  });

  it('says null to what is not a date, and never throws', () => {
    for (const value of ['', 'yesterday', '2017-13-45', '0000-00-00', '9999-01-01', null, undefined, {}, [], NaN, 'x'.repeat(10_000)]) {
      expect(parseDate(value)).toBeNull();
    }
  });
});

describe('dateFromUrl', () => {
  it('reads /2017/05/05/, /2017-05-05- and /20170505/ paths', () => {
    expect(dateFromUrl('https://news.example/world/2017/05/05/leak.html')).toBe('2017-05-05T00:00:00.000Z');
    expect(dateFromUrl('https://news.example/2017-05-05-leak')).toBe('2017-05-05T00:00:00.000Z');
    expect(dateFromUrl('https://news.example/archive/20170505/leak')).toBe('2017-05-05T00:00:00.000Z');
    expect(dateFromUrl('https://news.example/world/2019/nov/18/leak')).toBe('2019-11-18T00:00:00.000Z');
  });

  it('ignores numbers that are not dates', () => {
    expect(dateFromUrl('https://news.example/2017/02/31/x')).toBeNull();
    expect(dateFromUrl('https://news.example/story/471033-leak')).toBeNull();
    expect(dateFromUrl('not a url')).toBeNull();
  });
});

describe('article dates', () => {
  it('finds the published and modified times in a JSON-LD @graph', () => {
    const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'The Paper' }, { '@type': ['NewsArticle'], datePublished: '2024-10-21T08:00:00+02:00', dateModified: '2024-10-22T09:30:00Z' }] };
    const article = extractArticle(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    expect(article.publishedAt).toBe('2024-10-21T06:00:00.000Z');
    expect(article.modifiedAt).toBe('2024-10-22T09:30:00.000Z');
  });

  it('reads a top-level JSON-LD array', () => {
    const ld = [{ '@type': 'BreadcrumbList' }, { '@type': 'BlogPosting', datePublished: '2019-01-02' }];
    expect(extractArticle(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)).publishedAt).toBe('2019-01-02T00:00:00.000Z');
  });

  it('falls back to <time datetime>, then to the URL', () => {
    const withTime = page('', `<article><time class="published" datetime="2020-09-21T10:00:00+00:00">21 Sept</time>${prose}</article>`);
    expect(extractArticle(withTime).publishedAt).toBe('2020-09-21T10:00:00.000Z');
    expect(extractArticle(page(''), { url: 'https://news.example/2017/05/05/leak' }).publishedAt).toBe('2017-05-05T00:00:00.000Z');
    expect(extractArticle(page('')).publishedAt).toBeNull();
  });
});

describe('article metadata', () => {
  it('takes the title from metadata and drops the site name around it', () => {
    const head = '<title>Memo leak traced to a contractor | The Paper</title><meta property="og:site_name" content="The Paper">';
    expect(extractArticle(page(head)).title).toBe('Memo leak traced to a contractor');
    expect(stripSiteName('The Paper — Memo leak traced to a contractor', 'The Paper', null)).toBe('Memo leak traced to a contractor');
    expect(stripSiteName('Memo leak: what we know', 'The Paper', null)).toBe('Memo leak: what we know');
  });

  it('reads bylines from JSON-LD, meta tags and the markup, without a leading "By"', () => {
    const ld = { '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Roe' }] };
    expect(extractArticle(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)).byline).toBe('Jane Doe, John Roe');
    expect(extractArticle(page('<meta name="author" content="By Ana Lima">')).byline).toBe('Ana Lima');
    expect(extractArticle(page('', `<div class="byline">By <a rel="author" href="/people/ana-lima">Ana Lima</a></div>${prose}`)).byline).toBe('Ana Lima');
    // an article:author that is a profile URL is not a name
    expect(extractArticle(page('<meta property="article:author" content="https://facebook.com/ana">')).byline).toBeNull();
  });

  it('reads the canonical URL, language and site name', () => {
    const head = '<link rel="canonical" href="/2024/10/21/memo"><meta property="og:locale" content="pt_BR"><meta property="og:site_name" content="Folha">';
    const article = extractArticle(page(head), { url: 'https://news.example/amp/memo' });
    expect(article.canonicalUrl).toBe('https://news.example/2024/10/21/memo');
    expect(article.lang).toBe('pt-BR');
    expect(article.siteName).toBe('Folha');
    expect(extractArticle('<html lang="en-GB"><body>x</body></html>').lang).toBe('en-GB');
  });

  it('resolves links against <base href>, skips javascript:, mailto: and in-page anchors', () => {
    const body = `<article>${prose}<p>The files were mirrored on <a href="files/dump.zip">a file host</a>, discussed <a href="mailto:tips@news.example">by e-mail</a>,
      <a href="javascript:void(0)">shared</a>, indexed <a href="#notes">below</a> and at <a href="https://drop.example/x?id=1">the drop site</a>. It spread quickly.</p></article>`;
    const article = extractArticle(page('<base href="https://cdn.example/mirror/">', body), { url: 'https://news.example/story' });
    expect(article.links).toEqual([
      { url: 'https://cdn.example/mirror/files/dump.zip', text: 'a file host' },
      { url: 'https://drop.example/x?id=1', text: 'the drop site' },
    ]);
  });
});
