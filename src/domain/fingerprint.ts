import { tokenizeText } from './normalise.ts';
import { sha256Hex } from './sha256.ts';
import { simhash64 } from './simhash.ts';
import { hashKgrams, winnow, type Fingerprints } from './winnow.ts';

export interface TextFingerprint {
  /** sha256 of the normalised text (NFKC, case-folded, words joined by one space). */
  textSha256: string;
  /** 64-bit SimHash as 16 hex digits, or null for a text with no k-gram. */
  simhash: string | null;
  /** Number of words in the normalised text. */
  words: number;
  /** Winnowed passage fingerprints with their character offsets. */
  passages: Fingerprints;
}

/** A sha256 to hex function; Web Crypto by default, a synchronous one where the runtime has it. */
export type Sha256 = (data: Uint8Array) => string | Promise<string>;

/**
 * The whole per-document fingerprint of an extracted text.
 *
 * @example
 * const fp = await fingerprintText(text);
 * fp.passages.count; // ≈ 0.22 × fp.words
 */
export async function fingerprintText(text: string, sha256: Sha256 = sha256Hex): Promise<TextFingerprint> {
  const words = tokenizeText(text);
  const kgrams = hashKgrams(words);
  const passages = winnow(kgrams.packed, words);
  const simhash = passages.count > 0 ? simhash64(kgrams.a, kgrams.b, passages.words) : null;
  return { textSha256: await sha256(words.normalised), simhash, words: words.count, passages };
}
