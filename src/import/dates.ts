/**
 * Post times, parsed strictly. `Date.parse` is not used on its own: it reads
 * "2017-05-05 21:13" in the machine's local zone and accepts "2017-02-31", so
 * the same file would import differently on two machines.
 *
 * Policy (the same in every format): a time the record does not have is null
 * with no warning; a time it has but that cannot be read, or lies outside
 * 1990–2100, is null with a warning naming the field and value. A time is
 * never guessed and never becomes "now".
 */
export type PostTime = { createdAt: string | null; warning?: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
const NONE: PostTime = { createdAt: null };

/**
 * An ISO-8601 time (`2017-05-05T21:13:00Z`, `2017-05-05 21:13:00+02:00`, …)
 * as ISO-8601 UTC. A time without a zone is read as UTC; unless the format
 * defines it as UTC (`zoneless: 'utc'`), that comes with a warning.
 *
 * @example
 * parseIsoTime('2017-05-05 21:13:00', 'publish_date', { zoneless: 'utc' }); // { createdAt: '2017-05-05T21:13:00.000Z' }
 * parseIsoTime('yesterday', 'created_at'); // { createdAt: null, warning: 'invalid time in created_at: "yesterday"' }
 */
export function parseIsoTime(value: unknown, field: string, options: { zoneless?: 'utc' | 'warn' } = {}): PostTime {
  if (value === undefined || value === null || value === '') return NONE;
  if (typeof value !== 'string') return invalid(field, value);
  if (isCanonical(value)) return { createdAt: value };
  const m = ISO.exec(value.trim());
  if (!m) return invalid(field, value);
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  // checked by hand: Date.UTC would roll "02-31" over into March
  if (!isRealTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return invalid(field, value);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Math.min(Number(s), 59), millis);
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return invalid(field, value);
  const time = finite(local - offset * 60_000, field, value);
  if (zone || options.zoneless === 'utc' || time.createdAt === null) return time;
  return { ...time, warning: `no time zone in ${field} ${quote(value)}: read as UTC` };
}

/** Already what this returns (as the API of X writes times): a real UTC time within 1990–2099, to the millisecond. */
const CANONICAL = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.\d{3}Z$/;

function isCanonical(value: string): boolean {
  if (value.length !== 24) return false;
  const m = CANONICAL.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const second = Number(m[6]);
  // a leap second is read as :59, so it is not returned as it is
  return year >= 1990 && year < 2100 && second < 60 && isRealTime(year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), second);
}

/**
 * Seconds (or another unit) since 1970 as ISO-8601 UTC; a number or a string
 * of digits, as Reddit's `created_utc` and Telegram's `date_unixtime` come.
 *
 * @example
 * parseEpochTime('1494018780', 'date_unixtime'); // { createdAt: '2017-05-05T21:13:00.000Z' }
 */
export function parseEpochTime(value: unknown, field: string, unit: 'seconds' | 'microseconds' = 'seconds'): PostTime {
  if (value === undefined || value === null || value === '') return NONE;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(number)) return invalid(field, value);
  return finite(unit === 'seconds' ? number * 1000 : number / 1000, field, value);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Month, day, hour, minute and second in range (a leap second is allowed and read as :59). */
function isRealTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS[month - 1]! + (leap ? 1 : 0);
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  if (hours > 18 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function finite(ms: number, field: string, value: unknown): PostTime {
  if (!Number.isFinite(ms)) return invalid(field, value);
  if (ms < EARLIEST || ms >= LATEST) return { createdAt: null, warning: `time in ${field} ${quote(value)} is outside 1990–2100: left empty` };
  return { createdAt: new Date(Math.floor(ms)).toISOString() };
}

const invalid = (field: string, value: unknown): PostTime => ({ createdAt: null, warning: `invalid time in ${field}: ${quote(value)}` });

/** A value shown in a message: JSON-quoted and cut to a readable length. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
