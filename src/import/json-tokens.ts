import { jsonParser, type Token } from 'stream-json/parser.js';

export type { Token };

/**
 * stream-json's tokenizer driven by direct calls rather than through a Node
 * stream: one call per decoded chunk returns that chunk's tokens, which is
 * several times faster than an object-mode pipe carrying one token per item.
 *
 * Values are never packed: long strings, keys and numbers arrive as chunks no
 * larger than the text fed in, so nothing inside the tokenizer grows with the
 * size of a value (json-value.ts decides what to keep).
 */
export function createTokenizer(options: { jsonStreaming?: boolean } = {}) {
  const parse = jsonParser({ packValues: false, streamValues: true, jsonStreaming: options.jsonStreaming ?? false });
  return {
    /** Throws the tokenizer's Error on text that is not JSON. */
    write: (text: string): Token[] => tokensOf(parse(text)),
    /** Throws when the document ends inside a value (a truncated file). */
    end: (): Token[] => tokensOf(parse(NONE as unknown as string)),
  };
}

/** stream-chain's "no value" marker, which is also how a flushable stage is told the input has ended. */
const NONE = Symbol.for('object-stream.none');

function tokensOf(result: unknown): Token[] {
  if (result === NONE || result === undefined) return [];
  // stream-chain's many(): { values: [...] } marked with a registered symbol
  const values = (result as { values?: unknown }).values;
  return Array.isArray(values) ? (values as Token[]) : [result as Token];
}
