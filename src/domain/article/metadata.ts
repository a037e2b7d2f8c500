import type { HTMLElement } from 'node-html-parser';
import { attr, descendants, findFirst, foldSpaces, tagOf } from './dom.ts';
import { isArticleProper, stringValue, type JsonObject } from './json-ld.ts';
import { firstMeta, type MetaTags } from './meta-tags.ts';

/**
 * A URL made absolute against a base, or null when it is not an http(s) URL.
 *
 * @example
 * absoluteUrl('/a?b=1', 'https://example.com/x/'); // 'https://example.com/a?b=1'
 */
export function absoluteUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  const value = href?.trim();
  if (!value) return null;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * `<link rel="canonical">`, then og:url, made absolute against the page's URL.
 *
 * @example
 * canonicalUrl(parse('<link rel="canonical" href="/a">'), new Map(), 'https://x.example/amp/a'); // 'https://x.example/a'
 */
export function canonicalUrl(root: HTMLElement, meta: MetaTags, pageUrl: string | null): string | null {
  for (const element of descendants(root)) {
    if (tagOf(element) !== 'link') continue;
    if (attr(element, 'rel').toLowerCase().split(/\s+/).includes('canonical')) {
      const url = absoluteUrl(attr(element, 'href'), pageUrl);
      if (url) return url;
    }
  }
  return absoluteUrl(firstMeta(meta, 'og:url', 'twitter:url'), pageUrl);
}

/**
 * The URL relative links resolve against: `<base href>` (itself relative to
 * the page), else the page's URL, else its canonical URL.
 *
 * @example
 * baseUrl(parse('<base href="/m/">'), 'https://x.example/a', null); // 'https://x.example/m/'
 */
export function baseUrl(root: HTMLElement, pageUrl: string | null, canonical: string | null): string | null {
  const fallback = pageUrl ?? canonical;
  const base = findFirst(root, (el) => tagOf(el) === 'base' && attr(el, 'href') !== '');
  return (base && absoluteUrl(attr(base, 'href'), fallback)) || fallback;
}

/** BCP 47 shape: `en`, `pt-BR`, `zh-Hant-TW`. */
const LANG_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/**
 * The page's language: `<html lang>`, then Content-Language, og:locale
 * (`en_US` becomes `en-US`) and JSON-LD `inLanguage`.
 *
 * @example
 * pageLanguage(parse('<html lang="pt-BR">'), new Map(), []); // 'pt-BR'
 */
export function pageLanguage(root: HTMLElement, meta: MetaTags, articles: readonly JsonObject[]): string | null {
  const html = findFirst(root, (el) => tagOf(el) === 'html', (el) => tagOf(el) !== 'body');
  const candidates = [
    html && (attr(html, 'lang') || attr(html, 'xml:lang')),
    firstMeta(meta, 'content-language', 'language', 'dc.language', 'og:locale'),
    ...articles.map((a) => stringValue(a.inLanguage)),
  ];
  for (const candidate of candidates) {
    const tag = candidate?.trim().replace(/_/g, '-').split(/[,;\s]/)[0];
    if (tag && LANG_TAG.test(tag)) return tag;
  }
  return null;
}

/**
 * The publication's name: the JSON-LD article's publisher, og:site_name, the
 * web page's publisher, application-name.
 *
 * @example
 * siteName(readMetaTags(parse('<meta property="og:site_name" content="The Paper">')), []); // 'The Paper'
 */
export function siteName(meta: MetaTags, articles: readonly JsonObject[]): string | null {
  const publisher = (proper: boolean) => articles.filter((a) => isArticleProper(a) === proper).map((a) => stringValue(a.publisher)).find(Boolean);
  const value =
    publisher(true) ??
    firstMeta(meta, 'og:site_name') ??
    publisher(false) ??
    firstMeta(meta, 'application-name', 'al:ios:app_name', 'twitter:app:name:iphone');
  return value ? foldSpaces(value) || null : null;
}
