/**
 * 32-bit hash mixing on plain numbers (Math.imul), shared by the word hasher,
 * the k-gram roller and SimHash. Two independent lanes give 64 bits.
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

/** Seeds of the two FNV-1a lanes used to hash a word's UTF-8 bytes. */
export const LANE_A_SEED = 0x811c9dc5;
export const LANE_B_SEED = 0x2f6b7a13;
export const FNV_PRIME = 0x01000193;
/** A second multiplier for lane B so that the lanes do not move together. */
export const LANE_B_PRIME = 0x5bd1e995;

/**
 * Packs two 32-bit lanes into a 52-bit integer that a JS number and an SQLite
 * INTEGER both hold exactly (20 bits of lane A above the 32 bits of lane B).
 */
export function pack52(a: number, b: number): number {
  return (a >>> 12) * 4294967296 + (b >>> 0);
}
