import type { HTMLElement } from 'node-html-parser';
import { classWeight } from './boilerplate.ts';
import { isElement, tagOf } from './dom.ts';
import { linkDensity, type PageStats } from './page-stats.ts';

/** A starting score by tag: containers of prose up, lists, forms and headings down. */
const TAG_SCORE: Record<string, number> = {
  div: 5, article: 5, section: 3, main: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};
const PARAGRAPHS = new Set(['p', 'pre', 'td', 'li']);
const TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'blockquote', 'center', 'font', 'span', 'dd', 'body']);
const MIN_PARAGRAPH = 25;
/** How far up a paragraph's score reaches. */
const LEVELS = 5;
/** Bound on ancestor walks, so hostile nesting costs constant time per step. */
const MAX_CLIMB = 60;

/**
 * Scores every container by the prose it holds, the way Readability does: each
 * paragraph of 25+ characters gives 1 point, 1 per comma and 1 per 100
 * characters (at most 3) to its parent, half to its grandparent and less
 * further up; class and id words adjust, and the result is discounted by the
 * container's share of link text.
 *
 * @example
 * const scores = scoreContainers(measurePage(body, true));
 * scores.get(articleDiv); // 87.5
 */
export function scoreContainers(page: PageStats): Map<HTMLElement, number> {
  const scores = new Map<HTMLElement, number>();
  for (const element of page.order) {
    const s = page.stats.get(element)!;
    const tag = tagOf(element);
    let length = 0;
    let commas = 0;
    let holder: HTMLElement | null = null;
    if (PARAGRAPHS.has(tag) && s.text >= MIN_PARAGRAPH) {
      [length, commas, holder] = [s.text, s.commas, element.parentNode];
    } else if (TEXT_HOLDERS.has(tag) && s.inlineText >= MIN_PARAGRAPH) {
      // loose text directly in a div counts as a paragraph of that div
      [length, commas, holder] = [s.inlineText, s.inlineCommas, element];
    }
    if (!holder) continue;
    const points = 1 + commas + Math.min(Math.floor(length / 100), 3);
    let level = 0;
    for (let node: HTMLElement | null = holder; node && level < LEVELS; node = node.parentNode, level++) {
      if (!page.stats.has(node)) break;
      const base = scores.get(node) ?? (TAG_SCORE[tagOf(node)] ?? 0) + classWeight(node);
      scores.set(node, base + points / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  for (const [element, score] of scores) scores.set(element, score * (1 - linkDensity(page.stats.get(element)!)));
  return scores;
}

function bestOf(scores: Map<HTMLElement, number>): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestScore = -Infinity;
  for (const [element, score] of scores) {
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  return best;
}

function ancestorSet(element: HTMLElement): Set<HTMLElement> {
  const set = new Set<HTMLElement>();
  let node = element.parentNode;
  for (let i = 0; node && i < MAX_CLIMB; i++, node = node.parentNode) set.add(node);
  return set;
}

/**
 * The best-scoring container, moved up when the runners-up sit beside it in a
 * shared parent (an article split into several divs) or when it is its
 * parent's only child.
 *
 * @example
 * topCandidate(scoreContainers(page), body); // div.article-body
 */
export function topCandidate(scores: Map<HTMLElement, number>, root: HTMLElement): HTMLElement | null {
  let top = bestOf(scores);
  if (!top) return null;
  if (top === root) return top;
  const topScore = scores.get(top)!;
  const rivals = [...scores].filter(([el, sc]) => el !== top && sc / topScore >= 0.75).sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (rivals.length >= 3) {
    const rivalAncestors = rivals.map(([el]) => ancestorSet(el));
    let node = top.parentNode;
    for (let i = 0; node && node !== root && i < MAX_CLIMB; i++, node = node.parentNode) {
      const n = node;
      if (rivalAncestors.filter((set) => set.has(n)).length >= 3) {
        top = n;
        break;
      }
    }
  }
  // climb once to a parent that holds more prose, through parents that hold at least a third as much
  const threshold = (scores.get(top) ?? 0) / 3;
  let lastScore = scores.get(top) ?? 0;
  for (let i = 0, parent = top.parentNode; parent && parent !== root && i < MAX_CLIMB; i++, parent = parent.parentNode) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  for (let i = 0; top !== root && top.parentNode && top.parentNode !== root && i < MAX_CLIMB; i++) {
    if (top.parentNode.childNodes.filter(isElement).length !== 1) break;
    top = top.parentNode;
  }
  return top;
}
