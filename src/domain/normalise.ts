import { FNV_PRIME, LANE_A_SEED, LANE_B_PRIME, LANE_B_SEED, fmix32 } from './hash.ts';

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
 * NFKC is the slow step (tens of MB/s), so each character's class is learnt
 * once and cached: a word made only of characters that NFKC leaves alone and
 * that lower-case to one character is written straight out; only words with
 * other characters (combining marks, compatibility forms, ß, surrogates…) are
 * sliced and normalised as a whole.
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

/**
 * ASCII letters and digits lower-cased, 0 for every other UTF-16 code unit
 * (separators and everything past ASCII): the hot loops read one table with
 * no range test first.
 */
const ASCII_WORD = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if (CLASS[c] === FAST) ASCII_WORD[c] = LOWER[c]!;

/** The two word hashes: FNV-1a lanes over the UTF-8 bytes, finished with the length. */
const wordHashA = (a: number, length: number) => fmix32(a ^ length);
const wordHashB = (b: number, length: number) => fmix32(b + Math.imul(length, 0x9e3779b1));

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

/** Full case folds that `toLowerCase` leaves out. */
const FOLDS: Record<string, string> = { ß: 'ss', ς: 'σ', ẞ: 'ss' };
const FOLD_RE = /[ßςẞ]/g;

/** NFKC and case folding of one slice of text, the slow path. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(FOLD_RE, (m) => FOLDS[m]!);
}

class WordSink {
  count = 0;
  hashA: Uint32Array;
  hashB: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  bytes: Uint8Array;
  length = 0;
  // the word being written
  a = LANE_A_SEED;
  b = LANE_B_SEED;
  wordBytesAt = 0;

  constructor(textLength: number) {
    const words = Math.max(16, textLength >>> 2);
    this.hashA = new Uint32Array(words);
    this.hashB = new Uint32Array(words);
    this.start = new Uint32Array(words);
    this.end = new Uint32Array(words);
    this.bytes = new Uint8Array(Math.max(64, textLength + (textLength >>> 3)));
  }

  begin(): void {
    if (this.count > 0) this.push(32);
    this.wordBytesAt = this.length;
    this.a = LANE_A_SEED;
    this.b = LANE_B_SEED;
  }

  /** Drops the bytes of the word being written (its slow path writes it again). */
  rewind(): void {
    this.length = this.count > 0 ? this.wordBytesAt - 1 : this.wordBytesAt;
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.bytes = grow(this.bytes, this.bytes.length * 2);
    this.bytes[this.length++] = byte;
  }

  /** Writes one code point of the current word as UTF-8 and hashes its bytes. */
  writeCodePoint(cp: number): void {
    if (cp < 0x80) this.hashByte(cp);
    else if (cp < 0x800) {
      this.hashByte(0xc0 | (cp >> 6));
      this.hashByte(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      this.hashByte(0xe0 | (cp >> 12));
      this.hashByte(0x80 | ((cp >> 6) & 63));
      this.hashByte(0x80 | (cp & 63));
    } else {
      this.hashByte(0xf0 | (cp >> 18));
      this.hashByte(0x80 | ((cp >> 12) & 63));
      this.hashByte(0x80 | ((cp >> 6) & 63));
      this.hashByte(0x80 | (cp & 63));
    }
  }

  /**
   * Writes the run of ASCII letters and digits starting at text[i] into the
   * open word and returns where it stops. It keeps the word's state in
   * locals, and bounds the run by the room left in the byte buffer (one byte
   * per character) so that one comparison serves both limits.
   */
  writeAsciiRun(text: string, i: number, n: number): number {
    const table = ASCII_WORD;
    const primeA = FNV_PRIME;
    const primeB = LANE_B_PRIME;
    let a = this.a;
    let b = this.b;
    let length = this.length;
    let bytes = this.bytes;
    for (;;) {
      const stop = Math.min(n, i + bytes.length - length);
      while (i < stop) {
        const l = table[text.charCodeAt(i)]!;
        if (l === 0) break;
        bytes[length++] = l;
        a = Math.imul(a ^ l, primeA);
        b = Math.imul(b ^ l, primeB);
        i++;
      }
      if (i < stop || i === n) break;
      bytes = this.bytes = grow(bytes, bytes.length * 2);
    }
    this.a = a;
    this.b = b;
    this.length = length;
    return i;
  }

  /**
   * The hot loop, between words: tokenises ASCII text from text[i] as long as
   * each word in it ends at an ASCII separator, and returns where it stopped:
   * the end of the text, a code unit past ASCII, or the start of a word that
   * runs into one (left unwritten, for the general path). Buffers and the
   * word's hash stay in locals for the whole run.
   */
  writeAsciiWords(text: string, i: number, n: number): number {
    // imported constants are read through their module binding each time: locals are about 20% faster here
    const table = ASCII_WORD;
    const primeA = FNV_PRIME;
    const primeB = LANE_B_PRIME;
    let { count, length, bytes, hashA, hashB, start, end } = this;
    while (i < n) {
      let c = text.charCodeAt(i);
      let l = table[c]!;
      if (l === 0) {
        if (c >= 128) break;
        i++; // an ASCII separator
        continue;
      }
      const wordStart = i;
      const wordAt = length;
      // ASCII writes at most one byte per code unit, and the space before this word
      if (length + (n - i) + 1 > bytes.length) bytes = this.bytes = grow(bytes, Math.max(bytes.length * 2, length + (n - i) + 1));
      if (count > 0) bytes[length++] = 32;
      const bytesAt = length;
      let a = LANE_A_SEED;
      let b = LANE_B_SEED;
      do {
        bytes[length++] = l;
        a = Math.imul(a ^ l, primeA);
        b = Math.imul(b ^ l, primeB);
        c = ++i < n ? text.charCodeAt(i) : 0; // the end of the text ends the word like a separator
        l = table[c]!;
      } while (l !== 0);
      if (c >= 128) {
        length = wordAt;
        i = wordStart;
        break;
      }
      if (count === hashA.length) {
        this.count = count;
        this.growWords();
        ({ hashA, hashB, start, end } = this);
      }
      hashA[count] = wordHashA(a, length - bytesAt);
      hashB[count] = wordHashB(b, length - bytesAt);
      start[count] = wordStart;
      end[count] = i;
      count++;
    }
    this.count = count;
    this.length = length;
    return i;
  }

  /**
   * Writes the run of written-straight-out characters (class FAST, ASCII or
   * not: Cyrillic, Greek, accented Latin…) starting at text[i], lower-cased
   * as UTF-8 and hashed, and returns where it stops: the first code unit of
   * another class or not yet classified. What writeCodePoint does one
   * character at a time, with the state in locals.
   */
  writeFastRun(text: string, i: number, n: number): number {
    const classes = CLASS;
    const lower = LOWER;
    const primeA = FNV_PRIME;
    const primeB = LANE_B_PRIME;
    let a = this.a;
    let b = this.b;
    let length = this.length;
    let bytes = this.bytes;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (classes[c] !== FAST) break;
      // FAST characters lie in the BMP outside the surrogates: at most 3 bytes
      if (length + 3 > bytes.length) bytes = this.bytes = grow(bytes, bytes.length * 2);
      const l = lower[c]!;
      if (l < 0x80) {
        bytes[length++] = l;
        a = Math.imul(a ^ l, primeA);
        b = Math.imul(b ^ l, primeB);
        continue;
      }
      const lead = l < 0x800 ? 0xc0 | (l >> 6) : 0xe0 | (l >> 12);
      bytes[length++] = lead;
      a = Math.imul(a ^ lead, primeA);
      b = Math.imul(b ^ lead, primeB);
      if (l >= 0x800) {
        const mid = 0x80 | ((l >> 6) & 63);
        bytes[length++] = mid;
        a = Math.imul(a ^ mid, primeA);
        b = Math.imul(b ^ mid, primeB);
      }
      const last = 0x80 | (l & 63);
      bytes[length++] = last;
      a = Math.imul(a ^ last, primeA);
      b = Math.imul(b ^ last, primeB);
    }
    this.a = a;
    this.b = b;
    this.length = length;
    return i;
  }

  hashByte(byte: number): void {
    this.push(byte);
    this.a = Math.imul(this.a ^ byte, FNV_PRIME);
    this.b = Math.imul(this.b ^ byte, LANE_B_PRIME);
  }

  finish(start: number, end: number): void {
    const i = this.count;
    if (i === this.hashA.length) this.growWords();
    const len = this.length - this.wordBytesAt;
    this.hashA[i] = wordHashA(this.a, len);
    this.hashB[i] = wordHashB(this.b, len);
    this.start[i] = start;
    this.end[i] = end;
    this.count = i + 1;
  }

  growWords(): void {
    const n = this.hashA.length * 2;
    this.hashA = grow(this.hashA, n);
    this.hashB = grow(this.hashB, n);
    this.start = grow(this.start, n);
    this.end = grow(this.end, n);
  }

  /** Writes an already normalised string as words, all pointing at one span of the original. */
  writeFolded(folded: string, start: number, end: number): void {
    let open = false;
    let solo = false; // the open word is one solo character, open only to its marks
    for (const ch of folded) {
      const cp = ch.codePointAt(0)!;
      const k = cp < 0x10000 ? classOf(cp) : classifyCodePoint(cp);
      if (k === JOIN) {
        if (open) this.writeCodePoint(cp);
        continue;
      }
      if (open && (k === SEP || k === SOLO || k === SOLO_SLOW || solo)) {
        this.finish(start, end);
        open = false;
      }
      if (k === SEP) continue;
      if (!open) this.begin();
      open = true;
      solo = k === SOLO || k === SOLO_SLOW;
      this.writeCodePoint(cp);
    }
    if (open) this.finish(start, end);
  }

  result(): Words {
    return {
      count: this.count,
      hashA: this.hashA.subarray(0, this.count),
      hashB: this.hashB.subarray(0, this.count),
      start: this.start.subarray(0, this.count),
      end: this.end.subarray(0, this.count),
      normalised: this.bytes.subarray(0, this.length),
    };
  }
}

function grow<T extends Uint8Array | Uint32Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
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
  const n = text.length;
  const sink = new WordSink(n);
  let wordStart = -1;
  let slow = false;
  let solo = false; // the open word is one solo character, open only to its marks

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // most text is ASCII: a separator ends the open word, a run of letters and digits extends it in one call
      const sep = CLASS[c] === SEP;
      if (wordStart >= 0 && (sep || solo)) {
        endWord(sink, text, wordStart, i, slow);
        wordStart = -1;
        slow = false;
        solo = false;
      }
      if (wordStart < 0) {
        // between words, whole ASCII words go through the hot loop; it stops at once on a word that runs past ASCII
        const next = sink.writeAsciiWords(text, i, n);
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
        i = sink.writeAsciiRun(text, i, n);
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
          i = sink.writeFastRun(text, i, n);
          continue;
        }
        if (k === SOLO) sink.writeCodePoint(LOWER[c]!);
        else slow = true;
      }
    }
    i += width;
  }
  if (wordStart >= 0) endWord(sink, text, wordStart, n, slow);
  return sink.result();
}

/**
 * Closes the word text[start, end): a slow word's fast-path bytes are dropped
 * and the word is written again from its NFKC, case-folded form.
 */
function endWord(sink: WordSink, text: string, start: number, end: number, slow: boolean): void {
  if (slow) {
    sink.rewind();
    sink.writeFolded(foldText(text.slice(start, end)), start, end);
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
