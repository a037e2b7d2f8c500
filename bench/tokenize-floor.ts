import { FNV_PRIME, LANE_A_SEED, LANE_B_PRIME, LANE_B_SEED, fmix32 } from '../src/domain/hash.ts';

/** ASCII letters and digits lower-cased; 0 for every other code unit. */
const WORD = new Uint8Array(65536);
for (let c = 48; c < 58; c++) WORD[c] = c;
for (let c = 65; c < 91; c++) WORD[c] = c + 32;
for (let c = 97; c < 123; c++) WORD[c] = c;

/**
 * An estimate of the floor for \`tokenizeText\` in JavaScript: only what any
 * tokeniser with the same output must do on ASCII text (read each code unit,
 * lower-case it, store the normalised byte, run both FNV lanes over it,
 * record each word's hashes and offsets), sized like \`tokenizeText\`'s
 * buffers, and nothing more: no Unicode classes, no NFKC, no k-grams. Every
 * code unit past ASCII counts as a separator, so its output is not
 * Leakline's; only its speed matters.
 */
export function tokenizeFloor(text: string): number {
  const n = text.length;
  const bytes = new Uint8Array(n + 1);
  let words = Math.max(16, n >>> 2);
  let hashA: Uint32Array = new Uint32Array(words);
  let hashB: Uint32Array = new Uint32Array(words);
  let start: Uint32Array = new Uint32Array(words);
  let end: Uint32Array = new Uint32Array(words);
  const table = WORD;
  const primeA = FNV_PRIME;
  const primeB = LANE_B_PRIME;
  let length = 0;
  let count = 0;
  let i = 0;
  while (i < n) {
    let l = table[text.charCodeAt(i)]!;
    if (l === 0) {
      i++;
      continue;
    }
    const wordStart = i;
    if (count > 0) bytes[length++] = 32;
    const at = length;
    let a = LANE_A_SEED;
    let b = LANE_B_SEED;
    do {
      bytes[length++] = l;
      a = Math.imul(a ^ l, primeA);
      b = Math.imul(b ^ l, primeB);
      l = ++i < n ? table[text.charCodeAt(i)]! : 0;
    } while (l !== 0);
    if (count === words) {
      words *= 2;
      hashA = grown(hashA, words);
      hashB = grown(hashB, words);
      start = grown(start, words);
      end = grown(end, words);
    }
    hashA[count] = fmix32(a ^ (length - at));
    hashB[count] = fmix32(b + Math.imul(length - at, 0x9e3779b1));
    start[count] = wordStart;
    end[count] = i;
    count++;
  }
  return count;
}

function grown(array: Uint32Array, size: number): Uint32Array {
  const bigger = new Uint32Array(size);
  bigger.set(array);
  return bigger;
}
