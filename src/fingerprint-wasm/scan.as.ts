// @ts-nocheck: AssemblyScript, not TypeScript; compiled into words.wasm with words.as.ts (see there).

import { BYTES, END, HASH_A, HASH_B, MUL_A, MUL_B, OUT, RESULT, SEED_A, SEED_B, SEPARATOR_UNITS, SEPARATORS, START, UNITS } from './layout.as';

/** The ASCII fast path of src/domain/ascii-words.ts: classify 64 units at a time, copy and hash each word. */

/**
 * Units [u, u + 16) of the piece as bytes, kept in BYTES: a unit past ASCII
 * becomes a byte ≥ 0x80 (clamped to 0xff), capitals are lower-cased and ASCII
 * separators zeroed. Returns the bits of the letters and digits, and above
 * them (from bit 16) the bits of the units past ASCII.
 */
function classify(u: i32): i32 {
  const at = UNITS + (<usize>u << 1);
  const clamp = i16x8.splat(0xff);
  const v = i8x16.narrow_i16x8_u(i16x8.min_u(v128.load(at), clamp), i16x8.min_u(v128.load(at + 16), clamp));
  const letter = i8x16.lt_u(i8x16.sub(v128.or(v, i8x16.splat(0x20)), i8x16.splat(0x61)), i8x16.splat(26));
  const word = v128.or(letter, i8x16.lt_u(i8x16.sub(v, i8x16.splat(0x30)), i8x16.splat(10)));
  v128.store(BYTES + <usize>u, v128.and(v128.or(v, v128.and(letter, i8x16.splat(0x20))), v128.or(word, i8x16.shr_s(v, 7))));
  return i8x16.bitmask(word) | (i8x16.bitmask(v) << 16);
}

/** What classifyBlock found: bits of the letters and digits of the block, and of the units past ASCII. */
let blockWords: u64 = 0;
let blockPastAscii: u64 = 0;

/** Units [p, p + 64) of the piece, classified (see classify). */
function classifyBlock(p: i32): void {
  const c0 = classify(p);
  const c1 = classify(p + 16);
  const c2 = classify(p + 32);
  const c3 = classify(p + 48);
  blockWords = <u64>(c0 & 0xffff) | (<u64>(c1 & 0xffff) << 16) | (<u64>(c2 & 0xffff) << 32) | (<u64>(c3 & 0xffff) << 48);
  blockPastAscii = <u64>(c0 >>> 16) | (<u64>(c1 >>> 16) << 16) | (<u64>(c2 >>> 16) << 32) | (<u64>(c3 >>> 16) << 48);
  if (blockPastAscii != 0) keepSeparators(p);
}

/**
 * Punctuation past ASCII (curly quotes, dashes, no-break spaces…) only
 * separates words, as an ASCII separator does: such a unit does not stop
 * the block but reads as a zero byte.
 */
function keepSeparators(p: i32): void {
  let bits = blockPastAscii;
  while (bits != 0) {
    const q = <i32>ctz(bits);
    bits &= bits - 1;
    const c = <i32>load<u16>(UNITS + (<usize>(p + q) << 1));
    if (c < SEPARATOR_UNITS && ((load<u8>(SEPARATORS + <usize>(c >> 3)) >> <u8>(c & 7)) & 1) != 0) {
      blockPastAscii &= ~(<u64>1 << <u64>q);
      store<u8>(BYTES + <usize>(p + q), 0);
    }
  }
}

/**
 * ASCII words from unit u of the piece up to unit `limit`, where unit 0 is
 * character `from` of the text: what ascii-words.ts's writeBlock and
 * writeWords do together, 64 characters at a time. A unit past ASCII stops
 * it too, and a word that runs up to where it stops is left to the caller
 * (it may go on). Units before u count as separators. Writes each word's
 * start and end (as characters) and hashes from word index `at`, and the
 * words' normalised bytes from OUT (a space before each, and before the
 * first when `space`). Returns the character it stopped at; RESULT holds the
 * word index written up to, the bytes written, and whether it stopped at
 * `limit` (1) rather than at a unit past ASCII (0). `units` is how many the
 * piece holds.
 */
export function scan(u: i32, from: i32, limit: i32, at: i32, space: i32, units: i32): i32 {
  let w = at;
  let length = 0;
  /** The first unit of the word open at the end of the last block, or -1. */
  let open = -1;
  /** Whether the unit before this block is in a word (bit 0). */
  let before: u64 = 0;
  let stop = 0;
  let p = u & ~63;
  classifyBlock(p);
  for (;;) {
    let m = blockWords;
    const high = blockPastAscii;
    // The next block is classified before this one's words are read: reading a word's bytes soon after
    // storing them would wait for the stores whenever a word spans two of them. Past the piece's end
    // this reads and writes units that are never used.
    classifyBlock(p + 64);
    // where to stop in this block: the first unit past ASCII, or `limit`
    let bad = high;
    const rem = limit - p;
    if (rem < 64) bad |= u64.MAX_VALUE << <u64>max(rem, 0);
    if (p < u) {
      m &= u64.MAX_VALUE << <u64>(u - p);
      bad &= u64.MAX_VALUE << <u64>(u - p);
    }
    let cut: u64 = 64;
    let below = u64.MAX_VALUE;
    if (bad != 0) {
      cut = ctz(bad);
      below = (<u64>1 << cut) - 1;
      m &= below;
    }
    let starts = m & ~((m << 1) | before);
    // a word ends at the first separator after it; the units from `cut` on are not read
    let ends = ~m & ((m << 1) | before) & below;
    before = m >> 63;
    while (ends != 0) {
      const e = p + <i32>ctz(ends);
      ends &= ends - 1;
      if (open < 0) {
        open = p + <i32>ctz(starts);
        starts &= starts - 1;
      }
      // units [open, e) are a word: copy and hash its bytes (hash.ts), 4 at a time and never fewer than two chunks
      if (length > 0 || space != 0) {
        store<u8>(OUT + <usize>length, 32);
        length++;
      }
      const n = e - open;
      let a = SEED_A ^ n;
      let h = SEED_B + n;
      if (n <= 8) {
        // the word's bytes and the zeros after them, as two little-endian chunks
        const c = load<u64>(BYTES + <usize>open) & (u64.MAX_VALUE >> <u64>(64 - (n << 3)));
        store<u64>(OUT + <usize>length, c);
        const lo = <i32>c;
        const hi = <i32>(c >> 32);
        a = (a ^ lo) * MUL_A;
        a ^= a >>> 15;
        h = (h + lo) * MUL_B;
        h ^= h >>> 13;
        a = (a ^ hi) * MUL_A;
        a ^= a >>> 15;
        h = (h + hi) * MUL_B;
        h ^= h >>> 13;
      } else {
        for (let q = 0; q < n; q += 4) {
          const c = load<i32>(BYTES + <usize>(open + q)) & <i32>(u32.MAX_VALUE >> <u32>(32 - (min(4, n - q) << 3)));
          store<i32>(OUT + <usize>(length + q), c);
          a = (a ^ c) * MUL_A;
          a ^= a >>> 15;
          h = (h + c) * MUL_B;
          h ^= h >>> 13;
        }
      }
      store<i32>(HASH_A + (<usize>w << 2), a);
      store<i32>(HASH_B + (<usize>w << 2), h);
      store<i32>(START + (<usize>w << 2), from + open);
      store<i32>(END + (<usize>w << 2), from + e);
      w++;
      length += n;
      open = -1;
    }
    if (starts != 0) open = p + <i32>ctz(starts);
    if (cut < 64) {
      store<i32>(RESULT + 8, <i32>((high >> cut) & 1) ^ 1);
      // a word that runs up to the stop may go on past it: leave it
      stop = open >= 0 ? open : min(max(u, p + <i32>cut), units);
      break;
    }
    p += 64;
  }
  store<i32>(RESULT, w);
  store<i32>(RESULT + 4, length);
  return from + stop;
}
