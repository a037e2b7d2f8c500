import { DomainError } from '../errors.ts';
import { readAtom } from './atom.ts';
import { badFeed } from './bad-feed.ts';
import { readJsonFeed } from './json-feed.ts';
import { readXml } from './read-xml.ts';
import { readRss } from './rss.ts';
import type { Feed } from './types.ts';
import { localName } from './xml-node.ts';

/**
 * Reads an RSS (2.0, 0.9x, 1.0/RDF), Atom or JSON Feed body, telling them
 * apart by content rather than by a Content-Type servers often get wrong.
 * Item URLs and links are absolute (relative ones resolved against `xml:base`,
 * the item's page or `baseUrl`, the URL the feed was fetched from) and
 * normalised; items without an http(s) URL are left out. Anything that is not
 * a readable feed throws a `DomainError` with code `bad_feed`, and nothing else.
 *
 * @example
 * const feed = parseFeed(body, 'https://news.example/rss.xml');
 * for (const item of feed.items) enqueueFetch(item.url, ...item.links);
 */
export function parseFeed(body: string, baseUrl: string): Feed {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw badFeed('The feed is empty.');
  try {
    if (text.startsWith('{')) return readJsonFeed(text, baseUrl);
    const doc = readXml(text);
    const root = localName(doc.rootName);
    if (root === 'rss' || root === 'RDF') return readRss(doc, baseUrl);
    if (root === 'feed') return readAtom(doc, baseUrl);
    throw badFeed(`The document's root element is <${doc.rootName.slice(0, 50)}>, not <rss>, <feed> or <rdf:RDF>, so it is no feed; check the URL.`);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // a stack overflow or a library bug on hostile input is still just a bad feed
    throw badFeed(`The feed could not be read: ${error instanceof Error ? error.message : String(error)}.`, error);
  }
}
