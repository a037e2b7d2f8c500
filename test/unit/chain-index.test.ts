import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeText } from '../../src/domain/normalise.ts';
import { QUOTE_WORDS, buildChain, ownKgrams, type ChainEdge, type ChainNode } from '../../src/domain/provenance/chain.ts';
import { K, hashKgrams } from '../../src/domain/winnow.ts';

// The definition buildChain indexes: every node compared with every earlier one.
function naiveChain(nodes: readonly ChainNode[], documentText: string): ChainEdge[] {
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

const DOC = 'the transfer of forty thousand euros from the harbour fund to the regional account was completed on thursday after the donors asked to stay anonymous';
const WORDS = ['smoking', 'gun', 'opposition', 'looking', 'spring', 'campaign', 'earnest', 'really', 'this', 'is', 'what', 'they', 'hid'];
// comments of their own (not in DOC) long enough to be quoted, and one sharing a 13-word run with the first
const COMMENTS = [
  'this is the smoking gun that the opposition has been looking for since the spring campaign began in earnest',
  'they said this is the smoking gun that the opposition has been looking for since the spring and nothing else',
  'nobody in the ministry wanted to answer questions about where the money went or who signed the transfer order',
];
const URLS = ['https://paste.example/1', 'https://a.example/1', 'https://b.example/2', 'https://c.example/3', 'https://d.example/4', 'https://e.example/5', 'https://f.example/6'];

const text = fc
  .array(fc.oneof(fc.constant(DOC), fc.constantFrom(...COMMENTS), fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 30 }).map((w) => w.join(' '))), { maxLength: 3 })
  .map((parts) => parts.join('. '));
const nodeArb = fc.record({
  url: fc.constantFrom(...URLS),
  at: fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2024, 0, 1, 10, m)).toISOString()),
  links: fc.array(fc.constantFrom(...URLS), { maxLength: 2 }),
  postId: fc.option(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { nil: null }),
  repostOf: fc.option(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { nil: null }),
  quoteOf: fc.option(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { nil: null }),
  text,
});

describe('buildChain (indexed) against its definition', () => {
  it('gives the same parent and reason for every node', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 25 }), (raw) => {
        const nodes: ChainNode[] = raw.map((n, i) => ({ ...n, sightingId: i + 1, stage: 'amplification', basis: 'claimed' }));
        const expected: ChainEdge[] = naiveChain(nodes, DOC);
        expect(buildChain(nodes, DOC)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
