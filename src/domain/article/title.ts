import type { HTMLElement } from 'node-html-parser';
import { descendants, foldSpaces, SHORT_TEXT, tagOf, textOf } from './dom.ts';
import { stringValue, type JsonObject } from './json-ld.ts';
import { firstMeta, type MetaTags } from './meta-tags.ts';

/** Separators between a headline and a site's name in `<title>` and og:title. */
const SEPARATOR = /\s+(?:[|\-–—»·•\/\\]|::|\|\|)\s+/;
const SEPARATORS = new RegExp(SEPARATOR.source, 'g');

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const simplify = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Removes a site name from either end of a title ("Leak shows X | The Paper")
 * when it is the page's known site name, or keeps only the first part when
 * that part alone is the page's `<h1>`.
 *
 * @example
 * stripSiteName('Leak shows X | The Paper', 'The Paper', null); // 'Leak shows X'
 */
export function stripSiteName(title: string, siteName: string | null, heading: string | null): string {
  const separators = [...title.matchAll(SEPARATORS)];
  if (separators.length === 0) return title;
  const first = separators[0]!;
  const last = separators.at(-1)!;
  const head = title.slice(0, first.index).trim();
  const tail = title.slice(last.index + last[0].length).trim();
  const site = siteName ? simplify(siteName) : '';
  if (site && simplify(tail) === site) return title.slice(0, last.index).trim();
  if (site && simplify(head) === site) return title.slice(first.index + first[0].length).trim();
  if (heading && simplify(head) === simplify(heading)) return head;
  return title;
}

/**
 * A `<title>` with a short last part after a separator ("Headline – My
 * website") loses that part, when what remains still reads as a headline.
 */
function dropLastPart(title: string): string {
  const last = [...title.matchAll(SEPARATORS)].at(-1);
  if (!last) return title;
  const head = title.slice(0, last.index).trim();
  const tail = title.slice(last.index + last[0].length).trim();
  return words(head) >= 4 && words(tail) <= 4 ? head : title;
}

/** The text of the first non-empty element with this tag among the first few. */
function firstText(root: HTMLElement, tag: string): string | null {
  let tried = 0;
  for (const element of descendants(root)) {
    if (tagOf(element) !== tag) continue;
    const text = textOf(element, SHORT_TEXT);
    if (text) return text;
    if (++tried >= 20) break;
  }
  return null;
}

/** Share of the words of `a` found in `b`: how much of the page's title a JSON-LD name covers. */
function overlap(a: string, b: string): number {
  const other = new Set(b.toLowerCase().split(/\W+/u));
  const own = a.toLowerCase().split(/\W+/u).filter(Boolean);
  return own.length === 0 ? 0 : own.filter((w) => other.has(w)).length / own.length;
}

/** JSON-LD `headline`, or `name` when that reads more like the page's title (Wikipedia's headline is a description). */
function jsonLdTitle(articles: readonly JsonObject[], pageTitle: string | null): string | null {
  for (const article of articles) {
    const headline = stringValue(article.headline);
    const name = /article|posting|report|review|blog/i.test(String(article['@type'])) ? stringValue(article.name) : null;
    if (headline && name && headline !== name && pageTitle) return overlap(pageTitle, name) > overlap(pageTitle, headline) ? name : headline;
    if (headline || name) return headline ?? name;
  }
  return null;
}

/**
 * The article's headline: the structured metadata (JSON-LD headline, Dublin
 * Core, og:title, Twitter) first, then `<title>`, then the first `<h1>`,
 * without the site name around it.
 *
 * @example
 * articleTitle(root, meta, articles, 'The Paper'); // 'Leak shows X'
 */
export function articleTitle(root: HTMLElement, meta: MetaTags, articles: readonly JsonObject[], siteName: string | null): string | null {
  const h1 = firstText(root, 'h1');
  const titleTag = firstText(root, 'title');
  const fromMeta = firstMeta(
    meta,
    'dc:title', 'dc.title', 'dcterm:title', 'dcterms:title', 'dcterms.title', 'og:title', 'twitter:title', 'parsely-title',
    'sailthru.title', 'title', 'headline',
  );
  const structured = jsonLdTitle(articles, titleTag ?? fromMeta) ?? fromMeta;
  const raw = structured ?? titleTag ?? h1;
  if (!raw) return null;
  const title = foldSpaces(decodeEntities(raw));
  const stripped = stripSiteName(title, siteName, h1);
  return (stripped === title && !structured ? dropLastPart(title) : stripped) || null;
}

/** Some pages double-escape their metadata ("&amp;amp;"): one more decoding pass for the common entities. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&#(\d{1,7});/g, (m, d: string) => safeChar(Number(d), m))
    .replace(/&#x([\da-f]{1,6});/gi, (m, h: string) => safeChar(parseInt(h, 16), m))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' })[n] ?? '');
}

function safeChar(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
