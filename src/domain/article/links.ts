import type { ArticleLink } from './types.ts';
import { absoluteUrl } from './metadata.ts';
import type { RawLink } from './render-text.ts';

/**
 * Links made absolute against the base URL; `javascript:`, `mailto:`, `tel:`
 * and in-page anchors dropped; each URL and anchor text pair listed once.
 *
 * @example
 * resolveLinks([{ href: '/doc.pdf', text: 'the memo' }], 'https://news.example/a/b');
 * // [{ url: 'https://news.example/doc.pdf', text: 'the memo' }]
 */
export function resolveLinks(raw: readonly RawLink[], base: string | null): ArticleLink[] {
  const seen = new Set<string>();
  const links: ArticleLink[] = [];
  for (const { href, text } of raw) {
    const trimmed = href.trim();
    if (trimmed.startsWith('#')) continue;
    const url = absoluteUrl(trimmed, base);
    if (!url) continue;
    const key = `${url}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ url, text });
  }
  return links;
}
