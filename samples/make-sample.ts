/**
 * Writes the sample dump shipped with Leakline: an invented campaign's files
 * (every name, address and figure is fictional) in the formats a real dump
 * holds. Run again with `npx tsx samples/make-sample.ts` after changing it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDocx, makeZip } from '../test/helpers/make-archives.ts';
import { makePdf } from '../test/helpers/make-pdf.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), 'northbridge-dump');

const memo = `From the finance office to the campaign director.
The transfer of 40,000 euros from the Harbour Fund to the regional account was completed on Thursday. The donors asked that their names stay off the public register until after the vote, and the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold.
Please make sure the field teams in the northern districts receive the leaflets before Saturday morning. The printer has been paid in cash and the invoice will be dated next month.`;

const strategy = `Northbridge 2024: messaging plan for the final week.
Lead every interview with the new harbour jobs and never mention the Fund by name. If journalists ask about the September payments, answer that all donations were declared and move on to the transport plan.
Volunteers should share the video clip from the town hall meeting at the same hour on Sunday evening, from their personal accounts, with the same three hashtags.`;

const files: Record<string, Uint8Array | string> = {
  'README.txt': 'Files copied from the Northbridge campaign server, October 2024.\nFolders: finance, mail, press, data.\n',
  'finance/transfer-memo.txt': memo,
  'finance/budget-2024.csv': 'line,amount_eur,approved_by\nleaflets,12500,treasurer\nvenue hire,8000,director\nonline adverts,21000,director\n"consultants, external",40000,treasurer\n',
  'finance/payments.pdf': makePdf([memo, 'Payment schedule: four instalments of 10,000 euros on 3, 10, 17 and 24 September.'], {
    Title: 'Payment schedule',
    Author: 'M. Keller',
    Creator: 'Microsoft Word',
    Producer: 'Microsoft: Print To PDF',
    CreationDate: "D:20240912093000+02'00'",
    ModDate: "D:20240912094500+02'00'",
  }),
  'press/messaging-plan.docx': makeDocx(strategy.split('\n'), { creator: 'A. Novak', lastModifiedBy: 'A. Novak', created: '2024-10-01T08:12:00Z', modified: '2024-10-02T17:40:00Z', title: 'Messaging plan' }),
  'press/statement-draft.html': `<!doctype html><html lang="en"><head><title>Statement draft</title><meta name="author" content="Press office"></head><body><nav>Intranet · Press · Drafts</nav><article><h1>Statement on campaign finance</h1><p>All donations to the Northbridge campaign were declared in full and on time. The campaign has never received money from the Harbour Fund.</p></article><script>trackPageView()</script></body></html>`,
  'mail/director.eml': [
    'From: Director <director@northbridge.example>',
    'To: Treasurer <treasurer@northbridge.example>',
    'Subject: Re: September payments',
    'Date: Tue, 17 Sep 2024 21:04:00 +0200',
    'Message-ID: <a1b2c3@northbridge.example>',
    'X-Mailer: Apple Mail (2.3774)',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Keep the four payments apart and do not put the Fund in the subject line. Delete this after reading.',
    '',
    '--b1',
    'Content-Type: text/plain; name="schedule.txt"',
    'Content-Disposition: attachment; filename="schedule.txt"',
    '',
    'Instalments: 3 September, 10 September, 17 September, 24 September. Ten thousand euros each, from the Harbour Fund account.',
    '--b1--',
    '',
  ].join('\r\n'),
  'mail/archive.mbox': [
    'From treasurer@northbridge.example Mon Sep  2 08:00:00 2024',
    'From: Treasurer <treasurer@northbridge.example>',
    'To: Director <director@northbridge.example>',
    'Subject: First instalment',
    'Date: Mon, 2 Sep 2024 08:00:00 +0200',
    '',
    'The first instalment from the Harbour Fund arrives tomorrow. I will log it as four small donations.',
    '',
    'From director@northbridge.example Mon Sep  2 09:30:00 2024',
    'From: Director <director@northbridge.example>',
    'To: Treasurer <treasurer@northbridge.example>',
    'Subject: Re: First instalment',
    'Date: Mon, 2 Sep 2024 09:30:00 +0200',
    '',
    'Good. Same arrangement for the other three.',
    '>From now on use the new account number.',
    '',
  ].join('\n'),
  'data/volunteers.jsonl': '{"name":"Volunteer 1","district":"North","task":"share the town hall clip on Sunday at 20:00"}\n{"name":"Volunteer 2","district":"North","task":"share the town hall clip on Sunday at 20:00"}\n',
  'data/copy-of-memo.txt': memo.replace(/\n/g, '\r\n').toUpperCase(),
  'backup/old-files.zip': makeZip({ 'transfer-memo.txt': memo, 'notes/todo.md': '# To do\n- shred the printer invoices\n- call the Fund on Monday\n' }),
  'backup/empty.log': '',
  'backup/photo.heic': new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 104, 101, 105, 99, 0, 0, 0, 0]),
};

await rm(root, { recursive: true, force: true });
for (const [name, content] of Object.entries(files)) {
  const path = join(root, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}
console.log(`wrote ${Object.keys(files).length} files to ${root}`);
