import type { Rejection } from './items.ts';
import { formatChars } from './json-value.ts';
import { DEFAULT_MAX_LINE_BYTES, readLines, type Line } from './read-lines.ts';

export type CsvSourceItem = { row: Record<string, string>; line: number } | { rejected: Rejection };

/** A quoted field running on for more lines than this is taken for a quote that was never closed. */
const MAX_RECORD_LINES = 100;

/**
 * The rows of a CSV file with a header line (RFC 4180: quoted fields may
 * hold commas, doubled quotes and line breaks), keyed by column, in constant
 * memory. A bad row is rejected with its line number and reading goes on:
 * a quote never closed ends at the next line that is a whole row by itself
 * (or after 100 lines, whose later ones are read again), and a row whose
 * field count differs from the header's is rejected rather than read into
 * the wrong columns.
 *
 * csv-parse is not used here: once a record passes its size limit it keeps
 * swallowing the rest of the file, and its per-call cost is too high to
 * re-parse rows one at a time.
 */
export async function* readCsvRecords(input: AsyncIterable<Uint8Array | string>, options: { maxLineBytes?: number } = {}): AsyncGenerator<CsvSourceItem> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let columns: string[] | null = null;
  let pending: Array<{ line: number; text: string }> = [];

  function* take(l: { line: number; text: string }): Generator<CsvSourceItem> {
    if (pending.length > 0 && columns && isWholeRow(l.text, columns.length)) {
      // a line that is a complete row by itself starts a row: the quote left open above it was never closed
      const [first, last] = [pending[0]!.line, pending.at(-1)!.line];
      pending = [];
      const lines = first === last ? `line ${first}` : `lines ${first}–${last}`;
      yield { rejected: { line: first, reason: `a quote opened on line ${first} is never closed: ${lines} skipped` } };
    }
    pending.push(l);
    const text = pending.map((p) => p.text).join('\n');
    const { fields, open } = splitCsvRecord(text);
    if (open && pending.length < MAX_RECORD_LINES && text.length <= maxLineBytes) return;
    const first = pending[0]!;
    if (open) {
      yield* giveUp(`a quote opened on line ${first.line} is never closed: the line was skipped`);
      return;
    }
    pending = [];
    if (!columns) {
      columns = fields.map((c) => c.trim());
      return;
    }
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    if (fields.length !== columns.length) {
      yield { rejected: { line: first.line, reason: `${fields.length} fields where the header has ${columns.length}: skipped` } };
      return;
    }
    yield { row: Object.fromEntries(columns.map((c, i) => [c, fields[i]!])), line: first.line };
  }

  /** Rejects the first pending line and reads the ones after it again. */
  function* giveUp(reason: string): Generator<CsvSourceItem> {
    const [first, ...again] = pending;
    pending = [];
    if (first) yield { rejected: { line: first.line, reason } };
    for (const l of again) yield* take(l);
  }

  for await (const l of readLines(input, { maxLineBytes }) as AsyncGenerator<Line>) {
    if ('tooLong' in l) {
      if (pending.length > 0) yield* giveUp(`a quote opened on line ${pending[0]!.line} is never closed: the line was skipped`);
      yield { rejected: { line: l.line, reason: `the line is longer than ${formatChars(maxLineBytes)} (${l.tooLong} bytes): skipped` } };
      continue;
    }
    yield* take(l);
  }
  while (pending.length > 0) yield* giveUp(`a quote opened on line ${pending[0]!.line} is never closed before the end of the file: the line was skipped`);
}

function isWholeRow(text: string, columns: number): boolean {
  const { fields, open } = splitCsvRecord(text);
  return !open && fields.length === columns;
}

/**
 * The fields of one CSV record, and whether it ends inside a quoted field
 * (it continues on the next line). Only a quote at the start of a field opens
 * quoting; a stray quote inside an unquoted field is kept as text.
 *
 * @example
 * splitCsvRecord('a,"b ""c"", d",e'); // { fields: ['a', 'b "c", d', 'e'], open: false }
 */
export function splitCsvRecord(text: string): { fields: string[]; open: boolean } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      for (i++; ; ) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          fields.push(value + text.slice(i));
          return { fields, open: true };
        }
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    }
    // an unquoted field, or what follows a closing quote, runs to the next comma
    const comma = text.indexOf(',', i);
    fields.push(value + text.slice(i, comma === -1 ? text.length : comma));
    if (comma === -1) return { fields, open: false };
    i = comma + 1;
  }
}
