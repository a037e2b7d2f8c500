/** An http(s) link runs until whitespace, a character URLs escape, or CJK punctuation (CJK text puts no space after a link). */
const LINK = /https?:\/\/[^\s<>"`{}|\\^\u00a0\u2000-\u200d\u2028\u2029\u3000-\u303f\ufeff\uff01-\uff0f\uff1a-\uff20]+/gi;
/** Punctuation that ends a sentence around a link rather than the link itself. */
const TRAILING = /[.,;:!?'"”’»›…。，、！？；：」』】〉》]+$/u;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[' };

/**
 * The http(s) links in a text, in order and without duplicates. Punctuation
 * after a link is left out, and so is a closing bracket unless the link opened
 * it (Wikipedia's `…/Leak_(disambiguation)` keeps its parenthesis, a Markdown
 * `[x](https://a.example)` does not). A link cut short by "…" in a truncated
 * retweet keeps what is left only when that is still a URL with a dotted host
 * ("https://t.co/D7BMFbXpYr…" is whole; "https://t…" is dropped).
 *
 * @example
 * extractUrls('Docs at https://paste.example/raw/nb2024. (mirror: https://m.example/a_(b))');
 * // ['https://paste.example/raw/nb2024', 'https://m.example/a_(b)']
 */
export function extractUrls(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(LINK)) {
    const link = trimLink(match[0]);
    if (isWebLink(link)) out.push(link);
  }
  return uniqueUrls(out);
}

function trimLink(raw: string): string {
  let link = raw;
  for (;;) {
    const before = link;
    link = link.replace(TRAILING, '');
    const last = link.at(-1);
    const opener = last === undefined ? undefined : CLOSERS[last];
    if (opener && count(link, opener) < count(link, last!)) link = link.slice(0, -1);
    if (link === before) return link;
  }
}

const count = (text: string, char: string) => text.split(char).length - 1;

const PLAIN_HOST = /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*(?:[/?#]|$)/i;

/** True for an absolute http(s) URL with a dotted host name (or localhost): "https://t" from a cut-off tweet is not one. */
export function isWebLink(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  // a host of dotted letter-digit-hyphen labels, the last starting with a letter (so not an IPv4 address), and no punycode label: the parser takes it as it is
  if (PLAIN_HOST.test(value) && !/xn--/i.test(value)) return true;
  try {
    const host = new URL(value).hostname;
    return host.includes('.') || host === 'localhost';
  } catch {
    return false;
  }
}

/** The links in order of first appearance, empty and repeated ones left out. */
export function uniqueUrls(urls: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const url of urls) if (url) seen.add(url);
  return [...seen];
}
