import type { EntityDecoderOptions } from 'fast-xml-parser';
import { decodeHtmlEntities } from './html.ts';

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * Decodes character references in one pass: XML's five predefined entities,
 * numeric references, and HTML named entities (`&nbsp;`, `&eacute;`), which
 * real feeds use without declaring them. Anything else, notably an entity a
 * DOCTYPE declares, stays as written: declared entities are never expanded.
 *
 * @example
 * decodeXmlEntities('AT&amp;T &#8217; &eacute; &lol9;'); // 'AT&T ’ é &lol9;'
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      if (PREDEFINED[name] !== undefined) return PREDEFINED[name];
      // HTML decoding also reads a known prefix ('&notit;' as '¬it;'): only a whole match counts
      const html = decodeHtmlEntities(whole);
      return html.endsWith(';') ? whole : html;
    }
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

/**
 * The entity decoder handed to fast-xml-parser. It replaces the library's own
 * so that entities declared in a DOCTYPE are ignored rather than expanded:
 * that closes billion-laughs and quadratic-blowup attacks outright instead of
 * relying on the library's expansion limits, and no feed needs them.
 *
 * @example
 * new XMLParser({ entityDecoder: createEntityDecoder() });
 */
export function createEntityDecoder(): EntityDecoderOptions {
  return {
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
    decode: decodeXmlEntities,
  };
}

/**
 * Escapes ampersands that start no character reference ("Q&A", "?a=1&b=2"),
 * outside CDATA sections: the most common way feeds break XML, and a
 * well-formedness check would otherwise reject the whole feed for it.
 *
 * @example
 * repairAmpersands('<title>Q&A &amp; more</title>'); // '<title>Q&amp;A &amp; more</title>'
 */
export function repairAmpersands(xml: string): string {
  if (!xml.includes('&')) return xml;
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&(?!#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][\w.-]{0,31};)/g, '&amp;')))
    .join('');
}

/**
 * The text of raw XML content kept verbatim by the parser (an Atom content
 * element): CDATA sections as they are, everything else entity-decoded.
 *
 * @example
 * decodeRawXml('<![CDATA[<p>a &amp; b</p>]]> &lt;i&gt;'); // '<p>a &amp; b</p> <i>'
 */
export function decodeRawXml(raw: string): string {
  return raw
    .split(/<!\[CDATA\[([\s\S]*?)\]\]>/)
    .map((part, i) => (i % 2 === 1 ? part : decodeXmlEntities(part)))
    .join('');
}
