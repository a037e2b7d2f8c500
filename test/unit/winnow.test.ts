import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/domain/fingerprint.ts';
import { tokenizeText } from '../../src/domain/normalise.ts';
import { GUARANTEE_WORDS, K, W, hashKgrams, winnow } from '../../src/domain/winnow.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const COMMON = (
  'the board payment transfer account minister campaign donation leak memo draft confidential ' +
  'director treasurer invoice budget meeting report press statement consultant offshore trust ' +
  'fund election party contract tender audit signed approved urgent delete forward email ' +
  'march april may june of to in and for on with by from this that is was be not'
).split(' ');

/** Deterministic pseudo-random words (mulberry32), so the long-text tests are reproducible. */
function randomWords(seed: number, count: number): string[] {
  const next = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mer', 'st', 'an', 'vi', 'dre', 'po', 'ul', 'tes', 'ri', 'gon', 'ba', 'ne', 'shu'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = '';
    const n = 1 + Math.floor(next() * 4);
    for (let j = 0; j < n; j++) word += syllables[Math.floor(next() * syllables.length)];
    out.push(word);
  }
  return out;
}

const fingerprints = (text: string) => {
  const words = tokenizeText(text);
  return winnow(hashKgrams(words).packed, words);
};

const shared = (a: Float64Array, b: Float64Array) => {
  const set = new Set(a);
  return new Set([...b].filter((h) => set.has(h)));
};

describe('the winnowing guarantee', () => {
  const letters = [...'abcdefghijklmnopqrstuvwxyzäöüßéèçñøσς'];
  const word = fc.oneof(fc.constantFrom(...COMMON), fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 9 }));
  const words = (max: number) => fc.array(word, { maxLength: max });
  const separator = fc.constantFrom(' ', '\n', '  ', '\r\n', '\t', ', ', '. ', '; ', ' — ', ' "', '" ', ' (', ') ', '!\n\n', ' … ');
  const casing = fc.constantFrom(
    (w: string) => w,
    (w: string) => w.toUpperCase(),
    (w: string) => w.charAt(0).toUpperCase() + w.slice(1),
  );

  it(`finds a passage of ${GUARANTEE_WORDS} or more words shared by two texts, however it was re-wrapped, re-cased and re-punctuated`, async () => {
    await fc.assert(
      fc.asyncProperty(
        words(60),
        fc.array(word, { minLength: GUARANTEE_WORDS, maxLength: 40 }),
        words(60),
        words(60),
        words(60),
        fc.infiniteStream(separator),
        fc.infiniteStream(casing),
        async (beforeA, passage, afterA, beforeB, afterB, separators, casings) => {
          const textA = [...beforeA, ...passage, ...afterA].join(' ');
          const rewritten = passage.map((w) => casings.next().value(w));
          let textB = beforeB.join(' ') + separators.next().value;
          const passageStart = textB.length;
          for (const w of rewritten) textB += w + separators.next().value;
          const passageEnd = textB.length;
          textB += afterB.join(' ');

          const [a, b] = await Promise.all([fingerprintText(textA), fingerprintText(textB)]);
          const common = shared(a.passages.hashes, b.passages.hashes);
          expect(common.size).toBeGreaterThan(0);
          // and at least one of them is the passage itself, found where it was quoted
          const inPassage = [...b.passages.hashes].some(
            (h, i) => common.has(h) && b.passages.offsets[i]! >= passageStart && b.passages.offsets[i]! < passageEnd,
          );
          expect(inPassage).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('winnow', () => {
  it('keeps about 2 / (W + 1) fingerprints per word of a long text', () => {
    const text = randomWords(7, 20_000).join(' ');
    const fp = fingerprints(text);
    const density = fp.count / 20_000;
    expect(density).toBeGreaterThan(0.9 * (2 / (W + 1)));
    expect(density).toBeLessThan(1.1 * (2 / (W + 1)));
  });

  it('gives the same fingerprints for the same text every time', async () => {
    const text = randomWords(11, 500).join(' ');
    const [a, b] = await Promise.all([fingerprintText(text), fingerprintText(text)]);
    expect([...a.passages.hashes]).toEqual([...b.passages.hashes]);
    expect([...a.passages.offsets]).toEqual([...b.passages.offsets]);
  });

  it(`gives no fingerprint to a text shorter than ${K} words`, async () => {
    for (let n = 0; n < K; n++) {
      const fp = await fingerprintText(randomWords(n, n).join(' '));
      expect(fp.passages.count).toBe(0);
      expect(fp.simhash).toBeNull();
    }
  });

  it(`gives exactly one fingerprint to a text of ${K} to ${GUARANTEE_WORDS} words`, () => {
    for (let n = K; n <= GUARANTEE_WORDS; n++) {
      expect(fingerprints(randomWords(100 + n, n).join(' ')).count).toBe(1);
    }
    expect(fingerprints('Delete this e-mail after reading, please.').count).toBe(1);
  });

  it("records the character offset of the first word of each fingerprinted k-gram in the original text", () => {
    const text = `MEMO — Zürich, 3 May 2017.\n\nThe transfer of CHF 2.4m to “Castellan Trading” was approved by the
treasurer on Thursday; the auditors (Weiß & Partner) were not told. Ｐｌｅａｓｅ delete every draft of this
note, and forward nothing to the press office before the election is over. 東京 office copied.`;
    const words = tokenizeText(text);
    const fp = fingerprints(text);
    expect(fp.count).toBeGreaterThan(3);
    for (let i = 0; i < fp.count; i++) {
      const at = fp.offsets[i]!;
      expect(text[at - 1] ?? ' ').toMatch(/[\s\p{P}\p{S}\p{Script=Han}]/u);
      // the k-gram that starts there, fingerprinted on its own, is the same hash
      const first = [...words.start].indexOf(at);
      const kgram = text.slice(at, words.end[first + K - 1]);
      expect(fingerprints(kgram).hashes[0]).toBe(fp.hashes[i]);
    }
  });

  it('finds (almost) nothing in common between texts that share no passage', async () => {
    const a = await fingerprintText(randomWords(1, 5_000).join(' '));
    const b = await fingerprintText(randomWords(2, 5_000).join(' '));
    expect(shared(a.passages.hashes, b.passages.hashes).size).toBe(0);

    const memo = await fingerprintText(
      'The treasurer approved the transfer of the campaign funds to the offshore trust on Thursday, ' +
        'and the board was told only after the election. Delete this memo after reading it.',
    );
    const recipe = await fingerprintText(
      'Preheat the oven to two hundred degrees. Mix the flour with the butter until it looks like ' +
        'breadcrumbs, then add the milk a little at a time and bake for twenty minutes.',
    );
    expect(shared(memo.passages.hashes, recipe.passages.hashes).size).toBe(0);
  });
});
