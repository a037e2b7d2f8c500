import { decodeUtf8, decodeValidUtf8 } from './utf8.ts';

export type Line =
  /** A line of text, without its line break; undecodable bytes are marked (see utf8.ts). */
  | { line: number; text: string }
  /** A line longer than the cap: skipped without being held in memory. */
  | { line: number; tooLong: number };

/** 16 MiB: far above any real post or API page, far below what would strain memory. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Bytes of input split at a time: the lines of one slice come out together (larger slices keep more young objects alive for the collector). */
const SLICE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into numbered lines (LF or CRLF, a UTF-8 BOM at the
 * start dropped) in constant memory: a line over `maxLineBytes` is counted,
 * not buffered, and comes out as `tooLong`, so a 1 GB file on one line is one
 * clear rejection instead of an out-of-memory crash.
 *
 * @example
 * for await (const l of readLines(createReadStream('tweets.jsonl'))) if ('text' in l) JSON.parse(l.text);
 */
export async function* readLines(
  input: AsyncIterable<Uint8Array | string>,
  options: { maxLineBytes?: number } = {},
): AsyncGenerator<Line> {
  for await (const lines of readLineBatches(input, options)) yield* lines;
}

/**
 * `readLines`, a batch at a time: the lines that end in each 64 KiB of
 * input together (one step of the stream instead of one per line, which is
 * most of the cost of reading short lines such as posts).
 */
export async function* readLineBatches(
  input: AsyncIterable<Uint8Array | string>,
  options: { maxLineBytes?: number } = {},
): AsyncGenerator<Line[]> {
  const cap = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let line = 0;

  const finish = (): Line => {
    line++;
    if (skipping) return { line, tooLong: size };
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    return { line, text: decodeUtf8(bytes) };
  };
  const append = (piece: Buffer) => {
    size += piece.length;
    if (skipping) return;
    if (size > cap) {
      skipping = true;
      parts = [];
    } else if (piece.length > 0) parts.push(piece);
  };

  for await (const chunk of input) {
    const whole = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = 0; at < whole.length; at += SLICE_BYTES) {
      const buffer = whole.subarray(at, at + SLICE_BYTES);
      const out: Line[] = [];
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
        if (size === 0 && !skipping && line > 0 && cap >= SLICE_BYTES) {
          // the whole lines left in the slice, none longer than the cap: decoded at once unless some byte is not UTF-8
          const last = buffer.lastIndexOf(10);
          const text = decodeValidUtf8(buffer.subarray(start, last));
          if (text !== null) {
            line = splitLines(text, line, out);
            start = last + 1;
            break;
          }
        }
        append(buffer.subarray(start, nl));
        out.push(finish());
        parts = [];
        size = 0;
        skipping = false;
        start = nl + 1;
      }
      // copied: a view would keep the whole chunk alive while the line waits for its end
      if (start < buffer.length) append(Buffer.from(buffer.subarray(start)));
      if (out.length > 0) yield out;
    }
  }
  if (size > 0) yield [finish()];
}

/** Pushes the lines of a decoded run of whole lines (a line break at each LF, a CR before it dropped); returns the last line number. */
function splitLines(text: string, line: number, out: Line[]): number {
  for (let from = 0; ; ) {
    const cut = text.indexOf('\n', from);
    const end = cut === -1 ? text.length : cut;
    out.push({ line: ++line, text: text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end) });
    if (cut === -1) return line;
    from = cut + 1;
  }
}
