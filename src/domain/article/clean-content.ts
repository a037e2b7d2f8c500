import type { HTMLElement } from 'node-html-parser';
import { classWeight, hintOf } from './boilerplate.ts';
import { attr, descendants, tagOf } from './dom.ts';
import { linkDensity, type NodeStats } from './page-stats.ts';

/** Containers judged on their content before they are kept inside an article. */
const CONDITIONAL = new Set(['div', 'section', 'table', 'ul', 'ol', 'dl', 'form', 'fieldset', 'aside', 'header', 'footer', 'figure', 'center']);
/** Captions and credits of pictures, which annotators leave out of the article text. */
const CAPTION = /(?:^|[^a-z])(?:caption|credits?|image-?credit|photo-?credit|wp-caption-text)(?=$|[^a-z])/i;
const EMBEDDED_POST = /tweet|embed|quote/i;
const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * True for a table of data (headers, a caption, or a real grid) rather than
 * one used for layout: its cells are content, never clutter.
 *
 * @example
 * isDataTable(parse('<table><tr><th>Year</th></tr></table>').firstChild as HTMLElement); // true
 */
export function isDataTable(table: HTMLElement): boolean {
  if (attr(table, 'role') === 'presentation') return false;
  if (attr(table, 'summary') || attr(table, 'datatable') === '1') return true;
  let rows = 0;
  let cells = 0;
  for (const element of descendants(table, (el) => tagOf(el) !== 'table')) {
    const tag = tagOf(element);
    if (tag === 'caption' || tag === 'th' || tag === 'thead' || tag === 'colgroup') return true;
    if (tag === 'table') return false;
    if (tag === 'tr') rows++;
    if (tag === 'td') cells++;
  }
  return rows >= 10 || cells > 20;
}

/**
 * Whether an element inside the chosen article container is clutter: the
 * title (an `<h1>`), subheadings that are links or marked as furniture, and
 * containers whose make-up (links, images, forms, lists, embeds against
 * paragraphs) reads as a widget rather than prose. After Readability's
 * conditional cleaning.
 *
 * @example
 * isClutter(shareBarDiv, stats.get(shareBarDiv)!, 0); // true
 */
export function isClutter(element: HTMLElement, s: NodeStats, score: number): boolean {
  const tag = tagOf(element);
  if (tag === 'h1' || tag === 'figcaption') return true;
  if (CAPTION.test(hintOf(element)) && s.text < 400) return true;
  if (SUBHEADINGS.has(tag)) return classWeight(element) < 0 || linkDensity(s) > 0.33;
  if (!CONDITIONAL.has(tag)) return false;
  // embedded posts (tweets, Instagram) are quoted evidence, and look like link-heavy widgets
  if (EMBEDDED_POST.test(hintOf(element))) return false;
  if (tag === 'table' && isDataTable(element)) return false;
  const weight = classWeight(element);
  const isList = tag === 'ul' || tag === 'ol';
  // a list's own score starts below zero: only its class can condemn it outright
  if (weight + (isList ? 0 : score) < 0) return true;
  if (s.commas >= 10) return false;
  const density = linkDensity(s);
  const headingDensity = s.text === 0 ? 0 : s.headingText / s.text;
  const inFigure = tag === 'figure';
  return (
    (s.images > 1 && s.paragraphs / s.images < 0.5 && !inFigure) ||
    (!isList && s.listItems - 100 > s.paragraphs) ||
    s.inputs > Math.floor(s.paragraphs / 3) ||
    (!isList && headingDensity < 0.9 && s.text < 25 && (s.images === 0 || s.images > 2) && density > 0) ||
    (!isList && weight < 25 && density > 0.2) ||
    (weight >= 25 && density > 0.5) ||
    (s.embeds === 1 && s.text < 75) ||
    s.embeds > 1
  );
}
