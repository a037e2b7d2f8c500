// The npm peers the fingerprint benchmark compares against ship no types:
// these declare only what the benchmark calls.

declare module 'tlsh' {
  /** TLSH digest of a string (read with charCodeAt); throws on input under 512 characters or too uniform. */
  export default function hash(data: string): string;
}

declare module 'ssdeep.js' {
  const ssdeep: {
    /** ssdeep digest of a string (encoded to UTF-8 first) or of bytes. */
    digest(data: string | ArrayLike<number>): string;
    similarity(a: string, b: string): number;
  };
  export default ssdeep;
}

declare module 'minhash' {
  class Minhash {
    constructor(config?: { numPerm?: number; seed?: number });
    /** Adds one set member (a word, a shingle). */
    update(member: string): void;
    hashvalues: number[];
    jaccard(other: Minhash): number;
  }
  const minhash: { Minhash: typeof Minhash };
  export default minhash;
}

declare module 'simhash-js' {
  class SimHash {
    constructor(options?: { kshingles?: number; maxFeatures?: number });
    /** 32-bit SimHash of a string's 4-character shingles. */
    hash(input: string): number;
  }
  const simhash: { SimHash: typeof SimHash };
  export default simhash;
}
