import { documentExtractors } from '../domain/extract/index.ts';
import { memoryBlob } from '../domain/extract/memory-blob.ts';
import { pickExtractor } from '../domain/extract/registry.ts';
import { DomainError } from '../domain/errors.ts';

/**
 * The text of a document to check, from its bytes (any format Leakline
 * reads). No file system here: the HTTP app imports this, on Node and on
 * Cloudflare Workers; reading a path is the CLI's (`src/cli/read-check-input.ts`).
 */
export async function textOfFile(name: string, bytes: Uint8Array): Promise<string> {
  const blob = memoryBlob(name, bytes);
  const extractor = pickExtractor(documentExtractors, blob);
  if (!extractor) throw new DomainError('unsupported_format', `Leakline cannot read ${name}: check a text, HTML, PDF, Word, e-mail, CSV or JSON file.`);
  if (extractor.container) throw new DomainError('unsupported_format', `${name} is a ${extractor.format}: check one document at a time, or ingest the archive as a leak.`);
  const extracted = await extractor.extract(blob, { depth: 0, maxFileBytes: bytes.byteLength + 1 });
  if (!extracted.text?.trim()) throw new DomainError('no_text', `${name} has no text to check${extractor.format === 'pdf' ? ' (a scanned PDF needs OCR first)' : ''}.`);
  return extracted.text;
}
