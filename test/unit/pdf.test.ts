import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { pdfExtractor } from '../../src/domain/extract/pdf.ts';
import { makePdf } from '../helpers/make-pdf.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const PAGES = [
  'Payments above EUR 10,000, second quarter 2017. Prepared for the finance committee.',
  'Castellan Trading Ltd (Limassol): 12 May, EUR 240,000; 12 May, EUR 180,000; 12 May, EUR 95,000. No invoice on file.',
  'Approved by: the treasurer. Countersigned: nobody.',
];
const INFO = {
  Title: 'Q2 payments',
  Author: 'M. Ellison',
  Creator: 'Microsoft Word 2016',
  Producer: 'Acrobat PDFMaker 17 for Word',
  CreationDate: "D:20170505183500+02'00'",
  ModDate: 'D:20170506090000Z',
};

/** The page's text with the PDF's line wrapping undone. */
const unwrap = (text: string) => text.trim().replace(/\n/g, ' ');
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('pdfExtractor', () => {
  it('extracts the text of every page, pages separated by a blank line', async () => {
    const out = await pdfExtractor.extract(memoryBlob('finance/payments.pdf', makePdf(PAGES, INFO)), context);
    expect(out.text!.split('\n\n').map(unwrap)).toEqual(PAGES);
    expect(out.text).toContain('Prepared for the finance\ncommittee.');
    expect(out.metadata.pages).toBe(3);
  });

  it('says where each page starts in the text', async () => {
    const out = await pdfExtractor.extract(memoryBlob('payments.pdf', makePdf(PAGES)), context);
    const starts = out.metadata.pageStarts as number[];
    expect(starts).toHaveLength(3);
    PAGES.forEach((page, i) => expect(unwrap(out.text!.slice(starts[i], starts[i + 1]))).toBe(page));
  });

  it('records the Info dictionary, with dates in ISO-8601 UTC', async () => {
    const out = await pdfExtractor.extract(memoryBlob('payments.pdf', makePdf(PAGES, INFO)), context);
    expect(out.metadata).toMatchObject({
      title: 'Q2 payments',
      author: 'M. Ellison',
      creator: 'Microsoft Word 2016',
      producer: 'Acrobat PDFMaker 17 for Word',
      created: '2017-05-05T16:35:00.000Z',
      modified: '2017-05-06T09:00:00.000Z',
    });
  });

  it('leaves out Info fields that are missing or are not dates', async () => {
    const out = await pdfExtractor.extract(memoryBlob('scan.pdf', makePdf(['Page one.'], { Author: '  ', CreationDate: 'yesterday' })), context);
    expect(out.metadata).not.toHaveProperty('author');
    expect(out.metadata).not.toHaveProperty('created');
  });

  it('fails with code corrupt for a .pdf that is not a PDF', async () => {
    const error = await failure(pdfExtractor.extract(memoryBlob('payments.pdf', new TextEncoder().encode('<html>404 Not Found</html>')), context));
    expect(isDomainError(error) && error.code).toBe('corrupt');
  });

  it('fails with code corrupt for a PDF too damaged to read', async () => {
    const truncated = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R');
    const error = await failure(pdfExtractor.extract(memoryBlob('payments.pdf', truncated), context));
    expect(isDomainError(error) && error.code).toBe('corrupt');
  });

  it('fits PDFs by name and by their header, even after a little junk', () => {
    const pdf = makePdf(['x']);
    expect(pdfExtractor.fit(memoryBlob('payments.pdf', pdf))).toBe(3);
    expect(pdfExtractor.fit(memoryBlob('attachment-2', pdf))).toBe(2);
    expect(pdfExtractor.fit(memoryBlob('mail.bin', new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a, ...pdf])))).toBe(2);
    expect(pdfExtractor.fit(memoryBlob('payments.pdf', new TextEncoder().encode('not a pdf')))).toBe(1);
    expect(pdfExtractor.fit(memoryBlob('notes.txt', new TextEncoder().encode('not a pdf')))).toBe(0);
  });
});
