import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import type { Fetcher } from '../fetch/fetcher.ts';
import { textOfFile } from '../provenance/read-input.ts';
import { readPage } from '../spread/read-page.ts';

/**
 * The text to check from a file path, a URL (through the guarded fetcher) or
 * standard input ('-'). Reads the file system, so it lives with the CLI and
 * stays out of the HTTP app (which also runs on Cloudflare Workers).
 */
export async function readCheckInput(target: string, deps: { fetcher: Fetcher; stdin: () => Promise<string> }): Promise<{ text: string; source: string }> {
  if (target === '-') return { text: await deps.stdin(), source: 'standard input' };
  if (/^https?:\/\//i.test(target)) {
    const page = await readPage(await deps.fetcher.fetch(target));
    return { text: page.text, source: target };
  }
  const bytes = await readFile(target).catch(() => null);
  if (!bytes) throw new DomainError('not_found', `No file at ${target}: give a file, an http(s) URL, or - for standard input.`);
  return { text: await textOfFile(basename(target), new Uint8Array(bytes)), source: target };
}
