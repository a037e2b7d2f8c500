import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { Blob } from '../domain/extract/types.ts';

/** A Blob over a file on disk: its head is read now, the rest only when asked. */
export async function fileBlob(filePath: string, name: string, size: number): Promise<Blob> {
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
