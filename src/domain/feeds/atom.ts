import { parseFeedDate } from './feed-date.ts';
import { htmlText, parseHtml } from './html.ts';
import { authorName, baseScope, firstUrl, itemLinks, plainText, readHtml, type HtmlParts } from './item-parts.ts';
import type { XmlDocument } from './read-xml.ts';
import type { Feed, FeedItem } from './types.ts';
import { decodeRawXml } from './xml-entities.ts';
import { attrOf, childOf, childrenOf, namesIn, prefixOf, textOf } from './xml-node.ts';

type Names = ReturnType<typeof namesIn>;

/**
 * Reads an Atom 1.0 feed (and the dates of Atom 0.3). `xml:base` on the
 * feed, an entry, a link or a content element changes the base of the URLs
 * inside it, as the Atom spec requires; without one, links in content are
 * relative to the entry's page, links elsewhere to the feed's URL.
 *
 * @example
 * readAtom(readXml('<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/a"/></entry></feed>'), 'https://s.example/atom').items[0].url; // 'https://s.example/a'
 */
export function readAtom(doc: XmlDocument, baseUrl: string): Feed {
  const { root } = doc;
  // the root's prefix is the Atom namespace's; feeds almost always make it the default
  const atom = prefixOf(doc.rootName);
  const names = namesIn([root]);
  const feedScope = baseScope(attrOf(root, 'xml:base'), null, baseUrl);
  const feedAuthor = authorOf(root, atom);
  const items: FeedItem[] = [];
  for (const entry of childrenOf(root, `${atom}entry`)) {
    const item = readEntry(entry, { atom, names, feedScope, baseUrl, feedAuthor });
    if (item) items.push(item);
  }
  return {
    kind: 'atom',
    title: textConstruct(childOf(root, `${atom}title`)),
    siteUrl: pickLink(childrenOf(root, `${atom}link`), feedScope, baseUrl),
    items,
  };
}

interface FeedContext {
  atom: string;
  names: Names;
  feedScope: string | null;
  baseUrl: string;
  feedAuthor: string | null;
}

function readEntry(entry: unknown, { atom, names, feedScope, baseUrl, feedAuthor }: FeedContext): FeedItem | null {
  const scope = baseScope(attrOf(entry, 'xml:base'), feedScope, baseUrl);
  const id = textOf(childOf(entry, `${atom}id`));
  const links = childrenOf(entry, `${atom}link`);
  // an entry without a web page often has a URL as its id
  const url = pickLink(links, scope, baseUrl) ?? (id && /^https?:/i.test(id) ? firstUrl([id], baseUrl) : null);
  if (!url) return null;

  // only an unprefixed root puts content on the parser's raw paths (read-xml.ts)
  const raw = atom === '';
  const summary = rawContent(childOf(entry, `${atom}summary`), scope, url, raw);
  const content = rawContent(childOf(entry, `${atom}content`), scope, url, raw);
  const enclosures = links.filter((link) => attrOf(link, 'rel') === 'enclosure').map((link) => linkHref(link, scope, baseUrl));
  const dates = ['published', 'updated', 'issued', 'modified', 'created'].map((name) => textOf(childOf(entry, `${atom}${name}`)));
  dates.push(textOf(childOf(entry, ...names('dc', 'date'))));
  return {
    id,
    url,
    title: textConstruct(childOf(entry, `${atom}title`)),
    publishedAt: dates.map(parseFeedDate).find((date) => date !== null) ?? null,
    author: authorOf(entry, atom) ?? feedAuthor,
    summary: summary.text ?? content.text,
    links: itemLinks(url, [content.links, summary.links, enclosures]),
  };
}

/**
 * The web page of a feed or entry: an `alternate` link (a link without rel
 * is one), HTML first when there are several; `self`, `edit`, `enclosure`
 * and the rest are never it.
 */
function pickLink(links: readonly unknown[], scope: string | null, baseUrl: string): string | null {
  const alternates = links.filter((link) => (attrOf(link, 'rel') ?? 'alternate') === 'alternate');
  const html = alternates.filter((link) => /html/i.test(attrOf(link, 'type') ?? 'text/html'));
  for (const link of [...html, ...alternates]) {
    const url = linkHref(link, scope, baseUrl);
    if (url) return url;
  }
  return null;
}

const linkHref = (link: unknown, scope: string | null, baseUrl: string): string | null =>
  firstUrl([attrOf(link, 'href')], baseScope(attrOf(link, 'xml:base'), scope, baseUrl) ?? baseUrl);

/** The name of an Atom person construct, or null. */
const authorOf = (element: unknown, atom: string): string | null =>
  authorName(textOf(childOf(childOf(element, `${atom}author`), `${atom}name`)) ?? textOf(childOf(element, `${atom}author`)));

/** Kind of an Atom text construct from its `type` (also a MIME type in Atom 0.3). */
function textType(element: unknown): 'text' | 'html' | 'xhtml' {
  const type = (attrOf(element, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || type.includes('xhtml')) return 'xhtml';
  return type === 'html' || type.includes('html') ? 'html' : 'text';
}

/** A title-like text construct (parsed normally) as plain text. */
function textConstruct(element: unknown): string | null {
  const text = textOf(element);
  if (!text) return null;
  return textType(element) === 'text' ? plainText(text) : htmlText(parseHtml(text)) || null;
}

/**
 * Summary or content, which the parser hands over as raw markup: XHTML as
 * is, escaped HTML and text after decoding entities and unwrapping CDATA.
 * When the parser has read it already (`raw` false), only the HTML is left to read.
 */
function rawContent(element: unknown, entryScope: string | null, entryUrl: string, raw: boolean): HtmlParts {
  const text = textOf(element);
  if (!text) return { text: null, links: [] };
  const base = baseScope(attrOf(element, 'xml:base'), entryScope, entryUrl) ?? entryUrl;
  const type = textType(element);
  if (type === 'xhtml') return readHtml(text, base);
  const decoded = raw ? decodeRawXml(text) : text;
  return type === 'html' ? readHtml(decoded, base) : { text: plainText(decoded), links: [] };
}
