import { createHash } from 'node:crypto';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashFile } from './file-blob.ts';

/**
 * A digest that changes when a dump's content changes: the sha256 of a file,
 * or for a folder, of its listing (paths, sizes and modification times), which
 * costs a directory walk rather than reading every byte.
 */
export async function digestDump(source: string): Promise<{ digest: string; folderBytes: number | null }> {
  const info = await stat(source);
  if (!info.isDirectory()) return { digest: await hashFile(source), folderBytes: null };
  let folderBytes = 0;
  const hash = createHash('sha256');
  const pending = [source];
  const lines: string[] = [];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const full = join(dir, name);
      const s = await lstat(full).catch(() => null);
      if (!s) continue;
      if (s.isDirectory()) pending.push(full);
      else {
        folderBytes += s.size;
        lines.push(`${relative(source, full)}\0${s.size}\0${Math.floor(s.mtimeMs)}`);
      }
    }
  }
  for (const line of lines.sort()) hash.update(`${line}\n`);
  return { digest: hash.digest('hex'), folderBytes };
}
