import type { HTMLElement } from 'node-html-parser';
import { parseMarkup } from '../parse-markup.ts';
import { decodeText } from './charset.ts';
import { visibleText } from './html-text.ts';
import { charsetMetadata } from './text.ts';
import { extensionOf, type Extractor } from './types.ts';

const HTML_SNIFF = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body)[\s>]/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i;

/**
 * An HTML document from a dump: all of its visible text (a leaked page is
 * evidence, so nothing is dropped as boilerplate), with its title and meta tags.
 */
export const htmlExtractor: Extractor = {
  format: 'html',
  mime: 'text/html',
  fit(blob) {
    const byName = ['html', 'htm', 'xhtml', 'shtml'].includes(extensionOf(blob.name)) ? 1 : 0;
    const head = new TextDecoder().decode(blob.head.subarray(0, 1024));
    return byName + (HTML_SNIFF.test(head) ? 2 : 0);
  },
  async extract(blob) {
    const bytes = await blob.read();
    const declared = META_CHARSET.exec(new TextDecoder().decode(bytes.subarray(0, 4096)))?.[1];
    const decoded = decodeText(bytes, declared);
    const root = parseMarkup(decoded.text, { comment: false, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
    return { text: visibleText(root), metadata: { ...charsetMetadata(decoded), ...htmlMetadata(root) } };
  },
};

/** Title, language and the meta tags a researcher compares across a dump. */
export function htmlMetadata(root: HTMLElement): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  // getElementsByTagName and visibleText walk with a stack; querySelector and .text recurse and overflow on deeply nested pages
  const titleElement = root.getElementsByTagName('title')[0];
  const title = titleElement ? visibleText(titleElement) : undefined;
  if (title) meta.title = title;
  const lang = root.getElementsByTagName('html')[0]?.getAttribute('lang');
  if (lang) meta.lang = lang;
  for (const tag of root.getElementsByTagName('meta')) {
    const name = (tag.getAttribute('name') ?? tag.getAttribute('property') ?? '').toLowerCase();
    const content = tag.getAttribute('content');
    if (!content) continue;
    if (name === 'author' || name === 'generator' || name === 'description' || name === 'keywords') meta[name] = content;
    if (name === 'date' || name === 'article:published_time' || name === 'dcterms.created') meta.created ??= content;
    if (name === 'last-modified' || name === 'article:modified_time' || name === 'dcterms.modified') meta.modified ??= content;
  }
  return meta;
}
