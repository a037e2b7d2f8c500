import { WORD_MUL_A, WORD_MUL_B, WORD_SEED_A, WORD_SEED_B } from './hash.ts';
import type { WordSink } from './word-sink.ts';

/**
 * The tokeniser's fast path for ASCII text, four bytes at a time.
 *
 * Most leaked text is ASCII. Going through it one code unit at a time costs
 * a table lookup, a store and an unpredictable branch per character; here the
 * text is UTF-8 encoded natively (TextEncoder.encodeInto), and each aligned
 * 4-byte chunk is classified with word-wide arithmetic (SWAR): which bytes are
 * letters or digits, the letters lower-cased, separators zeroed, and a table
 * gives where words start and end inside the chunk. A second, short loop then
 * hashes and copies each word a chunk at a time. It produces exactly what the
 * general path in normalise.ts would (the same bytes, hashes and offsets), and
 * stops at the first chunk holding a byte past ASCII, leaving the rest to it.
 */

/**
 * Characters encoded at a time: a bounded buffer, refilled as the text is
 * read. A piece starts small and grows while the fast path reads most of it
 * (English), and shrinks again when it reads little of it (a Russian or
 * Japanese text, where only digits and stray Latin words are ASCII): encoding
 * what the fast path will not read is wasted.
 */
const PIECE_CHARS = 1 << 16;
const MIN_PIECE_CHARS = 1 << 8;
/** Characters the byte position of a character is counted across at most; past that, encoding afresh is cheaper. */
const MAX_WALK = 1 << 9;
/** Chunks per block: at most 2 words start in a chunk, so a block adds at most 512 words (a windowed sink holds more). */
const BLOCK_CHUNKS = 1 << 8;
export const MAX_BLOCK_WORDS = 2 * BLOCK_CHUNKS + 4;

const encoder = new TextEncoder();

/**
 * Reads the ASCII runs of a text into a sink for scanWords (normalise.ts),
 * which reads everything else itself. `Utf8Piece` is the JavaScript one;
 * wasm-words.ts has one in WebAssembly that gives the same words.
 */
export interface AsciiScanner {
  /** Forgets the text it last read. */
  reset(): void;
  /** Writes ASCII words from text[i], which lies between words, and returns where it stopped (see writeAsciiWords). */
  write(sink: WordSink, text: string, i: number): number;
}

/** A stretch of the text as UTF-8 bytes, and where its characters fall in them. */
export class Utf8Piece implements AsciiScanner {
  bytes = new Uint8Array(3 * PIECE_CHARS + 16);
  chunks = new Int32Array(this.bytes.buffer);
  view = new DataView(this.bytes.buffer);
  text = '';
  /** text[from, to) is encoded; chunks past `written` bytes hold zeros. */
  from = 0;
  to = 0;
  written = 0;
  /** The last character whose byte position is known, and that position. */
  private syncChar = 0;
  private syncByte = 0;
  /** Characters the next load encodes. */
  private size = MIN_PIECE_CHARS;

  write(sink: WordSink, text: string, i: number): number {
    return writeAsciiWords(sink, this, text, i);
  }

  /** Forgets the text it held, so the next call encodes afresh. */
  reset(): void {
    this.text = '';
    this.from = this.to = this.written = 0;
    this.size = MIN_PIECE_CHARS;
  }

  /** Whether text[i] can be read from here (with a chunk or more to spare unless the text ends) without a long count of bytes. */
  covers(text: string, i: number): boolean {
    return this.text === text && i >= this.syncChar && i - this.syncChar <= MAX_WALK && (i + 64 <= this.to || this.to === text.length);
  }

  /** Sizes the next load after the fast path read `chars` characters of this one. */
  adapt(chars: number): void {
    if (chars >= this.to - this.from - 64) this.size = Math.min(PIECE_CHARS, this.size * 4);
    else if (chars < 64) this.size = Math.max(MIN_PIECE_CHARS, this.size >> 2);
  }

  load(text: string, from: number): void {
    const { read, written } = encoder.encodeInto(text.slice(from, from + this.size), this.bytes);
    this.text = text;
    this.from = this.syncChar = from;
    this.to = from + read;
    this.written = written;
    this.syncByte = 0;
    // zeros after the text read as separators and close a word that runs to its end
    this.bytes.fill(0, written, ((written + 3) & ~3) + 8);
  }

  /** Records that text[char] starts at `byte` (known after an ASCII run), so byteAt need not walk it. */
  sync(char: number, byte: number): void {
    this.syncChar = char;
    this.syncByte = byte;
  }

  /** The byte where text[i] starts; i may not go back past a position already asked for. */
  byteAt(i: number): number {
    const text = this.text;
    let b = this.syncByte + (i - this.syncChar);
    for (let k = this.syncChar; k < i; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x80) continue;
      // 2 bytes below U+0800, else 3; a surrogate pair is 4 bytes for 2 units, a lone surrogate becomes U+FFFD
      const pairedLow = (c & 0xfc00) === 0xdc00 && k > this.from && (text.charCodeAt(k - 1) & 0xfc00) === 0xd800;
      b += c < 0x800 ? 1 : pairedLow ? 0 : 2;
    }
    this.syncChar = i;
    this.syncByte = b;
    return b;
  }
}

/**
 * For a chunk's four word-byte flags (bit p for byte p) and whether the byte
 * before the chunk was in a word (bit 4): how many words start in it and at
 * which bytes (2 bits of count, then two 2-bit positions), and the same for
 * word ends (the first separator after a word) from bit 6.
 */
const EDGES = new Uint16Array(32);
for (let index = 0; index < 32; index++) {
  const word = index & 15;
  const before = (word << 1) | (index >> 4);
  const pack = (bits: number) => {
    const at: number[] = [];
    for (let p = 0; p < 4; p++) if (bits & (1 << p)) at.push(p);
    return at.length | ((at[0] ?? 0) << 2) | ((at[1] ?? 0) << 4);
  };
  EDGES[index] = pack(word & ~before & 15) | (pack(~word & before & 15) << 6);
}

/** The first n bytes (n ≤ 8) of a word as two chunks: masks of the first and the second. */
const FIRST = new Int32Array(9);
const SECOND = new Int32Array(9);
const lowBytes = (n: number) => (n >= 4 ? 0xffffffff : (1 << (8 * n)) - 1);
for (let n = 0; n <= 8; n++) {
  FIRST[n] = lowBytes(Math.min(n, 4));
  SECOND[n] = lowBytes(Math.max(0, n - 4));
}

/**
 * Tokenises ASCII text from text[i], which must lie between words, and
 * returns where it stopped: the end of the text, or the start of what the
 * general path must read (a chunk holding a byte past ASCII, or a word that
 * runs up to one, which might go on with an accent or a letter past ASCII).
 *
 * @example
 * const next = writeAsciiWords(sink, piece, text, i);
 * if (next === i) // nothing was ASCII enough: read text[i] the slow way
 */
export function writeAsciiWords(sink: WordSink, piece: Utf8Piece, text: string, i: number): number {
  const first = i;
  for (;;) {
    if (!piece.covers(text, i)) piece.load(text, i);
    const b = piece.byteAt(i);
    const next = writeBlock(sink, piece, b, b - i);
    // a block that stopped at its size limit ends on ASCII: carry on from there, in the next piece if need be
    if (next.stop === i || !next.full) {
      piece.adapt(next.stop - first);
      return next.stop;
    }
    i = next.stop;
  }
}

/** What writeBlock returns, reused: where it stopped, and whether it stopped at its size limit. */
const result = { stop: 0, full: false };

/** One block from byte b, whose characters lie `delta` bytes before their bytes. */
function writeBlock(sink: WordSink, piece: Utf8Piece, b: number, delta: number): typeof result {
  const chunks = piece.chunks;
  const k0 = b >> 2;
  // A piece that ends the text is followed by zeros, which close its last word. Any other piece
  // stops before its last, partial chunk: zeros there would end a word the next piece goes on with.
  const endsText = piece.to === piece.text.length;
  const chunkEnd = endsText ? ((piece.written + 3) >> 2) + 1 : piece.written >> 2;
  const kMax = Math.min(chunkEnd, k0 + BLOCK_CHUNKS);
  sink.reserveWords(MAX_BLOCK_WORDS);
  const { start, end } = sink;
  const edges = EDGES;
  let ns = sink.count;
  let ne = ns;
  let inWord = 0;
  let k = k0;
  // bytes before b belong to the general path: read them as separators
  let x = chunks[k]! & (-1 << ((b & 3) << 3));
  while (k < kMax) {
    if ((x & 0x80808080) !== 0) break;
    // bit 7 of each byte: ≥ lo and ≤ hi, with no carry between bytes below 0x80 (each sum wraps, `| 0`, to stay an integer for the JIT)
    const upper = ((x + 0x3f3f3f3f) | 0) & ~((x + 0x25252525) | 0) & 0x80808080;
    const lower = ((x + 0x1f1f1f1f) | 0) & ~((x + 0x05050505) | 0) & 0x80808080;
    const digit = ((x + 0x50505050) | 0) & ~((x + 0x46464646) | 0) & 0x80808080;
    const word = (upper | lower | digit) >>> 7;
    // lower-cased, separators zeroed, in place: read again, it gives the same
    chunks[k] = (x | (upper >>> 2)) & Math.imul(word, 255);
    const flags = (Math.imul(word, 0x204081) >>> 21) & 15;
    const e = edges[flags | (inWord << 4)]!;
    const at = (k << 2) - delta;
    start[ns] = at + ((e >> 2) & 3);
    start[ns + 1] = at + ((e >> 4) & 3);
    ns += e & 3;
    end[ne] = at + ((e >> 8) & 3);
    end[ne + 1] = at + ((e >> 10) & 3);
    ne += (e >> 6) & 3;
    inWord = flags >> 3;
    x = chunks[++k]!;
  }
  result.full = k === k0 + BLOCK_CHUNKS;
  let stop = Math.max(b, k << 2);
  if (ns > ne) stop = start[ne]! + delta; // the last word reaches the stop: leave it
  stop = Math.min(stop, piece.written);
  result.stop = stop - delta;
  piece.sync(stop - delta, stop);
  writeWords(sink, piece, sink.count, ne, delta, stop - b);
  return result;
}

/** Hashes and copies words [from, to) of the sink, found by writeBlock, a chunk at a time. */
function writeWords(sink: WordSink, piece: Utf8Piece, from: number, to: number, delta: number, maxBytes: number): void {
  sink.reserveBytes(maxBytes + 1);
  const { start, end, hashA, hashB, bytes } = sink;
  const out = sink.view;
  const src = piece.view;
  const first = FIRST;
  const second = SECOND;
  // `| 0` types each constant as a 32-bit integer for the JIT, which otherwise converts it through floating point at each use
  const seedA = WORD_SEED_A | 0;
  const seedB = WORD_SEED_B | 0;
  const mulA = WORD_MUL_A | 0;
  const mulB = WORD_MUL_B | 0;
  let length = sink.length;
  for (let w = from; w < to; w++) {
    if (length > 0) bytes[length++] = 32;
    const s = (start[w]! + delta) | 0;
    const n = (end[w]! + delta - s) | 0;
    let a = seedA ^ n;
    let b = seedB + n;
    if (n <= 8) {
      const c0 = src.getInt32(s, true) & first[n]!;
      const c1 = src.getInt32(s + 4, true) & second[n]!;
      out.setInt32(length, c0, true);
      out.setInt32(length + 4, c1, true);
      a = Math.imul(a ^ c0, mulA);
      a ^= a >>> 15;
      b = Math.imul(b + c0, mulB);
      b ^= b >>> 13;
      a = Math.imul(a ^ c1, mulA);
      a ^= a >>> 15;
      b = Math.imul(b + c1, mulB);
      b ^= b >>> 13;
    } else {
      for (let p = 0; p < n; p += 4) {
        const c = src.getInt32(s + p, true) & first[Math.min(4, n - p)]!;
        out.setInt32(length + p, c, true);
        a = Math.imul(a ^ c, mulA);
        a ^= a >>> 15;
        b = Math.imul(b + c, mulB);
        b ^= b >>> 13;
      }
    }
    hashA[w] = a;
    hashB[w] = b;
    length += n;
  }
  sink.length = length;
  sink.count = to;
}
