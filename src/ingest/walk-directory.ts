import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sha256Hex } from '../domain/sha256.ts';
import type { Child } from '../domain/extract/types.ts';
import { fileBlob } from './file-blob.ts';

/**
 * The files of a dump folder, in a stable order. Symbolic links are never
 * followed (a link to /etc/passwd in a dump must not pull that file in): each
 * is recorded as skipped with its target. Sockets, devices and FIFOs likewise.
 */
export async function* walkDirectory(root: string): AsyncGenerator<Child> {
  const pending: string[] = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      const name = relName(root, dir);
      yield rejected(name, 'unreadable', `the folder could not be listed: ${(error as Error).message}`, 'failed');
      continue;
    }
    const subdirs: string[] = [];
    for (const entry of names) {
      const full = join(dir, entry);
      const name = relName(root, full);
      try {
        const stat = await lstat(full);
        if (stat.isSymbolicLink()) {
          const target = await readlink(full).catch(() => '?');
          yield rejected(name, 'symlink', `symbolic link to "${target}" was not followed`, 'skipped', await sha256Hex(`symlink\0${target}`));
        } else if (stat.isDirectory()) subdirs.push(full);
        else if (stat.isFile()) yield { name, blob: await fileBlob(full, name, stat.size) };
        else yield rejected(name, 'special_file', 'not a regular file (device, socket or pipe); skipped', 'skipped');
      } catch (error) {
        yield rejected(name, 'unreadable', `the file could not be read: ${(error as Error).message}`, 'failed');
      }
    }
    // depth-first in name order: push in reverse so the first name comes out first
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i]!);
  }
}

const relName = (root: string, full: string) => relative(root, full).split(sep).join('/');

function rejected(name: string, code: string, reason: string, status: 'failed' | 'skipped', key?: string): Child {
  return { name, rejected: { status, code, reason }, size: 0, key: key ?? `unread:${code}:${name}` };
}
