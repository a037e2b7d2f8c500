import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/domain/article/index.ts';

const page = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}.html`, import.meta.url), 'utf8');

describe('extractArticle on real pages', () => {
  it('reads a blog post: its text without the site navigation or footer, and its metadata', () => {
    const article = extractArticle(page('aclu'));
    expect(article.text).toContain("I don't use Facebook. I'm not technophobic — I'm a geek.");
    expect(article.text).toContain('There are at least two major categories of information available to Facebook about non-participants like me');
    expect(article.text).toContain("we can't afford to lose sight of these larger mechanisms at play");
    for (const furniture of ['Jump to navigation', 'Renew Your Membership', 'Privacy statement', 'BBB Accredited Charity', 'Staying Safe When You Say #MeToo']) {
      expect(article.text).not.toContain(furniture);
    }
    expect(article).toMatchObject({
      title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook',
      byline: 'Daniel Kahn Gillmor',
      // the page writes 2018-04-05T06:00 with no zone: read as UTC, never as the machine's local time
      publishedAt: '2018-04-05T06:00:00.000Z',
      canonicalUrl: 'https://www.aclu.org/blog/privacy-technology/internet-privacy/facebook-tracking-me-even-though-im-not-facebook',
      lang: 'en',
      siteName: 'American Civil Liberties Union',
    });
    expect(article.text.split('\n\n').length).toBeGreaterThan(10);
  });

  it('keeps the links of the article text with their anchor text', () => {
    const { links } = extractArticle(page('aclu'));
    expect(links).toContainEqual({ url: 'https://en.wikipedia.org/wiki/Web_bug', text: 'web bug' });
    for (const link of links) expect(link.url).toMatch(/^https?:\/\//);
    // the site's own menus are not part of the article
    expect(links.some((l) => /Renew Your Membership/.test(l.text))).toBe(false);
  });

  it('reads JSON-LD wrapped in CDATA and converts a +01:00 time to UTC', () => {
    const article = extractArticle(page('aktualne'));
    expect(article).toMatchObject({
      title: 'West Ham hrozí gigantům, okouzlil i Linekera. Součka je snadné přehlédnout',
      byline: 'Aleš Vávra',
      publishedAt: '2021-11-01T09:52:50.000Z',
      lang: 'cs',
      siteName: 'Aktuálně.cz',
    });
    expect(article.text).toMatch(/^Zázrak jedné sezony\? West Ham dává pochybovačům/);
    expect(article.text).toContain('Tohle musí být náš standard.');
    expect(article.text).not.toContain('Nejnovější zprávy do e-mailu');
    expect(article.text).not.toContain('Všeobecné podmínky');
  });

  it('finds a byline written only in the markup and a date only in the canonical URL', () => {
    const article = extractArticle(page('wapo-1'));
    expect(article.byline).toBe('Erin Cunningham');
    expect(article.title).toBe('Attack stokes instability fears in North Africa');
    expect(article.publishedAt).toBe('2015-03-18T00:00:00.000Z');
    expect(article.text).toContain('CAIRO — Gunmen opened fire on visitors at Tunisia’s most renowned museum on Wednesday');
    expect(article.text).toContain('The last major attack on a civilian target in Tunisia was in 2002');
    // the author's biography after the story is furniture
    expect(article.text).not.toContain('is an Egypt-based correspondent for The Post');
  });

  it('reads a Wikipedia article: the name over a descriptive headline, links resolved against the canonical URL', () => {
    const article = extractArticle(page('wikipedia-3'));
    expect(article).toMatchObject({
      title: 'Hermitian matrix',
      publishedAt: '2003-02-28T21:51:08.000Z',
      modifiedAt: '2020-02-24T20:33:46.000Z',
      canonicalUrl: 'https://en.wikipedia.org/wiki/Hermitian_matrix',
      lang: 'en',
      siteName: 'Wikimedia Foundation, Inc.',
    });
    expect(article.text).toMatch(/^In mathematics, a Hermitian matrix \(or self-adjoint matrix\) is a complex square matrix/);
    for (const furniture of ['Jump to navigation', 'This page was last edited', 'Cookie statement', 'Printable version']) {
      expect(article.text).not.toContain(furniture);
    }
    expect(article.links).toContainEqual({ url: 'https://en.wikipedia.org/wiki/Square_matrix', text: 'square matrix' });
  });

  it('resolves relative links against the page URL when it is given', () => {
    const { links } = extractArticle(page('wikipedia-3'), { url: 'https://mirror.example/wiki/Hermitian_matrix' });
    expect(links).toContainEqual({ url: 'https://mirror.example/wiki/Square_matrix', text: 'square matrix' });
  });
});
