import { Utf8Piece, type AsciiScanner } from './ascii-words.ts';
import { scanWords } from './normalise.ts';
import { sha256Hex } from './sha256.ts';
import { simhash64 } from './simhash.ts';
import { Winnower, type Fingerprints, type StreamWinnower } from './winnow.ts';
import { WordSink } from './word-sink.ts';

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

/**
 * A sha256 to hex function; Web Crypto by default, a synchronous one where the
 * runtime has it (Node's `crypto`, which is also much cheaper per call). It
 * must read `data` before it returns: the buffer is reused by the next call.
 */
export type Sha256 = (data: Uint8Array) => string | Promise<string>;

/**
 * What a text streams through, reused from call to call: the ASCII scanner,
 * a windowed sink and the winnower the sink hands each window to, so only
 * the normalised text grows with the document. Its buffer is kept for texts
 * up to KEEP_BYTES and dropped after larger ones.
 */
export interface FingerprintParts {
  ascii: AsciiScanner;
  sink: WordSink;
  winnower: StreamWinnower;
}

const KEEP_BYTES = 32 << 20;
const WINDOW_WORDS = 1024;

/** The JavaScript parts (the WebAssembly ones come from `WasmWords.fingerprintParts`, wasm-words.ts). */
export function createFingerprintParts(): FingerprintParts {
  const winnower = new Winnower();
  return { ascii: new Utf8Piece(), winnower, sink: new WordSink(WINDOW_WORDS, 1 << 16, (s) => winnower.add(s.hashA, s.hashB, s.start, s.count)) };
}

const ownParts = createFingerprintParts();

/**
 * The whole per-document fingerprint of an extracted text. `parts` picks the
 * word loops (the same result either way): JavaScript unless given the
 * WebAssembly ones.
 *
 * @example
 * const fp = await fingerprintText(text, (bytes) => createHash('sha256').update(bytes).digest('hex'));
 * fp.passages.count; // ≈ 0.22 × fp.words
 */
export async function fingerprintText(text: string, sha256: Sha256 = sha256Hex, parts: FingerprintParts = ownParts): Promise<TextFingerprint> {
  const { ascii, sink, winnower } = parts;
  winnower.reset();
  scanWords(text, sink, ascii);
  const passages = winnower.finish();
  const simhash = passages.count > 0 ? (winnower.simhash?.() ?? simhash64(passages.hashes)) : null;
  const words = sink.words;
  const digest = sha256(sink.bytes.subarray(0, sink.length));
  if (sink.bytes.length > KEEP_BYTES) sink.release();
  return { textSha256: await digest, simhash, words, passages };
}
