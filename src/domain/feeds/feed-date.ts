import { toIsoDate } from '../extract/dates.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Zone names seen in RSS dates, in minutes east of UTC: RFC 822's own
 * (UT, GMT, the US zones) and the abbreviations feeds write anyway.
 */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  BST: 60, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  IST: 330, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

// "Tue, 05 May 2017 18:35:00 GMT", "5 May 17 18:35 +0200", "Tuesday, 05-May-2017 18:35:00 EST"
const RFC822 = /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4}|\d{2})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:([+-]\d{2}:?\d{2})|([a-z]{1,5}))?\s*(?:\([^)]*\))?$/i;
// "2024-10-20", "2024-10-20T18:35:12.5+02:00", "2024-10-20 18:35:12"
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A feed date (RFC 822 as RSS writes it, ISO-8601/W3C-DTF as Atom, JSON
 * Feed and Dublin Core do) as ISO-8601 in UTC, or null. A date without a
 * zone, or with one no table knows, is read as UTC so the result never
 * depends on the machine's time zone. Never throws.
 *
 * @example
 * parseFeedDate('Tue, 05 May 2017 18:35:00 EST'); // '2017-05-05T23:35:00.000Z'
 * parseFeedDate('2017-05-05T18:35:00+02:00'); // '2017-05-05T16:35:00.000Z'
 */
export function parseFeedDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || text.length > 80) return null;
  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, day, monthName, yearText, h = '0', mi = '0', s = '0', offset, zone] = rfc;
    const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
    // RFC 2822: two-digit years below 50 are in the 2000s
    const year = yearText!.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
    const minutes = offset ? offsetMinutes(offset) : (ZONES[(zone ?? '').toUpperCase()] ?? 0);
    return build(year, month, Number(day), Number(h), Number(mi), Number(s), 0, minutes);
  }
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo = '1', d = '1', h = '0', mi = '0', s = '0', frac = '0', zone] = iso;
    const minutes = zone && /^[+-]/.test(zone) ? offsetMinutes(zone) : 0;
    return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0.${frac}`) * 1000), minutes);
  }
  return null;
}

/** '+0200', '-05:30', '+02' as minutes east of UTC. */
function offsetMinutes(offset: string): number {
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
}

/** The instant, or null when a field is out of range (31 February is no date, not 3 March). */
function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offset: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms));
  if (date.getUTCDate() !== day) return null;
  return toIsoDate(new Date(date.getTime() - offset * 60_000));
}
