import { parse, type HTMLElement } from 'node-html-parser';
import { MAX_REPAIRED_DEPTH, lastChildPath } from '../parse-markup.ts';

/**
 * Pages beyond this many characters are cut: no article needs more, and the
 * parser's time and memory grow with the input.
 */
export const MAX_PAGE_CHARS = 8_000_000;

const OPTIONS = {
  comment: false,
  // keep the text of scripts (JSON-LD lives there) without parsing it as markup
  blockTextElements: { script: true, style: true, noscript: true, textarea: true },
};

/**
 * Parses a web page into node-html-parser's tree, or an empty root when the
 * markup defeats the parser. Unclosed elements are left where they are: the
 * parser's repair of them moves their children up one level per element,
 * quadratic on 100,000 unclosed `<div>`s.
 *
 * @example
 * parsePage('<p>Hi').childNodes.length; // 1
 */
export function parsePage(html: string): HTMLElement {
  const source = html.length > MAX_PAGE_CHARS ? html.slice(0, MAX_PAGE_CHARS) : html;
  try {
    const tree = parse(source, { ...OPTIONS, parseNoneClosedTags: true });
    // a tag left open in the head (`<title>Leak <b>news</title>`) keeps the whole page inside the head,
    // which is never read: such a page, if its open elements are few, is parsed again with the repair
    const open = lastChildPath(tree, MAX_REPAIRED_DEPTH + 1);
    const inHead = open.some((element) => /^(head|title)$/i.test(element.rawTagName));
    return inHead && open.length <= MAX_REPAIRED_DEPTH ? parse(source, OPTIONS) : tree;
  } catch {
    return parse('');
  }
}
