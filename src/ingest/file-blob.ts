import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { Blob } from '../domain/extract/types.ts';

/** Files up to this size are read whole at once (one open instead of two). */
const READ_WHOLE_BYTES = 1 << 20;

/** sha256 of bytes in memory, synchronously (Node's crypto; the domain's Web Crypto version is async). */
export const sha256Sync = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A Blob over a file on disk: its head is read now, the rest only when asked. */
export async function fileBlob(filePath: string, name: string, size: number): Promise<Blob> {
  if (size <= READ_WHOLE_BYTES) {
    const bytes = new Uint8Array(await readFile(filePath));
    return { name, size: bytes.byteLength, head: bytes.subarray(0, 4096), filePath, read: async () => bytes };
  }
  const handle = await open(filePath, 'r');
  let head: Uint8Array;
  try {
    const buffer = new Uint8Array(Math.min(size, 4096));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return { name, size, head, filePath, read: async () => new Uint8Array(await readFile(filePath)) };
}

/** sha256 of a file on disk, streamed. */
export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
