import { describe, expect, it } from 'vitest';
import { foldText, normaliseText, tokenizeText } from '../../src/domain/normalise.ts';

/** Each word as it was written in the original text, from its offsets. */
function originalWords(text: string): string[] {
  const words = tokenizeText(text);
  const out: string[] = [];
  for (let i = 0; i < words.count; i++) out.push(text.slice(words.start[i], words.end[i]));
  return out;
}

const MEMO = `MEMORANDUM — STRICTLY CONFIDENTIAL

To:   Board of Northbridge Holdings
From: Margaret Ellison, General Counsel

Re: the "Harbour" transfer (ref. NB-2017/044)

Following Thursday's meeting, the £2.4m payment to Castellan Trading Ltd.
must be booked as "consulting fees", not as a donation. Please destroy
earlier drafts; do NOT forward this note outside the executive team.`;

describe('normaliseText', () => {
  it('folds case and collapses whitespace and punctuation into single spaces', () => {
    expect(normaliseText('The  “Quick”\nbrown FOX.')).toBe('the quick brown fox');
    expect(normaliseText('Re: the "Harbour" transfer (ref. NB-2017/044)')).toBe('re the harbour transfer ref nb 2017 044');
  });

  it('gives the same text for a memo however it is wrapped, cased and punctuated', () => {
    const rewrapped = MEMO.replace(/\s+/g, ' ').toUpperCase().replace(/[.,;:]/g, ' ! ');
    expect(normaliseText(rewrapped)).toBe(normaliseText(MEMO));
    expect(normaliseText(MEMO)).toMatch(/^memorandum strictly confidential to board of northbridge holdings from margaret/);
  });

  it('folds ß to ss and every sigma to σ, as full case folding does', () => {
    expect(normaliseText('Straße STRASSE straße ẞ')).toBe('strasse strasse strasse ss');
    expect(normaliseText('ΟΔΥΣΣΕΥΣ')).toBe(normaliseText('οδυσσευς'));
    expect(normaliseText('οδυσσευς')).toBe('οδυσσευσ');
    expect(normaliseText('Σίσυφος')).toBe(normaliseText('ΣΊΣΥΦΟΣ'));
  });

  it('applies NFKC: ligatures, full-width letters, superscripts and styled letters read as plain text', () => {
    expect(normaliseText('ﬁnancial ﬂows')).toBe('financial flows');
    expect(normaliseText('ＮＯＲＴＨＢＲＩＤＧＥ ２０１７')).toBe('northbridge 2017');
    expect(normaliseText('E = mc²')).toBe('e mc2');
    expect(normaliseText('𝐁𝐨𝐥𝐝 claims')).toBe('bold claims');
  });

  it('treats a combining accent like the precomposed letter', () => {
    expect(normaliseText('cafe\u0301 and re\u0301sume\u0301')).toBe(normaliseText('café and résumé'));
    expect(normaliseText('CAFE\u0301')).toBe('café');
    expect(normaliseText('カ\u3099イド')).toBe(normaliseText('ガイド'));
    expect(normaliseText('ｶﾞｲﾄﾞ')).toBe(normaliseText('ガイド'));
  });

  it('counts every Han, kana and Thai character as a word of its own', () => {
    expect(normaliseText('東京都の会議')).toBe('東 京 都 の 会 議');
    expect(normaliseText('Meeting in 東京 today')).toBe('meeting in 東 京 today');
    expect(normaliseText('ภาษาไทย')).toBe('ภ า ษ า ไ ท ย');
    // a tone mark belongs to the letter it sits on
    expect(normaliseText('ไม่')).toBe('ไ ม่');
  });

  it('separates words at emoji and symbols, whatever their variation selectors', () => {
    expect(normaliseText('deal🔥done')).toBe('deal done');
    expect(normaliseText('I ❤️ leaks')).toBe('i leaks');
    expect(normaliseText('I ❤️ leaks')).toBe(normaliseText('I ❤ leaks'));
    expect(normaliseText('ok 👍🏽 sure, family 👨‍👩‍👧 photo ☎️ hotline')).toBe('ok sure family photo hotline');
    expect(normaliseText('Price: €5 + 10% ★ © 2017')).toBe('price 5 10 2017');
  });

  it('reads letters outside the Basic Multilingual Plane whole, and drops lone surrogates', () => {
    expect(normaliseText('𠀀 rare character')).toBe('𠀀 rare character');
    expect(normaliseText('x𝐁y')).toBe('xby');
    expect(normaliseText('ab\ud800cd \udc00ef gh\ud83d')).toBe('ab cd ef gh');
  });

  it('is empty for empty and whitespace-only input', () => {
    expect(normaliseText('')).toBe('');
    expect(normaliseText('   \n\t\r\n  ')).toBe('');
    expect(normaliseText('… — !!! ???')).toBe('');
    expect(tokenizeText('').count).toBe(0);
  });

  it('handles a long text whose normalised form is longer than the original', () => {
    // U+FDFA expands to four words under NFKC; the buffers must grow past their first guess
    const long = `${MEMO}\n`.repeat(1_000) + 'ﷺ '.repeat(20_000);
    const words = tokenizeText(long);
    expect(words.count).toBe(tokenizeText(MEMO).count * 1_000 + 4 * 20_000);
    expect(normaliseText(long).endsWith(' صلى الله عليه وسلم')).toBe(true);
  });
});

describe('tokenizeText', () => {
  it('gives each word the offsets of its slice of the original text', () => {
    const words = tokenizeText('Hello,  WORLD!');
    expect(words.count).toBe(2);
    expect([words.start[1], words.end[1]]).toEqual([8, 13]);
    expect(originalWords(MEMO).slice(0, 6)).toEqual(['MEMORANDUM', 'STRICTLY', 'CONFIDENTIAL', 'To', 'Board', 'of']);
  });

  it('points at the original slice for non-ASCII and slow-path words', () => {
    const text = 'Übergabe an Frau Weiß — ﬁnal ＯＫ, cafe\u0301 東京 ｶﾞ ΣΟΦΊΑ x²';
    expect(originalWords(text)).toEqual(['Übergabe', 'an', 'Frau', 'Weiß', 'ﬁnal', 'ＯＫ', 'cafe\u0301', '東', '京', 'ｶﾞ', 'ΣΟΦΊΑ', 'x²']);
  });

  it('points every word that NFKC splits out of one character at that character', () => {
    const text = 'a ½ share';
    expect(normaliseText(text)).toBe('a 1 2 share');
    expect(originalWords(text)).toEqual(['a', '½', '½', 'share']);
  });

  it('points at the original slice for words with characters outside the BMP', () => {
    const text = '>> 𝒜lpha then 𠀀x';
    expect(originalWords(text)).toEqual(['𝒜lpha', 'then', '𠀀', 'x']);
  });

  it('gives the same word hashes whichever way a word is written', () => {
    const a = tokenizeText('Café STRASSE ﬁle');
    const b = tokenizeText('cafe\u0301 straße file');
    expect([...a.hashA]).toEqual([...b.hashA]);
    expect([...a.hashB]).toEqual([...b.hashB]);
    expect([...tokenizeText('café').hashA]).not.toEqual([...tokenizeText('cafe').hashA]);
  });

  it('returns the normalised text as UTF-8 bytes', () => {
    const words = tokenizeText('Straße 東京');
    expect(new TextDecoder().decode(words.normalised)).toBe('strasse 東 京');
  });
});

describe('foldText', () => {
  it('normalises and case-folds a slice', () => {
    expect(foldText('Straße ΣΊΣΥΦΟΣ ﬁ')).toBe('strasse σίσυφοσ fi');
    expect(foldText('ＡＢＣ')).toBe('abc');
  });
});
