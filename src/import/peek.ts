/**
 * Reads the start of a stream without losing it: `head` holds at least the
 * first `bytes` bytes (or the whole stream if shorter), and `rest` yields the
 * whole stream again from its first byte.
 *
 * The stream is read through one iterator throughout: leaving a `for await`
 * over a Node stream early would destroy it.
 */
export async function peekStream(
  input: AsyncIterable<Uint8Array | string>,
  bytes: number,
): Promise<{ head: Buffer; rest: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    seen.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(seen, size);
  async function* rest(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield toBuffer(next.value);
      ended = true;
    } finally {
      // a consumer that stops early releases the stream (a Node Readable is destroyed)
      if (!ended) await iterator.return?.();
    }
  }
  return { head, rest: rest() };
}

export const toBuffer = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
