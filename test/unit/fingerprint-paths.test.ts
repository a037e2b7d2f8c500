import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/domain/fingerprint.ts';
import { prepareText, quickFingerprints } from '../../src/domain/match/compare.ts';
import { normaliseText, tokenizeText } from '../../src/domain/normalise.ts';
import { hashKgrams, winnow } from '../../src/domain/winnow.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

/**
 * Words reach their hashes two ways: ASCII runs through the four-bytes-at-a-
 * time fast path, everything else through the Unicode path. Fingerprints too:
 * streamed through a small window (fingerprintText, quickFingerprints) or
 * computed over whole arrays (prepareText). Each pair must agree exactly.
 */

const WORDS = 'the board approved transfer of 40000 euros to Castellan Trading Ltd before the vote and nobody was told a an I x'.split(' ');

/** Deterministic words (mulberry32), some longer than 8 bytes so that every chunk count occurs. */
function randomWords(seed: number, count: number): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => (next() < 0.7 ? WORDS[Math.floor(next() * WORDS.length)]! : 'x'.repeat(1 + Math.floor(next() * 20)) + Math.floor(next() * 1000)));
}

const hashesOf = (text: string) => {
  const w = tokenizeText(text);
  return Array.from({ length: w.count }, (_, i) => `${w.hashA[i]}:${w.hashB[i]}`);
};

describe('the ASCII fast path and the Unicode path', () => {
  it('give the same words and hashes whether the separators are ASCII or not', () => {
    // an em space between words keeps every chunk off the fast path
    const words = randomWords(3, 2_000);
    const ascii = words.join(' ');
    const unicode = words.join('\u2003');
    expect(normaliseText(unicode)).toBe(normaliseText(ascii));
    expect(hashesOf(unicode)).toEqual(hashesOf(ascii));
  });

  it('agree on words cut at any byte of a chunk, and on words that run into accented letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS, 'é', 'Zürich', 'ﬁnal', '東京', '—', '  ', '\n'), { maxLength: 60 }), fc.nat(7), (parts, pad) => {
        const text = ' '.repeat(pad) + parts.join(' ');
        expect(hashesOf(text.replaceAll(' ', '\u2003'))).toEqual(hashesOf(text));
      }),
      { numRuns: 300 },
    );
  });

  it('identifies a word by its normalised form alone', () => {
    const text = randomWords(5, 5_000).join(' ');
    const w = tokenizeText(text);
    const forms = normaliseText(text).split(' ');
    const seen = new Map<string, string>();
    for (let i = 0; i < w.count; i++) {
      const key = `${w.hashA[i]}:${w.hashB[i]}`;
      expect(seen.get(key) ?? forms[i]).toBe(forms[i]);
      seen.set(key, forms[i]!);
    }
    expect(new Set(seen.values()).size).toBe(seen.size);
  });
});

describe('streamed and whole-array fingerprints', () => {
  it('are the same for texts much longer than the streaming window', async () => {
    for (const [seed, count] of [
      [1, 30_000],
      [2, 4_321],
    ] as const) {
      const text = randomWords(seed, count).join(count % 2 ? ', ' : ' ');
      const words = tokenizeText(text);
      const whole = winnow(hashKgrams(words).packed, words);
      const streamed = (await fingerprintText(text)).passages;
      expect([...streamed.hashes]).toEqual([...whole.hashes]);
      expect([...streamed.words]).toEqual([...whole.words]);
      expect([...streamed.offsets]).toEqual([...whole.offsets]);
    }
  });

  it('keep the rightmost minimum on ties, and one fingerprint for a text shorter than a window', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 40 }), async (ws) => {
        const text = ws.join(' ');
        const words = tokenizeText(text);
        const whole = winnow(hashKgrams(words).packed, words);
        const streamed = (await fingerprintText(text)).passages;
        expect([...streamed.hashes]).toEqual([...whole.hashes]);
        expect([...streamed.words]).toEqual([...whole.words]);
      }),
      { numRuns: 300 },
    );
  });

  it('give the quick test of a post the fingerprints prepareText gives it', () => {
    const posts = [
      'BREAKING leaked memo: "the treasurer agreed to split the amount into four smaller payments" #leak',
      'RT @x: Großartig! Die Überweisung an Castellan wurde am Donnerstag genehmigt 🔥🔥 https://t.co/abc',
      'short one',
      randomWords(9, 3_000).join(' '),
    ];
    for (const post of posts) {
      const { hashes, words } = quickFingerprints(post);
      const prepared = prepareText(post);
      expect([...hashes]).toEqual([...prepared.fingerprints.hashes]);
      expect(words).toBe(prepared.words.count);
    }
  });
});
