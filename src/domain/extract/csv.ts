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
    return { text, metadata: { ...charsetMetadata(decoded), columns, rows: Math.max(0, countRecords(text, delimiter) - 1), delimiter } };
  },
};

/**
 * Records in CSV text: a line break ends one unless it is inside a quoted
 * cell (an address or a note may hold several lines). A quote opens a cell
 * only at its start, so `24" screen` is plain text.
 */
function countRecords(text: string, delimiter: string): number {
  let records = 0;
  let quoted = false;
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && cellStart) quoted = true;
    else if (c === '\n') records++;
    cellStart = c === delimiter || c === '\n';
  }
  return text.length > 0 && !text.endsWith('\n') ? records + 1 : records;
}
