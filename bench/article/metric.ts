/**
 * The Zyte article-extraction benchmark's text metric, re-implemented from
 * its description: Unicode `\w+` tokens, 4-word shingles counted as a
 * multiset, per-document tp/fp/fn normalised so every page weighs the same,
 * and corpus precision and recall as means over the pages where each is
 * defined, F1 being their harmonic mean (not a mean of per-page F1).
 */

import { seededRandom } from '../../test/helpers/seeded-random.ts';

/** Python's `\w` on str: letters, numbers and the underscore (no combining marks). */
const WORD = /[\p{L}\p{N}_]+/gu;

export type Counts = readonly [tp: number, fp: number, fn: number];

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Tokens of a text as the benchmark sees them.
 *
 * @example
 * tokenize("It's 4:30, déjà vu"); // ['It', 's', '4', '30', 'déjà', 'vu']
 */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  // fewer than n tokens still make one (shorter) shingle, and no tokens make none
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    // U+0001 cannot occur inside a \w token, so joined shingles cannot collide
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Normalised true positives, false positives and false negatives of predicted
 * against true text, counted over 4-word shingles.
 *
 * @example
 * shingleCounts('a b c d e', 'a b c d'); // [0.5, 0, 0.5]
 */
export function shingleCounts(truth: string, predicted: string, n = 4): Counts {
  const t = shingles(truth, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

function precisionOf([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Corpus precision, recall and F1 from per-page counts.
 *
 * @example
 * corpusScores([[1, 0, 0], [0.5, 0.5, 0]]); // { precision: 0.75, recall: 1, f1: 0.857… }
 */
export function corpusScores(pages: readonly Counts[]): Scores {
  const precision = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const stdev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

/**
 * Standard deviation of precision, recall and F1 over bootstrap resamples of
 * the pages (drawn with replacement, `rounds` times, from a fixed seed).
 *
 * @example
 * bootstrapStd(pages, 1000, 42).f1; // e.g. 0.006
 */
export function bootstrapStd(pages: readonly Counts[], rounds: number, seed: number): Scores {
  const random = seededRandom(seed);
  const samples: Scores[] = [];
  for (let r = 0; r < rounds; r++) {
    const resample = Array.from({ length: pages.length }, () => pages[Math.floor(random() * pages.length)]!);
    samples.push(corpusScores(resample));
  }
  return {
    precision: stdev(samples.map((s) => s.precision)),
    recall: stdev(samples.map((s) => s.recall)),
    f1: stdev(samples.map((s) => s.f1)),
  };
}

/**
 * True when the two texts have the same token sequence.
 *
 * @example
 * sameTokens('Hello,  world', 'hello world'); // false (case counts)
 */
export function sameTokens(truth: string, predicted: string): boolean {
  const a = tokenize(truth);
  const b = tokenize(predicted);
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
