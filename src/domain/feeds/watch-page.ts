import type { HTMLElement } from 'node-html-parser';
import { normaliseUrl } from '../url.ts';
import { attr, descendants, foldSpaces, htmlText, parseHtml, tagOf } from './html.ts';
import { isChromeLink } from './link-filter.ts';
import type { WatchLink } from './types.ts';

/**
 * Every outlink of a watched page (a leak forum's index, a paste site's
 * archive listing) with its anchor text: absolute, normalised, http(s) only,
 * once each in page order. Same-page anchors, `javascript:`/`mailto:` links,
 * static assets and login, register and search pages are left out. A link
 * repeated on the page keeps its first non-empty text.
 *
 * @example
 * extractWatchLinks('<a href="/raw/nb2024">Northbridge</a> <a href="/login">Log in</a>', 'https://paste.example/archive');
 * // [{ url: 'https://paste.example/raw/nb2024', text: 'Northbridge' }]
 */
export function extractWatchLinks(html: string, pageUrl: string): WatchLink[] {
  const root = parseHtml(html);
  const anchors = [...descendants(root)].filter((el) => ['a', 'area', 'base'].includes(tagOf(el)));
  // a <base href> changes what every relative link on the page means
  const baseElement = anchors.find((el) => tagOf(el) === 'base' && attr(el, 'href'));
  const base = (baseElement && normaliseUrl(attr(baseElement, 'href'), pageUrl)) || pageUrl;
  const self = normaliseUrl(pageUrl);
  const links = new Map<string, string>();
  for (const anchor of anchors) {
    if (tagOf(anchor) === 'base') continue;
    const href = attr(anchor, 'href').trim();
    if (href === '' || href.startsWith('#')) continue;
    const url = normaliseUrl(href, base);
    if (!url || url === self || isChromeLink(url)) continue;
    const text = anchorText(anchor);
    if (!links.has(url) || (links.get(url) === '' && text !== '')) links.set(url, text);
  }
  return [...links].map(([url, text]) => ({ url, text }));
}

/** What a link says: its text, else its title or label, else the alt text of an image in it. */
function anchorText(anchor: HTMLElement): string {
  const text = foldSpaces(htmlText(anchor));
  if (text) return text;
  const label = foldSpaces(attr(anchor, 'title') || attr(anchor, 'aria-label'));
  if (label) return label;
  const image = [...descendants(anchor)].find((el) => tagOf(el) === 'img' && attr(el, 'alt'));
  return image ? foldSpaces(attr(image, 'alt')) : '';
}

/**
 * The links of `current` not in `seen`, in their order and once each; both
 * hold normalised URLs, as `extractWatchLinks` gives them. `seen` is not changed.
 *
 * @example
 * newLinks(['https://p.example/a', 'https://p.example/b'], new Set(['https://p.example/a'])); // ['https://p.example/b']
 */
export function newLinks(current: readonly string[], seen: ReadonlySet<string>): string[] {
  const fresh = new Set<string>();
  for (const url of current) if (!seen.has(url)) fresh.add(url);
  return [...fresh];
}
