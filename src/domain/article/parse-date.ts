import { toIsoDate } from '../extract/dates.ts';

const ISO_LIKE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:(?:T|\s+)(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/i;
const HAS_ZONE = /(?:\b(?:Z|UTC|GMT|[A-Z]{2,4}T)\b|[+-]\d{2}:?\d{2}\s*$)/;

/**
 * A date as metadata writes it, as ISO-8601 in UTC, or null. A time without a
 * zone is read as UTC so the result never depends on the machine's time zone.
 * Never throws.
 *
 * @example
 * parseDate('2017-11-03 03:01:00.000000'); // '2017-11-03T03:01:00.000Z'
 * parseDate('2015-07-10T09:53:00-04:00'); // '2015-07-10T13:53:00.000Z'
 * parseDate('Tue, 05 May 2017 18:35:00 GMT'); // '2017-05-05T18:35:00.000Z'
 */
export function parseDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || text.length > 100) return null;
  if (/^\d{10}(\d{3})?$/.test(text)) return fromEpoch(Number(text));
  const m = ISO_LIKE.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
    const ms = Number(`0.${frac}`) * 1000;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(ms));
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59) return null;
    return toIsoDate(new Date(utc - zoneMinutes(zone) * 60_000));
  }
  return toIsoDate(HAS_ZONE.test(text) ? text : `${text} UTC`) ?? toIsoDate(text);
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
}

/** Seconds or milliseconds since 1970, as written in some pages' data attributes. */
function fromEpoch(value: number): string | null {
  const ms = value < 1e11 ? value * 1000 : value;
  return toIsoDate(new Date(ms));
}

const URL_DATE = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;
/** The Guardian's and Politifact's style: /2019/nov/18/. */
const URL_DATE_MONTH_NAME = /\/((?:19|20)\d{2})\/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\/(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The date written in a URL's path (`/2017/05/05/`, `/2017-05-05-title`,
 * `/20170505/`, `/2017/may/05/`), as midnight UTC, or null.
 *
 * @example
 * dateFromUrl('https://example.com/news/2017/05/05/leak.html'); // '2017-05-05T00:00:00.000Z'
 */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const named = URL_DATE_MONTH_NAME.exec(path);
  const m = named ? [named[0], named[1], String(MONTHS.indexOf(named[2]!.toLowerCase()) + 1), named[3]] : URL_DATE.exec(path);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // 2017/02/31 rolls over into March: not a date
  return date.getUTCDate() === Number(d) ? toIsoDate(date) : null;
}
