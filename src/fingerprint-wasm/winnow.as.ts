// @ts-nocheck: AssemblyScript, not TypeScript; compiled into words.wasm with words.as.ts (see there).

import { AFTER, BEFORE, FP_HASH, FP_OFFSET, FP_WORD, HASH_A, HASH_B, START, WINDOW } from './layout.as';
import { countBits, resetBits } from './simhash-bits.as';

/** The streaming winnower of src/domain/winnow.ts (class Winnower): k-gram hashes, the rightmost minimum of each window of W. */

const K: i32 = 5;
const W: i32 = 8;
const BASE_A: i32 = 0x01000193;
const BASE_B: i32 = 0x5bd1e995;
/**
 * A k-gram is compared by its packed 52-bit hash (20 high bits of lane A
 * over the 32 of lane B), held as an integer: the same order as winnow.ts's
 * (high part first, lane B on ties), in one comparison. Above every key: the
 * minimum of an empty window.
 */
const NO_KEY: i64 = <i64>1 << 52;
/** KEYS[j]: the key of the k-gram ending with word j of the window. */
const KEYS = memory.data((BEFORE + WINDOW + AFTER) << 3, 16) + (BEFORE << 3);

let seen: i32 = 0;
let minPos: i32 = -1;
let minKey: i64 = NO_KEY;
let last: i32 = -1;

export function winnowReset(): void {
  seen = 0;
  minPos = -1;
  last = -1;
  minKey = NO_KEY;
  resetBits();
  // words before the first count as zeros, which leave a k-gram's sums as they are
  memory.fill(HASH_A - (BEFORE << 2), 0, BEFORE << 2);
  memory.fill(HASH_B - (BEFORE << 2), 0, BEFORE << 2);
}

/** MurmurHash3's finaliser on four lanes (hash.ts's fmix32). */
function fmix(x: v128): v128 {
  let h = v128.xor(x, i32x4.shr_u(x, 16));
  h = i32x4.mul(h, i32x4.splat(<i32>0x85ebca6b));
  h = v128.xor(h, i32x4.shr_u(h, 13));
  h = i32x4.mul(h, i32x4.splat(<i32>0xc2b2ae35));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

/** Lane sum of the K words ending at p (an address in HASH_A or HASH_B), four k-grams at a time: Σ h[j − 4 + t] × base^(4 − t), as winnow.ts rolls it. */
function sums(p: usize, base: i32): v128 {
  const b = i32x4.splat(base);
  let s = v128.load(p - 16);
  s = i32x4.add(i32x4.mul(s, b), v128.load(p - 12));
  s = i32x4.add(i32x4.mul(s, b), v128.load(p - 8));
  s = i32x4.add(i32x4.mul(s, b), v128.load(p - 4));
  return i32x4.add(i32x4.mul(s, b), v128.load(p));
}

/** Makes the slots before an array of `size`-byte items hold the last BEFORE items of those slots and items [0, count). */
function keepLast(array: usize, size: i32, count: i32): void {
  const slots = array - <usize>(BEFORE * size);
  if (count >= BEFORE) {
    memory.copy(slots, array + <usize>((count - BEFORE) * size), <usize>(BEFORE * size));
  } else {
    memory.copy(slots, slots + <usize>(count * size), <usize>((BEFORE - count) * size));
    memory.copy(array - <usize>(count * size), array, <usize>(count * size));
  }
}

/** Takes the next `count` words of the window (HASH_A, HASH_B, START); writes their fingerprints from FP_* index 0 and returns how many. */
export function winnowAdd(count: i32): i32 {
  const base = seen;
  // the key of each k-gram, four at a time: lane A finalised (its high 20 bits), lane B finalised (all 32)
  for (let j = 0; j < count; j += 4) {
    const high = i32x4.shr_u(fmix(sums(HASH_A + (<usize>j << 2), BASE_A)), 12);
    const low = fmix(v128.xor(sums(HASH_B + (<usize>j << 2), BASE_B), i32x4.splat(0x2545f491)));
    v128.store(KEYS + (<usize>j << 3), i32x4.shuffle(low, high, 0, 4, 1, 5));
    v128.store(KEYS + (<usize>j << 3) + 16, i32x4.shuffle(low, high, 2, 6, 3, 7));
  }
  let pos = minPos;
  let key = minKey;
  let kept = last;
  let n = 0;
  for (let j = max(0, K - 1 - base); j < count; j++) {
    // the k-gram of words i … base + j, and the window of the W k-grams ending with it; the rightmost minimum wins ties
    const i = base + j - K + 1;
    const k = load<i64>(KEYS + (<usize>j << 3));
    const take = k <= key;
    key = select(k, key, take);
    pos = select(i, pos, take);
    if (pos <= i - W) {
      // the minimum left the window: look again at the W − 1 k-grams still in it, right to left
      key = k;
      pos = i;
      for (let q = 1; q < W; q++) {
        const kq = load<i64>(KEYS + (<isize>(j - q) << 3));
        const less = kq < key;
        key = select(kq, key, less);
        pos = select(i - q, pos, less);
      }
    }
    // a fingerprint each time the kept k-gram changes: always written, counted only then (no branch to mispredict)
    store<f64>(FP_HASH + (<usize>n << 3), <f64>key);
    store<i32>(FP_WORD + (<usize>n << 2), pos);
    store<i32>(FP_OFFSET + (<usize>n << 2), load<i32>(START + (<isize>(pos - base) << 2)));
    const full = i >= W - 1;
    n += <i32>(full & (pos != kept));
    kept = select(pos, kept, full);
  }
  keepLast(HASH_A, 4, count);
  keepLast(HASH_B, 4, count);
  keepLast(START, 4, count);
  keepLast(KEYS, 8, count);
  seen = base + count;
  minPos = pos;
  minKey = key;
  last = kept;
  countBits(n);
  return n;
}

/** A text shorter than one window keeps its minimum (its only window): writes it at FP_* index 0 and returns 1, else 0. */
export function winnowSettle(kept: i32): i32 {
  const m = seen - K + 1;
  if (m <= 0 || m >= W || kept != 0) return 0;
  store<f64>(FP_HASH, <f64>minKey);
  store<i32>(FP_WORD, minPos);
  // the text's words are all in the slots before START now
  store<i32>(FP_OFFSET, load<i32>(START + (<isize>(minPos - seen) << 2)));
  countBits(1);
  return 1;
}
