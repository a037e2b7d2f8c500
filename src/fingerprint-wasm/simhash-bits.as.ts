// @ts-nocheck: AssemblyScript, not TypeScript; compiled into words.wasm with words.as.ts (see there).

import { FP_HASH, ONES, PENDING } from './layout.as';

/** Features counted into PENDING since it was last added to ONES. */
let pending: i32 = 0;

/** Starts the counts for a new text. */
export function resetBits(): void {
  pending = 0;
  memory.fill(ONES, 0, 64 << 2);
  memory.fill(PENDING, 0, 64);
}

/**
 * Counts, for each bit of the SimHash feature of fingerprints FP_HASH[0, n),
 * how many have it set (simhash.ts's countBits): the feature's low 32 bits
 * are the hash's low 32, its high 32 a multiply-xorshift of the other 20
 * mixed with them. Sixteen byte-wide counters to a vector, one bit of one
 * byte of the feature each, added to ONES before a byte can overflow.
 */
export function countBits(n: i32): void {
  const low = i8x16(1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8);
  const high = i8x16(16, 16, 16, 16, 32, 32, 32, 32, 64, 64, 64, 64, -128, -128, -128, -128);
  const zero = i8x16.splat(0);
  let v0 = v128.load(PENDING);
  let v1 = v128.load(PENDING + 16);
  let u0 = v128.load(PENDING + 32);
  let u1 = v128.load(PENDING + 48);
  for (let i = 0; i < n; i++) {
    const hash = <i64>load<f64>(FP_HASH + (<usize>i << 3));
    const v = <i32>hash;
    const w = (<i32>(hash >> 32) ^ v) * <i32>0x9e3779b1;
    const sv = i32x4.splat(v);
    const su = i32x4.splat(w ^ (w >>> 16));
    // a set bit compares as -1: subtracting it counts it
    v0 = i8x16.sub(v0, i8x16.ne(v128.and(sv, low), zero));
    v1 = i8x16.sub(v1, i8x16.ne(v128.and(sv, high), zero));
    u0 = i8x16.sub(u0, i8x16.ne(v128.and(su, low), zero));
    u1 = i8x16.sub(u1, i8x16.ne(v128.and(su, high), zero));
    if (++pending == 255) {
      v128.store(PENDING, v0);
      v128.store(PENDING + 16, v1);
      v128.store(PENDING + 32, u0);
      v128.store(PENDING + 48, u1);
      spill();
      v0 = v1 = u0 = u1 = zero;
    }
  }
  v128.store(PENDING, v0);
  v128.store(PENDING + 16, v1);
  v128.store(PENDING + 32, u0);
  v128.store(PENDING + 48, u1);
}

/** Adds the byte-wide counters to ONES and clears them: byte 4g + j of a vector counts bit 8j + g (+ 4 for the second of a half). */
function spill(): void {
  for (let half = 0; half < 2; half++) {
    for (let second = 0; second < 2; second++) {
      const counters = PENDING + <usize>((half * 2 + second) << 4);
      for (let g = 0; g < 4; g++) {
        for (let j = 0; j < 4; j++) {
          const at = ONES + (<usize>(half * 32 + j * 8 + second * 4 + g) << 2);
          store<i32>(at, load<i32>(at) + <i32>load<u8>(counters + <usize>(g * 4 + j)));
        }
      }
    }
  }
  memory.fill(PENDING, 0, 64);
  pending = 0;
}

/** The per-bit counts of every fingerprint kept since winnowReset, in ONES. */
export function countedBits(): usize {
  spill();
  return ONES;
}
