/**
 * How metadata answers are compared with Readability.js's expected values.
 * Each field is scored over the pages whose expected value is non-empty.
 */

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Same text once whitespace is folded, exactly or ignoring case.
 *
 * @example
 * sameText('Hello  World', 'hello world'); // true
 */
export function sameText(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const [a, b] = [fold(expected), fold(actual)];
  return a === b || a.toLowerCase() === b.toLowerCase();
}

const ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * Same publication time. With a zone in the expected value the two must be
 * the same instant; without one, the date and time as written must match the
 * answer's UTC date and time, to the precision written.
 *
 * @example
 * sameInstant('2015-07-10T09:53:00-04:00', '2015-07-10T13:53:00.000Z'); // true
 * sameInstant('2018-04-05T06:00', '2018-04-05T06:00:00.000Z'); // true
 */
export function sameInstant(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const value = expected.trim();
  if (ZONE.test(value)) {
    const a = Date.parse(value);
    return !Number.isNaN(a) && a === Date.parse(actual);
  }
  const e = PARTS.exec(value);
  const g = PARTS.exec(actual);
  if (!e || !g) return false;
  // compare only the fields the expected value writes
  return e.slice(1).every((part, i) => part === undefined || part === g[i + 1]);
}

export interface FieldAccuracy {
  correct: number;
  total: number;
}

/**
 * Counts a comparison into a field's tally when the expected value is present.
 *
 * @example
 * tally(acc, expected.title, (e) => sameText(e, article.title));
 */
export function tally(acc: FieldAccuracy, expected: string | null | undefined, correct: (e: string) => boolean): void {
  if (typeof expected !== 'string' || expected.trim() === '') return;
  acc.total++;
  if (correct(expected)) acc.correct++;
}
