import { fmix32, pack52 } from './hash.ts';
import type { Words } from './normalise.ts';

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

/**
 * Hashes every k-gram of words: a polynomial rolling hash per lane, then a
 * finaliser so that neighbouring k-grams have unrelated values.
 */
export function hashKgrams(words: Words): { a: Uint32Array; b: Uint32Array; packed: Float64Array } {
  const m = words.count - K + 1;
  if (m <= 0) return { a: new Uint32Array(0), b: new Uint32Array(0), packed: new Float64Array(0) };
  const a = new Uint32Array(m);
  const b = new Uint32Array(m);
  const packed = new Float64Array(m);
  const { hashA, hashB } = words;
  let ra = 0;
  let rb = 0;
  for (let i = 0; i < K; i++) {
    ra = (Math.imul(ra, BASE_A) + hashA[i]!) | 0;
    rb = (Math.imul(rb, BASE_B) + hashB[i]!) | 0;
  }
  for (let i = 0; ; i++) {
    const fa = fmix32(ra);
    const fb = fmix32(rb ^ 0x2545f491);
    a[i] = fa;
    b[i] = fb;
    packed[i] = pack52(fa, fb);
    if (i + 1 >= m) break;
    ra = (Math.imul(ra - Math.imul(hashA[i]!, OUT_A), BASE_A) + hashA[i + K]!) | 0;
    rb = (Math.imul(rb - Math.imul(hashB[i]!, OUT_B), BASE_B) + hashB[i + K]!) | 0;
  }
  return { a, b, packed };
}

/**
 * Selects the winnowed fingerprints of a k-gram hash sequence in one pass.
 * A text shorter than one window keeps its minimum.
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

function grow<T extends Float64Array | Uint32Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}
