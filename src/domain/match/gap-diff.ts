import type { Words } from '../normalise.ts';
import type { Block } from './align.ts';

/**
 * Gaps with more word pairs than this (checked words × document words) are
 * left whole: the diff is quadratic, and a gap that large is a rewritten
 * passage, not a few words changed inside a sentence.
 */
export const MAX_GAP_DIFF_CELLS = 1 << 16;

/** A stretch of the diff: equal words (same count on both sides) or an edit (words only in the checked text, only in the document, or both). */
interface Segment {
  equal: boolean;
  checked: number;
  document: number;
}

const sameWord = (a: Words, i: number, b: Words, j: number) => a.hashA[i] === b.hashA[j] && a.hashB[i] === b.hashB[j];

/**
 * The runs of identical words inside a changed gap, found by a word-level
 * diff (longest common subsequence). Seeds are k-grams, so two changes fewer
 * than K words apart ("Arthur Laffer, founder and chairman of Laffer
 * Associates" with both names swapped) fall into one gap; the diff finds the
 * shared words between them and the gap splits into the changes a reader
 * sees.
 *
 * An LCS also pairs words two unrelated sentences share by chance ("the",
 * "of"). As in diff-match-patch's semantic cleanup (Fraser), an equality no
 * longer than the edits on both of its sides is folded into them, repeatedly:
 * a replaced sentence stays one change, a name swap inside a kept sentence
 * stays a name swap.
 *
 * @example
 * // checked "… Arthur Sprint, founder and chairman of Sprint Associates …", document "… Laffer … Laffer …"
 * sharedRunsInGap(cw, 10, 16, dw, 10, 16); // [{ checkedStart: 11, checkedEnd: 15, documentStart: 11, documentEnd: 15 }]
 */
export function sharedRunsInGap(checked: Words, cs: number, ce: number, document: Words, ds: number, de: number): Block[] {
  const n = ce - cs;
  const m = de - ds;
  if (n === 0 || m === 0 || n * m > MAX_GAP_DIFF_CELLS) return [];
  const segments = cleanUp(diffWords(checked, cs, n, document, ds, m));
  const blocks: Block[] = [];
  let i = cs;
  let j = ds;
  for (const s of segments) {
    if (s.equal) blocks.push({ checkedStart: i, checkedEnd: i + s.checked, documentStart: j, documentEnd: j + s.document });
    i += s.checked;
    j += s.document;
  }
  return blocks;
}

/** An LCS table of the suffixes, then one walk that takes a shared word whenever it lies on a longest path. */
function diffWords(checked: Words, cs: number, n: number, document: Words, ds: number, m: number): Segment[] {
  const width = m + 1;
  // at most 2^16 cells, so a length fits 16 bits
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = sameWord(checked, cs + i, document, ds + j)
        ? lcs[(i + 1) * width + j + 1]! + 1
        : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const segments: Segment[] = [];
  const push = (equal: boolean, c: number, d: number) => {
    const last = segments[segments.length - 1];
    if (last && last.equal === equal) {
      last.checked += c;
      last.document += d;
    } else segments.push({ equal, checked: c, document: d });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sameWord(checked, cs + i, document, ds + j) && lcs[i * width + j] === lcs[(i + 1) * width + j + 1]! + 1) {
      push(true, 1, 1);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      push(false, 0, 1);
      j++;
    } else {
      push(false, 1, 0);
      i++;
    }
  }
  return segments;
}

/**
 * Folds every equality that is no longer than the edit before it and the
 * edit after it (each measured by its longer side) into one edit, until none
 * is left. Equalities at the ends of the gap border an aligned block, not an
 * edit, and stay.
 */
function cleanUp(segments: Segment[]): Segment[] {
  const edit = (s: Segment) => Math.max(s.checked, s.document);
  for (let k = 1; k + 1 < segments.length; ) {
    const s = segments[k]!;
    const before = segments[k - 1]!;
    const after = segments[k + 1]!;
    if (!s.equal || s.checked > edit(before) || s.checked > edit(after)) {
      k++;
      continue;
    }
    segments.splice(k - 1, 3, { equal: false, checked: before.checked + s.checked + after.checked, document: before.document + s.document + after.document });
    // the merged edit is longer: the equality before it may now fold too
    k = Math.max(1, k - 2);
  }
  return segments;
}
