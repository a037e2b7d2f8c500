import { articleByline } from './byline.ts';
import { articleDates } from './article-dates.ts';
import { articleObjects, readJsonLd } from './json-ld.ts';
import { resolveLinks } from './links.ts';
import { extractMainText } from './main-text.ts';
import { readMetaTags } from './meta-tags.ts';
import { baseUrl, canonicalUrl, pageLanguage, siteName } from './metadata.ts';
import { parsePage } from './parse-page.ts';
import { articleTitle } from './title.ts';
import type { Article, ExtractOptions } from './types.ts';

const EMPTY: Article = {
  title: null, byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, siteName: null, text: '', links: [],
};

/**
 * The article in a web page: its main text without navigation and page
 * furniture, the links in that text, and what the page says about itself
 * (title, byline, dates, canonical URL, language, site name) from meta tags,
 * JSON-LD, `<time>` elements and the URL. Never throws: a page it cannot
 * read gives an empty article.
 *
 * @example
 * const article = extractArticle(html, { url: 'https://news.example/2024/10/21/leak' });
 * article.title; // 'Campaign files leaked'
 * article.publishedAt; // '2024-10-21T08:00:00.000Z'
 */
export function extractArticle(html: string, options: ExtractOptions = {}): Article {
  try {
    const pageUrl = options.url ?? null;
    const root = parsePage(typeof html === 'string' ? html : '');
    const meta = readMetaTags(root);
    const articles = articleObjects(readJsonLd(root));
    const site = siteName(meta, articles);
    const canonical = canonicalUrl(root, meta, pageUrl);
    const title = articleTitle(root, meta, articles, site);
    const byline = articleByline(root, meta, articles);
    const main = extractMainText(root, title, byline);
    const dates = articleDates(root, meta, articles, [pageUrl, canonical]);
    return {
      title,
      byline,
      publishedAt: dates.publishedAt,
      modifiedAt: dates.modifiedAt,
      canonicalUrl: canonical,
      lang: pageLanguage(root, meta, articles),
      siteName: site,
      text: main.blocks.map((b) => b.text).join('\n\n'),
      links: resolveLinks(main.links, baseUrl(root, pageUrl, canonical)),
    };
  } catch {
    // a defect on some hostile page must not take a crawl down with it
    return { ...EMPTY, links: [] };
  }
}
