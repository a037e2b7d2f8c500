/**
 * Parses the date formats found in document metadata into ISO-8601 (UTC), or
 * null when the value is not a date. Never throws: metadata is hostile input.
 *
 * @example
 * parsePdfDate("D:20170505183500+02'00'"); // '2017-05-05T16:35:00.000Z'
 */
export function parsePdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // a year followed by a separator is an ISO or similar date ("2017-05-05"), whose "-05" is no zone
  const m = /^(?:D:)?(\d{4})(?![-/.])(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(value.trim());
  if (!m) return toIsoDate(value);
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  let offset = 'Z';
  if (zone && zone !== 'Z') {
    const digits = zone.replace(/'/g, '');
    offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  return toIsoDate(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
}

/**
 * Any string or Date the platform can parse, as ISO-8601 in UTC; null otherwise,
 * and for years outside 1900–2200 (placeholders and clock errors, not dates).
 */
export function toIsoDate(value: unknown): string | null {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string' && value.trim() !== '') time = Date.parse(value);
  else return null;
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year < 1900 || year > 2200 ? null : new Date(time).toISOString();
}
