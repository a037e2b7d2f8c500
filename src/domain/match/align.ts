import type { Words } from '../normalise.ts';
import { K } from '../winnow.ts';

/** A run of identical words: [start, end) word indices on each side. */
export interface Block {
  checkedStart: number;
  checkedEnd: number;
  documentStart: number;
  documentEnd: number;
}

/** Text between two aligned blocks: new words, missing words, or both. */
export interface Gap {
  type: 'inserted' | 'removed' | 'changed';
  checkedStart: number;
  checkedEnd: number;
  documentStart: number;
  documentEnd: number;
}

export interface Alignment {
  blocks: Block[];
  /** Differences inside the aligned stretch (not before the first or after the last block). */
  gaps: Gap[];
  /** Words of the checked text inside blocks. */
  matchedWords: number;
}

/** Seeds per shared k-gram beyond which a repeated phrase stops adding candidates. */
const MAX_SEEDS_PER_HASH = 16;
/** Runs considered for chaining; beyond it the longest are kept. */
const MAX_RUNS = 4000;

/**
 * Aligns a checked text against a document at word granularity: every
 * shared k-gram seeds a run, runs are extended word by word and chained in
 * order on both sides (the longest consistent chain), and what lies between
 * chained runs is reported as inserted, removed or changed words.
 *
 * @example
 * const a = alignWords(checkedWords, checkedKgrams, docWords, docKgrams);
 * a.gaps; // [{ type: 'inserted', checkedStart: 120, checkedEnd: 141, documentStart: 118, documentEnd: 118 }]
 */
export function alignWords(checked: Words, checkedKgrams: Float64Array, document: Words, documentKgrams: Float64Array): Alignment {
  const blocks = chainRuns(findRuns(checked, checkedKgrams, document, documentKgrams));
  const matchedWords = blocks.reduce((n, b) => n + b.checkedEnd - b.checkedStart, 0);
  return { blocks, gaps: gapsBetween(blocks), matchedWords };
}

/** What lies between consecutive aligned blocks: new words, missing words, or both. */
export function gapsBetween(blocks: readonly Block[]): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1]!;
    const inserted = next.checkedStart - b.checkedEnd;
    const removed = next.documentStart - b.documentEnd;
    if (inserted === 0 && removed === 0) continue;
    gaps.push({
      type: inserted > 0 && removed > 0 ? 'changed' : inserted > 0 ? 'inserted' : 'removed',
      checkedStart: b.checkedEnd,
      checkedEnd: next.checkedStart,
      documentStart: b.documentEnd,
      documentEnd: next.documentStart,
    });
  }
  return gaps;
}

const sameWord = (a: Words, i: number, b: Words, j: number) => a.hashA[i] === b.hashA[j] && a.hashB[i] === b.hashB[j];

/** Maximal runs of identical words that contain at least one shared k-gram. */
function findRuns(checked: Words, checkedKgrams: Float64Array, document: Words, documentKgrams: Float64Array): Block[] {
  const positions = new Map<number, number[]>();
  for (let i = 0; i < checkedKgrams.length; i++) {
    const h = checkedKgrams[i]!;
    const list = positions.get(h);
    if (!list) positions.set(h, [i]);
    else if (list.length < MAX_SEEDS_PER_HASH) list.push(i);
  }
  const runs: Block[] = [];
  // the furthest document word already covered on each diagonal, so a run is extended once
  const covered = new Map<number, number>();
  for (let j = 0; j < documentKgrams.length; j++) {
    const list = positions.get(documentKgrams[j]!);
    if (!list) continue;
    for (const i of list) {
      const diagonal = j - i;
      if ((covered.get(diagonal) ?? -1) > j) continue;
      let s = i;
      let t = j;
      while (s > 0 && t > 0 && sameWord(checked, s - 1, document, t - 1)) {
        s--;
        t--;
      }
      let e = i;
      let f = j;
      while (e < checked.count && f < document.count && sameWord(checked, e, document, f)) {
        e++;
        f++;
      }
      if (e - s < K) continue; // a hash collision, not a shared k-gram
      covered.set(diagonal, f);
      runs.push({ checkedStart: s, checkedEnd: e, documentStart: t, documentEnd: f });
    }
  }
  return runs;
}

/**
 * The heaviest chain of runs increasing on both sides (weighted longest
 * increasing subsequence). Neighbouring runs may overlap by a few words (a
 * common word on both sides of an insertion extends the run before it), so
 * the later run is trimmed by the overlap: no word is counted twice.
 */
function chainRuns(all: Block[]): Block[] {
  const runs = (all.length > MAX_RUNS ? [...all].sort((a, b) => b.checkedEnd - b.checkedStart - (a.checkedEnd - a.checkedStart)).slice(0, MAX_RUNS) : all).sort(
    (a, b) => a.checkedStart - b.checkedStart || a.documentStart - b.documentStart,
  );
  const n = runs.length;
  if (n === 0) return [];
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const r = runs[i]!;
    const length = r.checkedEnd - r.checkedStart;
    best[i] = length;
    for (let p = 0; p < i; p++) {
      const q = runs[p]!;
      if (q.checkedStart >= r.checkedStart || q.documentStart >= r.documentStart) continue;
      const overlap = overlapOf(q, r);
      if (overlap >= length) continue;
      const score = best[p]! + length - overlap;
      if (score > best[i]!) {
        best[i] = score;
        prev[i] = p;
      }
    }
    if (best[i]! > best[top]!) top = i;
  }
  const chain: Block[] = [];
  for (let i = top; i >= 0; i = prev[i]!) chain.push(runs[i]!);
  chain.reverse();
  for (let i = 1; i < chain.length; i++) {
    const overlap = overlapOf(chain[i - 1]!, chain[i]!);
    if (overlap > 0) {
      const r = chain[i]!;
      chain[i] = { checkedStart: r.checkedStart + overlap, checkedEnd: r.checkedEnd, documentStart: r.documentStart + overlap, documentEnd: r.documentEnd };
    }
  }
  return chain;
}

/** Words the start of run r shares with the end of run q, on whichever side they overlap more. */
const overlapOf = (q: Block, r: Block) => Math.max(0, q.checkedEnd - r.checkedStart, q.documentEnd - r.documentStart);
