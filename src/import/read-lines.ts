import { decodeUtf8 } from './utf8.ts';

export type Line =
  /** A line of text, without its line break; undecodable bytes are marked (see utf8.ts). */
  | { line: number; text: string }
  /** A line longer than the cap: skipped without being held in memory. */
  | { line: number; tooLong: number };

/** 16 MiB: far above any real post or API page, far below what would strain memory. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

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
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
      append(buffer.subarray(start, nl));
      yield finish();
      parts = [];
      size = 0;
      skipping = false;
      start = nl + 1;
    }
    // copied: a view would keep the whole chunk alive while the line waits for its end
    if (start < buffer.length) append(Buffer.from(buffer.subarray(start)));
  }
  if (size > 0) yield finish();
}
