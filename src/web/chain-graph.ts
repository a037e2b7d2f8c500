import { html } from 'hono/html';
import type { ChainEdge } from '../domain/provenance/chain.ts';
import { formatTime, outLink, shortUrl, stageBadge, timeEl } from './format.ts';

const STAGE_ORDER = ['drop', 'amplification', 'mainstream', 'unclassified'];
/** Room on the left for the arcs, and how far each later stage is indented: drop, then posts, then articles. */
const ARC_W = 56;
const STAGE_STEP = 14;
const NODE_W = 248;
const NODE_H = 50;
const ROW_H = 60;
const TOP = 8;
/** Beyond this many sightings the graph would be unreadable; the list below holds them all. */
export const MAX_GRAPH_NODES = 60;

/** The reason of an edge in a few words; the full reason is its tooltip and is in the list. */
export function shortReason(reason: string): string {
  if (reason.startsWith('links')) return 'links to';
  if (reason.startsWith('reposts')) return 'reposts';
  if (reason.startsWith('quotes the post')) return 'quotes post';
  if (reason.startsWith('quotes its own words')) return 'quotes words of';
  if (reason.startsWith('earliest earlier')) return 'copy, after';
  return reason.slice(0, 20);
}

/** Only the earliest-earlier rule is a guess from time alone: its arcs are drawn dashed and light. */
const isWeak = (reason: string) => reason.startsWith('earliest earlier');

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The provenance chain as an arc diagram drawn on the server: one row per
 * sighting in time order (drop first, then posts, then articles, each stage
 * indented a little further), and an arc on the left from each sighting's
 * most likely parent, solid when a link, repost or quote says so and dashed
 * when only time does. Narrow enough for a phone; every node links out.
 */
export function chainGraph(edges: readonly ChainEdge[]) {
  const nodes = edges.slice(0, MAX_GRAPH_NODES);
  const stages = STAGE_ORDER.filter((s) => nodes.some((n) => n.stage === s));
  const place = new Map(nodes.map((n, i) => [n.url, { x: ARC_W + Math.max(0, stages.indexOf(n.stage)) * STAGE_STEP, y: TOP + i * ROW_H, row: i }]));
  const width = ARC_W + (stages.length - 1) * STAGE_STEP + NODE_W + 2;
  const height = TOP + nodes.length * ROW_H;
  const arcs = nodes.flatMap((n) => {
    const from = n.parentUrl ? place.get(n.parentUrl) : undefined;
    const to = place.get(n.url)!;
    if (!from) return [];
    const [y1, y2] = [from.y + NODE_H / 2, to.y + NODE_H / 2];
    // the further apart, the wider the arc, so nested arcs stay apart
    const bend = Math.max(6, ARC_W - 6 - Math.min(ARC_W - 12, (to.row - from.row) * 3));
    const d = `M${from.x},${y1} C${bend},${y1} ${bend},${y2} ${to.x},${y2}`;
    return [html`<path class="edge${isWeak(n.reason) ? ' weak' : ''}" d="${d}" marker-end="url(#chain-arrow)"><title>${n.reason}</title></path>`];
  });
  const boxes = nodes.map((n) => {
    const { x, y } = place.get(n.url)!;
    const parent = n.parentUrl ? `${shortReason(n.reason)} ${truncate(shortUrl(n.parentUrl, 60), 26)}` : 'earliest known appearance';
    const inner = html`<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6"></rect>
      <text x="${x + 8}" y="${y + 15}">${truncate(shortUrl(n.url, 80), 38)}</text>
      <text class="time" x="${x + 8}" y="${y + 30}">${n.stage} · ${formatTime(n.seenAt)}${n.basis === 'observed' ? ' (seen)' : ''}</text>
      <text class="edge-label" x="${x + 8}" y="${y + 44}">${parent}</text>`;
    return /^https?:\/\//i.test(n.url)
      ? html`<a class="node node-${n.stage}" href="${n.url}" rel="noopener noreferrer nofollow"><title>${n.url}: ${n.reason}</title>${inner}</a>`
      : html`<g class="node node-${n.stage}"><title>${n.url}: ${n.reason}</title>${inner}</g>`;
  });
  return html`<div class="graph-wrap"><svg class="graph" id="chain-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Provenance graph: ${nodes.length} sightings in time order, each with an arc from its most likely source">
    <defs><marker id="chain-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>
    ${arcs}${boxes}
  </svg></div>
  <p class="small muted">Solid arcs: a link, repost or quote shows where the content came from. Dashed: only the time order does.${edges.length > nodes.length ? ` The graph shows the first ${nodes.length} of ${edges.length} sightings; the list has them all.` : ''}</p>`;
}

/** The same chain as a list: the text alternative of the graph, and the only view past its size. */
export function chainList(edges: readonly ChainEdge[]) {
  return html`<ol class="small chain-list">${edges.map(
    (e) => html`<li>${timeEl(e.seenAt)} ${stageBadge(e.stage)} ${outLink(e.url, shortUrl(e.url, 70))}${e.parentUrl ? html` ← ${outLink(e.parentUrl, shortUrl(e.parentUrl, 50))}` : ''}: <em>${e.reason}</em></li>`,
  )}</ol>`;
}
