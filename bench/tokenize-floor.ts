const encoder = new TextEncoder();
let buffer = new Int32Array(1 << 16);

/**
 * An estimate of the floor for a JavaScript tokeniser on mostly-ASCII text:
 * encode it to UTF-8 natively, then look at every aligned 4-byte chunk once
 * with the same word-wide classification `scanWords`' fast path uses (which
 * bytes are letters or digits), counting where words start. It writes no
 * normalised text, hashes nothing and stops being correct at the first byte
 * past ASCII: only its speed matters, as a lower bound for reading the text.
 */
export function tokenizeFloor(text: string): number {
  if (buffer.length * 4 < text.length * 3 + 8) buffer = new Int32Array(Math.ceil((text.length * 3 + 8) / 4));
  const bytes = new Uint8Array(buffer.buffer);
  const written = encoder.encodeInto(text, bytes).written;
  bytes.fill(0, written, Math.min(bytes.length, ((written + 3) & ~3) + 4));
  const chunks = buffer;
  const n = (written + 3) >> 2;
  let starts = 0;
  let before = 0;
  for (let k = 0; k < n; k++) {
    const x = chunks[k]!;
    const upper = (x + 0x3f3f3f3f) & ~(x + 0x25252525);
    const lower = (x + 0x1f1f1f1f) & ~(x + 0x05050505);
    const digit = (x + 0x50505050) & ~(x + 0x46464646);
    const word = ((upper | lower | digit) & ~x & 0x80808080) >>> 7;
    // a word starts at a word byte whose previous byte is not one
    const first = word & ~((word << 8) | before);
    starts += ((Math.imul(first, 0x01010101) >>> 24) & 0xff);
    before = word >>> 24;
  }
  return starts;
}
