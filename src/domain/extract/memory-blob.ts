import type { Blob } from './types.ts';

/** A Blob over bytes already in memory (archive entries, attachments, messages). */
export function memoryBlob(name: string, bytes: Uint8Array): Blob {
  return { name, size: bytes.byteLength, head: bytes.subarray(0, 4096), read: async () => bytes };
}
