import type { HTMLElement } from 'node-html-parser';
import { attr, descendants, findFirst, foldSpaces, SHORT_TEXT, tagOf, textOf } from './dom.ts';
import { isArticleProper, stringValue, type JsonObject } from './json-ld.ts';
import { firstMeta, type MetaTags } from './meta-tags.ts';

const BYLINE_HINT = /\b(?:byline|author|writtenby|p-author|contributor|creator)\b|by-?line|article-?author|author-?name/i;
/** Author widgets that are not the byline: follow buttons, bios, job titles, pictures. */
const NOT_BYLINE = /follow|bio\b|biography|title|avatar|image|photo|img|date|time|social|share|more|list|comment/i;
const NAME_HINT = /\bname\b|\bfn\b|author-?link|byline-?link/i;
const LEADING_BY = /^(?:by|par|von|por|di|door|av|af)\s*[:\-–]?\s+/i;
/** Byline candidates tried at most: enough for any real page, bounded for hostile ones. */
const MAX_CANDIDATES = 50;
const SKIP = new Set(['script', 'style', 'nav', 'footer', 'head', 'form', 'button']);

/**
 * Folds spaces, drops a leading "By", and rejects URLs, handles and overlong text.
 *
 * @example
 * cleanByline('By  Jane Doe'); // 'Jane Doe'
 * cleanByline('https://facebook.com/jane'); // null
 */
export function cleanByline(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = foldSpaces(value).replace(LEADING_BY, '').trim();
  if (text.length === 0 || text.length > 120) return null;
  if (/^(?:https?:|www\.)/i.test(text) || /^@\w+$/.test(text)) return null;
  return text;
}

/** Names of a JSON-LD `author`/`creator`, which may be a string, a Person, or a list of either. */
function jsonLdAuthors(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => cleanByline(stringValue(v))).filter((v): v is string => v !== null);
}

function authorsOf(articles: readonly JsonObject[]): string | null {
  for (const article of articles) {
    const names = jsonLdAuthors(article.author ?? article.creator);
    if (names.length > 0) return [...new Set(names)].join(', ');
  }
  return null;
}

/** The name inside a byline element: a `rel="author"` link, an `itemprop="name"`, an author link or name class. */
function nameInside(element: HTMLElement): HTMLElement | null {
  const isName = (el: HTMLElement) =>
    attr(el, 'rel') === 'author' ||
    /\bname\b/i.test(attr(el, 'itemprop')) ||
    NAME_HINT.test(attr(el, 'class')) ||
    (tagOf(el) === 'a' && /\/(?:author|authors|autor|auteur|people|staff|profile)\//i.test(attr(el, 'href')));
  return findFirst(element, isName, undefined, SHORT_TEXT.nodes);
}

/** A byline written in the page: `rel="author"`, `itemprop="author"`, or an element whose class or id says byline/author. */
function bylineInBody(root: HTMLElement): string | null {
  let tried = 0;
  for (const element of descendants(root, (el) => !SKIP.has(tagOf(el)))) {
    if (SKIP.has(tagOf(element))) continue;
    const hint = `${attr(element, 'class')} ${attr(element, 'id')}`;
    const marked = attr(element, 'rel') === 'author' || /\bauthor\b/i.test(attr(element, 'itemprop')) || (BYLINE_HINT.test(hint) && !NOT_BYLINE.test(hint));
    if (!marked) continue;
    if (++tried > MAX_CANDIDATES) break;
    const text = cleanByline(textOf(nameInside(element) ?? element, SHORT_TEXT));
    if (text && text.length < 100 && /\p{L}/u.test(text)) return text;
  }
  return null;
}

/**
 * Who wrote the article: the authors of a JSON-LD article (several joined
 * with ", "), then the author meta tags, then a byline marked up in the page,
 * then the authors of a JSON-LD `WebPage`.
 *
 * @example
 * articleByline(root, meta, articles); // 'Jane Doe, John Roe'
 */
export function articleByline(root: HTMLElement, meta: MetaTags, articles: readonly JsonObject[]): string | null {
  const fromMeta = cleanByline(
    firstMeta(
      meta,
      'dc:creator', 'dc.creator', 'dcterm:creator', 'dcterms:creator', 'dcterms.creator', 'author', 'parsely-author',
      'sailthru.author', 'article:author', 'og:article:author', 'byl', 'byline',
    ),
  );
  return (
    authorsOf(articles.filter(isArticleProper)) ?? fromMeta ?? bylineInBody(root) ?? authorsOf(articles.filter((a) => !isArticleProper(a)))
  );
}
