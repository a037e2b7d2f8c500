import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { documentExtractors } from '../domain/extract/index.ts';
import { memoryBlob } from '../domain/extract/memory-blob.ts';
import { pickExtractor } from '../domain/extract/registry.ts';
import { DomainError } from '../domain/errors.ts';
import type { Fetcher } from '../fetch/fetcher.ts';
import { readPage } from '../spread/read-page.ts';

/** The text of a document to check, from its bytes (any format Leakline reads). */
export async function textOfFile(name: string, bytes: Uint8Array): Promise<string> {
  const blob = memoryBlob(name, bytes);
  const extractor = pickExtractor(documentExtractors, blob);
  if (!extractor) throw new DomainError('unsupported_format', `Leakline cannot read ${name}: check a text, HTML, PDF, Word, e-mail, CSV or JSON file.`);
  if (extractor.container) throw new DomainError('unsupported_format', `${name} is a ${extractor.format}: check one document at a time, or ingest the archive as a leak.`);
  const extracted = await extractor.extract(blob, { depth: 0, maxFileBytes: bytes.byteLength + 1 });
  if (!extracted.text?.trim()) throw new DomainError('no_text', `${name} has no text to check${extractor.format === 'pdf' ? ' (a scanned PDF needs OCR first)' : ''}.`);
  return extracted.text;
}

/** The text to check from a file path, a URL (through the guarded fetcher) or standard input ('-'). */
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
