import { NodeType, type HTMLElement, type Node } from 'node-html-parser';

/**
 * Tree helpers that never recurse: node-html-parser's own `text`,
 * `querySelector` and `toString` recurse and overflow the stack on deeply
 * nested (hostile) pages.
 */

export const isElement = (node: Node): node is HTMLElement => node.nodeType === NodeType.ELEMENT_NODE;
export const isText = (node: Node): boolean => node.nodeType === NodeType.TEXT_NODE;

/** Lower-case tag name; '' for the root and for text. */
export const tagOf = (node: Node): string => (isElement(node) ? (node.rawTagName ?? '').toLowerCase() : '');

/** An attribute's value, or '' when absent. Attribute parsing of broken markup must not throw. */
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

/** Elements with one of the given (lower-case) tag names, in document order. */
export function elementsByTag(root: HTMLElement, ...tags: string[]): HTMLElement[] {
  const wanted = new Set(tags);
  const found: HTMLElement[] = [];
  for (const element of descendants(root)) if (wanted.has(tagOf(element))) found.push(element);
  return found;
}

/**
 * The decoded text under a node with its whitespace folded, skipping script
 * and style content.
 *
 * @example
 * textOf(parse('<h1>Hello <b>world</b></h1>')); // 'Hello world'
 */
export function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.text);
      continue;
    }
    if (!isElement(node) || INVISIBLE.has(tagOf(node))) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return foldSpaces(parts.join(''));
}

const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math']);

/** Collapses every run of whitespace (including no-break and zero-width spaces) to one space. */
export const foldSpaces = (text: string): string => text.replace(/[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g, ' ').trim();

/** The nearest ancestors of an element, parent first. */
export function* ancestors(element: HTMLElement): Generator<HTMLElement> {
  for (let node = element.parentNode; node; node = node.parentNode) yield node;
}
