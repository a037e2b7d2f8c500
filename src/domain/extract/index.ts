import { csvExtractor } from './csv.ts';
import { docxExtractor } from './docx.ts';
import { htmlExtractor } from './html.ts';
import { jsonExtractor } from './json.ts';
import { mailExtractor } from './mail.ts';
import { mboxExtractor } from './mbox.ts';
import { pdfExtractor } from './pdf.ts';
import { textExtractor } from './text.ts';
import type { Extractor } from './types.ts';

/** The document formats every runtime can read; archives are added by the Node edge. */
export const documentExtractors: readonly Extractor[] = [
  textExtractor,
  htmlExtractor,
  pdfExtractor,
  docxExtractor,
  mailExtractor,
  mboxExtractor,
  csvExtractor,
  jsonExtractor,
];
