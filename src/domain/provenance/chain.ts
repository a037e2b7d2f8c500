import { tokenizeText } from '../normalise.ts';
import { K, hashKgrams } from '../winnow.ts';
import type { TimeBasis } from '../timeline/types.ts';
import { byCodeUnits } from '../order.ts';

/** A sighting of the checked content, with what is needed to find who it came from. */
export interface ChainNode {
  sightingId: number;
  url: string;
  stage: string;
  /** The time the timeline places it at, and which time that is. */
  at: string;
  basis: TimeBasis;
  /** Normalised outlinks of the source. */
  links: readonly string[];
  /** Post ids this post reposts or quotes, and the post's own id, when it is a post. */
  postId: string | null;
  repostOf: string | null;
  quoteOf: string | null;
  /** The source's own text. */
  text: string;
}

export interface ChainEdge {
  url: string;
  stage: string;
  seenAt: string;
  basis: TimeBasis;
  parentUrl: string | null;
  reason: string;
}

/** Words a source must share with an earlier one, beyond the leaked text itself, to count as quoting it. */
export const QUOTE_WORDS = 12;

/** k-gram hashes (K words) of a text that are not k-grams of the leaked document: its own words. */
export function ownKgrams(text: string, leaked: ReadonlySet<number>): Set<number> {
  const { packed } = hashKgrams(tokenizeText(text));
  const out = new Set<number>();
  for (const h of packed) if (!leaked.has(h)) out.add(h);
  return out;
}

/**
 * The chain of sightings that carried a document, oldest first, each pointing
 * at its most likely parent and saying why: an explicit link to an earlier
 * sighting first, then a repost or quote of an earlier post, then quoting an
 * earlier sighting's own words (text that is not in the leaked document), and
 * otherwise the earliest earlier sighting of the same content.
 *
 * @example
 * buildChain(nodes, documentText)[1]; // { url: 'https://twitter.com/…', parentUrl: 'https://pastebin.com/raw/…', reason: 'links to it', … }
 */
export function buildChain(nodes: readonly ChainNode[], documentText: string): ChainEdge[] {
  const sorted = [...nodes].sort((a, b) => byCodeUnits(a.at, b.at) || a.sightingId - b.sightingId);
  const leaked = new Set(hashKgrams(tokenizeText(documentText)).packed);
  // the nodes placed so far, indexed: a node's parent is found by lookups, not by comparing it with every earlier node
  const seen = { urls: new Map<string, number>(), lastByUrl: new Map<string, number>(), byPostId: new Map<string, number[]>(), byOwnKgram: new Map<number, number[]>() };
  const edges: ChainEdge[] = [];
  sorted.forEach((node, i) => {
    const mine = ownKgrams(node.text, leaked);
    edges.push({ url: node.url, stage: node.stage, seenAt: node.at, basis: node.basis, ...parentOf(sorted, i, mine, seen) });
    seen.urls.set(node.url, (seen.urls.get(node.url) ?? 0) + 1);
    seen.lastByUrl.set(node.url, i);
    if (node.postId !== null) push(seen.byPostId, node.postId, i);
    for (const h of mine) push(seen.byOwnKgram, h, i);
  });
  return edges;
}

interface Seen {
  /** How many nodes so far have each URL. */
  urls: Map<string, number>;
  /** The latest node so far with each URL. */
  lastByUrl: Map<string, number>;
  /** The nodes so far of each post id, in order. */
  byPostId: Map<string, number[]>;
  /** The nodes so far whose own words hold each k-gram, in order. */
  byOwnKgram: Map<number, number[]>;
}

/** The parent of `sorted[i]` among the nodes before it (other sources than itself), and why. */
function parentOf(sorted: readonly ChainNode[], i: number, mine: ReadonlySet<number>, seen: Seen): Pick<ChainEdge, 'parentUrl' | 'reason'> {
  const node = sorted[i]!;
  const other = (j: number) => sorted[j]!.url !== node.url;
  if (i - (seen.urls.get(node.url) ?? 0) === 0) return { parentUrl: null, reason: 'earliest known appearance' };
  // the latest earlier sighting it links to
  let linked = -1;
  for (const url of node.links) {
    const j = url === node.url ? undefined : seen.lastByUrl.get(url);
    if (j !== undefined && j > linked) linked = j;
  }
  if (linked >= 0) return { parentUrl: sorted[linked]!.url, reason: 'links to it' };
  // the first earlier post it reposts or quotes
  const firstPost = (id: string | null) => (id === null ? -1 : (seen.byPostId.get(id)?.find(other) ?? -1));
  const [repost, quote] = [firstPost(node.repostOf), firstPost(node.quoteOf)];
  const reposted = repost >= 0 && (quote < 0 || repost <= quote) ? repost : quote;
  if (reposted >= 0) return { parentUrl: sorted[reposted]!.url, reason: sorted[reposted]!.postId === node.repostOf ? 'reposts it' : 'quotes the post' };
  // the earlier sighting sharing most of its own words (the earliest of equals)
  const shared = new Map<number, number>();
  for (const h of mine) for (const j of seen.byOwnKgram.get(h) ?? []) if (other(j)) shared.set(j, (shared.get(j) ?? 0) + 1);
  let quoted = -1;
  let best = 0;
  for (const [j, n] of shared) {
    // a shared passage of n words shares n − K + 1 k-grams
    if (n + K - 1 >= QUOTE_WORDS && (n > best || (n === best && j < quoted))) {
      best = n;
      quoted = j;
    }
  }
  if (quoted >= 0) return { parentUrl: sorted[quoted]!.url, reason: `quotes its own words (${best + K - 1} words that are not in the leaked document)` };
  let first = 0;
  while (!other(first)) first++;
  return { parentUrl: sorted[first]!.url, reason: 'earliest earlier sighting of the same content' };
}

function push<T>(index: Map<T, number[]>, key: T, value: number): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
