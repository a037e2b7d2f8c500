/**
 * A compact set of 52-bit fingerprint hashes (open addressing on typed
 * arrays), so that the common case (a post that quotes no leak) is answered
 * in memory without touching the database. Holds tens of millions of hashes
 * in 8 bytes each, which a JS Set of numbers cannot (it stops at 2^24).
 *
 * @example
 * const filter = new HashFilter();
 * filter.add(fp.hashes[0]);
 * filter.has(fp.hashes[0]); // true
 */
export class HashFilter {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.mask = slots - 1;
  }

  /** Adds a hash; returns false when it was already present. */
  add(hash: number): boolean {
    if ((this.size + 1) * 2 > this.hi.length) this.grow();
    return this.insert(hash);
  }

  has(hash: number): boolean {
    // a stored slot is never (0, 0): the high word carries a set marker bit
    const h = Math.floor(hash / 4294967296) | 0x100000;
    const l = hash >>> 0;
    for (let i = slot(l, h) & this.mask; ; i = (i + 1) & this.mask) {
      const sh = this.hi[i]!;
      if (sh === 0) return false;
      if (sh === h && this.lo[i] === l) return true;
    }
  }

  private insert(hash: number): boolean {
    const h = Math.floor(hash / 4294967296) | 0x100000;
    const l = hash >>> 0;
    for (let i = slot(l, h) & this.mask; ; i = (i + 1) & this.mask) {
      const sh = this.hi[i]!;
      if (sh === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.size++;
        return true;
      }
      if (sh === h && this.lo[i] === l) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.mask = this.hi.length - 1;
    this.size = 0;
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] !== 0) this.insert((hi[i]! & 0xfffff) * 4294967296 + lo[i]!);
    }
  }
}

/** The low lane is already well mixed (fmix32 output); fold in the high lane for clustering safety. */
const slot = (lo: number, hi: number) => (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
