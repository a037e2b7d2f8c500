import { NodeType, parse, type HTMLElement, type Node, type Options } from 'node-html-parser';

/** Up to this many tags, the parser's repair costs little however the elements nest (at worst about a million steps). */
const SMALL_TAGS = 1_000;
/** Elements left unclosed deeper than this are left in place rather than repaired. */
export const MAX_REPAIRED_DEPTH = 100;

/**
 * node-html-parser's `parse`, made safe on hostile nesting. The parser
 * repairs elements left unclosed at the end of the markup by moving their
 * children up, as browsers do: without it, the page after
 * `<title>Leak <b>news</title>` stays inside the head and is never read. The
 * repair is quadratic, though: 100,000 unclosed `<div>`s (500 KB) take about
 * five minutes. So large markup is parsed without the repair first (linear),
 * and parsed again with it only when its unclosed elements are few.
 *
 * @example
 * visibleText(parseMarkup('<title>Leak <b>news</title><p>Body')); // 'Leak news\nBody', as before
 * parseMarkup('<div>'.repeat(100_000) + 'deep'); // in about a second, not minutes
 */
export function parseMarkup(markup: string, options: Partial<Options> = {}): HTMLElement {
  if (tagsUpTo(markup, SMALL_TAGS + 1) <= SMALL_TAGS) return parse(markup, options);
  const unrepaired = parse(markup, { ...options, parseNoneClosedTags: true });
  const depth = lastChildPath(unrepaired, MAX_REPAIRED_DEPTH + 1).length;
  // depth 0: nothing is left unclosed, and both parses give the same tree
  return depth === 0 || depth > MAX_REPAIRED_DEPTH ? unrepaired : parse(markup, options);
}

/** How many `<` the markup holds, counting no further than `limit`. */
function tagsUpTo(markup: string, limit: number): number {
  let count = 0;
  for (let at = markup.indexOf('<'); at !== -1 && count < limit; at = markup.indexOf('<', at + 1)) count++;
  return count;
}

/**
 * The elements on the path of last children from the root, at most `limit`
 * of them. An element left unclosed is always the last child of the one
 * before it (all that follows it went inside it), so they all lie on this path.
 */
export function lastChildPath(root: HTMLElement, limit: number): HTMLElement[] {
  const path: HTMLElement[] = [];
  for (let node: Node | undefined = root.lastChild; node && node.nodeType === NodeType.ELEMENT_NODE && path.length < limit; node = (node as HTMLElement).lastChild) {
    path.push(node as HTMLElement);
  }
  return path;
}
