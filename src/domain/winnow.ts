import { fmix32, pack52 } from './hash.ts';
import type { Words } from './normalise.ts';
import { grow } from './word-sink.ts';

/**
 * Passage fingerprints by winnowing (Schleimer, Wilkerson & Aiken 2003).
 *
 * Every run of K consecutive words is hashed; in each window of W consecutive
 * k-gram hashes the minimum is kept (the rightmost one on ties), and a
 * fingerprint is recorded each time the kept position changes. Any passage of
 * at least W + K − 1 = 12 words shared by two texts therefore shares at least
 * one fingerprint, whatever the wrapping, case or punctuation around it.
 *
 * Why K = 5 and W = 8:
 * - 5-word shingles are distinctive: shorter ones ("one of the most") recur in
 *   unrelated English text and would make every page look like a weak match.
 * - a 12-word guarantee catches a single quoted sentence (English sentences
 *   average 15 to 20 words), which is what a tweet quoting a leak contains.
 * - density is about 2 / (W + 1) ≈ 0.22 fingerprints per word: a 1,000-word
 *   document stores about 220 index rows.
 */
export const K = 5;
export const W = 8;
/** Words of shared passage that guarantee a shared fingerprint. */
export const GUARANTEE_WORDS = W + K - 1;

export interface Fingerprints {
  /** 52-bit k-gram hashes (exact in a JS number and an SQLite INTEGER). */
  hashes: Float64Array;
  /** Index of the first word of each fingerprinted k-gram. */
  words: Uint32Array;
  /** Character offset of that word in the original text. */
  offsets: Uint32Array;
  count: number;
}

const BASE_A = 0x01000193;
const BASE_B = 0x5bd1e995;

/** B^(K−1) mod 2^32, to roll a word out of the k-gram. */
function powK(base: number): number {
  let p = 1;
  for (let i = 0; i < K - 1; i++) p = Math.imul(p, base);
  return p;
}
const OUT_A = powK(BASE_A);
const OUT_B = powK(BASE_B);

/** Lane B of a k-gram from its rolling sum (lane A is fmix32 of its own). */
const laneB = (rb: number) => fmix32(rb ^ 0x2545f491);

/**
 * The packed hash of a k-gram from its two rolling sums: a finaliser on each
 * lane, so that neighbouring k-grams have unrelated values.
 */
const kgramHash = (ra: number, rb: number) => pack52(fmix32(ra), laneB(rb));

/**
 * Hashes every k-gram of words: a polynomial rolling hash per lane, then a
 * finaliser (see kgramHash).
 */
export function hashKgrams(words: Words): { packed: Float64Array } {
  const m = words.count - K + 1;
  if (m <= 0) return { packed: new Float64Array(0) };
  const packed = new Float64Array(m);
  const { hashA, hashB } = words;
  let ra = 0;
  let rb = 0;
  for (let i = 0; i < K; i++) {
    ra = (Math.imul(ra, BASE_A) + hashA[i]!) | 0;
    rb = (Math.imul(rb, BASE_B) + hashB[i]!) | 0;
  }
  for (let i = 0; ; i++) {
    packed[i] = kgramHash(ra, rb);
    if (i + 1 >= m) break;
    ra = (Math.imul(ra - Math.imul(hashA[i]!, OUT_A), BASE_A) + hashA[i + K]!) | 0;
    rb = (Math.imul(rb - Math.imul(hashB[i]!, OUT_B), BASE_B) + hashB[i + K]!) | 0;
  }
  return { packed };
}

/**
 * Selects the winnowed fingerprints of a k-gram hash sequence in one pass.
 * A text shorter than one window keeps its minimum. `Winnower` does the same
 * on words as they stream past.
 *
 * @example
 * const words = tokenizeText(text);
 * const { packed } = hashKgrams(words);
 * const fp = winnow(packed, words); // fp.hashes[i] starts at fp.offsets[i]
 */
export function winnow(hashes: Float64Array, words: Words): Fingerprints {
  const m = hashes.length;
  const cap = m === 0 ? 0 : Math.ceil((2 * m) / (W + 1)) + 8;
  let outHashes = new Float64Array(cap);
  let outWords = new Uint32Array(cap);
  let count = 0;

  // The window's minimum is carried along: a new hash at or below it takes
  // its place (the rightmost minimum wins ties). Only when the minimum falls
  // out of the window are the W − 1 hashes left in it scanned again, right to
  // left so that the rightmost of equal hashes wins. With W = 8 this is about
  // twice as fast as a monotonic queue, whose pops the CPU cannot predict.
  const window = Math.min(W, m);
  let minPos = -1;
  let minHash = Infinity;
  let last = -1;
  for (let i = 0; i < m; i++) {
    const h = hashes[i]!;
    if (h <= minHash) {
      minHash = h;
      minPos = i;
    } else if (minPos <= i - window) {
      minHash = h;
      minPos = i;
      for (let j = i - 1; j > i - window; j--) {
        if (hashes[j]! < minHash) {
          minHash = hashes[j]!;
          minPos = j;
        }
      }
    }
    if (i < window - 1 || minPos === last) continue;
    if (count === outHashes.length) {
      // a rising run of hashes moves the minimum at every step: past the usual density
      outHashes = grow(outHashes, count * 2 + 8);
      outWords = grow(outWords, count * 2 + 8);
    }
    outHashes[count] = minHash;
    outWords[count] = minPos;
    count++;
    last = minPos;
  }

  const offsets = new Uint32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = words.start[outWords[i]!]!;
  return { hashes: outHashes.subarray(0, count), words: outWords.subarray(0, count), offsets, count };
}

/** A winnower words stream into, a window at a time: `Winnower`, or its WebAssembly twin in wasm-words.ts. */
export interface StreamWinnower {
  /** Starts a new text. */
  reset(): void;
  /** Takes the next `count` words. */
  add(hashA: Uint32Array, hashB: Uint32Array, start: Uint32Array, count: number): void;
  /** The fingerprints, in arrays of their own, once every word has been added. */
  finish(): Fingerprints;
  /** The fingerprints' hashes in the winnower's own buffer, valid until it is reset. */
  keptHashes(): Float64Array;
  /** The SimHash of the fingerprints kept, once finished, if the winnower counted their bits as it went (simhash64 of their hashes is the same). */
  simhash?(): string;
}

/** Slots kept of the last words and k-grams: a power of two above W + K − 1 (a kept k-gram's first word lies that far back at most). */
const RING = 16;
/** Above every 20-bit high part: the minimum of an empty window. */
const NO_HASH = 1 << 20;

/**
 * Hashes k-grams and winnows them as words stream past, a window at a time
 * (WordSink's windowed mode): the same fingerprints as
 * `winnow(hashKgrams(words).packed, words)` over the whole text, without
 * arrays as long as the text. Between windows it keeps the last few words
 * and k-grams.
 *
 * A packed hash orders by its 20 high bits (from lane A) first, so the
 * window is compared on those alone, as integers; lane B's finaliser runs
 * only for the fingerprints kept and for the rare ties (2^-20).
 *
 * @example
 * const winnower = new Winnower();
 * const sink = new WordSink(1024, 1 << 16, (s) => winnower.add(s.hashA, s.hashB, s.start, s.count));
 * scanWords(text, sink, piece);
 * const fp = winnower.finish();
 */
export class Winnower implements StreamWinnower {
  private hashes = new Float64Array(256);
  private words = new Uint32Array(256);
  private offsets = new Uint32Array(256);
  private count = 0;
  /** Words seen, and the rolling sums over the last K of them. */
  private seen = 0;
  private ra = 0;
  private rb = 0;
  /** The kept k-gram of the current window and its high part. */
  private minPos = -1;
  private minHigh = NO_HASH;
  private last = -1;
  /** The last words of earlier windows (hashes and starts), and the last k-grams (high part and lane B's sum), by index mod RING. */
  private readonly tailA = new Uint32Array(RING);
  private readonly tailB = new Uint32Array(RING);
  private readonly tailStart = new Uint32Array(RING);
  private readonly high = new Int32Array(RING);
  private readonly sumB = new Int32Array(RING);

  reset(): void {
    // the output buffers grow with the longest text (16 bytes a fingerprint, about 0.22 a word): kept up to two million
    if (this.hashes.length > 1 << 21) {
      this.hashes = new Float64Array(256);
      this.words = new Uint32Array(256);
      this.offsets = new Uint32Array(256);
    }
    this.count = this.seen = this.ra = this.rb = 0;
    this.minPos = this.last = -1;
    this.minHigh = NO_HASH;
    // words before the first roll out as zeros, which leaves the sums as they are
    this.tailA.fill(0);
    this.tailB.fill(0);
  }

  /** Takes the next `count` words. */
  add(hashA: Uint32Array, hashB: Uint32Array, start: Uint32Array, count: number): void {
    const base = this.seen | 0;
    // room for a fingerprint per word at most, made before the loop: it then holds fixed arrays
    if (this.count + count > this.hashes.length) {
      const size = Math.max(this.hashes.length * 2, this.count + count);
      this.hashes = grow(this.hashes, size);
      this.words = grow(this.words, size);
      this.offsets = grow(this.offsets, size);
    }
    const { tailA, tailB, tailStart, high, sumB, hashes, words, offsets } = this;
    let ra = this.ra | 0;
    let rb = this.rb | 0;
    let minPos = this.minPos | 0;
    let minHigh = this.minHigh | 0;
    let last = this.last | 0;
    let n = this.count | 0;
    // module constants read in a hot loop cost a load and a conversion each time: locals cost nothing
    const mask = (RING - 1) | 0;
    const k = K | 0;
    const w = W | 0;
    const baseA = BASE_A | 0;
    const baseB = BASE_B | 0;
    const outA = OUT_A | 0;
    const outB = OUT_B | 0;
    // Every integer is read and written with `| 0`: the JIT then keeps it a 32-bit integer even in code compiled
    // while a long first call is still in the loop, where it would otherwise do this arithmetic in floating point.
    for (let j = 0; j < count; j++) {
      const seen = (base + j) | 0;
      // roll out the word K back (from this window, or the tail of the last one) and roll in this one
      const oldA = (j >= k ? hashA[j - k]! : tailA[(seen - k) & mask]!) | 0;
      const oldB = (j >= k ? hashB[j - k]! : tailB[(seen - k) & mask]!) | 0;
      ra = (Math.imul(((ra | 0) - Math.imul(oldA, outA)) | 0, baseA) + (hashA[j]! | 0)) | 0;
      rb = (Math.imul(((rb | 0) - Math.imul(oldB, outB)) | 0, baseB) + (hashB[j]! | 0)) | 0;
      if (seen < k - 1) continue;
      // the k-gram of words i … seen, and the window of the W k-grams ending with it
      const i = (seen - k + 1) | 0;
      const h = fmix32(ra) >>> 12;
      high[i & mask] = h;
      sumB[i & mask] = rb;
      if (h < (minHigh | 0) || (h === (minHigh | 0) && laneB(rb) <= laneB(sumB[minPos & mask]!))) {
        minHigh = h;
        minPos = i;
      } else if ((minPos | 0) <= ((i - w) | 0)) {
        minHigh = h;
        minPos = i;
        for (let p = (i - 1) | 0; p > ((i - w) | 0); p = (p - 1) | 0) {
          const hp = high[p & mask]! | 0;
          if (hp < (minHigh | 0) || (hp === (minHigh | 0) && laneB(sumB[p & mask]!) < laneB(sumB[minPos & mask]!))) {
            minHigh = hp;
            minPos = p;
          }
        }
      }
      if (i < w - 1 || (minPos | 0) === (last | 0)) continue;
      hashes[n] = (minHigh | 0) * 4294967296 + laneB(sumB[minPos & mask]!);
      words[n] = minPos;
      offsets[n] = (minPos | 0) >= base ? start[((minPos | 0) - base) | 0]! : tailStart[minPos & mask]!;
      n = (n + 1) | 0;
      last = minPos;
    }
    for (let j = Math.max(0, count - RING); j < count; j++) {
      tailA[(base + j) & mask] = hashA[j]!;
      tailB[(base + j) & mask] = hashB[j]!;
      tailStart[(base + j) & mask] = start[j]!;
    }
    this.seen = base + count;
    this.ra = ra;
    this.rb = rb;
    this.minPos = minPos;
    this.minHigh = minHigh;
    this.last = last;
    this.count = n;
  }

  /** The fingerprints, in arrays of their own, once every word has been added. */
  finish(): Fingerprints {
    const count = this.settle();
    return { hashes: this.hashes.slice(0, count), words: this.words.slice(0, count), offsets: this.offsets.slice(0, count), count };
  }

  /** The fingerprints' hashes in the winnower's own buffer, valid until it is reset: for a test that keeps nothing. */
  keptHashes(): Float64Array {
    return this.hashes.subarray(0, this.settle());
  }

  /** A text shorter than one window keeps its minimum (its only window). */
  private settle(): number {
    const m = this.seen - K + 1;
    if (m > 0 && m < W && this.count === 0) {
      const at = this.minPos & (RING - 1);
      this.hashes[0] = this.minHigh * 4294967296 + laneB(this.sumB[at]!);
      this.words[0] = this.minPos;
      this.offsets[0] = this.tailStart[at]!;
      this.count = 1;
    }
    return this.count;
  }
}
