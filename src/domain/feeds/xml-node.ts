/*
 * Reading the object tree fast-xml-parser builds: an element is a string when
 * it holds only text, else an object with '@_'-prefixed attributes, '#text'
 * and child elements; a repeated child is an array.
 */

type XmlObject = Record<string, unknown>;

const isObject = (value: unknown): value is XmlObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The children of an element under one of the given names, in order, always as a list.
 *
 * @example
 * childrenOf({ item: [{ title: 'a' }, { title: 'b' }] }, 'item').length; // 2
 */
export function childrenOf(element: unknown, ...names: string[]): unknown[] {
  if (!isObject(element)) return [];
  const found: unknown[] = [];
  for (const name of names) {
    const value = element[name];
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined) found.push(value);
  }
  return found;
}

/** The first child under the first of `names` that is present, or undefined. */
export const childOf = (element: unknown, ...names: string[]): unknown => childrenOf(element, ...names)[0];

/** An attribute's value, or null. */
export function attrOf(element: unknown, name: string): string | null {
  if (!isObject(element)) return null;
  const value = element[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

/**
 * The text of an element, trimmed; null when empty. Child elements (an
 * unescaped `<b>` in a title) contribute their text, read without recursion.
 *
 * @example
 * textOf({ '#text': 'Hello', '@_type': 'text' }); // 'Hello'
 */
export function textOf(element: unknown): string | null {
  if (typeof element === 'string') return element.trim() || null;
  if (typeof element === 'number' || typeof element === 'boolean') return String(element);
  if (isObject(element) && typeof element['#text'] === 'string' && Object.keys(element).every((k) => k === '#text' || k.startsWith('@_'))) {
    return element['#text'].trim() || null;
  }
  const parts: string[] = [];
  const stack: unknown[] = [element];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    else if (isObject(value)) {
      const keys = Object.keys(value).filter((key) => !key.startsWith('@_'));
      for (let i = keys.length - 1; i >= 0; i--) stack.push(value[keys[i]!]);
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim() || null;
}

/** The tag name without its namespace prefix: 'rdf:RDF' → 'RDF'. */
export const localName = (tag: string): string => tag.slice(tag.indexOf(':') + 1);

/** The namespace prefix of a tag with its colon ('atom:feed' → 'atom:'), or ''. */
export const prefixOf = (tag: string): string => tag.slice(0, tag.indexOf(':') + 1);

/** Namespaces the readers look into, with the prefix feeds conventionally give them. */
export const NAMESPACES = {
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
} as const;

export type Namespace = keyof typeof NAMESPACES;

/**
 * A lookup from a namespace and local name to the keys the element can have
 * in this document: the prefixes it declares for the namespace (on the given
 * elements), plus the conventional one, since feeds use `dc:` without declaring it.
 *
 * @example
 * namesIn([{ '@_xmlns:d': 'http://purl.org/dc/elements/1.1/' }])('dc', 'creator'); // ['d:creator', 'dc:creator']
 */
export function namesIn(declaring: readonly unknown[]): (namespace: Namespace, local: string) => string[] {
  const prefixes = new Map<string, Set<string>>();
  for (const element of declaring) {
    if (!isObject(element)) continue;
    for (const [key, value] of Object.entries(element)) {
      if (typeof value !== 'string' || !(key === '@_xmlns' || key.startsWith('@_xmlns:'))) continue;
      const prefix = key === '@_xmlns' ? '' : `${key.slice('@_xmlns:'.length)}:`;
      if (!prefixes.has(value)) prefixes.set(value, new Set());
      prefixes.get(value)!.add(prefix);
    }
  }
  return (namespace, local) => {
    const found = new Set(prefixes.get(NAMESPACES[namespace]));
    found.add(`${namespace}:`);
    return [...found].map((prefix) => `${prefix}${local}`);
  };
}
