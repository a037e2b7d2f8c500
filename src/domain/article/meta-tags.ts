import type { HTMLElement } from 'node-html-parser';
import { attr, descendants, tagOf } from './dom.ts';

/**
 * Every `<meta>` value by its lower-cased `name`, `property`, `itemprop` or
 * `http-equiv` key, in document order. Space-separated keys
 * (`property="og:title twitter:title"`) count under each.
 */
export type MetaTags = ReadonlyMap<string, readonly string[]>;

/**
 * Collects the page's meta tags.
 *
 * @example
 * readMetaTags(parse('<meta property="og:title" content="Hi">')).get('og:title'); // ['Hi']
 */
export function readMetaTags(root: HTMLElement): MetaTags {
  const tags = new Map<string, string[]>();
  for (const element of descendants(root)) {
    if (tagOf(element) !== 'meta') continue;
    const content = (attr(element, 'content') || attr(element, 'value')).trim();
    if (!content) continue;
    const keys = [attr(element, 'name'), attr(element, 'property'), attr(element, 'itemprop'), attr(element, 'http-equiv')].join(' ');
    for (const key of keys.toLowerCase().split(/\s+/)) {
      if (!key) continue;
      const list = tags.get(key);
      if (list) list.push(content);
      else tags.set(key, [content]);
    }
  }
  return tags;
}

/**
 * The first non-empty value among the keys, tried in order.
 *
 * @example
 * firstMeta(tags, 'og:title', 'twitter:title'); // 'Hi'
 */
export function firstMeta(tags: MetaTags, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = tags.get(key)?.find((v) => v.trim() !== '');
    if (value) return value.trim();
  }
  return null;
}
