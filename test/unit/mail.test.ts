import { describe, expect, it } from 'vitest';
import { mailExtractor, looksLikeMail } from '../../src/domain/extract/mail.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import type { Child, Extracted } from '../../src/domain/extract/types.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** An Enron-style message with a text body and two attachments. */
const FORECAST = [
  'Message-ID: <18782981.1075855378110.JavaMail.evans@thyme>',
  'Date: Mon, 14 May 2001 16:39:00 -0700 (PDT)',
  'From: phillip.allen@enron.com',
  'To: tim.belden@enron.com, john.arnold@enron.com',
  'Cc: jeff.skilling@enron.com',
  'Subject: West desk forecast',
  'Mime-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="----=_NextPart_001"',
  'X-Mailer: Lotus Notes Release 5.0.5',
  'X-Originating-IP: 192.168.14.7',
  '',
  '------=_NextPart_001',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Here is our forecast for the west desk. Keep it off the shared drive.',
  '',
  'Phillip',
  '------=_NextPart_001',
  'Content-Type: text/plain; name="forecast.txt"',
  'Content-Disposition: attachment; filename="forecast.txt"',
  '',
  'Q3 volumes up 4 percent; California prices to double by August.',
  '------=_NextPart_001',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment',
  'Content-Transfer-Encoding: base64',
  '',
  btoa('%PDF-1.4 (a scanned contract)'),
  '------=_NextPart_001--',
  '',
].join('\r\n');

async function childrenOf(extracted: Extracted): Promise<Array<{ name: string; text: string }>> {
  const out: Array<{ name: string; text: string }> = [];
  for await (const child of (extracted.children ?? []) as AsyncIterable<Child> | Iterable<Child>) {
    if (!('blob' in child)) throw new Error(`attachment ${child.name} was rejected`);
    out.push({ name: child.name, text: new TextDecoder().decode(await child.blob.read()) });
  }
  return out;
}

describe('mailExtractor', () => {
  it('extracts the body text of a message', async () => {
    const out = await mailExtractor.extract(memoryBlob('allen-p/inbox/1.', utf8(FORECAST)), context);
    expect(out.text).toBe('Here is our forecast for the west desk. Keep it off the shared drive.\n\nPhillip');
  });

  it('records the headers as metadata, with the date in UTC', async () => {
    const out = await mailExtractor.extract(memoryBlob('1.', utf8(FORECAST)), context);
    expect(out.metadata).toMatchObject({
      subject: 'West desk forecast',
      from: 'phillip.allen@enron.com',
      to: 'tim.belden@enron.com, john.arnold@enron.com',
      cc: 'jeff.skilling@enron.com',
      date: '2001-05-14T23:39:00.000Z',
      messageId: '<18782981.1075855378110.JavaMail.evans@thyme>',
      creator: 'Lotus Notes Release 5.0.5',
      originatingIp: '192.168.14.7',
      attachments: 2,
    });
    expect((out.metadata.headers as Record<string, string>)['x-mailer']).toBe('Lotus Notes Release 5.0.5');
  });

  it('hands attachments over as child documents, named after their file name or their type', async () => {
    const out = await mailExtractor.extract(memoryBlob('1.', utf8(FORECAST)), context);
    expect(await childrenOf(out)).toEqual([
      { name: 'attachments/forecast.txt', text: 'Q3 volumes up 4 percent; California prices to double by August.' },
      { name: 'attachments/attachment-2.pdf', text: '%PDF-1.4 (a scanned contract)' },
    ]);
  });

  it('reads the visible text of an HTML-only message', async () => {
    const html = [
      'From: "Helen Marsh" <h.marsh@riverside.example>',
      'To: okafor@buildco.example',
      'Subject: =?UTF-8?Q?Riverside_contract_=E2=80=94_next_steps?=',
      'Date: Tue, 6 Jun 2017 08:15:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<!DOCTYPE html><html><head><style>p { margin: 0 }</style></head><body>',
      '<p>Dear Mr Okafor,</p><p>The contract is <b>yours</b> once the donation has arrived.</p>',
      '<script>trackOpen()</script></body></html>',
      '',
    ].join('\r\n');
    const out = await mailExtractor.extract(memoryBlob('riverside.eml', utf8(html)), context);
    expect(out.text).toBe('Dear Mr Okafor,\n\nThe contract is yours once the donation has arrived.');
    expect(out.metadata).toMatchObject({ subject: 'Riverside contract — next steps', from: '"Helen Marsh" <h.marsh@riverside.example>' });
    expect(await childrenOf(out)).toEqual([]);
  });

  it('fits a message by its headers, even with no extension', () => {
    expect(mailExtractor.fit(memoryBlob('1.', utf8(FORECAST)))).toBe(2);
    expect(mailExtractor.fit(memoryBlob('forecast.eml', utf8(FORECAST)))).toBe(3);
    expect(mailExtractor.fit(memoryBlob('notes.txt', utf8('Subject: notes\nThese are my notes, not an e-mail.')))).toBe(0);
  });
});

describe('looksLikeMail', () => {
  it('recognises a header block with well-known headers', () => {
    expect(looksLikeMail(utf8(FORECAST))).toBe(true);
    expect(looksLikeMail(utf8('From: a@example.org\nSubject: lunch\n\nAt noon?'))).toBe(true);
  });

  it('does not take text with a colon on its first lines for mail', () => {
    expect(looksLikeMail(utf8('Agenda: budget\nNotes: none\n\nThe meeting starts at ten.'))).toBe(false);
    expect(looksLikeMail(utf8('Dear colleagues,\nFrom: the director\nSubject: cuts\n'))).toBe(false);
    expect(looksLikeMail(new Uint8Array(0))).toBe(false);
  });
});
