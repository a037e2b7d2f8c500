// @ts-nocheck: AssemblyScript, not TypeScript; compiled into words.wasm with words.as.ts (see there).

/** Where words.wasm keeps things, and the constants its loops share. */

// ---- sizes (wasm-words.ts reads them from layout()) ----
/** UTF-16 code units of text a piece holds. */
export const PIECE_UNITS: i32 = 32768;
/** Words in the window (the word arrays) and fingerprints one winnowAdd can write (at most one per word). */
export const WINDOW: i32 = 2048;
/** Normalised bytes one scan can write: it reads at most 2 × WINDOW units (at most a word per two). */
export const OUT_BYTES: i32 = 2 * WINDOW + 64;
/**
 * Slots before each word array and before KEYS: the winnower keeps there the
 * last words (and k-grams) of the window before, so that it reads a k-gram
 * or a window that crosses from one window to the next without a branch.
 */
export const BEFORE: i32 = 16;
/** Slots after the window that four-at-a-time reads and writes may touch. */
export const AFTER: i32 = 8;

/** The piece: its code units as the caller wrote them, zeros after them (128 are read past the end at most)… */
export const UNITS = memory.data((PIECE_UNITS + 128) << 1, 16);
/** …and the same as bytes, one per unit, as scan classifies them: letters lower-cased, ASCII separators zeroed, units past ASCII ≥ 0x80. */
export const BYTES = memory.data(PIECE_UNITS + 128, 16);
export const HASH_A = memory.data((BEFORE + WINDOW + AFTER) << 2, 16) + (BEFORE << 2);
export const HASH_B = memory.data((BEFORE + WINDOW + AFTER) << 2, 16) + (BEFORE << 2);
export const START = memory.data((BEFORE + WINDOW + AFTER) << 2, 16) + (BEFORE << 2);
export const END = memory.data(WINDOW << 2, 16);
export const OUT = memory.data(OUT_BYTES, 16);
export const FP_HASH = memory.data(WINDOW << 3, 16);
export const FP_WORD = memory.data(WINDOW << 2, 16);
export const FP_OFFSET = memory.data(WINDOW << 2, 16);
export const RESULT = memory.data(16, 16);
/** Per-bit counts of the kept fingerprints' SimHash features (simhash.ts): 32 for the low half, then 32 for the high. */
export const ONES = memory.data(64 << 2, 16);
/** Byte-wide counters of those bits not yet added to ONES (see countBits). */
export const PENDING = memory.data(64, 16);
/** Bit c: code unit c (below SEPARATOR_UNITS) only separates words (written by wasm-words.ts from normalise.ts's classes). */
export const SEPARATOR_UNITS: i32 = 0x4000;
export const SEPARATORS = memory.data(SEPARATOR_UNITS >> 3, 16);
export const LAYOUT = memory.data(64, 16);

// ---- word hashes (src/domain/hash.ts) ----
export const SEED_A: i32 = <i32>0x811c9dc5;
export const SEED_B: i32 = 0x2f6b7a13;
export const MUL_A: i32 = <i32>0xcc9e2d51;
export const MUL_B: i32 = 0x1b873593;

/** Pointers and sizes, for the JavaScript side to lay its views over. */
export function layout(): usize {
  store<i32>(LAYOUT, <i32>UNITS);
  store<i32>(LAYOUT + 4, PIECE_UNITS);
  store<i32>(LAYOUT + 8, <i32>HASH_A);
  store<i32>(LAYOUT + 12, <i32>HASH_B);
  store<i32>(LAYOUT + 16, <i32>START);
  store<i32>(LAYOUT + 20, <i32>END);
  store<i32>(LAYOUT + 24, WINDOW);
  store<i32>(LAYOUT + 28, <i32>OUT);
  store<i32>(LAYOUT + 32, OUT_BYTES);
  store<i32>(LAYOUT + 36, <i32>FP_HASH);
  store<i32>(LAYOUT + 40, <i32>FP_WORD);
  store<i32>(LAYOUT + 44, <i32>FP_OFFSET);
  store<i32>(LAYOUT + 48, <i32>RESULT);
  store<i32>(LAYOUT + 52, <i32>ONES);
  store<i32>(LAYOUT + 56, <i32>SEPARATORS);
  store<i32>(LAYOUT + 60, SEPARATOR_UNITS);
  return LAYOUT;
}
