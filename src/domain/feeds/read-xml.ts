import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badFeed } from './bad-feed.ts';
import { createEntityDecoder, repairAmpersands } from './xml-entities.ts';

/** A parsed XML document: the root element's tag name and its content. */
export interface XmlDocument {
  rootName: string;
  root: unknown;
}

/**
 * Atom content and summary are kept as raw markup: `type="xhtml"` content is
 * XHTML inline in the feed, and the parser would otherwise turn it into an
 * object tree that loses the order of text and links.
 */
const RAW_ELEMENTS = ['feed.entry.content', 'feed.entry.summary'];

/**
 * Parses an XML feed body without ever expanding DOCTYPE entities. The
 * parser alone accepts truncated or mis-nested XML silently (dropping what it
 * cannot place), so the body is checked for well-formedness first.
 *
 * @example
 * readXml('<rss version="2.0"><channel/></rss>').rootName; // 'rss'
 */
export function readXml(body: string): XmlDocument {
  const xml = repairAmpersands(body);
  // The bundled validator is marked deprecated in favour of a separate package
  // that is not a dependency here; it is still the library's own checker.
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw badFeed(`The feed is not well-formed XML (line ${line}, column ${col}: ${msg}); check that the URL serves RSS, Atom or JSON Feed and not an error page.`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    entityDecoder: createEntityDecoder(),
    stopNodes: RAW_ELEMENTS,
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw badFeed(`The feed could not be parsed: ${error instanceof Error ? error.message : String(error)}.`, error);
  }
  const rootName = Object.keys(parsed as object).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  if (rootName === undefined) throw badFeed('The feed has no root element.');
  return { rootName, root: (parsed as Record<string, unknown>)[rootName] };
}
