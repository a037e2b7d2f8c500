import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { extractArticle } from '../domain/article/index.ts';
import type { Article } from '../domain/article/index.ts';
import { decodeText } from '../domain/extract/charset.ts';
import { DomainError } from '../domain/errors.ts';
import { printJson } from './args.ts';

type Args = { positionals: string[]; values: Record<string, unknown> };

/** Fetches a page for the CLI: the final URL after redirects, the body and its Content-Type. */
export type FetchPage = (url: string) => Promise<{ url: string; body: Uint8Array; contentType: string | null }>;

/** Flags for `parseArgs` when the command is wired into `leakline`. */
export const extractOptions = { json: { type: 'boolean' }, url: { type: 'string' } } as const;

/** The command's line in `leakline help`. */
export const EXTRACT_USAGE = `leakline extract <file|url> [--json] [--url URL]
        The article in a web page: title, byline, dates, canonical URL, language, main
        text and its links. --url gives a saved file's original address (for its links).`;

/** Exit code when the page cannot be read (missing file, URL fetching unavailable). */
const EXIT_UNUSABLE = 2;

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i;

/** The charset a Content-Type header or the page's own `<meta>` declares, header first. */
function declaredCharset(bytes: Uint8Array, contentType: string | null): string | null {
  const fromHeader = contentType && /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  // the declaration must sit in the first 1024 bytes by the HTML standard; 4 KiB forgives sloppy pages
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return META_CHARSET.exec(head)?.[1] ?? null;
}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

async function readPage(target: string, fetchUrl: FetchPage | undefined): Promise<{ html: string; url: string | undefined } | string> {
  if (isUrl(target)) {
    if (!fetchUrl) return `cannot fetch ${target} from this command yet: save the page (e.g. curl -o page.html '${target}') and run leakline extract page.html --url '${target}'.`;
    const page = await fetchUrl(target);
    return { html: decodeText(page.body, declaredCharset(page.body, page.contentType)).text, url: page.url };
  }
  const path = resolve(target);
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) return `no readable file at ${path}: give a saved web page or an http(s) URL.`;
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { html: decodeText(body, declaredCharset(body, null)).text, url: undefined };
}

function printReadable(article: Article): void {
  const fields: Array<[string, string | null]> = [
    ['Title', article.title],
    ['By', article.byline],
    ['Published', article.publishedAt],
    ['Modified', article.modifiedAt],
    ['Canonical', article.canonicalUrl],
    ['Language', article.lang],
    ['Site', article.siteName],
  ];
  for (const [label, value] of fields) if (value) console.log(`${`${label}:`.padEnd(11)} ${value}`);
  console.log(`\n${article.text || '(no article text found)'}\n`);
  if (article.links.length > 0) {
    console.log(`Links (${article.links.length}):`);
    for (const link of article.links) console.log(`  ${link.url}${link.text ? `  ${link.text}` : ''}`);
  }
}

/**
 * `leakline extract <file|url>`: prints the article in a saved web page or,
 * when a fetcher is wired in, a URL. With `--json` the output is
 * `{ title, byline, publishedAt, canonicalUrl, lang, text, links, modifiedAt, siteName }`.
 *
 * @example
 * await runExtract({ positionals: ['page.html'], values: { json: true } }); // 0, JSON on stdout
 */
export async function runExtract({ positionals, values }: Args, fetchUrl?: FetchPage): Promise<number> {
  if (positionals.length !== 1) throw new DomainError('usage', `Give one saved page or URL: ${EXTRACT_USAGE.split('\n')[0]}`);
  const pageUrl = values.url === undefined ? undefined : String(values.url);
  if (pageUrl !== undefined && !isUrl(pageUrl)) throw new DomainError('invalid_flag', '--url: give an http(s) URL.');
  const page = await readPage(positionals[0]!, fetchUrl);
  if (typeof page === 'string') {
    console.error(`leakline: ${page}`);
    return EXIT_UNUSABLE;
  }
  const article = extractArticle(page.html, { url: page.url ?? pageUrl });
  if (values.json) {
    const { title, byline, publishedAt, canonicalUrl, lang, text, links, modifiedAt, siteName } = article;
    printJson({ title, byline, publishedAt, canonicalUrl, lang, text, links, modifiedAt, siteName });
  } else printReadable(article);
  return 0;
}
