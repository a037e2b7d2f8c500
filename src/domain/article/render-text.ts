import type { HTMLElement, Node } from 'node-html-parser';
import { attr, isElement, isText, SHORT_TEXT, tagOf, textOf } from './dom.ts';
import { BLOCK_TAGS, type PageStats } from './page-stats.ts';

export interface RawLink {
  href: string;
  text: string;
}

/** One paragraph of rendered text. */
export interface TextBlock {
  text: string;
  /** Characters of `text` inside links. */
  linkText: number;
  /** The block element it came from (`p`, `li`, `h2`, …). */
  tag: string;
}

export interface RenderedText {
  /** Paragraphs of the article in reading order. */
  blocks: TextBlock[];
  links: RawLink[];
}

/** Links kept at most per article: a page of 100,000 nested links must not cost 100,000 text walks. */
const MAX_LINKS = 5_000;
const SPACES = /[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;

/** Folds spaces inside each line and drops empty lines. */
function tidyBlock(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Text under a `<pre>` with its line breaks kept. */
function preformattedText(pre: HTMLElement): string {
  const parts: string[] = [];
  const stack: Node[] = [pre];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) parts.push(node.text);
    else if (isElement(node) && tagOf(node) === 'br') parts.push('\n');
    else if (isElement(node) && tagOf(node) !== 'script' && tagOf(node) !== 'style') {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
  }
  return parts.join('');
}

type Marker = { end: 'block'; tag: string } | { end: 'link' };

/**
 * The text of the chosen containers as paragraphs, skipping what the page
 * measurement excluded and what `drop` rejects, with the links found on the
 * way. Walks with an explicit stack.
 *
 * @example
 * renderText([article], page, () => false).blocks.map((b) => b.text); // ['First paragraph.', 'Second.']
 */
export function renderText(containers: readonly HTMLElement[], page: PageStats, drop: (element: HTMLElement) => boolean): RenderedText {
  const blocks: TextBlock[] = [];
  const links: RawLink[] = [];
  let parts: string[] = [];
  let linkText = 0;
  let inLink = 0;
  const tags: string[] = [];
  const flush = () => {
    const text = tidyBlock(parts.join(''));
    if (text) blocks.push({ text, linkText: Math.min(linkText, text.length), tag: tags.at(-1) ?? '' });
    parts = [];
    linkText = 0;
  };
  const stack: Array<Node | Marker> = [];
  for (let i = containers.length - 1; i >= 0; i--) stack.push({ end: 'block', tag: '' }, containers[i]!);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('end' in item) {
      if (item.end === 'link') inLink--;
      else {
        flush();
        tags.pop();
      }
      continue;
    }
    if (isText(item)) {
      // line breaks in the source are spaces; only <br> and blocks break lines
      const text = item.text.replace(/[\r\n]+/g, ' ');
      parts.push(text);
      if (inLink > 0) linkText += text.replace(SPACES, ' ').length;
      continue;
    }
    if (!isElement(item)) continue;
    const s = page.stats.get(item);
    if (!s || s.excluded || drop(item)) continue;
    const tag = tagOf(item);
    if (tag === 'br') {
      parts.push('\n');
      continue;
    }
    if (tag === 'pre') {
      flush();
      const text = tidyBlock(preformattedText(item));
      if (text) blocks.push({ text, linkText: 0, tag });
      continue;
    }
    const href = tag === 'a' ? attr(item, 'href').trim() : '';
    if (href && !href.startsWith('#')) {
      if (links.length < MAX_LINKS) links.push({ href, text: textOf(item, SHORT_TEXT) });
      inLink++;
      stack.push({ end: 'link' });
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      tags.push(tag);
      stack.push({ end: 'block', tag });
    }
    const children = item.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return { blocks, links };
}
