import { fmix32 } from '../hash.ts';
import type { Words } from '../normalise.ts';
import type { NearDuplicateOptions } from './types.ts';

/**
 * Near-identical texts, by Jaccard similarity of word-shingle sets, with
 * MinHash LSH (Broder 1997; Indyk & Motwani 1998) so that only likely pairs
 * are compared: n log n in the number of texts instead of n².
 *
 * Why the defaults (2-word shingles, Jaccard ≥ 0.6, 20 bands × 3 rows):
 * - Posts are short: 10 to 20 words once links and mentions are gone. One
 *   changed word removes k shingles of n − k + 1, so with 3-word shingles a
 *   single edit in a 12-word post already drops Jaccard to 0.54; with 2-word
 *   shingles it stays at 0.69, and an appended or dropped hashtag costs one
 *   shingle (≥ 0.9). Two scattered edits fall below 0.5: a rewrite, not a copy.
 * - Pairs at Jaccard s become candidates with probability 1 − (1 − s³)²⁰:
 *   0.99 at 0.6, 0.93 at 0.5, 0.42 at 0.3. Misses near the threshold are
 *   rare, and candidates below it are dropped by the exact comparison.
 * - Texts shorter than `minWords` (6) only match exactly: their few shingles
 *   make Jaccard jump in big steps.
 */

/**
 * Sorted distinct 32-bit hashes of the k-word shingles of a word sequence.
 *
 * @example
 * shingleSet(postWords('wikileaks drops more emails'), 2).length; // 3
 */
export function shingleSet(words: Words, k: number): Uint32Array {
  const m = words.count - k + 1;
  if (m <= 0) return new Uint32Array(0);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = k;
    for (let j = 0; j < k; j++) h = Math.imul(h ^ words.hashA[i + j]!, 0x01000193);
    out[i] = fmix32(h);
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < m; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  return out.subarray(0, n);
}

/**
 * |A ∩ B| / |A ∪ B| of two sorted distinct hash sets.
 *
 * @example
 * jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)); // 0.5
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** One seed per MinHash function, fixed so that results never depend on the run. */
function seeds(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = fmix32(Math.imul(i + 1, 0x9e3779b9));
  return out;
}

/**
 * The MinHash signature of a shingle set: for each seed, the least of the
 * shingles rehashed with it: Murmur3's finaliser on shingle XOR seed, so
 * each seed orders the shingles in an unrelated way. Values stay signed
 * 32-bit integers, which V8 keeps unboxed; only their order matters.
 */
function minhash(set: Uint32Array, seed: Int32Array, out: Int32Array): void {
  // seed outside, shingles inside: the running minimum stays in a register
  for (let h = 0; h < seed.length; h++) {
    const sd = seed[h]!;
    let least = 0x7fffffff;
    for (let s = 0; s < set.length; s++) {
      let v = Math.imul(set[s]! ^ sd, 0x85ebca6b);
      v = Math.imul(v ^ (v >>> 13), 0xc2b2ae35);
      v ^= v >>> 16;
      if (v < least) least = v;
    }
    out[h] = least;
  }
}

/** A band's rows hashed with its index to 32 bits: a collision only costs one needless comparison. */
function bandKey(signature: Int32Array, band: number, rows: number): number {
  let a = Math.imul(band + 1, 0x9e3779b1);
  for (let r = band * rows; r < (band + 1) * rows; r++) a = Math.imul(a ^ signature[r]!, 0x01000193);
  return fmix32(a);
}

/**
 * A bucket whose members share a whole band is compared member by member
 * against the ones before it; past this many, a text (a template posted by
 * hundreds of accounts with different names filled in) is compared with the
 * last ones only, which keeps the cost linear. Pairs skipped here usually meet
 * in another band.
 */
const MAX_BUCKET_LOOKBACK = 64;

/**
 * Groups texts into near-duplicate clusters: texts joined by a chain of pairs
 * with Jaccard ≥ minJaccard share a cluster. Returns each text's cluster as
 * the index of its first member. Texts with an empty set stay alone.
 *
 * Buckets are found by sorting, not by a hash map: each band's keys are
 * packed with the text's index into one float (key in the high bits) and
 * sorted natively, so equal keys lie together in index order. A map with an
 * entry per band and text (half a million for 25,000 posts) spent more time
 * in garbage collection than everything else here.
 *
 * @example
 * clusterNearTexts([setA, setAEdited, setB], options); // [0, 0, 2]
 */
export function clusterNearTexts(sets: readonly Uint32Array[], options: NearDuplicateOptions): number[] {
  const n = sets.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const { bands, rows, minJaccard } = options;
  const seed = seeds(bands * rows);
  const signature = new Int32Array(bands * rows);
  const keys = new Uint32Array(n * bands);
  const hashed: number[] = [];
  for (let i = 0; i < n; i++) {
    if (sets[i]!.length === 0) continue;
    hashed.push(i);
    minhash(sets[i]!, seed, signature);
    for (let band = 0; band < bands; band++) keys[i * bands + band] = bandKey(signature, band, rows);
  }
  // a float holds 53 bits exactly: the index takes what it needs, the key the rest
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keyShift = Math.max(0, 32 - (53 - indexBits));
  const scale = 2 ** indexBits;
  const packed = new Float64Array(hashed.length);
  for (let band = 0; band < bands; band++) {
    for (let h = 0; h < hashed.length; h++) packed[h] = (keys[hashed[h]! * bands + band]! >>> keyShift) * scale + hashed[h]!;
    packed.sort();
    let runStart = 0;
    for (let h = 1; h <= packed.length; h++) {
      if (h < packed.length && Math.floor(packed[h]! / scale) === Math.floor(packed[runStart]! / scale)) continue;
      if (h - runStart > 1) compareBucket(packed.subarray(runStart, h), scale, sets, find, parent, minJaccard);
      runStart = h;
    }
  }
  return parent.map((_, i) => find(i));
}

/** Joins the members of one bucket (packed, in index order) that are near-identical. */
function compareBucket(bucket: Float64Array, scale: number, sets: readonly Uint32Array[], find: (x: number) => number, parent: number[], minJaccard: number): void {
  for (let m = 1; m < bucket.length; m++) {
    const index = bucket[m]! % scale;
    for (let o = m - 1; o >= Math.max(0, m - MAX_BUCKET_LOOKBACK); o--) {
      const other = bucket[o]! % scale;
      const a = find(index);
      const b = find(other);
      if (a !== b && jaccard(sets[index]!, sets[other]!) >= minJaccard) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
}
