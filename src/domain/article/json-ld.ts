import type { HTMLElement } from 'node-html-parser';
import { attr, descendants, isText, tagOf } from './dom.ts';

export type JsonObject = Record<string, unknown>;

/** Nodes are visited at most this many times per page, whatever the nesting. */
const MAX_NODES = 10_000;

/**
 * Every object in the page's JSON-LD blocks, flattened: top-level arrays,
 * `@graph` members and nested values (an Article's `author`, a WebPage's
 * `mainEntity`) all appear, parents before children. Malformed blocks, which
 * real pages do carry, are skipped.
 *
 * @example
 * readJsonLd(parse('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle"}]}</script>'));
 * // [{ '@graph': [...] }, { '@type': 'NewsArticle' }]
 */
export function readJsonLd(root: HTMLElement): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const element of descendants(root)) {
    if (tagOf(element) !== 'script' || !/ld\+json/i.test(attr(element, 'type'))) continue;
    const source = element.childNodes.filter(isText).map((n) => n.rawText).join('');
    const parsed = parseLenient(source);
    if (parsed !== undefined) flatten(parsed, objects);
  }
  return objects;
}

function parseLenient(source: string): unknown {
  // comment and CDATA wrappers kept from the days of XHTML
  const trimmed = source
    .trim()
    .replace(/^<!--|-->$/g, '')
    .trim()
    .replace(/^(?:\/\/|\/\*)?\s*<!\[CDATA\[/, '')
    .replace(/(?:\/\/|\/\*)?\s*\]\]>\s*(?:\*\/)?$/, '')
    .trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // raw newlines and tabs inside strings are the commonest breakage
    try {
      return JSON.parse(trimmed.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function flatten(value: unknown, out: JsonObject[]): void {
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item && typeof item === 'object') {
      const object = item as JsonObject;
      out.push(object);
      const nested = Object.values(object).filter((v) => v && typeof v === 'object');
      for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]);
    }
  }
}

/**
 * The `@type`s of a JSON-LD object, as a list.
 *
 * @example
 * typesOf({ '@type': ['NewsArticle', 'Article'] }); // ['NewsArticle', 'Article']
 */
export function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

const ARTICLE_TYPE = /article|posting|report|blog|review|webpage|scholarly|creativework|liveblog/i;
const NARROW_TYPE = /article|posting|report|review|liveblog/i;

/**
 * Whether a JSON-LD object is an article proper (`NewsArticle`,
 * `BlogPosting`, `Report`…) rather than the page around it (`WebPage`).
 *
 * @example
 * isArticleProper({ '@type': 'NewsArticle' }); // true
 */
export const isArticleProper = (object: JsonObject): boolean => NARROW_TYPE.test(typesOf(object).join(' '));

/**
 * The objects that describe the page's article, the articles proper first,
 * then `WebPage` and other creative works.
 *
 * @example
 * articleObjects(readJsonLd(root))[0]?.headline;
 */
export function articleObjects(objects: readonly JsonObject[]): JsonObject[] {
  const rank = (o: JsonObject) => (isArticleProper(o) ? 0 : 1);
  return objects.filter((o) => ARTICLE_TYPE.test(typesOf(o).join(' '))).sort((a, b) => rank(a) - rank(b));
}

/**
 * A string value, or the `name`/`@value` of an object value, or the first of a list.
 *
 * @example
 * stringValue([{ '@type': 'Person', name: 'Jane Doe' }]); // 'Jane Doe'
 */
export function stringValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = stringValue(item);
      if (s) return s;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    const object = value as JsonObject;
    return stringValue(object.name ?? object['@value'] ?? null);
  }
  return null;
}
