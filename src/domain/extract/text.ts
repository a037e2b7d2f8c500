import { DomainError } from '../errors.ts';
import { decodeText, looksBinary } from './charset.ts';
import { extensionOf, type Extractor } from './types.ts';

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown', 'log', 'asc', 'rst', 'nfo', 'ini', 'cfg', 'yaml', 'yml', 'xml', 'sql', 'tex']);

/** Plain text in any common encoding; also the fallback for unnamed files that hold text. */
export const textExtractor: Extractor = {
  format: 'text',
  mime: 'text/plain',
  fit(blob) {
    if (TEXT_EXTENSIONS.has(extensionOf(blob.name))) return 2;
    // a file with no known extension that is text after all: a weak fit, so any sniffed format wins
    return blob.head.length > 0 && !looksBinary(blob.head) ? 0.5 : 0;
  },
  async extract(blob) {
    const bytes = await blob.read();
    if (looksBinary(bytes.subarray(0, 4096))) {
      throw new DomainError('binary_content', 'The file is named as text but holds binary data; nothing was extracted.');
    }
    const decoded = decodeText(bytes);
    return { text: decoded.text, metadata: charsetMetadata(decoded) };
  },
};

export function charsetMetadata(decoded: { charset: string; fallback: boolean }): Record<string, unknown> {
  return decoded.fallback ? { charset: decoded.charset, invalidUtf8: true } : { charset: decoded.charset };
}
