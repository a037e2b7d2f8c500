import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export type CappedRead =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Past the cap: the content was streamed through a hash and not kept. */
  | { kind: 'hashed'; size: number; sha256: string };

/**
 * Reads a stream into memory up to `cap` bytes; past that it keeps hashing
 * and counting without holding the content, so an oversized file is still
 * identified by its sha256. Past `limit` it stops with LimitExceeded.
 */
export async function readCapped(stream: Readable | AsyncIterable<Uint8Array>, cap: number, limit = Infinity): Promise<CappedRead> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let hash: ReturnType<typeof createHash> | null = null;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new LimitExceeded(size);
    if (hash) {
      hash.update(chunk);
      continue;
    }
    chunks.push(chunk);
    if (size > cap) {
      hash = createHash('sha256');
      for (const c of chunks) hash.update(c);
      chunks.length = 0;
    }
  }
  if (hash) return { kind: 'hashed', size, sha256: hash.digest('hex') };
  return { kind: 'bytes', bytes: concat(chunks, size) };
}

/** Thrown when a stream passes the hard limit given to readCapped (an inflating bomb). */
export class LimitExceeded extends Error {
  constructor(readonly bytes: number) {
    super(`stopped after ${bytes} bytes`);
  }
}

export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
