import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus: $LEAKLINE_CORPUS, or ../shared/corpus beside the checkout. */
export function corpusDir(): string {
  const dir = resolve(process.env.LEAKLINE_CORPUS ?? new URL('../../../shared/corpus', import.meta.url).pathname);
  if (!existsSync(dir)) throw new Error(`The corpus is not at ${dir}: set LEAKLINE_CORPUS to its folder. Corpus checks run with \`npm run test:corpus\`.`);
  return dir;
}

export const corpusPath = (...parts: string[]) => join(corpusDir(), ...parts);

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}
