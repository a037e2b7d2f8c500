import { describe, expect, it } from 'vitest';
import { mailExtractor } from '../../src/domain/extract/mail.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { utf8 } from '../helpers/make-archives.ts';

const context = { depth: 0, maxFileBytes: 1 << 20 };
const mail = (dateLines: string[]) => [`From: a@example.org`, 'To: b@example.org', 'Subject: memo', ...dateLines, '', 'The body.', ''].join('\r\n');
const metadataOf = async (dateLines: string[]) => (await mailExtractor.extract(memoryBlob('m.eml', utf8(mail(dateLines))), context)).metadata;

describe('the Date header of a mail', () => {
  it('is read, folded or with a zone comment', async () => {
    expect(await metadataOf(['Date: Mon, 14 May 2001 16:39:00 -0700 (PDT)'])).toMatchObject({ date: '2001-05-14T23:39:00.000Z', created: '2001-05-14T23:39:00.000Z' });
    expect(await metadataOf(['Date: Fri, 18 Oct 2024', ' 09:15:00 +0200'])).toMatchObject({ date: '2024-10-18T07:15:00.000Z' });
  });

  it('is left out when it cannot be read, never replaced by the time of ingestion; the raw header is kept', async () => {
    for (const value of ['Thursday, 32 Smarch 2017 25:61:00 +9900', 'yesterday', '']) {
      const metadata = await metadataOf([`Date: ${value}`]);
      expect(metadata.date, value).toBeUndefined();
      expect(metadata.created, value).toBeUndefined();
      expect((metadata.headers as Record<string, string>).date).toBe(value);
    }
    expect((await metadataOf([])).date).toBeUndefined();
  });
});
