import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { safeEntryPath } from '../../domain/extract/entry-path.ts';
import { memoryBlob } from '../../domain/extract/memory-blob.ts';
import type { Child } from '../../domain/extract/types.ts';
import type { DumpBudget } from '../budget.ts';
import { concat } from '../read-capped.ts';

/** fflate inflates all it is pushed at once, so small pushes bound what a bomb allocates before it is stopped. */
const PUSH_BYTES = 64 * 1024;

/**
 * Reads what can still be read from a zip whose end (and so its central
 * directory) is missing, as in an interrupted download: entries are found by
 * their local headers, in order, until the data runs out. Every complete
 * entry is returned; one cut off by the truncation is recorded as truncated.
 * Bombs are refused by their declared ratio and, since a local header can
 * lie about the inflated size, by the ratio they actually inflate at.
 */
export function salvageZip(bytes: Uint8Array, budget: DumpBudget, maxFileBytes: number): { entries: Child[]; stoppedBy: string | null } {
  const entries: Child[] = [];
  const unfinished: Array<() => void> = [];
  let stoppedBy: string | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file) => {
    if (file.name.endsWith('/')) return;
    const { path: name, unsafe } = safeEntryPath(file.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    const refuse = (code: string, reason: string) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      entries.push({ name, rejected: { status: 'failed', code, reason }, size: file.originalSize ?? size, key: `unread:salvage:${name}:${file.size ?? 0}` });
    };
    if (!budget.countEntry()) return refuse('too_many_entries', 'the dump has too many entries');
    const declaredBomb = file.size !== undefined && file.originalSize !== undefined ? budget.bombReason(file.size, file.originalSize) : null;
    if (declaredBomb) return refuse('zip_bomb', declaredBomb);
    const inflateLimit = file.size ? Math.max(1 << 20, file.size * budget.limits.maxRatio) : Infinity;
    file.ondata = (error, chunk, final) => {
      if (settled) return; // a refused entry goes on inflating (fflate cannot stop it) but nothing is kept
      if (error) return refuse('corrupt', `the entry could not be inflated: ${error.message}`);
      size += chunk.byteLength;
      if (size > inflateLimit) {
        file.terminate();
        return refuse('zip_bomb', `inflating stopped at ${size} bytes from ${file.size} compressed: the ratio exceeds ${budget.limits.maxRatio}:1 (LEAKLINE_MAX_RATIO)`);
      }
      if (size > maxFileBytes || !budget.reserve(chunk.byteLength)) {
        file.terminate();
        return refuse('too_large', `the entry inflates past ${maxFileBytes} bytes or the dump's budget; it was not kept`);
      }
      chunks.push(chunk);
      if (final) {
        settled = true;
        entries.push({ name, blob: memoryBlob(name, concat(chunks, size)), ...(unsafe ? { note: { unsafePath: file.name } } : {}) });
      }
    };
    unfinished.push(() => refuse('truncated', 'the entry was cut off where the archive ends'));
    try {
      file.start();
    } catch (error) {
      refuse('unsupported_compression', (error as Error).message);
    }
  };
  try {
    if (bytes.length === 0) unzip.push(bytes, true);
    for (let at = 0; at < bytes.length; at += PUSH_BYTES) unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
  } catch (error) {
    stoppedBy = (error as Error).message;
  }
  for (const cutOff of unfinished) cutOff();
  return { entries, stoppedBy };
}
