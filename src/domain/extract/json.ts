import { decodeText } from './charset.ts';
import { charsetMetadata } from './text.ts';
import { extensionOf, type Extractor } from './types.ts';

/**
 * The string values of a JSON value, in document order, one per line: leaked
 * content lives in the values, while keys repeat on every record. Walks with an
 * explicit stack, so deep nesting cannot overflow it.
 */
export function jsonStrings(value: unknown, out: string[] = []): string[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.trim()) out.push(v);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      // numbers and flags carry no passage text
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const values = Object.values(v);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return out;
}

/** JSON and JSON Lines: string values as text; a line or file that does not parse keeps its raw text. */
export const jsonExtractor: Extractor = {
  format: 'json',
  mime: 'application/json',
  fit(blob) {
    const ext = extensionOf(blob.name);
    return ext === 'json' || ext === 'jsonl' || ext === 'ndjson' || ext === 'geojson' ? 2 : 0;
  },
  async extract(blob) {
    const decoded = decodeText(await blob.read());
    const metadata: Record<string, unknown> = charsetMetadata(decoded);
    const lines = extensionOf(blob.name) !== 'json' && extensionOf(blob.name) !== 'geojson';
    const out: string[] = [];
    if (!lines) {
      try {
        jsonStrings(JSON.parse(decoded.text), out);
        return { text: out.join('\n'), metadata };
      } catch (error) {
        // JSON Lines named .json, or a damaged file: fall back to line by line
        metadata.jsonError = (error as Error).message.slice(0, 200);
      }
    }
    let records = 0;
    let invalid = 0;
    for (const line of decoded.text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      try {
        jsonStrings(JSON.parse(line), out);
        records++;
      } catch {
        invalid++;
        out.push(line);
      }
    }
    metadata.records = records;
    if (invalid > 0) metadata.invalidLines = invalid;
    return { text: out.join('\n'), metadata };
  },
};
