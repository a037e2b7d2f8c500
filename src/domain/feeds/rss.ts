import { parseFeedDate } from './feed-date.ts';
import { authorName, baseScope, firstUrl, itemLinks, plainText, readHtml } from './item-parts.ts';
import type { XmlDocument } from './read-xml.ts';
import type { Feed, FeedItem } from './types.ts';
import { attrOf, childOf, childrenOf, localName, namesIn, prefixOf, textOf } from './xml-node.ts';

type Names = ReturnType<typeof namesIn>;

/**
 * Reads an RSS 2.0 (or 0.9x) feed, or an RSS 1.0 one, whose items sit
 * beside the channel in an `rdf:RDF` root.
 *
 * @example
 * readRss(readXml('<rss><channel><title>T</title><item><link>/a</link></item></channel></rss>'), 'https://s.example/feed').items[0].url; // 'https://s.example/a'
 */
export function readRss(doc: XmlDocument, baseUrl: string): Feed {
  const { root } = doc;
  const channel = childOf(root, 'channel');
  const names = namesIn([root, channel]);
  const rdf = prefixOf(doc.rootName);
  const feedScope = baseScope(attrOf(channel, 'xml:base'), baseScope(attrOf(root, 'xml:base'), null, baseUrl), baseUrl);
  const rawItems = localName(doc.rootName) === 'RDF' ? childrenOf(root, 'item') : [];
  if (rawItems.length === 0) rawItems.push(...childrenOf(channel, 'item'));
  const items: FeedItem[] = [];
  for (const raw of rawItems) {
    const item = readItem(raw, names, rdf, feedScope, baseUrl);
    if (item) items.push(item);
  }
  return {
    kind: 'rss',
    title: plainText(textOf(childOf(channel, 'title'))),
    siteUrl: firstUrl([textOf(childOf(channel, 'link'))], feedScope ?? baseUrl),
    items,
  };
}

function readItem(raw: unknown, names: Names, rdf: string, feedScope: string | null, baseUrl: string): FeedItem | null {
  const scope = baseScope(attrOf(raw, 'xml:base'), feedScope, baseUrl);
  const guid = childOf(raw, 'guid');
  const guidText = textOf(guid);
  const about = attrOf(raw, `${rdf}about`);
  // feedburner rewrites links to its own click tracker and keeps the real one aside
  const url = firstUrl(
    [
      textOf(childOf(raw, ...names('feedburner', 'origLink'))),
      textOf(childOf(raw, 'link')),
      attrOf(childOf(raw, 'link'), 'href'),
      attrOf(guid, 'isPermaLink') === 'false' ? null : guidText,
      about,
    ],
    scope ?? baseUrl,
  );
  if (!url) return null;

  // content was written for the item's page, so its relative links are relative to that page
  const contentBase = scope ?? url;
  const description = readHtml(textOf(childOf(raw, 'description')), contentBase);
  const content = readHtml(textOf(childOf(raw, ...names('content', 'encoded'))), contentBase);
  const enclosures = childrenOf(raw, 'enclosure').map((enclosure) => firstUrl([attrOf(enclosure, 'url')], scope ?? baseUrl));
  const dates = [textOf(childOf(raw, 'pubDate')), textOf(childOf(raw, ...names('dc', 'date')))];
  return {
    id: guidText ?? about,
    url,
    title: plainText(textOf(childOf(raw, 'title'))),
    publishedAt: dates.map(parseFeedDate).find((date) => date !== null) ?? null,
    author: authorName(textOf(childOf(raw, ...names('dc', 'creator'), 'author'))),
    summary: description.text ?? content.text,
    links: itemLinks(url, [content.links, description.links, enclosures]),
  };
}
