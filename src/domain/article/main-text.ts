import type { HTMLElement } from 'node-html-parser';
import { isClutter } from './clean-content.ts';
import { findFirst, tagOf } from './dom.ts';
import { filterBlocks } from './filter-blocks.ts';
import { measurePage } from './page-stats.ts';
import { renderText, type RenderedText } from './render-text.ts';
import { articleContainers } from './article-containers.ts';
import { scoreContainers } from './score-content.ts';

/** Below this many characters the strict pass probably threw the article away with the furniture. */
const ENOUGH_TEXT = 250;

function attempt(body: HTMLElement, strict: boolean, title: string | null, byline: string | null): RenderedText {
  const page = measurePage(body, strict);
  const scores = scoreContainers(page);
  const containers = articleContainers(page, scores, body);
  const chosen = new Set(containers);
  // a container that holds much of the article's prose is never clutter, whatever its make-up
  const best = containers.reduce((max, c) => Math.max(max, scores.get(c) ?? 0), 0);
  const drop = (element: HTMLElement) => {
    if (chosen.has(element)) return false;
    const score = scores.get(element) ?? 0;
    return !(best > 0 && score >= best / 2) && isClutter(element, page.stats.get(element)!, score);
  };
  const rendered = renderText(containers, page, drop);
  return { ...rendered, blocks: filterBlocks(rendered.blocks, title, byline) };
}

const lengthOf = (r: RenderedText) => r.blocks.reduce((n, b) => n + b.text.length, 0);

/**
 * The article's main text and the links in it: furniture removed by class,
 * id and tag, containers scored by the prose they hold, the best one (with
 * the siblings that belong to it) cleaned of widgets. When that leaves
 * almost nothing, a second pass keeps furniture-looking containers too.
 *
 * @example
 * extractMainText(parsePage(html)).blocks.map((b) => b.text).join('\n\n');
 */
export function extractMainText(root: HTMLElement, title: string | null = null, byline: string | null = null): RenderedText {
  const body = findFirst(root, (el) => tagOf(el) === 'body', (el) => tagOf(el) === 'html') ?? root;
  const strict = attempt(body, true, title, byline);
  if (lengthOf(strict) >= ENOUGH_TEXT) return strict;
  const relaxed = attempt(body, false, title, byline);
  return lengthOf(relaxed) > lengthOf(strict) ? relaxed : strict;
}
