import { describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/domain/fingerprint.ts';
import { normaliseText } from '../../src/domain/normalise.ts';
import { sha256Hex } from '../../src/domain/sha256.ts';

const LETTER = `Dear Mr Okafor,

Further to our call on Tuesday, I confirm that the "Riverside" contract will be awarded to your firm,
provided the donation we discussed reaches the party's account before 30 June. Please use the usual
intermediary; nothing should be sent to my office address.

Kind regards,
Helen Marsh, Deputy Mayor`;

describe('fingerprintText', () => {
  it('hashes the normalised text, so reformatting keeps the text hash', async () => {
    const reformatted = LETTER.replace(/\s+/g, '\n').toUpperCase().replace(/[,;."]/g, '');
    const smartQuotes = LETTER.replace(/"([^"]*)"/g, '“$1”').replace(/'/g, '’');
    const [a, b, c] = await Promise.all([fingerprintText(LETTER), fingerprintText(reformatted), fingerprintText(smartQuotes)]);
    expect(a.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.textSha256).toBe(a.textSha256);
    expect(c.textSha256).toBe(a.textSha256);
    expect(a.textSha256).toBe(await sha256Hex(normaliseText(LETTER)));
  });

  it('gives identical fingerprints to texts with the same normalised form', async () => {
    const [a, b] = await Promise.all([fingerprintText(LETTER), fingerprintText(LETTER.replace(/\n/g, '\r\n'))]);
    expect(b.simhash).toBe(a.simhash);
    expect([...b.passages.hashes]).toEqual([...a.passages.hashes]);
  });

  it('changes the text hash when a word changes', async () => {
    const [a, b] = await Promise.all([fingerprintText(LETTER), fingerprintText(LETTER.replace('30 June', '31 July'))]);
    expect(b.textSha256).not.toBe(a.textSha256);
  });

  it('counts the words and keeps about 0.22 passage fingerprints per word', async () => {
    const fp = await fingerprintText(LETTER);
    expect(fp.words).toBe(normaliseText(LETTER).split(' ').length);
    expect(fp.passages.count).toBeGreaterThan(0.1 * fp.words);
    expect(fp.passages.count).toBeLessThan(0.4 * fp.words);
  });

  it('gives an empty text the hash of nothing and no SimHash', async () => {
    const fp = await fingerprintText('  \n ');
    expect(fp.words).toBe(0);
    expect(fp.simhash).toBeNull();
    expect(fp.passages.count).toBe(0);
    expect(fp.textSha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
