import type { Words } from '../../src/domain/normalise.ts';
import type { Edit } from './scenarios.ts';

export interface Span {
  checkedStart: number;
  checkedEnd: number;
  documentStart: number;
  documentEnd: number;
}

/** A truly altered passage, in the character offsets Leakline reports (word starts and ends; a point after the previous word on an empty side). */
export interface TrueRegion extends Span {
  type: 'inserted' | 'removed' | 'changed';
  /**
   * Every place the same alteration could be reported, itself included. An
   * insertion or removal next to the words it starts or ends with can slide:
   * removing "b a" from "a b a c" leaves the same text as removing "a b".
   */
  equivalents: Span[];
}

/** First word whose start is at or after `offset`. */
function wordAt(w: Words, offset: number): number {
  let lo = 0;
  let hi = w.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sameWord = (a: Words, i: number, b: Words, j: number) => a.hashA[i] === b.hashA[j] && a.hashB[i] === b.hashB[j];

/** Characters of words [s, e), or the point right after word s − 1 when empty. */
const side = (w: Words, s: number, e: number): [number, number] => (e > s ? [w.start[s]!, w.end[e - 1]!] : [w.end[s - 1]!, w.end[s - 1]!]);

/**
 * The ground truth of one altered copy: for each edit, the copy's words that
 * came from its new text and the document's words it replaced. Words equal at
 * both ends of a replacement ("The board …" for "The minister …") are not
 * altered, so they are trimmed off; an edit that changes no word is no
 * alteration.
 *
 * @param pieceRanges where each edit's new text ended up in the copy, by edit index
 */
export function trueRegions(edits: readonly Edit[], pieceRanges: ReadonlyArray<[number, number]>, copy: Words, doc: Words): TrueRegion[] {
  const regions: TrueRegion[] = [];
  edits.forEach((e, k) => {
    const [a, b] = pieceRanges[k]!;
    let cs = wordAt(copy, a);
    let ce = wordAt(copy, b);
    let ds = wordAt(doc, e.at);
    let de = wordAt(doc, e.end);
    while (cs < ce && ds < de && sameWord(copy, cs, doc, ds)) {
      cs++;
      ds++;
    }
    while (cs < ce && ds < de && sameWord(copy, ce - 1, doc, de - 1)) {
      ce--;
      de--;
    }
    if (cs === ce && ds === de) return;
    const span = (shift: number): Span => {
      const [checkedStart, checkedEnd] = side(copy, cs + shift, ce + shift);
      const [documentStart, documentEnd] = side(doc, ds + shift, de + shift);
      return { checkedStart, checkedEnd, documentStart, documentEnd };
    };
    const equivalents = [span(0)];
    // only one side holds words: it slides along equal words, the other side's point moving with it
    if ((cs === ce) !== (ds === de)) {
      const [w, s, e, other, o] = cs < ce ? [copy, cs, ce, doc, ds] : [doc, ds, de, copy, cs];
      for (let k = 1; s - k > 0 && o - k > 0 && sameWord(w, s - k, w, e - k); k++) equivalents.push(span(-k));
      for (let k = 0; e + k < w.count && o + k < other.count && sameWord(w, s + k, w, e + k); k++) equivalents.push(span(k + 1));
    }
    regions.push({ type: cs < ce && ds < de ? 'changed' : cs < ce ? 'inserted' : 'removed', ...equivalents[0]!, equivalents });
  });
  return regions.sort((x, y) => x.checkedStart - y.checkedStart || x.documentStart - y.documentStart);
}
