import { describe, expect, it } from 'vitest';
import { mailExtractor } from '../../src/domain/extract/mail.ts';
import { mboxExtractor, mboxMessageStarts } from '../../src/domain/extract/mbox.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import type { Child } from '../../src/domain/extract/types.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);

const MAILBOX = `From director@northbridge.example Mon May 15 09:12:44 2017
From: Director <director@northbridge.example>
To: treasurer@northbridge.example
Subject: Castellan
Date: Mon, 15 May 2017 09:12:44 +0200

Pay the three Castellan invoices today.
From now on, nothing about Castellan goes by e-mail.
>From the minutes: "consulting fees".
>>From a quoted reply, quoted once more.

From treasurer@northbridge.example Mon May 15 11:02:10 2017
From: Treasurer <treasurer@northbridge.example>
To: director@northbridge.example
Subject: Re: Castellan — done
Date: Mon, 15 May 2017 11:02:10 +0200

Done. Café meeting at 5 — “as agreed”.
`;

async function messages(bytes: Uint8Array): Promise<Array<{ name: string; text: string }>> {
  const out = await mboxExtractor.extract(memoryBlob('mail/archive.mbox', bytes), context);
  expect(out.text).toBeNull();
  const result: Array<{ name: string; text: string }> = [];
  for await (const child of (out.children ?? []) as AsyncIterable<Child> | Iterable<Child>) {
    if (!('blob' in child)) throw new Error('unexpected rejection');
    result.push({ name: child.name, text: new TextDecoder().decode(await child.blob.read()) });
  }
  expect(out.metadata).toEqual({ messages: result.length });
  return result;
}

describe('mboxExtractor', () => {
  it('splits a mailbox into one message per "From " separator', async () => {
    const list = await messages(utf8(MAILBOX));
    expect(list.map((m) => m.name)).toEqual(['message-00001.eml', 'message-00002.eml']);
    expect(list[0]!.text.startsWith('From: Director <director@northbridge.example>\n')).toBe(true);
    expect(list[1]!.text.startsWith('From: Treasurer <treasurer@northbridge.example>\n')).toBe(true);
  });

  it('keeps a body line starting with "From " inside its message', async () => {
    const [first] = await messages(utf8(MAILBOX));
    expect(first!.text).toContain('\nFrom now on, nothing about Castellan goes by e-mail.\n');
  });

  it('undoes ">From " quoting by one level', async () => {
    const [first] = await messages(utf8(MAILBOX));
    expect(first!.text).toContain('\nFrom the minutes: "consulting fees".\n');
    expect(first!.text).toContain('\n>From a quoted reply, quoted once more.\n');
  });

  it('keeps the UTF-8 of a message intact', async () => {
    const quoted = MAILBOX.replace('Done.', '>From the bank: done.');
    const list = await messages(utf8(quoted));
    expect(list[1]!.text).toContain('From the bank: done. Café meeting at 5 — “as agreed”.');
  });

  it('gives messages the mail extractor reads with their subjects and bodies', async () => {
    const list = await messages(utf8(MAILBOX.replace(/\n/g, '\r\n')));
    const subjects: unknown[] = [];
    for (const message of list) {
      const mail = await mailExtractor.extract(memoryBlob(message.name, utf8(message.text)), context);
      subjects.push(mail.metadata.subject);
      if (subjects.length === 1) expect(mail.text).toContain('Pay the three Castellan invoices today.');
    }
    expect(subjects).toEqual(['Castellan', 'Re: Castellan — done']);
  });

  it('keeps whatever precedes the first separator as a message of its own', async () => {
    const list = await messages(utf8(`Exported by MailArchiver 2.1\n\n${MAILBOX}`));
    expect(list).toHaveLength(3);
    expect(list[0]!.text).toBe('Exported by MailArchiver 2.1\n\n');
  });

  it('fits a mailbox by name and by its first separator line', () => {
    expect(mboxExtractor.fit(memoryBlob('archive.mbox', utf8(MAILBOX)))).toBe(3);
    expect(mboxExtractor.fit(memoryBlob('Inbox', utf8(MAILBOX)))).toBe(2);
    expect(mboxExtractor.fit(memoryBlob('notes.txt', utf8('From the desk of the director: no comment.\n')))).toBe(0);
  });
});

describe('mboxMessageStarts', () => {
  it('starts messages after a blank line or at a postmark, and nowhere else', () => {
    const text = 'From a@x Mon May 15 09:12:44 2017\nSubject: one\n\nPay today.\nFrom here on, a body line.\nFrom b@x Tue May 16 10:00:00 2017\nSubject: two\n';
    expect(mboxMessageStarts(utf8(text))).toEqual([0, text.indexOf('From b@x')]);
  });
});
