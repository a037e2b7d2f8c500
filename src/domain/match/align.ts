import type { Words } from '../normalise.ts';
import { K } from '../winnow.ts';
import { chainRuns } from './chain-runs.ts';
import { sharedRunsInGap } from './gap-diff.ts';

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

/**
 * Aligns a checked text against a document at word granularity: every
 * shared k-gram seeds a run, runs are extended word by word and chained in
 * order on both sides (the longest consistent chain), a word diff inside
 * each changed gap finds the shared words too short to seed a run, and what
 * lies between the aligned blocks is reported as inserted, removed or
 * changed words.
 *
 * @example
 * const a = alignWords(checkedWords, checkedKgrams, docWords, docKgrams);
 * a.gaps; // [{ type: 'inserted', checkedStart: 120, checkedEnd: 141, documentStart: 118, documentEnd: 118 }]
 */
export function alignWords(checked: Words, checkedKgrams: Float64Array, document: Words, documentKgrams: Float64Array): Alignment {
  const blocks = splitGaps(chainRuns(findRuns(checked, checkedKgrams, document, documentKgrams)), checked, document);
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

/** The chained blocks with the shared runs found inside each changed gap between them. */
function splitGaps(chain: Block[], checked: Words, document: Words): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < chain.length; i++) {
    const b = chain[i]!;
    blocks.push(b);
    const next = chain[i + 1];
    if (next) blocks.push(...sharedRunsInGap(checked, b.checkedEnd, next.checkedStart, document, b.documentEnd, next.documentStart));
  }
  return blocks;
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
