import { tokenizeText } from '../normalise.ts';
import { K, hashKgrams } from '../winnow.ts';
import type { TimeBasis } from '../timeline/types.ts';

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
const QUOTE_WORDS = 12;

/** k-gram hashes (K words) of a text that are not k-grams of the leaked document: its own words. */
function ownKgrams(text: string, leaked: ReadonlySet<number>): Set<number> {
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
  const sorted = [...nodes].sort((a, b) => a.at.localeCompare(b.at) || a.sightingId - b.sightingId);
  const leaked = new Set(hashKgrams(tokenizeText(documentText)).packed);
  const own = new Map<number, Set<number>>();
  const ownOf = (n: ChainNode) => {
    let set = own.get(n.sightingId);
    if (!set) own.set(n.sightingId, (set = ownKgrams(n.text, leaked)));
    return set;
  };
  const edges: ChainEdge[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const node = sorted[i]!;
    const earlier = sorted.slice(0, i).filter((e) => e.url !== node.url);
    const base = { url: node.url, stage: node.stage, seenAt: node.at, basis: node.basis };
    if (earlier.length === 0) {
      edges.push({ ...base, parentUrl: null, reason: 'earliest known appearance' });
      continue;
    }
    const linked = [...earlier].reverse().find((e) => node.links.includes(e.url));
    if (linked) {
      edges.push({ ...base, parentUrl: linked.url, reason: 'links to it' });
      continue;
    }
    const reposted = earlier.find((e) => e.postId !== null && (e.postId === node.repostOf || e.postId === node.quoteOf));
    if (reposted) {
      edges.push({ ...base, parentUrl: reposted.url, reason: reposted.postId === node.repostOf ? 'reposts it' : 'quotes the post' });
      continue;
    }
    const mine = ownOf(node);
    let quoted: ChainNode | null = null;
    let best = 0;
    for (const e of earlier) {
      let shared = 0;
      for (const h of ownOf(e)) if (mine.has(h)) shared++;
      // a shared passage of n words shares n − K + 1 k-grams
      if (shared + K - 1 >= QUOTE_WORDS && shared > best) {
        best = shared;
        quoted = e;
      }
    }
    if (quoted) {
      edges.push({ ...base, parentUrl: quoted.url, reason: `quotes its own words (${best + K - 1} words that are not in the leaked document)` });
      continue;
    }
    edges.push({ ...base, parentUrl: earlier[0]!.url, reason: 'earliest earlier sighting of the same content' });
  }
  return edges;
}
