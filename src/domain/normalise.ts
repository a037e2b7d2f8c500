import { Utf8Piece, type AsciiScanner } from './ascii-words.ts';
import { WordSink } from './word-sink.ts';

/**
 * Normalisation and word tokenisation in one pass.
 *
 * The normalised form of a text is its words, each Unicode NFKC-normalised and
 * case-folded, joined by single spaces: whitespace, punctuation and symbols
 * only separate words. Han, kana and the scripts written without spaces
 * (Thai, Lao, Khmer, Myanmar) count one character, with its combining marks,
 * as one word. A combining mark with no word before it (the variation
 * selector of an emoji, a stray accent) separates words like a symbol.
 *
 * Runs of ASCII go through a fast path that reads four bytes at a time
 * (ascii-words.ts). Elsewhere NFKC is the slow step (tens of MB/s), so each
 * character's class is learnt once and cached: a word made only of characters
 * that NFKC leaves alone and that lower-case to one character is written
 * straight out; only words with other characters (combining marks,
 * compatibility forms, ß, surrogates…) are sliced and normalised as a whole.
 * Each word is hashed once, from its normalised bytes (hash.ts), whichever
 * way it was written.
 */
export interface Words {
  /** Number of words. */
  count: number;
  /** Two independent 32-bit hashes of each word's normalised UTF-8 bytes. */
  hashA: Uint32Array;
  hashB: Uint32Array;
  /** Start and end of each word in the original text (UTF-16 code units). */
  start: Uint32Array;
  end: Uint32Array;
  /** The normalised text as UTF-8 bytes. */
  normalised: Uint8Array;
}

const SEP = 1;
const FAST = 2; // a word character written straight out (after LOWER)
const SLOW = 3; // a word character that needs NFKC and folding of its word
const SOLO = 4; // a character that is a word by itself (Han, kana, Thai…)
const SOLO_SLOW = 5;
const JOIN = 6; // a combining mark: part of the word before it, a separator when there is none

const CLASS = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);

for (let c = 0; c < 128; c++) {
  const isDigit = c >= 48 && c <= 57;
  const isUpper = c >= 65 && c <= 90;
  const isLower = c >= 97 && c <= 122;
  CLASS[c] = isDigit || isUpper || isLower ? FAST : SEP;
  LOWER[c] = isUpper ? c + 32 : c;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const MARK = /^\p{M}$/u;
const MARKS = /^\p{M}+$/u;
const SOLO_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const isJamo = (c: number) => (c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);

function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (!WORD_CHAR.test(ch)) return SEP;
  // marks, and letters that NFKC turns into marks (half-width kana voicing marks)
  if (MARKS.test(ch.normalize('NFKC'))) return JOIN;
  const solo = SOLO_SCRIPT.test(ch);
  if (cp > 0xffff || MARK.test(ch) || isJamo(cp) || ch.normalize('NFKC') !== ch) return solo ? SOLO_SLOW : SLOW;
  const lower = ch.toLowerCase();
  if (lower.length !== 1 || lower === 'ß' || lower === 'ς' || lower.normalize('NFKC') !== lower) return solo ? SOLO_SLOW : SLOW;
  return solo ? SOLO : FAST;
}

function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    if (c >= 0xd800 && c <= 0xdfff) return SLOW; // resolved per occurrence: surrogates are never cached
    k = classifyCodePoint(c);
    CLASS[c] = k;
    if (k === FAST || k === SOLO) LOWER[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);
  }
  return k;
}

/**
 * Whether the character with UTF-16 code unit c (in the BMP, outside the
 * surrogates) only ever separates words, as ASCII punctuation does: a curly
 * quote or a dash, not a letter, digit or mark.
 *
 * @example
 * separatesWords(0x2019); // true: ’
 * separatesWords(0xe9); // false: é
 */
export function separatesWords(c: number): boolean {
  return c < 0xd800 || c > 0xdfff ? classOf(c) === SEP : false;
}

/** Full case folds that `toLowerCase` leaves out. */
const FOLDS: Record<string, string> = { ß: 'ss', ς: 'σ', ẞ: 'ss' };
const FOLD_RE = /[ßςẞ]/g;

/** NFKC and case folding of one slice of text, the slow path. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(FOLD_RE, (m) => FOLDS[m]!);
}

/**
 * Writes the run of ASCII letters and digits starting at text[i] into the
 * open word and returns where it stops.
 */
function writeAsciiRun(sink: WordSink, text: string, i: number, n: number): number {
  const lower = LOWER;
  const classes = CLASS;
  let j = i;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c >= 128 || classes[c] !== FAST) break;
    j++;
  }
  sink.reserveBytes(j - i);
  const bytes = sink.bytes;
  let length = sink.length;
  for (let k = i; k < j; k++) bytes[length++] = lower[text.charCodeAt(k)]!;
  sink.length = length;
  return j;
}

/**
 * Writes the run of written-straight-out characters (class FAST, ASCII or
 * not: Cyrillic, Greek, accented Latin…) starting at text[i], lower-cased
 * as UTF-8, and returns where it stops: the first code unit of another class
 * or not yet classified.
 */
function writeFastRun(sink: WordSink, text: string, i: number, n: number): number {
  const classes = CLASS;
  const lower = LOWER;
  let bytes = sink.bytes;
  let length = sink.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (classes[c] !== FAST) break;
    // FAST characters lie in the BMP outside the surrogates: at most 3 bytes
    if (length + 12 > bytes.length) {
      sink.length = length;
      sink.reserveBytes(3);
      bytes = sink.bytes;
    }
    const l = lower[c]!;
    if (l < 0x80) bytes[length++] = l;
    else if (l < 0x800) {
      bytes[length++] = 0xc0 | (l >> 6);
      bytes[length++] = 0x80 | (l & 63);
    } else {
      bytes[length++] = 0xe0 | (l >> 12);
      bytes[length++] = 0x80 | ((l >> 6) & 63);
      bytes[length++] = 0x80 | (l & 63);
    }
  }
  sink.length = length;
  return i;
}

/** Writes an already normalised string as words, all pointing at one span of the original. */
function writeFolded(sink: WordSink, folded: string, start: number, end: number): void {
  let open = false;
  let solo = false; // the open word is one solo character, open only to its marks
  for (const ch of folded) {
    const cp = ch.codePointAt(0)!;
    const k = cp < 0x10000 ? classOf(cp) : classifyCodePoint(cp);
    if (k === JOIN) {
      if (open) sink.writeCodePoint(cp);
      continue;
    }
    if (open && (k === SEP || k === SOLO || k === SOLO_SLOW || solo)) {
      sink.finish(start, end);
      open = false;
    }
    if (k === SEP) continue;
    if (!open) sink.begin();
    open = true;
    solo = k === SOLO || k === SOLO_SLOW;
    sink.writeCodePoint(cp);
  }
  if (open) sink.finish(start, end);
}

/**
 * Splits a text into normalised words with their offsets and hashes.
 *
 * @example
 * const words = tokenizeText('Hello,  WORLD!');
 * words.count; // 2
 * new TextDecoder().decode(words.normalised); // 'hello world'
 * [words.start[1], words.end[1]]; // [8, 13]
 */
export function tokenizeText(text: string): Words {
  const sink = scratch;
  scanWords(text, sink, ownPiece);
  const count = sink.count;
  // the caller keeps the result: copies of the used part, the scratch stays for the next text
  const words = {
    count,
    hashA: sink.hashA.slice(0, count),
    hashB: sink.hashB.slice(0, count),
    start: sink.start.slice(0, count),
    end: sink.end.slice(0, count),
    normalised: sink.bytes.slice(0, sink.length),
  };
  if (sink.hashA.length > KEEP_WORDS || sink.bytes.length > 8 * KEEP_WORDS) scratch = new WordSink(1024, 8192);
  return words;
}

/** Scratch for tokenizeText, which grows with the longest text and is dropped past this many words. */
const KEEP_WORDS = 1 << 16;
let scratch = new WordSink(1024, 8192);
const ownPiece = new Utf8Piece();

/**
 * Tokenises a text into a sink (see WordSink for its two modes), reading its
 * ASCII runs through `ascii` (a `Utf8Piece`, or the WebAssembly scanner of
 * wasm-words.ts), and flushes the sink at the end.
 */
export function scanWords(text: string, sink: WordSink, ascii: AsciiScanner): void {
  const n = text.length;
  ascii.reset();
  sink.reset();
  let wordStart = -1;
  let slow = false;
  let solo = false; // the open word is one solo character, open only to its marks

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // most text is ASCII: a separator ends the open word, a run of letters and digits extends it
      const sep = CLASS[c] === SEP;
      if (wordStart >= 0 && (sep || solo)) {
        endWord(sink, text, wordStart, i, slow);
        wordStart = -1;
        slow = false;
        solo = false;
      }
      // between words, ASCII goes through the fast path: not worth starting unless the next few characters are ASCII too
      if (wordStart < 0 && (i + 3 >= n || (text.charCodeAt(i + 1) | text.charCodeAt(i + 2) | text.charCodeAt(i + 3)) < 128)) {
        const next = ascii.write(sink, text, i);
        if (next !== i) {
          i = next;
          continue;
        }
      }
      if (sep) i++;
      else {
        if (wordStart < 0) {
          wordStart = i;
          sink.begin();
        }
        i = writeAsciiRun(sink, text, i, n);
      }
      continue;
    }

    let k = classOf(c);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        k = classifyCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        width = 2;
      } else k = SEP;
    } else if (c >= 0xd800 && c <= 0xdfff) k = SEP;

    if (k === JOIN) {
      // a mark joins the word before it; with none it marks nothing and only separates
      if (wordStart >= 0) slow = true;
    } else {
      if (wordStart >= 0 && (k === SEP || k === SOLO || k === SOLO_SLOW || solo)) {
        endWord(sink, text, wordStart, i, slow);
        wordStart = -1;
        slow = false;
      }
      // a solo character is a word of its own, kept open only for the marks after it
      solo = k === SOLO || k === SOLO_SLOW;
      if (k !== SEP) {
        if (wordStart < 0) {
          wordStart = i;
          sink.begin();
        }
        if (k === FAST) {
          i = writeFastRun(sink, text, i, n);
          continue;
        }
        if (k === SOLO) sink.writeCodePoint(LOWER[c]!);
        else slow = true;
      }
    }
    i += width;
  }
  if (wordStart >= 0) endWord(sink, text, wordStart, n, slow);
  sink.flush();
}

/**
 * Closes the word text[start, end): a slow word's fast-path bytes are dropped
 * and the word is written again from its NFKC, case-folded form.
 */
function endWord(sink: WordSink, text: string, start: number, end: number, slow: boolean): void {
  if (slow) {
    sink.rewind();
    writeFolded(sink, foldText(text.slice(start, end)), start, end);
  } else {
    sink.finish(start, end);
  }
}

const decoder = new TextDecoder();

/**
 * The normalised form of a text: NFKC, case-folded, words joined by one space.
 *
 * @example
 * normaliseText('The  “Quick”\nbrown FOX.'); // 'the quick brown fox'
 */
export function normaliseText(text: string): string {
  return decoder.decode(tokenizeText(text).normalised);
}
