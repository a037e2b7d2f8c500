import { normaliseUrl } from '../url.ts';
import { decodeHtmlEntities, foldSpaces, htmlText, linksIn, parseHtml } from './html.ts';

/**
 * The first candidate that is an http(s) URL once resolved against `base`,
 * normalised; null when none is.
 *
 * @example
 * firstUrl([null, 'mailto:x@y.z', '/a?utm_source=rss'], 'https://site.example/feed'); // 'https://site.example/a'
 */
export function firstUrl(candidates: readonly (string | null | undefined)[], base: string): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const url = normaliseUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

/**
 * The `xml:base` in scope for an element: its own, resolved against its
 * parent's scope (or the document's URL when the parent has none); the
 * parent's when it declares none; null when nothing up the tree declared one.
 *
 * @example
 * baseScope('posts/', 'https://site.example/blog/', 'https://site.example/feed'); // 'https://site.example/blog/posts/'
 * baseScope(null, null, 'https://site.example/feed'); // null
 */
export function baseScope(xmlBase: string | null, parentScope: string | null, documentUrl: string): string | null {
  if (!xmlBase) return parentScope;
  try {
    return new URL(xmlBase.trim(), parentScope ?? documentUrl).href;
  } catch {
    return parentScope;
  }
}

/** Text and links of an HTML fragment; links resolved against `base`. */
export interface HtmlParts {
  text: string | null;
  links: string[];
}

/**
 * Reads an HTML fragment (a description, content or summary) once for its
 * text and its links.
 *
 * @example
 * readHtml('<p>Dump at <a href="/raw/nb">paste</a></p>', 'https://paste.example/'); // { text: 'Dump at paste', links: ['https://paste.example/raw/nb'] }
 */
export function readHtml(html: string | null, base: string): HtmlParts {
  if (!html || html.trim() === '') return { text: null, links: [] };
  // plain text needs no parse, and '<' in it ("a<b") would be read as a tag
  if (!/<[a-z!/]/i.test(html)) return { text: plainText(html), links: [] };
  const root = parseHtml(html);
  return { text: htmlText(root) || null, links: linksIn(root, base) };
}

/**
 * Text from a feed field meant as plain text but often carrying HTML
 * entities a second time (`&amp;amp;`); whitespace folded; null when empty.
 *
 * @example
 * plainText('  Leak &#8211; part 2 '); // 'Leak – part 2'
 */
export function plainText(value: string | null | undefined): string | null {
  if (!value) return null;
  return foldSpaces(decodeHtmlEntities(value)) || null;
}

/**
 * An author as feeds write it, reduced to a name: RSS's
 * 'editor@site.example (Jo Smith)' gives 'Jo Smith'.
 *
 * @example
 * authorName('jo@site.example (Jo Smith)'); // 'Jo Smith'
 */
export function authorName(value: string | null | undefined): string | null {
  const text = plainText(value);
  if (!text) return null;
  const named = /^\S+@\S+\s+\((.+)\)$/.exec(text);
  return named ? named[1]!.trim() : text;
}

/**
 * Links of an item, normalised, each once, in order, without the item's own
 * URL ("continue reading" links point back to it and say nothing new).
 *
 * @example
 * itemLinks('https://n.example/a', [['https://n.example/a', 'https://paste.example/x'], ['https://paste.example/x']]); // ['https://paste.example/x']
 */
export function itemLinks(itemUrl: string, lists: readonly (readonly (string | null | undefined)[])[], base = itemUrl): string[] {
  const links = new Set<string>();
  for (const list of lists) {
    for (const link of list) {
      const url = link ? normaliseUrl(link, base) : null;
      if (url && url !== itemUrl) links.add(url);
    }
  }
  return [...links];
}
