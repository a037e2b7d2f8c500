import { NodeType, TextNode, type HTMLElement, type Node } from 'node-html-parser';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'iframe', 'object', 'canvas', 'select', 'button']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'body', 'html',
]);
/** `<!DOCTYPE …>` and `<?xml …?>`, which the parser leaves in text nodes but no browser shows. */
const DECLARATIONS = /<!doctype[^>]*>|<\?[^>]*>/gi;

/**
 * The visible text of an element: scripts, styles and other invisible parts
 * left out, block elements on lines of their own, runs of spaces folded.
 * Walks with an explicit stack, so deeply nested markup cannot overflow it.
 *
 * @example
 * visibleText(parse('<p>Hello <b>world</b></p><script>x()</script><p>Bye</p>')); // 'Hello world\nBye'
 */
export function visibleText(root: HTMLElement | Node): string {
  const out: string[] = [];
  const stack: Array<Node | '\n'> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n') {
      out.push('\n');
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      // declarations are matched in the raw text, where an escaped "&lt;!DOCTYPE" (visible) cannot pass for one
      const raw = node.rawText;
      out.push(raw.includes('<') ? new TextNode(raw.replace(DECLARATIONS, '')).text : node.text);
      continue;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = node as HTMLElement;
    const tag = (element.rawTagName ?? '').toLowerCase();
    if (SKIP.has(tag) || element.getAttribute?.('hidden') !== undefined || element.getAttribute?.('aria-hidden') === 'true') {
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) {
      out.push('\n');
      stack.push('\n');
    }
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return tidyText(out.join(''));
}

/** Folds spaces within lines and blank runs between them. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
