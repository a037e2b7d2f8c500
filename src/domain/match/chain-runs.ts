import type { Block } from './align.ts';

/** Runs considered for chaining; beyond it the longest are kept. */
const MAX_RUNS = 4000;
/** Up to this many runs every pair is tried: cheaper than building the sweep's indexes. */
const PAIRWISE_RUNS = 64;

/** Runs as flat arrays, in chaining order (checked start, then document start). */
interface Runs {
  n: number;
  cs: Int32Array;
  ce: Int32Array;
  ds: Int32Array;
  de: Int32Array;
}

/** Best chain weight ending at each run and the run before it in that chain (−1: none). */
interface Scores {
  best: Float64Array;
  prev: Int32Array;
}

/**
 * The heaviest chain of runs increasing on both sides (weighted longest
 * increasing subsequence). Neighbouring runs may overlap by a few words (a
 * common word on both sides of an insertion extends the run before it), so
 * the later run is trimmed by the overlap: no word is counted twice. Among
 * equally heavy predecessors the earliest wins.
 *
 * @example
 * chainRuns([{ checkedStart: 0, checkedEnd: 20, documentStart: 0, documentEnd: 20 }, { checkedStart: 25, checkedEnd: 60, documentStart: 20, documentEnd: 55 }]);
 * // both runs, in order: 5 words inserted between them
 */
export function chainRuns(all: readonly Block[]): Block[] {
  const sorted = (all.length > MAX_RUNS ? [...all].sort((a, b) => b.checkedEnd - b.checkedStart - (a.checkedEnd - a.checkedStart)).slice(0, MAX_RUNS) : [...all]).sort(
    (a, b) => a.checkedStart - b.checkedStart || a.documentStart - b.documentStart,
  );
  const n = sorted.length;
  if (n === 0) return [];
  const runs: Runs = { n, cs: new Int32Array(n), ce: new Int32Array(n), ds: new Int32Array(n), de: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const r = sorted[i]!;
    runs.cs[i] = r.checkedStart;
    runs.ce[i] = r.checkedEnd;
    runs.ds[i] = r.documentStart;
    runs.de[i] = r.documentEnd;
  }
  const { best, prev } = n <= PAIRWISE_RUNS ? scorePairwise(runs) : scoreBySweep(runs);
  let top = 0;
  for (let i = 1; i < n; i++) if (best[i]! > best[top]!) top = i;
  const chain: Block[] = [];
  for (let i = top; i >= 0; i = prev[i]!) chain.push(sorted[i]!);
  chain.reverse();
  for (let i = 1; i < chain.length; i++) {
    const q = chain[i - 1]!;
    const r = chain[i]!;
    const overlap = Math.max(0, q.checkedEnd - r.checkedStart, q.documentEnd - r.documentStart);
    if (overlap > 0) chain[i] = { checkedStart: r.checkedStart + overlap, checkedEnd: r.checkedEnd, documentStart: r.documentStart + overlap, documentEnd: r.documentEnd };
  }
  return chain;
}

/** Chooses run p as predecessor when it scores higher, or as high and earlier. */
function better(score: number, p: number, bestScore: number, bestP: number): boolean {
  return score > bestScore || (score === bestScore && bestP >= 0 && p < bestP);
}

/** Every earlier run tried as predecessor of every run: quadratic, for few runs. */
function scorePairwise({ n, cs, ce, ds, de }: Runs): Scores {
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const length = ce[i]! - cs[i]!;
    let score = length;
    let from = -1;
    for (let p = 0; p < i; p++) {
      if (cs[p]! >= cs[i]! || ds[p]! >= ds[i]!) continue;
      const overlap = Math.max(0, ce[p]! - cs[i]!, de[p]! - ds[i]!);
      if (overlap >= length) continue;
      if (better(best[p]! + length - overlap, p, score, from)) {
        score = best[p]! + length - overlap;
        from = p;
      }
    }
    best[i] = score;
    prev[i] = from;
  }
  return { best, prev };
}

/**
 * The same scores without trying every pair. Repetitive texts (HTML mail,
 * forms, tables) give thousands of runs, one for each pairing of a repeated
 * phrase, and the pairwise loop took tens of milliseconds on them.
 * - A predecessor that ends before a run on both sides adds its whole weight:
 *   the best of those comes from a prefix-maximum tree over document end
 *   positions, filled as the sweep passes their checked ends.
 * - One that overlaps must end inside the run on one side (an overlap as
 *   long as the run would leave nothing of it), so only runs ending there
 *   are tried, found in the runs sorted by end.
 */
function scoreBySweep({ n, cs, ce, ds, de }: Runs): Scores {
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  const byCheckedEnd = order(ce);
  const byDocumentEnd = order(de);
  const checkedEnds = byCheckedEnd.map((k) => ce[k]!);
  const documentEnds = byDocumentEnd.map((k) => de[k]!);
  const ended = new PrefixMax(documentEnds[n - 1]! + 1);
  let entered = 0;
  for (let i = 0; i < n; i++) {
    const rcs = cs[i]!;
    const rds = ds[i]!;
    const length = ce[i]! - rcs;
    let score = length;
    let from = -1;
    while (entered < n && checkedEnds[entered]! <= rcs) {
      const q = byCheckedEnd[entered++]!;
      ended.add(de[q]!, best[q]!, q);
    }
    const before = ended.upTo(rds);
    if (before >= 0) {
      score = best[before]! + length;
      from = before;
    }
    for (let side = 0; side < 2; side++) {
      const ordered = side === 0 ? byCheckedEnd : byDocumentEnd;
      const ends = side === 0 ? checkedEnds : documentEnds;
      const stop = side === 0 ? ce[i]! : de[i]!;
      for (let k = firstAfter(ends, side === 0 ? rcs : rds); k < n && ends[k]! < stop; k++) {
        const p = ordered[k]!;
        if (cs[p]! >= rcs || ds[p]! >= rds) continue;
        const overlap = Math.max(0, ce[p]! - rcs, de[p]! - rds);
        if (overlap >= length) continue;
        if (better(best[p]! + length - overlap, p, score, from)) {
          score = best[p]! + length - overlap;
          from = p;
        }
      }
    }
    best[i] = score;
    prev[i] = from;
  }
  return { best, prev };
}

/** Run indexes sorted by a position (ties by index). */
function order(position: Int32Array): Int32Array {
  const indexes = new Int32Array(position.length);
  for (let i = 0; i < indexes.length; i++) indexes[i] = i;
  return indexes.sort((a, b) => position[a]! - position[b]! || a - b);
}

/** First index of an ascending array whose value is greater than `value`. */
function firstAfter(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A Fenwick tree of maxima over positions: add a scored item at a position,
 * ask for the best item at or before a position (the lowest index on ties).
 */
class PrefixMax {
  private readonly score: Float64Array;
  private readonly item: Int32Array;

  constructor(size: number) {
    this.score = new Float64Array(size + 1).fill(-1);
    this.item = new Int32Array(size + 1).fill(-1);
  }

  add(position: number, score: number, item: number): void {
    for (let x = position + 1; x < this.score.length; x += x & -x) {
      if (score > this.score[x]! || (score === this.score[x]! && item < this.item[x]!)) {
        this.score[x] = score;
        this.item[x] = item;
      }
    }
  }

  /** The best item at a position ≤ `position`, or −1. */
  upTo(position: number): number {
    let s = -1;
    let found = -1;
    for (let x = Math.min(position + 1, this.score.length - 1); x > 0; x -= x & -x) {
      if (this.score[x]! > s || (this.score[x]! === s && this.item[x]! < found)) {
        s = this.score[x]!;
        found = this.item[x]!;
      }
    }
    return found;
  }
}
