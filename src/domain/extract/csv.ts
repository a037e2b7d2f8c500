import { decodeText } from './charset.ts';
import { charsetMetadata } from './text.ts';
import { extensionOf, type Extractor } from './types.ts';

/** Splits one CSV line into cells, honouring double quotes. */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** Spreadsheets as text: the text is the file as written (cells stay in reading order); the header row is metadata. */
export const csvExtractor: Extractor = {
  format: 'csv',
  mime: 'text/csv',
  fit(blob) {
    return ['csv', 'tsv', 'tab'].includes(extensionOf(blob.name)) ? 2 : 0;
  },
  async extract(blob) {
    const decoded = decodeText(await blob.read());
    const text = decoded.text;
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    const delimiter = extensionOf(blob.name) === 'csv' ? (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',') : '\t';
    const columns = splitCsvLine(firstLine, delimiter).map((c) => c.trim()).slice(0, 200);
    let rows = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) rows++;
    if (text.length > 0 && !text.endsWith('\n')) rows++;
    return { text, metadata: { ...charsetMetadata(decoded), columns, rows: Math.max(0, rows - 1), delimiter } };
  },
};
