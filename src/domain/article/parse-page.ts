import { parse, type HTMLElement } from 'node-html-parser';

/**
 * Pages beyond this many characters are cut: no article needs more, and the
 * parser's time and memory grow with the input.
 */
export const MAX_PAGE_CHARS = 8_000_000;

/**
 * Parses a web page into node-html-parser's tree, or an empty root when the
 * markup defeats the parser.
 *
 * @example
 * parsePage('<p>Hi').childNodes.length; // 1
 */
export function parsePage(html: string): HTMLElement {
  const source = html.length > MAX_PAGE_CHARS ? html.slice(0, MAX_PAGE_CHARS) : html;
  try {
    return parse(source, {
      comment: false,
      // keep the text of scripts (JSON-LD lives there) without parsing it as markup
      blockTextElements: { script: true, style: true, noscript: true, textarea: true },
      // leave unclosed elements where they are: the parser's repair moves their
      // children up one level per element, quadratic on 100,000 unclosed <div>s
      parseNoneClosedTags: true,
    });
  } catch {
    return parse('');
  }
}
