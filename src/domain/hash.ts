/**
 * 32-bit hash mixing on plain numbers (Math.imul), shared by the word hasher,
 * the k-gram roller and SimHash.
 *
 * Word hashes. A word is hashed once, from its normalised UTF-8 bytes, four
 * bytes at a time (little-endian chunks, the last one zero-padded, and never
 * fewer than two chunks). Two lanes absorb each chunk: lane A XORs it in,
 * lane B adds it, and each then multiplies by its own odd constant and folds
 * the high bits down with its own shift. Why this and not a byte-wise hash:
 * - Cost. The tokeniser's time went into per-byte work; this is two steps per
 *   lane for a word of up to 8 bytes (most English words), whatever path
 *   (ASCII fast path or Unicode path) wrote the word.
 * - Collisions. Every step is a bijection of the lane's state, so two words
 *   of the same length that differ only in their last chunk never collide in
 *   either lane (words of up to 4 bytes never collide at all). Otherwise both
 *   lanes must collide at once; their different operations make that about
 *   2^-64 for unrelated words, so a word is identified by 64 bits.
 *
 * K-gram hashes (winnow.ts) roll each lane over 5 word hashes and pack 20 bits
 * of lane A with the 32 bits of lane B (pack52): two different 5-grams share
 * a packed hash with a probability of about 2^-52, which is what the
 * in-memory filter's false-positive rate rests on.
 */

/** MurmurHash3's finaliser: full avalanche of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a style constants for folding 32-bit values into two lanes (post texts, coordination). */
export const LANE_A_SEED = 0x811c9dc5;
export const LANE_B_SEED = 0x2f6b7a13;
export const FNV_PRIME = 0x01000193;
/** A second multiplier for lane B so that the lanes do not move together. */
export const LANE_B_PRIME = 0x5bd1e995;

/**
 * Seeds and multipliers of the two word-hash lanes (see above), as signed
 * 32-bit values: a constant above 2^31 is a boxed double to the JIT, and each
 * use in a hot loop would convert it back to an integer.
 */
export const WORD_SEED_A = 0x811c9dc5 | 0;
export const WORD_SEED_B = 0x2f6b7a13;
export const WORD_MUL_A = 0xcc9e2d51 | 0;
export const WORD_MUL_B = 0x1b873593;

/** Masks keeping the first n bytes (n ≤ 4) of a little-endian 32-bit chunk. */
export const CHUNK_MASK = Int32Array.of(0, 0xff, 0xffff, 0xffffff, -1);

/**
 * Hashes the word at bytes [from, to) of `view` and stores its two lanes at
 * hashA[at] and hashB[at]. The view must hold at least 8 bytes past `to`
 * (their values do not matter). The ASCII fast path (ascii-words.ts)
 * computes the same values inline; a unit test holds the two together.
 */
export function hashWordInto(view: DataView, from: number, to: number, hashA: Uint32Array, hashB: Uint32Array, at: number): void {
  const length = to - from;
  let a = WORD_SEED_A ^ length;
  let b = WORD_SEED_B + length;
  for (let p = from; p < from + 8 || p < to; p += 4) {
    const c = view.getInt32(p, true) & CHUNK_MASK[Math.max(0, Math.min(4, to - p))]!;
    a = Math.imul(a ^ c, WORD_MUL_A);
    a ^= a >>> 15;
    b = Math.imul(b + c, WORD_MUL_B);
    b ^= b >>> 13;
  }
  hashA[at] = a;
  hashB[at] = b;
}

/**
 * Packs two 32-bit lanes into a 52-bit integer that a JS number and an SQLite
 * INTEGER both hold exactly (20 bits of lane A above the 32 bits of lane B).
 */
export function pack52(a: number, b: number): number {
  return (a >>> 12) * 4294967296 + (b >>> 0);
}
