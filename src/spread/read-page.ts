import { extractArticle } from '../domain/article/index.ts';
import { decodeText } from '../domain/extract/charset.ts';
import { documentExtractors } from '../domain/extract/index.ts';
import { memoryBlob } from '../domain/extract/memory-blob.ts';
import { pickExtractor } from '../domain/extract/registry.ts';
import { DomainError } from '../domain/errors.ts';
import type { FetchResult } from '../fetch/fetcher.ts';

export interface PageReading {
  text: string;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  siteName: string | null;
  links: { url: string; text: string }[];
  format: string;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i;

/**
 * What a fetched response says: an article for HTML (main text, metadata,
 * links), the text of a paste for plain text, and the text of a PDF, docx or
 * other document served by a file host.
 */
export async function readPage(response: FetchResult): Promise<PageReading> {
  const type = (response.contentType ?? '').toLowerCase();
  const head = new TextDecoder().decode(response.body.subarray(0, 2048));
  if (type.includes('html') || (!type && /<html|<!doctype html/i.test(head))) {
    const declared = response.charset ?? META_CHARSET.exec(head)?.[1] ?? null;
    const article = extractArticle(decodeText(response.body, declared).text, { url: response.url });
    return { ...article, format: 'html' };
  }
  if (type.startsWith('text/') || type.includes('json') || type === '') {
    const text = decodeText(response.body, response.charset).text;
    return { text, title: null, byline: null, publishedAt: null, canonicalUrl: null, lang: null, siteName: null, links: linksInText(text), format: 'text' };
  }
  const name = new URL(response.url).pathname.split('/').pop() || 'download';
  const blob = memoryBlob(name, response.body);
  const extractor = pickExtractor(documentExtractors, blob);
  if (!extractor) throw new DomainError('unsupported_page', `${response.url} is ${type || 'of an unknown type'}, which Leakline cannot read.`);
  const extracted = await extractor.extract(blob, { depth: 0, maxFileBytes: response.body.byteLength + 1 });
  const meta = extracted.metadata;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const text = extracted.text ?? '';
  return { text, title: str(meta.title), byline: str(meta.author), publishedAt: str(meta.created), canonicalUrl: null, lang: null, siteName: null, links: linksInText(text), format: extractor.format };
}

/** http(s) URLs written out in plain text (a paste that lists mirrors). */
function linksInText(text: string): { url: string; text: string }[] {
  const out = new Map<string, { url: string; text: string }>();
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`]+/g)) {
    const url = m[0].replace(/[).,;:!?\]}'"]+$/, '');
    out.set(url, { url, text: '' });
  }
  return [...out.values()];
}
