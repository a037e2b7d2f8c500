import { hashWordInto } from './hash.ts';

/**
 * Where the tokeniser writes: the normalised text as UTF-8 bytes, and for
 * each word its two hashes and where it lies in the original text.
 *
 * Two modes. A growing sink keeps every word (`tokenizeText`, whose caller
 * owns the result). A windowed sink holds a fixed number of words and hands
 * them to `onFull` whenever it needs room, then starts over: fingerprinting
 * streams words through it, so its arrays stay small, stay in cache and are
 * reused from call to call instead of being allocated for every text.
 */
export class WordSink {
  /** Words in the arrays now. */
  count = 0;
  /** Words handed to `onFull` before these. */
  flushed = 0;
  hashA: Uint32Array;
  hashB: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** The normalised text so far, with room for 8-byte writes past `length`. */
  bytes: Uint8Array;
  view: DataView;
  length = 0;
  /** Where the bytes of the word being written begin. */
  private wordBytesAt = 0;

  /**
   * A windowed sink may be given its word arrays (`words` long each): the
   * WebAssembly scanner and winnower (wasm-words.ts) keep them in their
   * memory and read and write them there without copying.
   */
  constructor(
    words: number,
    bytes: number,
    private readonly onFull: ((sink: WordSink) => void) | null = null,
    arrays?: WordArrays,
  ) {
    this.hashA = arrays?.hashA ?? new Uint32Array(words);
    this.hashB = arrays?.hashB ?? new Uint32Array(words);
    this.start = arrays?.start ?? new Uint32Array(words);
    this.end = arrays?.end ?? new Uint32Array(words);
    if (arrays && (!onFull || [this.hashA, this.hashB, this.start, this.end].some((a) => a.length !== words))) throw new RangeError('given word arrays need a windowed sink of their length');
    this.bytes = new Uint8Array(Math.max(64, bytes));
    this.view = new DataView(this.bytes.buffer);
  }

  /** Words written in all. */
  get words(): number {
    return this.flushed + this.count;
  }

  /** Empties the sink for a new text, keeping its buffers. */
  reset(): void {
    this.count = 0;
    this.flushed = 0;
    this.length = 0;
  }

  /** Gives back a byte buffer grown for a large text (the word arrays keep their size). */
  release(): void {
    this.bytes = new Uint8Array(1 << 16);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
  }

  /** Hands the words held to `onFull`, if any. Call once at the end of a text. */
  flush(): void {
    if (this.onFull && this.count > 0) {
      this.onFull(this);
      this.flushed += this.count;
      this.count = 0;
    }
  }

  /** Makes room for `extra` more words: a windowed sink flushes (only ever between words), a growing one grows. */
  reserveWords(extra: number): void {
    if (this.count + extra <= this.hashA.length) return;
    if (this.onFull && extra <= this.hashA.length) {
      this.flush();
      return;
    }
    const size = Math.max(this.hashA.length * 2, this.count + extra);
    this.hashA = grow(this.hashA, size);
    this.hashB = grow(this.hashB, size);
    this.start = grow(this.start, size);
    this.end = grow(this.end, size);
  }

  /** Makes room for `extra` more bytes, plus 8 for the fast path's whole-chunk writes. */
  reserveBytes(extra: number): void {
    if (this.length + extra + 8 <= this.bytes.length) return;
    this.bytes = grow(this.bytes, Math.max(this.bytes.length * 2, this.length + extra + 8));
    this.view = new DataView(this.bytes.buffer);
  }

  /** Opens a word: a space first unless it is the first one. */
  begin(): void {
    this.reserveWords(1);
    if (this.length > 0) this.push(32);
    this.wordBytesAt = this.length;
  }

  /** Drops the open word and the space before it (a slow word is written again from its folded form). */
  rewind(): void {
    this.length = this.wordBytesAt > 0 ? this.wordBytesAt - 1 : 0;
  }

  push(byte: number): void {
    if (this.length + 8 >= this.bytes.length) this.reserveBytes(1);
    this.bytes[this.length++] = byte;
  }

  /** Writes one code point of the open word as UTF-8. */
  writeCodePoint(cp: number): void {
    if (cp < 0x80) this.push(cp);
    else if (cp < 0x800) {
      this.push(0xc0 | (cp >> 6));
      this.push(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      this.push(0xe0 | (cp >> 12));
      this.push(0x80 | ((cp >> 6) & 63));
      this.push(0x80 | (cp & 63));
    } else {
      this.push(0xf0 | (cp >> 18));
      this.push(0x80 | ((cp >> 12) & 63));
      this.push(0x80 | ((cp >> 6) & 63));
      this.push(0x80 | (cp & 63));
    }
  }

  /** Closes the open word, text[start, end) in the original, and hashes its bytes. */
  finish(start: number, end: number): void {
    const i = this.count;
    hashWordInto(this.view, this.wordBytesAt, this.length, this.hashA, this.hashB, i);
    this.start[i] = start;
    this.end[i] = end;
    this.count = i + 1;
  }
}

/** The word arrays of a sink. */
export interface WordArrays {
  hashA: Uint32Array;
  hashB: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

export function grow<T extends Uint8Array | Uint32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a.subarray(0, Math.min(a.length, size)) as never);
  return next;
}
