/**
 * UTF-8 decoding that marks what it cannot decode instead of hiding it.
 *
 * A byte that is not part of valid UTF-8 becomes the lone surrogate
 * U+DC80+byte (Python's "surrogateescape"). Correct UTF-8 never decodes to a
 * lone surrogate, so after JSON or CSV parsing a field that holds one is
 * known to be damaged (a JSON `\udc80` escape is caught the same way), while
 * a U+FFFD that was really in the file (mojibake in the IRA data) is kept as
 * text. `repairText` turns the marks into U+FFFD when a post is finished.
 */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a complete byte sequence (a whole line), marking invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeMarking(bytes, bytes.length);
  }
}

/** Decodes bytes that should be valid UTF-8; null when they are not. */
export function decodeValidUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A decoder for a stream of chunks: a character split between two chunks is
 * held back until the next one, so marks are only put on truly invalid bytes.
 */
export function createUtf8Decoder() {
  let carry: Uint8Array = new Uint8Array(0);
  return {
    write(chunk: Uint8Array): string {
      const bytes = carry.length ? concat(carry, chunk) : chunk;
      const cut = completeLength(bytes);
      carry = bytes.slice(cut);
      return decodeUtf8(bytes.subarray(0, cut));
    },
    end(): string {
      const rest = carry;
      carry = new Uint8Array(0);
      return rest.length ? decodeMarking(rest, rest.length) : '';
    },
  };
}

const DAMAGED = /\p{Cs}/u;
const DAMAGED_ALL = /\p{Cs}/gu;

/** True when a string holds a lone surrogate: undecodable bytes or a broken `\u` escape. */
export const isDamaged = (text: string) => DAMAGED.test(text);

/** The text with each lone surrogate replaced by U+FFFD, as a browser shows it. */
export const repairText = (text: string) => text.replace(DAMAGED_ALL, '\ufffd');

/** How many bytes form complete characters: an unfinished sequence at the end is held back. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) return sequenceLength(b) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

const sequenceLength = (lead: number) => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2);

/** The slow path: valid runs decoded natively, each invalid byte marked. */
function decodeMarking(bytes: Uint8Array, end: number): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < end) {
    const length = validSequence(bytes, i, end);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) parts.push(strict.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(0xdc00 + bytes[i]!));
    runStart = ++i;
  }
  if (end > runStart) parts.push(strict.decode(bytes.subarray(runStart, end)));
  return parts.join('');
}

/** The length of the valid UTF-8 sequence at i (RFC 3629: no overlongs, surrogates or values past U+10FFFF), or 0. */
function validSequence(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < end && bytes[i + k]! >= low && bytes[i + k]! <= high;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
