import type { HTMLElement } from 'node-html-parser';
import { isElement, SHORT_TEXT, tagOf, textOf } from './dom.ts';
import { linkDensity, type PageStats } from './page-stats.ts';
import { topCandidate } from './score-content.ts';

interface Context {
  page: PageStats;
  scores: Map<HTMLElement, number>;
  threshold: number;
  topScore: number;
}

/** A sibling of the top container belongs with it when it scores well (or shares its class), or is a paragraph of prose. */
function belongsBeside(sibling: HTMLElement, top: HTMLElement, ctx: Context): boolean {
  const s = ctx.page.stats.get(sibling);
  if (!s || s.excluded) return false;
  const topClass = top.getAttribute('class') ?? '';
  const bonus = topClass && sibling.getAttribute('class') === topClass ? ctx.topScore * 0.2 : 0;
  if ((ctx.scores.get(sibling) ?? -Infinity) + bonus >= ctx.threshold) return true;
  if (tagOf(sibling) !== 'p') return false;
  const density = linkDensity(s);
  if (s.text > 80 && density < 0.25) return true;
  return s.text > 0 && s.text <= 80 && density === 0 && /[.!?。！？]\s*$/.test(textOf(sibling, SHORT_TEXT));
}

/**
 * The top container and those of its siblings that belong with it, in
 * document order: siblings that score well on their own (or share its
 * class), and plain paragraphs of prose beside it.
 *
 * @example
 * articleContainers(page, scoreContainers(page), body); // [div.article-body] or [p, div.article-body, p]
 */
export function articleContainers(page: PageStats, scores: Map<HTMLElement, number>, root: HTMLElement): HTMLElement[] {
  const top = topCandidate(scores, root);
  if (!top) return [root];
  if (top === root || !top.parentNode) return [top];
  const topScore = scores.get(top) ?? 0;
  const ctx: Context = { page, scores, topScore, threshold: Math.max(10, topScore * 0.2) };
  return top.parentNode.childNodes.filter(isElement).filter((el) => el === top || belongsBeside(el, top, ctx));
}
