import { describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { documentExtractors } from '../../src/domain/extract/index.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { pickExtractor } from '../../src/domain/extract/registry.ts';
import { DumpBudget } from '../../src/ingest/budget.ts';
import { createExtractors } from '../../src/ingest/extractors.ts';
import { makeDocx, makeTar, makeZip } from '../helpers/make-archives.ts';
import { makePdf } from '../helpers/make-pdf.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);
/** The registry a dump is read with: document formats and archives. */
const extractors = createExtractors(new DumpBudget(dumpLimits(parseConfig({}))));
const formatOf = (name: string, bytes: Uint8Array) => pickExtractor(extractors, memoryBlob(name, bytes))?.format ?? null;

const ENRON_MESSAGE = `Message-ID: <2115233.1075855688436.JavaMail.evans@thyme>
Date: Wed, 18 Oct 2000 03:00:00 -0700 (PDT)
From: phillip.allen@enron.com
To: john.lavorato@enron.com
Subject: Re: west power
Mime-Version: 1.0
Content-Type: text/plain; charset=us-ascii
X-From: Phillip K Allen
X-To: John J Lavorato

Traders are long through December. Do not share the position report.
`;

describe('pickExtractor', () => {
  it('recognises an e-mail file with no extension, like the Enron files named "1."', () => {
    expect(formatOf('maildir/allen-p/inbox/1.', utf8(ENRON_MESSAGE))).toBe('email');
    expect(formatOf('maildir/allen-p/inbox/1', utf8(ENRON_MESSAGE))).toBe('email');
  });

  it('picks formats by their extension', () => {
    expect(formatOf('transfer-memo.txt', utf8('Transfer the funds on Friday.'))).toBe('text');
    expect(formatOf('budget.csv', utf8('line,amount\nleaflets,12500\n'))).toBe('csv');
    expect(formatOf('posts.jsonl', utf8('{"text":"leak"}\n'))).toBe('json');
    expect(formatOf('statement.html', utf8('<p>Statement</p>'))).toBe('html');
    expect(formatOf('director.eml', utf8(ENRON_MESSAGE))).toBe('email');
  });

  it('picks formats by their content when the name says nothing', () => {
    expect(formatOf('attachment-2', makePdf(['Payments, second quarter.']))).toBe('pdf');
    expect(formatOf('index', utf8('<!DOCTYPE html><html><body>Leaked page</body></html>'))).toBe('html');
    expect(formatOf('Inbox', utf8(`From phillip.allen@enron.com Wed Oct 18 03:00:00 2000\n${ENRON_MESSAGE}`))).toBe('mbox');
    expect(formatOf('README', utf8('Files from the Northbridge finance share, copied in May 2017.'))).toBe('text');
    expect(formatOf('backup', makeZip({ 'memo.txt': 'hello' }))).toBe('zip');
    expect(formatOf('backup.tar', makeTar([{ name: 'memo.txt', content: 'hello' }]))).toBe('tar');
  });

  it('gives a .docx to the docx extractor, not to the zip extractor', () => {
    expect(formatOf('press/messaging-plan.docx', makeDocx(['Say nothing about Castellan.']))).toBe('docx');
    expect(formatOf('backup/old-files.zip', makeZip({ 'a.txt': 'a' }))).toBe('zip');
  });

  it('sends a .pdf that is not a PDF to the pdf extractor, which fails with code corrupt', async () => {
    const truncated = makePdf(['Payments, second quarter.']).subarray(9); // a download that lost its first bytes
    for (const bytes of [utf8('Access denied. Your session has expired.'), truncated, new Uint8Array([0xde, 0xad, 0, 0, 0xbe, 0xef])]) {
      const blob = memoryBlob('finance/payments.pdf', bytes);
      const extractor = pickExtractor(extractors, blob);
      expect(extractor?.format).toBe('pdf');
      const error = await extractor!.extract(blob, context).then(() => null, (e: unknown) => e);
      expect(isDomainError(error) && error.code).toBe('corrupt');
    }
  });

  it('finds no extractor for binary data it does not know', () => {
    const heic = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0]);
    expect(formatOf('backup/photo.heic', heic)).toBeNull();
    expect(pickExtractor([], memoryBlob('memo.txt', utf8('text')))).toBeNull();
  });

  it('lets every runtime read documents without the archive extractors', () => {
    expect(pickExtractor(documentExtractors, memoryBlob('1.', utf8(ENRON_MESSAGE)))?.format).toBe('email');
    expect(pickExtractor(documentExtractors, memoryBlob('backup.zip', makeZip({ 'a.txt': 'a' })))).toBeNull();
  });
});
