import { NodeType, type HTMLElement, type Node } from 'node-html-parser';

/**
 * Tree helpers that never recurse: node-html-parser's own `text`,
 * `querySelector` and `toString` recurse and overflow the stack on deeply
 * nested (hostile) pages.
 */

/**
 * Node kinds, without `instanceof` (a tree may come from another copy of the parser).
 *
 * @example
 * isElement(parse('<p>x</p>').firstChild!); // true
 */
export const isElement = (node: Node): node is HTMLElement => node.nodeType === NodeType.ELEMENT_NODE;
export const isText = (node: Node): boolean => node.nodeType === NodeType.TEXT_NODE;

/**
 * Lower-case tag name; '' for the root and for text.
 *
 * @example
 * tagOf(parse('<DIV>').firstChild!); // 'div'
 */
export const tagOf = (node: Node): string => (isElement(node) ? (node.rawTagName ?? '').toLowerCase() : '');

/**
 * An attribute's value, or '' when absent. Attribute parsing of broken markup must not throw.
 *
 * @example
 * attr(parse('<a href="/x">').firstChild as HTMLElement, 'href'); // '/x'
 */
export function attr(element: HTMLElement, name: string): string {
  try {
    return element.getAttribute(name) ?? '';
  } catch {
    return '';
  }
}

/**
 * Every element under `root` (itself excluded) in document order. `enter`
 * returning false skips an element's subtree (the element itself is still visited).
 *
 * @example
 * for (const el of descendants(root)) if (tagOf(el) === 'a') count++;
 */
export function* descendants(root: HTMLElement, enter?: (element: HTMLElement) => boolean): Generator<HTMLElement> {
  const stack: Node[] = [];
  for (let i = root.childNodes.length - 1; i >= 0; i--) stack.push(root.childNodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    yield node;
    if (enter && !enter(node)) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Bounds on a text walk: what a title, byline or anchor needs, however deep the markup under it. */
export interface TextLimit {
  chars: number;
  nodes: number;
}

/** For short texts (titles, bylines, anchors): a hostile page cannot make each of them walk the whole tree. */
export const SHORT_TEXT: TextLimit = { chars: 500, nodes: 500 };

/**
 * The decoded text under a node with its whitespace folded, skipping script
 * and style content; with a limit, the walk stops after that many characters
 * or nodes.
 *
 * @example
 * textOf(parse('<h1>Hello <b>world</b></h1>')); // 'Hello world'
 */
export function textOf(root: Node, limit?: TextLimit): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  let chars = 0;
  let nodes = 0;
  while (stack.length > 0) {
    if (limit && (chars >= limit.chars || nodes++ >= limit.nodes)) break;
    const node = stack.pop()!;
    if (isText(node)) {
      const text = node.text;
      parts.push(text);
      chars += text.length;
      continue;
    }
    if (!isElement(node) || INVISIBLE.has(tagOf(node))) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return foldSpaces(parts.join(''));
}

/**
 * The first element under `root` (document order) that matches, walking at
 * most `maxNodes` elements and skipping the subtrees `enter` refuses.
 *
 * @example
 * findFirst(root, (el) => tagOf(el) === 'base');
 */
export function findFirst(
  root: HTMLElement,
  matches: (element: HTMLElement) => boolean,
  enter?: (element: HTMLElement) => boolean,
  maxNodes = Infinity,
): HTMLElement | null {
  let visited = 0;
  for (const element of descendants(root, enter)) {
    if (matches(element)) return element;
    if (++visited >= maxNodes) break;
  }
  return null;
}

const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math']);

/**
 * Collapses every run of whitespace (including no-break and zero-width spaces) to one space.
 *
 * @example
 * foldSpaces(' a\u00a0\n b '); // 'a b'
 */
export const foldSpaces = (text: string): string => text.replace(/[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g, ' ').trim();

