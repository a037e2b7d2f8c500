import { describeError } from '../domain/errors.ts';
import type { Rejection } from './items.ts';
import { DocumentWalker, type DocumentItem, type PathSelector } from './json-document.ts';
import { createTokenizer } from './json-tokens.ts';
import { formatChars } from './json-value.ts';
import { peekStream } from './peek.ts';
import { DEFAULT_MAX_LINE_BYTES, readLineBatches } from './read-lines.ts';
import { createUtf8Decoder, isDamaged, repairText } from './utf8.ts';

export type JsonRecord = { value: unknown; line: number | null; at: string | null; context: Record<string, unknown> };
export type JsonSourceItem = { record: JsonRecord } | { rejected: Rejection };

export type JsonSourceOptions = {
  /** Where records sit in a whole document; by default the document itself, or each element of a top-level array. */
  select?: PathSelector;
  /** `auto` reads JSON Lines unless the file is one JSON document; `document` always reads a document (Telegram). */
  layout?: 'auto' | 'document';
  maxRecordBytes?: number;
};

/** The document itself is a record, or each element of a top-level array is. */
export const topLevelRecords: PathSelector = (path, kind) => (path.length === 0 ? (kind === 'array' ? 'descend' : 'record') : path.length === 1 ? 'record' : 'skip');

const PEEK_BYTES = 64 * 1024;
/** Text fed to the tokenizer at a time, so one huge chunk from the source cannot become one huge string. */
const SLICE_BYTES = 1024 * 1024;

/**
 * The JSON records of a file, whichever way it is laid out: JSON Lines (one
 * record, or one array of records, per line: a bad line is rejected and the
 * next one read), or one document, pretty-printed or not, streamed token by
 * token (a syntax error there ends the reading, as nothing after it can be
 * trusted, and is reported as a rejection).
 */
export async function* readJsonRecords(input: AsyncIterable<Uint8Array | string>, options: JsonSourceOptions = {}): AsyncGenerator<JsonSourceItem> {
  for await (const items of readJsonRecordBatches(input, options)) yield* items;
}

/** `readJsonRecords`, those of each slice of input (`readLineBatches`; a megabyte of a whole document) together. */
export async function* readJsonRecordBatches(input: AsyncIterable<Uint8Array | string>, options: JsonSourceOptions = {}): AsyncGenerator<JsonSourceItem[]> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const { head, rest } = await peekStream(input, PEEK_BYTES);
  if (options.layout !== 'document' && chooseLayout(head) === 'lines') yield* readJsonLines(rest, maxRecordBytes);
  else yield* readJsonDocument(rest, options.select ?? topLevelRecords, maxRecordBytes);
}

/**
 * JSON Lines unless the file opens with "[" or its first line does not end
 * a record (a pretty-printed document opens with a lone "{"). A broken first
 * line of JSON Lines still ends with "}", so it costs that line, not the file.
 * A first line too long to see whole is taken for JSON Lines: the line reader
 * copes with it in constant memory.
 */
export function chooseLayout(head: Buffer): 'lines' | 'document' {
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  const start = text.search(/\S/);
  if (start === -1) return 'lines';
  if (text[start] === '[') return 'document';
  const end = text.indexOf('\n', start);
  if (end === -1) return 'lines';
  return text.slice(start, end).trim().endsWith('}') ? 'lines' : 'document';
}

async function* readJsonLines(input: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<JsonSourceItem[]> {
  for await (const lines of readLineBatches(input, { maxLineBytes })) {
    const out: JsonSourceItem[] = [];
    for (const l of lines) {
      if ('tooLong' in l) {
        out.push({ rejected: { line: l.line, reason: `the line is longer than ${formatChars(maxLineBytes)} (${l.tooLong} bytes): skipped` } });
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (error) {
        // a blank line is no record (JSON.parse refuses it, so this costs nothing on the others)
        if (l.text.trim() === '') continue;
        const encoding = isDamaged(l.text) ? ' (it also holds bytes that are not UTF-8)' : '';
        out.push({ rejected: { line: l.line, reason: `not valid JSON${encoding}: ${repairText(describeError(error).slice(0, 200))}` } });
        continue;
      }
      if (!Array.isArray(value)) out.push({ record: { value, line: l.line, at: null, context: {} } });
      else for (const [i, item] of value.entries()) out.push({ record: { value: item, line: l.line, at: `[${i}]`, context: {} } });
    }
    if (out.length > 0) yield out;
  }
}

async function* readJsonDocument(input: AsyncIterable<Uint8Array>, select: PathSelector, maxRecordBytes: number): AsyncGenerator<JsonSourceItem[]> {
  const decoder = createUtf8Decoder();
  const tokenizer = createTokenizer({ jsonStreaming: true });
  const walker = new DocumentWalker(select, { maxChars: maxRecordBytes, maxDepth: 128 });
  const out: DocumentItem[] = [];
  let bytes = 0;
  const feed = (text: string, last: boolean): string | null => {
    try {
      for (const token of tokenizer.write(text)) walker.push(token, out);
      if (last) for (const token of tokenizer.end()) walker.push(token, out);
      return null;
    } catch (error) {
      return describeError(error).slice(0, 200);
    }
  };
  for await (const chunk of input) {
    for (let i = 0; i < chunk.length; i += SLICE_BYTES) {
      const piece = chunk.subarray(i, i + SLICE_BYTES);
      bytes += piece.length;
      const failure = feed(decoder.write(piece), false);
      const items = drain(out);
      if (failure) {
        yield [...items, stopped(bytes, failure)];
        return;
      }
      if (items.length > 0) yield items;
    }
  }
  const failure = feed(decoder.end(), true);
  const items = drain(out);
  if (failure) items.push(stopped(bytes, /expected|ended|has expected/i.test(failure) ? `${failure} (the file ends early: truncated?)` : failure));
  if (items.length > 0) yield items;
}

function drain(out: DocumentItem[]): JsonSourceItem[] {
  const items = out.map((item): JsonSourceItem =>
    'rejected' in item ? { rejected: { line: null, at: item.at, reason: `${item.at}: ${item.rejected}` } } : { record: { value: item.record, line: null, at: item.at, context: item.context } },
  );
  out.length = 0;
  return items;
}

const stopped = (bytes: number, reason: string): JsonSourceItem => ({
  rejected: { line: null, reason: `the JSON is broken within its first ${bytes} bytes, reading stopped there: ${reason}` },
});
