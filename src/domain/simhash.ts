/**
 * 64-bit SimHash (Charikar 2002) over a document's winnowed k-gram
 * fingerprints: each feature votes +1 or −1 on every bit, and the sign of the
 * sum sets the bit. Near-duplicate documents land a few bits apart; it is a
 * whole-document test (passages are matched through the winnowed index).
 *
 * Winnowed fingerprints are a content-defined sample of the k-grams (the same
 * text always yields the same sample), so using them as features keeps the
 * hash stable while costing a fifth of hashing every k-gram. Each feature's
 * 64 bits come from its 52-bit hash: the low 32 bits as they are (already
 * finalised), the high 32 a multiply-xorshift of the other 20 bits mixed
 * with them, so that every bit varies from feature to feature.
 *
 * @example
 * simhash64(fingerprints.hashes); // '9f3a…' (16 hex digits)
 */
export function simhash64(hashes: Float64Array): string {
  const { lo, hi } = countBits(hashes);
  return simhashOfCounts(lo, hi, hashes.length);
}

/**
 * The SimHash of `count` features from how many of them have each bit set
 * (the 32 low bits, then the 32 high ones): for a caller that counted them
 * as the features went past (the WebAssembly winnower, wasm-words.ts).
 *
 * @example
 * simhashOfCounts(onesLo, onesHi, fingerprints.count); // as simhash64(fingerprints.hashes)
 */
export function simhashOfCounts(onesLo: ArrayLike<number>, onesHi: ArrayLike<number>, count: number): string {
  // A bit is set when more features vote +1 than −1 on it, that is when more
  // than half of them have it.
  const half = count / 2;
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (onesLo[bit]! > half) lo |= 1 << bit;
    if (onesHi[bit]! > half) hi |= 1 << bit;
  }
  return toHex32(hi) + toHex32(lo);
}

const BYTE_ONES = 0x01010101;
const TO_HIGH = 2 ** -32;
/** Values counted before a byte-wide counter could overflow. */
const BATCH = 255;

/**
 * For each bit of each feature lane, how many features have it set.
 *
 * Testing the 32 bits one at a time costs 32 steps a value. Instead eight
 * counters per lane each hold four byte-wide counts: counter k adds
 * (v >>> k) & 0x01010101, counting bits k, k + 8, k + 16 and k + 24 in one
 * addition, and is spilled into the totals every 255 values, before a byte
 * can overflow. About eight times faster, and the same counts.
 */
function countBits(hashes: Float64Array): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(32);
  const hi = new Int32Array(32);
  for (let first = 0; first < hashes.length; first += BATCH) {
    const last = Math.min(hashes.length, first + BATCH);
    let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
    let h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0;
    for (let i = first; i < last; i++) {
      const h = hashes[i]!;
      const v = h >>> 0;
      // the high 20 bits (an exact multiplication by 2^-32), mixed with the low 32 so that all 32 bits vary
      const w = Math.imul(((h - v) * TO_HIGH) ^ v, 0x9e3779b1);
      const u = w ^ (w >>> 16);
      l0 = (l0 + (v & BYTE_ONES)) | 0;
      l1 = (l1 + ((v >>> 1) & BYTE_ONES)) | 0;
      l2 = (l2 + ((v >>> 2) & BYTE_ONES)) | 0;
      l3 = (l3 + ((v >>> 3) & BYTE_ONES)) | 0;
      l4 = (l4 + ((v >>> 4) & BYTE_ONES)) | 0;
      l5 = (l5 + ((v >>> 5) & BYTE_ONES)) | 0;
      l6 = (l6 + ((v >>> 6) & BYTE_ONES)) | 0;
      l7 = (l7 + ((v >>> 7) & BYTE_ONES)) | 0;
      h0 = (h0 + (u & BYTE_ONES)) | 0;
      h1 = (h1 + ((u >>> 1) & BYTE_ONES)) | 0;
      h2 = (h2 + ((u >>> 2) & BYTE_ONES)) | 0;
      h3 = (h3 + ((u >>> 3) & BYTE_ONES)) | 0;
      h4 = (h4 + ((u >>> 4) & BYTE_ONES)) | 0;
      h5 = (h5 + ((u >>> 5) & BYTE_ONES)) | 0;
      h6 = (h6 + ((u >>> 6) & BYTE_ONES)) | 0;
      h7 = (h7 + ((u >>> 7) & BYTE_ONES)) | 0;
    }
    spill(lo, [l0, l1, l2, l3, l4, l5, l6, l7]);
    spill(hi, [h0, h1, h2, h3, h4, h5, h6, h7]);
  }
  return { lo, hi };
}

/** Adds eight counters of four byte-wide counts to the per-bit totals. */
function spill(ones: Int32Array, counters: number[]): void {
  for (let k = 0; k < 8; k++) {
    for (let byte = 0; byte < 4; byte++) {
      const bit = byte * 8 + k;
      ones[bit] = ones[bit]! + ((counters[k]! >>> (byte * 8)) & 0xff);
    }
  }
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
