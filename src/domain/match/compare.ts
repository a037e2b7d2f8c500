import { Utf8Piece } from '../ascii-words.ts';
import { scanWords, tokenizeText, type Words } from '../normalise.ts';
import { hashKgrams, winnow, Winnower, type Fingerprints } from '../winnow.ts';
import { WordSink } from '../word-sink.ts';
import { alignWords, gapsBetween, type Block, type Gap } from './align.ts';

/** A text made ready for matching: words, every k-gram hash, the winnowed fingerprints. */
export interface PreparedText {
  text: string;
  words: Words;
  kgrams: Float64Array;
  fingerprints: Fingerprints;
}

/**
 * Tokenises and fingerprints a text for matching; synchronous and cheap, as it
 * runs on every crawled page and imported post.
 *
 * @example
 * const prepared = prepareText('They wired forty million euros to the campaign account before the vote.');
 * prepared.fingerprints.count; // 1
 */
export function prepareText(text: string): PreparedText {
  const words = tokenizeText(text);
  const { packed } = hashKgrams(words);
  return { text, words, kgrams: packed, fingerprints: winnow(packed, words) };
}

const quickWinnower = new Winnower();
const quickPiece = new Utf8Piece();
const quickSink = new WordSink(1024, 1 << 12, (s) => quickWinnower.add(s.hashA, s.hashB, s.start, s.count));

/**
 * The fingerprint hashes `prepareText` would give a text, and its word count,
 * computed into buffers reused from call to call: the cheap test that rules
 * out the texts that match nothing (most crawled pages and imported posts)
 * allocates nothing. The hashes are valid until the next call.
 *
 * @example
 * const { hashes } = quickFingerprints(post.text);
 * if (hashes.some((h) => index.has(h))) matchFully(prepareText(post.text));
 */
export function quickFingerprints(text: string): { hashes: Float64Array; words: number } {
  quickWinnower.reset();
  scanWords(text, quickSink, quickPiece);
  // a long page grows the normalised-text buffer: do not keep it
  if (quickSink.bytes.length > 1 << 20) quickSink.release();
  return { hashes: quickWinnower.keptHashes(), words: quickSink.words };
}

/** Same normalised text: the same bytes once normalised. */
function sameNormalisedText(a: Words, b: Words): boolean {
  const x = a.normalised;
  const y = b.normalised;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export type MatchKind = 'exact' | 'excerpt' | 'near' | 'altered';

export interface MatchThresholds {
  /** Identical words a match needs at the least (a distinctive quote is longer than a common phrase). */
  minMatchedWords: number;
  /** Share of the document present for a copy to count as the whole document (near or altered) rather than an excerpt. */
  wholeDocumentCoverage: number;
}

/**
 * Defaults, and why:
 * - 10 words: five-word phrases recur by chance in large corpora, two
 *   of them in a row almost never do; a quoted sentence is longer.
 * - 60% of the document: a copy missing a few paragraphs is still presented
 *   as "the document", so changes inside it are alterations, not quoting.
 */
export const DEFAULT_THRESHOLDS: MatchThresholds = { minMatchedWords: 10, wholeDocumentCoverage: 0.6 };

export interface CharSpan {
  checkedStart: number;
  checkedEnd: number;
  documentStart: number;
  documentEnd: number;
}

export interface Alteration extends CharSpan {
  type: Gap['type'];
  /** The new text in the checked copy (inserted, changed), or the missing original text (removed). */
  text: string;
  /** The original text a change replaced. */
  originalText?: string;
}

export interface Comparison {
  kind: MatchKind;
  /** Dice similarity over words: 2 × matched / (checked words + document words). */
  similarity: number;
  coverage: { checked: number; document: number };
  matchedWords: number;
  spans: CharSpan[];
  alterations: Alteration[];
}

/**
 * Compares a checked text with a leaked document: aligned passages, how much
 * of each side they cover, the kind of match, and every inserted, removed or
 * changed passage inside the aligned stretch. Null when they share too little.
 *
 * @example
 * const c = compareTexts(prepareText(post), prepareText(document));
 * c?.kind; // 'excerpt'
 */
export function compareTexts(checked: PreparedText, document: PreparedText, thresholds: MatchThresholds = DEFAULT_THRESHOLDS): Comparison | null {
  const cw = checked.words;
  const dw = document.words;
  if (cw.count === 0 || dw.count === 0) return null;
  if (sameNormalisedText(cw, dw)) {
    const span = { checkedStart: cw.start[0]!, checkedEnd: cw.end[cw.count - 1]!, documentStart: dw.start[0]!, documentEnd: dw.end[dw.count - 1]! };
    return { kind: 'exact', similarity: 1, coverage: { checked: 1, document: 1 }, matchedWords: cw.count, spans: [span], alterations: [] };
  }
  const alignment = alignWords(cw, checked.kgrams, dw, document.kgrams);
  const matched = alignment.matchedWords;
  const coverage = { checked: matched / cw.count, document: matched / dw.count };
  const shortAndWhole = coverage.checked >= 0.9 && matched >= Math.min(thresholds.minMatchedWords, dw.count);
  if (matched < thresholds.minMatchedWords && !shortAndWhole) return null;

  slideGaps(alignment.blocks, checked, document);
  const spans = alignment.blocks.map((b) => blockSpan(b, cw, dw));
  const alterations = gapsBetween(alignment.blocks).map((g) => gapAlteration(g, checked, document));
  const whole = coverage.document >= thresholds.wholeDocumentCoverage;
  const kind: MatchKind = whole ? (alterations.length > 0 ? 'altered' : 'near') : 'excerpt';
  return { kind, similarity: (2 * matched) / (cw.count + dw.count), coverage, matchedWords: matched, spans, alterations };
}

function blockSpan(b: Block, cw: Words, dw: Words): CharSpan {
  return { checkedStart: cw.start[b.checkedStart]!, checkedEnd: cw.end[b.checkedEnd - 1]!, documentStart: dw.start[b.documentStart]!, documentEnd: dw.end[b.documentEnd - 1]! };
}

/**
 * Character offsets of a gap: the words between two aligned blocks. An empty
 * side is a point, placed right after the previous block's last word.
 */
function gapAlteration(g: Gap, checked: PreparedText, document: PreparedText): Alteration {
  const cw = checked.words;
  const dw = document.words;
  const side = (w: Words, start: number, end: number): [number, number] => (end > start ? [w.start[start]!, w.end[end - 1]!] : [w.end[start - 1]!, w.end[start - 1]!]);
  const [checkedStart, checkedEnd] = side(cw, g.checkedStart, g.checkedEnd);
  const [documentStart, documentEnd] = side(dw, g.documentStart, g.documentEnd);
  const newText = checked.text.slice(checkedStart, checkedEnd);
  const oldText = document.text.slice(documentStart, documentEnd);
  const base = { type: g.type, checkedStart, checkedEnd, documentStart, documentEnd };
  if (g.type === 'removed') return { ...base, text: oldText };
  if (g.type === 'changed') return { ...base, text: newText, originalText: oldText };
  return { ...base, text: newText };
}

const sameWord = (w: Words, i: number, j: number) => w.hashA[i] === w.hashA[j] && w.hashB[i] === w.hashB[j];
const SENTENCE_END = /[.!?…:;]["'”’»)\]]*\s*$/;

/**
 * An inserted or removed passage between two aligned blocks can often sit a
 * few words earlier or later with the same result ("… Thursday. The minister
 * … writing. The donors …": the inserted run may start at either "The"). It
 * is slid to where it starts a sentence when it can, else as far left as it
 * goes, so that a forged sentence is reported as the sentence a reader sees.
 */
function slideGaps(blocks: Block[], checked: PreparedText, document: PreparedText): void {
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i]!;
    const n = blocks[i + 1]!;
    const inserted = n.checkedStart - b.checkedEnd;
    const removed = n.documentStart - b.documentEnd;
    if ((inserted > 0) === (removed > 0)) continue;
    // the side holding the passage, and how the gap may move along it
    const w = inserted > 0 ? checked.words : document.words;
    const text = inserted > 0 ? checked.text : document.text;
    let start = inserted > 0 ? b.checkedEnd : b.documentEnd;
    let end = inserted > 0 ? n.checkedStart : n.documentStart;
    const lowest = inserted > 0 ? b.checkedStart : b.documentStart;
    const highest = inserted > 0 ? n.checkedEnd : n.documentEnd;
    while (start - 1 > lowest && sameWord(w, start - 1, end - 1)) {
      start--;
      end--;
    }
    let best = start;
    const startsSentence = (at: number) => at === 0 || SENTENCE_END.test(text.slice(Math.max(0, w.start[at]! - 8), w.start[at]!));
    for (let at = start; ; at++) {
      if (startsSentence(at)) {
        best = at;
        break;
      }
      if (!(at + (end - start) < highest - 1 && sameWord(w, at, at + (end - start)))) break;
    }
    const shift = best - (inserted > 0 ? b.checkedEnd : b.documentEnd);
    if (shift === 0) continue;
    blocks[i] = { ...b, checkedEnd: b.checkedEnd + shift, documentEnd: b.documentEnd + shift };
    blocks[i + 1] = { ...n, checkedStart: n.checkedStart + shift, documentStart: n.documentStart + shift };
  }
}
