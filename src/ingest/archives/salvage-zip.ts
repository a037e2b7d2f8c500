import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { safeEntryPath } from '../../domain/extract/entry-path.ts';
import { memoryBlob } from '../../domain/extract/memory-blob.ts';
import type { Child } from '../../domain/extract/types.ts';
import type { DumpBudget } from '../budget.ts';
import { concat } from '../read-capped.ts';

/**
 * Reads what can still be read from a zip whose end (and so its central
 * directory) is missing, as in an interrupted download: entries are found by
 * their local headers, in order, until the data runs out. Entries cut off by
 * the truncation are dropped; every complete one is returned.
 */
export function salvageZip(bytes: Uint8Array, budget: DumpBudget, maxFileBytes: number): { entries: Child[]; stoppedBy: string | null } {
  const entries: Child[] = [];
  let stoppedBy: string | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file) => {
    if (file.name.endsWith('/')) return;
    const { path: name } = safeEntryPath(file.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const refuse = (code: string, reason: string) => {
      entries.push({ name, rejected: { status: 'failed', code, reason }, size, key: `unread:salvage:${name}:${file.size ?? 0}` });
    };
    if (!budget.countEntry()) return refuse('too_many_entries', 'the dump has too many entries');
    file.ondata = (error, chunk, final) => {
      if (error) return refuse('corrupt', `the entry could not be inflated: ${error.message}`);
      size += chunk.byteLength;
      if (size > maxFileBytes || !budget.reserve(chunk.byteLength)) {
        file.terminate();
        return refuse('too_large', `the entry inflates past ${maxFileBytes} bytes or the dump's budget; it was not kept`);
      }
      chunks.push(chunk);
      if (final) entries.push({ name, blob: memoryBlob(name, concat(chunks, size)) });
    };
    try {
      file.start();
    } catch (error) {
      refuse('unsupported_compression', (error as Error).message);
    }
  };
  try {
    unzip.push(bytes, true);
  } catch (error) {
    stoppedBy = (error as Error).message;
  }
  return { entries, stoppedBy };
}
