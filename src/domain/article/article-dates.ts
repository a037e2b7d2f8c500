import type { HTMLElement } from 'node-html-parser';
import { attr, descendants, SHORT_TEXT, tagOf, textOf } from './dom.ts';
import type { JsonObject } from './json-ld.ts';
import type { MetaTags } from './meta-tags.ts';
import { dateFromUrl, parseDate } from './parse-date.ts';

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished', 'parsely-pub-date',
  'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time', 'og:published_time', 'article.published',
  'date', 'citation_publication_date', 'citation_date', 'cxenseparse:recs:publishtime', 'rnews:datepublished', 'bt:pubdate',
];
const MODIFIED_META = [
  'article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time', 'article:updated_time',
  'dc.date.modified', 'dcterms.modified', 'last-modified', 'lastmod', 'revised', 'modified_time',
];

/** Dates in the body tried at most: enough for any real page, bounded for hostile ones. */
const MAX_CANDIDATES = 50;

export interface ArticleDates {
  publishedAt: string | null;
  modifiedAt: string | null;
}

function firstDate(values: Iterable<unknown>): string | null {
  for (const value of values) {
    const date = parseDate(value);
    if (date) return date;
  }
  return null;
}

function* metaValues(tags: MetaTags, keys: readonly string[]): Generator<string> {
  for (const key of keys) yield* tags.get(key) ?? [];
}

function* jsonLdValues(articles: readonly JsonObject[], key: string): Generator<unknown> {
  for (const object of articles) {
    const value = object[key];
    if (Array.isArray(value)) yield* value;
    else yield value;
  }
}

/**
 * Dates marked up in the body: elements with `itemprop="datePublished"`, then
 * `<time>` elements flagged as the publication date (`pubdate`, or a class
 * that says "publish"), then the first `<time datetime>` outside navigation.
 */
function bodyDate(root: HTMLElement, itemprop: string): string | null {
  const flagged: unknown[] = [];
  const plain: unknown[] = [];
  for (const element of descendants(root, (el) => !['nav', 'aside', 'footer', 'script', 'style'].includes(tagOf(el)))) {
    if (flagged.length + plain.length >= MAX_CANDIDATES) break;
    const tag = tagOf(element);
    if (attr(element, 'itemprop').toLowerCase() === itemprop) {
      flagged.push(attr(element, 'datetime') || attr(element, 'content') || textOf(element, SHORT_TEXT));
    } else if (tag === 'time' && itemprop === 'datepublished') {
      const value = attr(element, 'datetime') || textOf(element, SHORT_TEXT);
      const hint = `${attr(element, 'class')} ${attr(element, 'id')}`;
      if (element.hasAttribute('pubdate') || /publish|posted|created|dateline/i.test(hint)) flagged.push(value);
      else if (!/update|modif|comment/i.test(hint)) plain.push(value);
    }
  }
  return firstDate(flagged) ?? firstDate(plain);
}

/**
 * When the article was published and last modified, from (in order) JSON-LD,
 * meta tags, microdata and `<time>` elements, and for publication the date in
 * the page's or canonical URL. ISO-8601 in UTC; null when the page does not say.
 *
 * @example
 * articleDates(root, meta, articles, ['https://example.com/2017/05/05/x']).publishedAt; // '2017-05-05T00:00:00.000Z'
 */
export function articleDates(root: HTMLElement, meta: MetaTags, articles: readonly JsonObject[], urls: ReadonlyArray<string | null>): ArticleDates {
  const publishedAt =
    firstDate(jsonLdValues(articles, 'datePublished')) ??
    firstDate(metaValues(meta, PUBLISHED_META)) ??
    firstDate(jsonLdValues(articles, 'dateCreated')) ??
    bodyDate(root, 'datepublished') ??
    urls.map(dateFromUrl).find(Boolean) ??
    null;
  const modifiedAt =
    firstDate(jsonLdValues(articles, 'dateModified')) ?? firstDate(metaValues(meta, MODIFIED_META)) ?? bodyDate(root, 'datemodified');
  return { publishedAt, modifiedAt: modifiedAt ?? null };
}
