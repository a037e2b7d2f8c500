import type { HTMLElement, Node } from 'node-html-parser';
import { attr, isElement, isText, tagOf } from './dom.ts';
import { isHidden, looksUnlikely, NEVER_CONTENT } from './boilerplate.ts';

/** What the scorer and the cleaner need to know about an element's subtree. */
export interface NodeStats {
  /** Characters of visible text, whitespace runs counted once. */
  text: number;
  /** Of which inside links. */
  linkText: number;
  /** Text directly in the element or its inline children (not in block children). */
  inlineText: number;
  commas: number;
  inlineCommas: number;
  paragraphs: number;
  images: number;
  listItems: number;
  inputs: number;
  embeds: number;
  headingText: number;
  /** Element with its subtree left out of the article (invisible, or furniture). */
  excluded: boolean;
}

/** Elements that start a new paragraph of text. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const FURNITURE_TAGS = new Set(['aside', 'footer', 'header']);
const INPUTS = new Set(['input', 'select', 'textarea', 'button']);
const EMBEDS = new Set(['iframe', 'embed', 'object', 'video']);
const COMMAS = /[,،、，﹐︐﹑､]/g;

const empty = (excluded: boolean): NodeStats => ({
  text: 0, linkText: 0, inlineText: 0, commas: 0, inlineCommas: 0, paragraphs: 0, images: 0, listItems: 0, inputs: 0, embeds: 0,
  headingText: 0, excluded,
});

export interface PageStats {
  stats: Map<HTMLElement, NodeStats>;
  /** Elements in document order (excluded subtrees not entered). */
  order: HTMLElement[];
}

/** Visible length of a text node with its whitespace runs folded. */
function textLength(node: Node): number {
  const text = node.text;
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
    if (isSpace) {
      if (!space) length++;
      space = true;
    } else {
      length++;
      space = false;
    }
  }
  return length;
}

/**
 * One pass over the page (an explicit stack, children summed into parents in
 * reverse document order) that marks furniture and measures every element.
 * With `strict` false only invisible elements are left out: the fallback
 * when the strict pass finds too little text.
 *
 * @example
 * const { stats } = measurePage(body, true);
 * stats.get(div)?.linkText;
 */
export function measurePage(root: HTMLElement, strict: boolean): PageStats {
  const stats = new Map<HTMLElement, NodeStats>();
  const order: HTMLElement[] = [];
  const texts: Array<[HTMLElement, Node]> = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      if (node.parentNode) texts.push([node.parentNode, node]);
      continue;
    }
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    const excluded =
      node !== root &&
      (NEVER_CONTENT.has(tag) || isHidden(node) || (strict && (FURNITURE_TAGS.has(tag) || looksUnlikely(node))));
    stats.set(node, empty(excluded));
    if (excluded) {
      // forms and players count against a container even though their text is dropped
      const parent = node.parentNode ? stats.get(node.parentNode) : undefined;
      if (parent && INPUTS.has(tag)) parent.inputs++;
      if (parent && EMBEDS.has(tag)) parent.embeds++;
      continue;
    }
    order.push(node);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  for (const [parent, node] of texts) {
    const s = stats.get(parent)!;
    const length = textLength(node);
    const commas = node.text.match(COMMAS)?.length ?? 0;
    s.text += length;
    s.inlineText += length;
    s.commas += commas;
    s.inlineCommas += commas;
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i]!;
    const s = stats.get(element)!;
    const tag = tagOf(element);
    // in-page anchors (tables of contents, heading permalinks) lead nowhere else: they count a third
    if (tag === 'a') s.linkText = attr(element, 'href').trim().startsWith('#') ? s.text * 0.3 : s.text;
    if (tag === 'p') s.paragraphs++;
    if (tag === 'img' || tag === 'picture') s.images++;
    if (tag === 'li') s.listItems++;
    if (INPUTS.has(tag)) s.inputs++;
    if (EMBEDS.has(tag)) s.embeds++;
    if (HEADINGS.has(tag)) s.headingText = s.text;
    const parent = element.parentNode;
    const p = parent ? stats.get(parent) : undefined;
    if (!p || element === root) continue;
    p.text += s.text;
    p.linkText += s.linkText;
    p.commas += s.commas;
    p.paragraphs += s.paragraphs;
    p.images += s.images;
    p.listItems += s.listItems;
    p.inputs += s.inputs;
    p.embeds += s.embeds;
    p.headingText += s.headingText;
    if (!BLOCK_TAGS.has(tag)) {
      p.inlineText += s.inlineText;
      p.inlineCommas += s.inlineCommas;
    }
  }
  return { stats, order };
}

/**
 * Share of an element's text inside links (0 for an empty element).
 *
 * @example
 * linkDensity(stats.get(navList)!); // 0.95
 */
export const linkDensity = (s: NodeStats): number => (s.text === 0 ? 0 : s.linkText / s.text);
