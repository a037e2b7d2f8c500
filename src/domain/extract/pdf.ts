import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { DomainError } from '../errors.ts';
import { parsePdfDate } from './dates.ts';
import { extensionOf, startsWithBytes, type Extractor } from './types.ts';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function hasPdfMagic(head: Uint8Array): boolean {
  // the header may follow a little junk; readers accept it within the first KiB
  const n = Math.min(head.length, 1024) - 5;
  for (let i = 0; i <= n; i++) if (startsWithBytes(head, PDF_MAGIC, i)) return true;
  return false;
}

/** Page text of a PDF's text layer, pages separated by blank lines, with the Info dictionary as metadata. */
export const pdfExtractor: Extractor = {
  format: 'pdf',
  mime: 'application/pdf',
  fit(blob) {
    return (extensionOf(blob.name) === 'pdf' ? 1 : 0) + (hasPdfMagic(blob.head) ? 2 : 0);
  },
  async extract(blob) {
    const bytes = await blob.read();
    if (!hasPdfMagic(bytes)) throw new DomainError('corrupt', 'Not a PDF: the %PDF- header is missing.');
    let pdf;
    try {
      // a copy: pdf.js transfers (detaches) the buffer it is given
      pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'PasswordException') throw new DomainError('encrypted', 'The PDF is password-protected; its text cannot be read without the password.');
      throw new DomainError('corrupt', `The PDF could not be parsed: ${(error as Error).message ?? error}`);
    }
    try {
      const pages = await pageTexts(pdf);
      const pageStarts: number[] = [];
      let text = '';
      for (const page of pages) {
        if (text) text += '\n\n';
        pageStarts.push(text.length);
        text += page.trim();
      }
      const metadata: Record<string, unknown> = { pages: pages.length, pageStarts };
      Object.assign(metadata, await readInfo(pdf));
      return { text, metadata };
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  },
};

/** The text of each page; a structure damaged past the header (a bad cross-reference entry, say) is a corrupt PDF, not a crash. */
async function pageTexts(pdf: Parameters<typeof extractText>[0]): Promise<string[]> {
  try {
    return (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw new DomainError('corrupt', `The PDF's pages could not be read: ${(error as Error).message ?? error}`);
  }
}

async function readInfo(pdf: Parameters<typeof getMeta>[0]): Promise<Record<string, unknown>> {
  try {
    const { info } = await getMeta(pdf);
    const i = (info ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined);
    const set = (key: string, value: unknown) => {
      if (value !== undefined && value !== null) out[key] = value;
    };
    set('title', str(i.Title));
    set('author', str(i.Author));
    set('creator', str(i.Creator));
    set('producer', str(i.Producer));
    set('subject', str(i.Subject));
    set('created', parsePdfDate(i.CreationDate));
    set('modified', parsePdfDate(i.ModDate));
    set('pdfVersion', str(i.PDFFormatVersion));
    if (i.IsAcroFormPresent) out.forms = true;
    return out;
  } catch {
    return {};
  }
}
