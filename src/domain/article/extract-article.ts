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

/**
 * The article in a web page: its main text without navigation and page
 * furniture, the links in that text, and what the page says about itself
 * (title, byline, dates, canonical URL, language, site name) from meta tags,
 * JSON-LD, `<time>` elements and the URL. Never throws: what it cannot read
 * is null (or empty).
 *
 * @example
 * const article = extractArticle(html, { url: 'https://news.example/2024/10/21/leak' });
 * article.title; // 'Campaign files leaked'
 * article.publishedAt; // '2024-10-21T08:00:00.000Z'
 */
export function extractArticle(html: string, options: ExtractOptions = {}): Article {
  const pageUrl = options.url ?? null;
  const root = parsePage(typeof html === 'string' ? html : '');
  // each part stands alone: a defect one hostile page triggers in one must not cost the others
  const meta = safely(() => readMetaTags(root), new Map());
  const articles = safely(() => articleObjects(readJsonLd(root)), []);
  const site = safely(() => siteName(meta, articles), null);
  const canonical = safely(() => canonicalUrl(root, meta, pageUrl), null);
  const title = safely(() => articleTitle(root, meta, articles, site), null);
  const byline = safely(() => articleByline(root, meta, articles), null);
  const main = safely(() => extractMainText(root, title, byline), { blocks: [], links: [] });
  const dates = safely(() => articleDates(root, meta, articles, [pageUrl, canonical]), { publishedAt: null, modifiedAt: null });
  return {
    title,
    byline,
    publishedAt: dates.publishedAt,
    modifiedAt: dates.modifiedAt,
    canonicalUrl: canonical,
    lang: safely(() => pageLanguage(root, meta, articles), null),
    siteName: site,
    text: main.blocks.map((b) => b.text).join('\n\n'),
    links: safely(() => resolveLinks(main.links, baseUrl(root, pageUrl, canonical)), []),
  };
}

function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}
