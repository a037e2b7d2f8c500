import { memoryBlob } from './memory-blob.ts';
import { extensionOf, type Child, type Extractor } from './types.ts';
import { looksLikeMail } from './mail.ts';

const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
const POSTMARK = /^From \S*\s+\S{3}\s+\S{3}\s+\d/;

const isFromLine = (bytes: Uint8Array, at: number) => FROM_.every((b, i) => bytes[at + i] === b);

/** Offsets where messages start: "From " lines at the start or after a blank line or with a postmark date. */
export function mboxMessageStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && bytes[i - 1] !== 0x0a) continue;
    if (!isFromLine(bytes, i)) continue;
    const afterBlank = i === 0 || bytes[i - 2] === 0x0a || (bytes[i - 2] === 0x0d && bytes[i - 3] === 0x0a);
    if (afterBlank || POSTMARK.test(decoder.decode(bytes.subarray(i, Math.min(bytes.length, i + 120))))) starts.push(i);
  }
  return starts;
}

/** Removes the "From " separator line and undoes mboxrd quoting (">From " → "From "). */
function unwrapMessage(chunk: Uint8Array): Uint8Array {
  const eol = isFromLine(chunk, 0) ? chunk.indexOf(0x0a) : -1;
  const body = isFromLine(chunk, 0) ? (eol < 0 ? new Uint8Array(0) : chunk.subarray(eol + 1)) : chunk;
  // on bytes, not decoded text: a "latin1" TextDecoder is windows-1252 on the web and in Workers,
  // which would not give the UTF-8 bytes of the message back
  const out = new Uint8Array(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x3e && (i === 0 || body[i - 1] === 0x0a)) {
      let j = i + 1;
      while (body[j] === 0x3e) j++;
      if (isFromLine(body, j)) continue; // drops one ">" of a quoted "From " line
    }
    out[n++] = body[i]!;
  }
  return n === body.length ? body : out.subarray(0, n);
}

/** A Unix mailbox: every message becomes a child document. */
export const mboxExtractor: Extractor = {
  format: 'mbox',
  mime: 'application/mbox',
  container: true,
  fit(blob) {
    const byName = ['mbox', 'mbx'].includes(extensionOf(blob.name)) ? 1 : 0;
    const eol = blob.head.indexOf(0x0a);
    const byContent = isFromLine(blob.head, 0) && eol > 0 && looksLikeMail(blob.head.subarray(eol + 1)) ? 2 : 0;
    return byName + byContent;
  },
  async extract(blob) {
    const bytes = await blob.read();
    const starts = mboxMessageStarts(bytes);
    // whatever precedes the first separator is kept as a message of its own, not dropped
    if (bytes.length > 0 && starts[0] !== 0) starts.unshift(0);
    const children: Child[] = starts.map((start, i) => {
      const end = starts[i + 1] ?? bytes.length;
      const name = `message-${String(i + 1).padStart(5, '0')}.eml`;
      return { name, blob: memoryBlob(name, unwrapMessage(bytes.subarray(start, end))) };
    });
    return { text: null, metadata: { messages: children.length }, children };
  },
};
