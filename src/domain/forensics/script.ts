/**
 * Writing systems of names. Chinese, Japanese and Korean names mix Han with
 * kana or Hangul as a matter of course, so they count as one family.
 */
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
];

function scriptOfLetter(letter: string): string {
  for (const [name, test] of SCRIPTS) if (test.test(letter)) return name;
  return 'Other';
}

/**
 * The script most letters of a value are written in; null for a value without
 * letters (a version number, a date).
 *
 * @example
 * scriptOf('Георгий Петров'); // 'Cyrillic'
 * scriptOf('Microsoft Word 16.0'); // 'Latin'
 */
export function scriptOf(value: string): string | null {
  const tally = new Map<string, number>();
  for (const letter of value.match(/\p{L}/gu) ?? []) {
    const script = scriptOfLetter(letter);
    tally.set(script, (tally.get(script) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [script, n] of tally) if (best === null || n > tally.get(best)!) best = script;
  return best;
}

/**
 * A word whose letters come from two scripts, such as `Jеan` with a Cyrillic
 * `е`: no keyboard layout types that by accident, while look-alike letters
 * are how forged names pass a glance. Returns the word and its scripts, or null.
 *
 * @example
 * mixedScriptWord('Jеan Dupont'); // { word: 'Jеan', scripts: ['Latin', 'Cyrillic'] }
 */
export function mixedScriptWord(value: string): { word: string; scripts: string[] } | null {
  for (const word of value.match(/\p{L}[\p{L}\p{M}]*/gu) ?? []) {
    // letters of no particular script (the micro sign of µTorrent) mix with any
    const scripts = [...new Set((word.match(/\p{L}/gu) ?? []).map(scriptOfLetter))].filter((s) => s !== 'Other');
    if (scripts.length > 1) return { word, scripts };
  }
  return null;
}
