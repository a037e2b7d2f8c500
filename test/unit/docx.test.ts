import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import { docxExtractor } from '../../src/domain/extract/docx.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { makeDocx, makeZip } from '../helpers/make-archives.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const PARAGRAPHS = [
  'Messaging plan: Harbour transfer',
  'If asked about the payments to Castellan, say that they were consulting fees approved in the usual way.',
  'Do not mention the treasurer by name. Refer all questions from journalists to the press office.',
];
const CORE = {
  title: 'Messaging plan',
  creator: 'Press Office',
  lastModifiedBy: 'Margaret Ellison',
  created: '2017-05-01T09:00:00Z',
  modified: '2017-05-03T17:30:00Z',
};

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('docxExtractor', () => {
  it('extracts the body text, one paragraph per block', async () => {
    const out = await docxExtractor.extract(memoryBlob('press/messaging-plan.docx', makeDocx(PARAGRAPHS, CORE)), context);
    expect(out.text).toBe(PARAGRAPHS.join('\n\n'));
  });

  it('records core and app properties, with dates in ISO-8601', async () => {
    const out = await docxExtractor.extract(memoryBlob('messaging-plan.docx', makeDocx(PARAGRAPHS, CORE, 'Microsoft Office Word')), context);
    expect(out.metadata).toEqual({
      title: 'Messaging plan',
      author: 'Press Office',
      lastModifiedBy: 'Margaret Ellison',
      created: '2017-05-01T09:00:00.000Z',
      modified: '2017-05-03T17:30:00.000Z',
      creator: 'Microsoft Office Word',
    });
  });

  it('records no property a document does not have', async () => {
    const out = await docxExtractor.extract(memoryBlob('plain.docx', makeDocx(['Short note.'], {}, 'LibreOffice/7.4')), context);
    expect(out.metadata).toEqual({ creator: 'LibreOffice/7.4' });
  });

  it('fails with code corrupt when the file is not a zip package', async () => {
    const error = await failure(docxExtractor.extract(memoryBlob('plan.docx', new TextEncoder().encode('{\\rtf1 not a docx}')), context));
    expect(isDomainError(error) && error.code).toBe('corrupt');
  });

  it('fails with code corrupt when the zip has no Word document in it', async () => {
    const zip = makeZip({ 'notes.txt': 'renamed archive, not a document' });
    const error = await failure(docxExtractor.extract(memoryBlob('plan.docx', zip), context));
    expect(isDomainError(error) && error.code).toBe('corrupt');
  });

  it('refuses a package whose parts inflate past the file limit, with code too_large', async () => {
    const error = await failure(docxExtractor.extract(memoryBlob('plan.docx', makeDocx(PARAGRAPHS, CORE)), { depth: 0, maxFileBytes: 200 }));
    expect(isDomainError(error) && error.code).toBe('too_large');
  });

  it('fits .docx files best when they are zip packages', () => {
    const docx = makeDocx(PARAGRAPHS);
    expect(docxExtractor.fit(memoryBlob('plan.docx', docx))).toBe(3);
    expect(docxExtractor.fit(memoryBlob('plan.docx', new TextEncoder().encode('not a zip')))).toBe(1);
    expect(docxExtractor.fit(memoryBlob('plan.zip', docx))).toBe(0);
  });
});
