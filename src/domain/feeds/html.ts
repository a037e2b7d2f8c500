import { NodeType, TextNode, type HTMLElement, type Node } from 'node-html-parser';
import { parseMarkup } from '../parse-markup.ts';
import { normaliseUrl } from '../url.ts';

/*
 * Tree helpers that never recurse: node-html-parser's own `text`,
 * `querySelectorAll` and `toString` recurse and overflow the stack on deeply
 * nested (hostile) markup, and feeds, forums and paste sites are hostile input.
 */

/**
 * Parses an HTML fragment or page; script, style and noscript bodies are
 * dropped at parse time because their text is never content.
 *
 * @example
 * parseHtml('<p>Hi</p>').childNodes.length; // 1
 */
export function parseHtml(html: string): HTMLElement {
  return parseMarkup(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
}

const isElement = (node: Node): node is HTMLElement => node.nodeType === NodeType.ELEMENT_NODE;

/** Lower-case tag name; '' for the root and for text. */
export const tagOf = (node: Node): string => (isElement(node) ? (node.rawTagName ?? '').toLowerCase() : '');

/** An attribute's value, or '' when absent; broken attribute markup must not throw. */
export function attr(element: HTMLElement, name: string): string {
  try {
    return element.getAttribute(name) ?? '';
  } catch {
    return '';
  }
}

/** Whether the element's class attribute lists `name`. */
export const hasClass = (element: HTMLElement, name: string): boolean => attr(element, 'class').split(/\s+/).includes(name);

/**
 * Every element under `root` (itself excluded) in document order; `enter`
 * returning false skips an element's subtree (the element itself is still yielded).
 *
 * @example
 * [...descendants(parseHtml('<p><b>x</b></p>'))].map(tagOf); // ['p', 'b']
 */
export function* descendants(root: HTMLElement, enter?: (element: HTMLElement) => boolean): Generator<HTMLElement> {
  const stack: Node[] = [...root.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    yield node;
    if (enter && !enter(node)) continue;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'table', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head']);
const SOFT_BREAK = Symbol('soft break');

/**
 * The visible text under a node: `<br>` is a line break, a block element
 * starts and ends a line, other whitespace folds to single spaces.
 *
 * @example
 * htmlText(parseHtml('<p>One &amp; two<br>three</p><p>four</p>')); // 'One & two\nthree\nfour'
 */
export function htmlText(root: Node): string {
  const parts: (string | typeof SOFT_BREAK)[] = [];
  const stack: (Node | typeof SOFT_BREAK)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === SOFT_BREAK || item.nodeType === NodeType.TEXT_NODE) {
      parts.push(item === SOFT_BREAK ? item : item.text.replace(/\s+/g, ' '));
      continue;
    }
    const tag = tagOf(item);
    if (tag === 'br') parts.push('\n');
    if (SKIPPED.has(tag)) continue;
    if (BLOCKS.has(tag)) {
      parts.push(SOFT_BREAK);
      stack.push(SOFT_BREAK);
    }
    for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
  }
  return joinLines(parts);
}

/**
 * Joins text with its breaks: a soft break (a block's edge) adds a line break
 * only where none is, so nested blocks do not stack up empty lines while
 * `<br><br>` keeps its blank line.
 */
function joinLines(parts: readonly (string | typeof SOFT_BREAK)[]): string {
  const out: string[] = [];
  let atLineStart = true;
  for (const part of parts) {
    if (part === SOFT_BREAK) {
      if (!atLineStart) out.push('\n');
      atLineStart = true;
    } else {
      out.push(part);
      // text parts had their whitespace folded, so a line break is only ever a whole part
      if (part === '\n') atLineStart = true;
      else if (part.trim() !== '') atLineStart = false;
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => foldSpaces(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Collapses every run of whitespace (including no-break and zero-width spaces) to one space. */
export const foldSpaces = (text: string): string => text.replace(/[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g, ' ').trim();

/**
 * The http(s) links under a node, resolved against `base`, normalised and
 * listed once each in document order; in-page anchors, other schemes and
 * raw hrefs `keep` refuses are dropped.
 *
 * @example
 * linksIn(parseHtml('<a href="/raw/x?utm_source=t">x</a>'), 'https://paste.example/'); // ['https://paste.example/raw/x']
 */
export function linksIn(root: HTMLElement, base: string | null, keep: (href: string) => boolean = () => true): string[] {
  const links = new Set<string>();
  for (const element of descendants(root)) {
    const tag = tagOf(element);
    if (tag !== 'a' && tag !== 'area') continue;
    const href = attr(element, 'href').trim();
    if (href === '' || href.startsWith('#') || !keep(href)) continue;
    const url = normaliseUrl(href, base ?? undefined);
    if (url) links.add(url);
  }
  return [...links];
}

/**
 * Decodes HTML character references in plain text in one pass, so that
 * `&amp;lt;` becomes `&lt;` and never `<`.
 *
 * @example
 * decodeHtmlEntities('Caf&eacute; &amp; bar'); // 'Café & bar'
 */
export const decodeHtmlEntities = (text: string): string => (text.includes('&') ? new TextNode(text, null).text : text);
