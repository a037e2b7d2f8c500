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
  const votes = new Int32Array(64);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const hi = laneA[p]!;
    const lo = laneB[p]!;
    for (let bit = 0; bit < 32; bit++) {
      votes[bit] = votes[bit]! + ((lo >>> bit) & 1) * 2 - 1;
      votes[bit + 32] = votes[bit + 32]! + ((hi >>> bit) & 1) * 2 - 1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit]! > 0) lo |= 1 << bit;
    if (votes[bit + 32]! > 0) hi |= 1 << bit;
  }
  return toHex32(hi) + toHex32(lo);
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
