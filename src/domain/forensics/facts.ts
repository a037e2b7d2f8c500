/**
 * Reading metadata fields the same way for every format. Metadata is hostile
 * input of any shape: nothing here throws, a value that is not what we expect
 * is simply absent.
 */

/**
 * A metadata field as display text: strings trimmed, numbers as written, anything else absent.
 *
 * @example
 * textOf({ creator: '  Microsoft Word ' }, 'creator'); // 'Microsoft Word'
 */
export function textOf(metadata: Record<string, unknown>, key: string): string | null {
  const value = metadata[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text.slice(0, 300);
}

/**
 * The form two values are compared in: spelling variants of case, spacing and
 * Unicode composition are one value, so only real differences stand out.
 *
 * @example
 * comparable('Jean  DUPONT'); // 'jean dupont'
 */
export function comparable(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A metadata date as milliseconds since the epoch, or null.
 *
 * @example
 * timeOf({ modified: '2024-10-19T23:41:00.000Z' }, 'modified'); // 1729381260000
 */
export function timeOf(metadata: Record<string, unknown>, key: string): number | null {
  const value = metadata[key];
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/**
 * The primary language subtag of `language` (docx) or `lang` (HTML): `fr-FR`
 * and `fr` are one language written two ways, and telling them apart would
 * flag format differences rather than authors.
 *
 * @example
 * languageOf({ language: 'ru-RU' }); // 'ru'
 */
export function languageOf(metadata: Record<string, unknown>): string | null {
  const tag = textOf(metadata, 'language') ?? textOf(metadata, 'lang');
  const primary = tag ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag)?.[1] : undefined;
  return primary ? primary.toLowerCase() : null;
}

// RFC 5322 §4.3 obsolete zone names; the military single letters are unreliable and left out
const NAMED_ZONES: Record<string, string> = {
  UT: '+00:00', GMT: '+00:00', Z: '+00:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00',
  CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

/**
 * The UTC offset of the clock that dated the document, when the metadata still
 * holds it. Ingest stores dates normalised to UTC (`…Z`), which erases the
 * offset of PDF and Office dates; only the raw e-mail `Date:` header, or a date
 * field some extractor left with its offset, still carries one.
 *
 * @example
 * utcOffsetOf({ headers: { date: 'Thu, 8 Nov 2001 16:04:35 -0800 (PST)' } }); // { offset: '-08:00', source: 'headers.date' }
 */
export function utcOffsetOf(metadata: Record<string, unknown>): { offset: string; source: string } | null {
  const headers = metadata.headers;
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    const raw = (headers as Record<string, unknown>).date;
    // a repeated header is stored newline-joined: the first is the one mail clients show
    const first = typeof raw === 'string' ? raw.split('\n')[0]! : null;
    const offset = first ? mailDateOffset(first) : null;
    if (offset) return { offset, source: 'headers.date' };
  }
  for (const key of ['modified', 'created', 'date']) {
    const value = metadata[key];
    if (typeof value !== 'string') continue;
    // a trailing Z is what normalisation writes, so it says nothing about the author's clock
    const m = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([+-])(\d{2}):?(\d{2})$/.exec(value.trim());
    const offset = m ? formatOffset(m[1]!, m[2]!, m[3]!) : null;
    if (offset) return { offset, source: key };
  }
  return null;
}

function mailDateOffset(value: string): string | null {
  const numeric = /(?:^|\s)([+-])(\d{2}):?(\d{2})(?=\s|\(|$)/.exec(value);
  if (numeric) return formatOffset(numeric[1]!, numeric[2]!, numeric[3]!);
  const named = /\d{1,2}:\d{2}(?::\d{2})?\s+([A-Z]{1,3})\b/.exec(value);
  return named ? (NAMED_ZONES[named[1]!] ?? null) : null;
}

function formatOffset(sign: string, hours: string, minutes: string): string | null {
  if (Number(hours) > 14 || Number(minutes) > 59) return null;
  // "-0000" means "offset unknown" (RFC 5322 §3.3), not UTC
  if (sign === '-' && hours === '00' && minutes === '00') return null;
  return `${sign}${hours}:${minutes}`;
}

/** A time as researchers read it in a summary: minutes, UTC. */
export function formatTime(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `3 documents`, `1 document`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A value quoted for a summary sentence, without the quotes some fields
 * already carry (`"Dean, Craig" <craig.dean@enron.com>`).
 *
 * @example
 * quote('"Jean Dupont"'); // '“Jean Dupont”'
 */
export function quote(value: string): string {
  const text = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return `“${text.replace(/"/g, '')}”`;
}

/** The verb form agreeing with a count: `agree(1, 'was', 'were')`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** A duration in the largest unit that reads naturally. */
export function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} seconds`;
  if (minutes < 120) return count(Math.round(minutes), 'minute');
  if (minutes < 72 * 60) return count(Math.round(minutes / 60), 'hour');
  if (minutes < 730 * 1440) return count(Math.round(minutes / 1440), 'day');
  return `${(minutes / 525_960).toFixed(1)} years`;
}
