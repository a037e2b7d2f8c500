/**
 * 64-bit SimHash (Charikar 2002) over a document's winnowed k-gram
 * fingerprints: each feature votes +1 or −1 on every bit, and the sign of the
 * sum sets the bit. Near-duplicate documents land a few bits apart; it is a
 * whole-document test (passages are matched through the winnowed index).
 *
 * Winnowed fingerprints are a content-defined sample of the k-grams (the same
 * text always yields the same sample), so using them as features keeps the
 * hash stable while costing a fifth of hashing every k-gram.
 *
 * @example
 * simhash64(a, b, positions); // '9f3a…' (16 hex digits)
 */
export function simhash64(laneA: Uint32Array, laneB: Uint32Array, positions: Uint32Array): string {
  // A bit is set when more features vote +1 than −1 on it, that is when more
  // than half of them have it: count the ones of each bit.
  const onesLo = countBits(laneB, positions);
  const onesHi = countBits(laneA, positions);
  const half = positions.length / 2;
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (onesLo[bit]! > half) lo |= 1 << bit;
    if (onesHi[bit]! > half) hi |= 1 << bit;
  }
  return toHex32(hi) + toHex32(lo);
}

const BYTE_ONES = 0x01010101;
/** Values counted before a byte-wide counter could overflow. */
const BATCH = 255;

/**
 * For each bit, how many of the lane's values at `positions` have it set.
 *
 * Testing the 32 bits one at a time costs 32 steps a value. Instead eight
 * counters each hold four byte-wide counts: counter k adds
 * (v >>> k) & 0x01010101, counting bits k, k + 8, k + 16 and k + 24 in one
 * addition, and is spilled into the totals every 255 values, before a byte
 * can overflow. About eight times faster, and the same counts.
 */
function countBits(lane: Uint32Array, positions: Uint32Array): Int32Array {
  const ones = new Int32Array(32);
  for (let start = 0; start < positions.length; start += BATCH) {
    const end = Math.min(positions.length, start + BATCH);
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
    for (let i = start; i < end; i++) {
      const v = lane[positions[i]!]!;
      c0 = (c0 + (v & BYTE_ONES)) | 0;
      c1 = (c1 + ((v >>> 1) & BYTE_ONES)) | 0;
      c2 = (c2 + ((v >>> 2) & BYTE_ONES)) | 0;
      c3 = (c3 + ((v >>> 3) & BYTE_ONES)) | 0;
      c4 = (c4 + ((v >>> 4) & BYTE_ONES)) | 0;
      c5 = (c5 + ((v >>> 5) & BYTE_ONES)) | 0;
      c6 = (c6 + ((v >>> 6) & BYTE_ONES)) | 0;
      c7 = (c7 + ((v >>> 7) & BYTE_ONES)) | 0;
    }
    const counters = [c0, c1, c2, c3, c4, c5, c6, c7];
    for (let k = 0; k < 8; k++) {
      for (let byte = 0; byte < 4; byte++) {
        const bit = byte * 8 + k;
        ones[bit] = ones[bit]! + ((counters[k]! >>> (byte * 8)) & 0xff);
      }
    }
  }
  return ones;
}

const toHex32 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/**
 * Number of differing bits between two SimHashes written as 16 hex digits.
 *
 * @example
 * hammingDistance('00000000000000ff', '000000000000000f'); // 4
 */
export function hammingDistance(x: string, y: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let v = (parseInt(x.slice(i, i + 8), 16) ^ parseInt(y.slice(i, i + 8), 16)) >>> 0;
    while (v) {
      v &= v - 1;
      d++;
    }
  }
  return d;
}
