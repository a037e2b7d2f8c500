import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { DomainError } from '../errors.ts';
import { parseMarkup } from '../parse-markup.ts';
import { toIsoDate } from './dates.ts';
import { visibleText } from './html-text.ts';
import { memoryBlob } from './memory-blob.ts';
import { extensionOf, type Child, type Extractor } from './types.ts';

const KNOWN_HEADERS = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'received', 'return-path', 'mime-version', 'x-mailer', 'sender', 'reply-to', 'delivered-to']);

/** True when the bytes open with an RFC 822 header block naming at least two well-known headers. */
export function looksLikeMail(head: Uint8Array): boolean {
  const lines = new TextDecoder().decode(head.subarray(0, 4096)).split(/\r?\n/);
  // the sniffed head may end mid-line (long recipient lists): judge only whole lines
  if (head.length >= 4096) lines.pop();
  let known = 0;
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    const line = lines[i]!;
    if (line === '') return known >= 2 && i > 0;
    if (/^[ \t]/.test(line) && i > 0) continue; // folded header
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    if (KNOWN_HEADERS.has(m[1]!.toLowerCase())) known++;
  }
  return known >= 3;
}

/**
 * One e-mail message (RFC 822 / MIME): the body text, headers as metadata,
 * attachments as child documents.
 */
export const mailExtractor: Extractor = {
  format: 'email',
  mime: 'message/rfc822',
  hasChildren: true,
  fit(blob) {
    return (extensionOf(blob.name) === 'eml' ? 1 : 0) + (looksLikeMail(blob.head) ? 2 : 0);
  },
  async extract(blob) {
    const bytes = await blob.read();
    let mail: ParsedMail;
    try {
      mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        skipImageLinks: true,
        skipTextLinks: true,
        skipTextToHtml: true,
        maxHtmlLengthToParse: 16 * 1024 * 1024,
      });
    } catch (error) {
      throw new DomainError('corrupt', `The message could not be parsed: ${(error as Error).message}`);
    }
    const text = mail.text?.trim() || (typeof mail.html === 'string' ? visibleText(parseMarkup(mail.html)) : '');
    return { text, metadata: mailMetadata(mail), children: attachmentsOf(mail) };
  },
};

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((a) => a.text).join(', ').slice(0, 2000) || undefined;
}

function mailMetadata(mail: ParsedMail): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  };
  set('subject', mail.subject?.slice(0, 1000));
  set('from', addressText(mail.from));
  set('to', addressText(mail.to));
  set('cc', addressText(mail.cc));
  set('bcc', addressText(mail.bcc));
  const date = sentDate(mail);
  set('date', date);
  set('messageId', mail.messageId);
  set('inReplyTo', mail.inReplyTo);
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines ?? []) {
    const value = line.line.slice(line.line.indexOf(':') + 1).trim();
    headers[line.key] = headers[line.key] ? `${headers[line.key]}\n${value}`.slice(0, 4000) : value.slice(0, 4000);
  }
  // the same names as the other formats' embedded metadata, so a dump's documents compare field by field
  set('author', addressText(mail.from));
  set('created', date);
  set('creator', headers['x-mailer'] ?? headers['user-agent']);
  set('originatingIp', headers['x-originating-ip']);
  out.headers = headers;
  if (mail.attachments.length > 0) out.attachments = mail.attachments.length;
  return out;
}

/**
 * The Date header as ISO-8601, or null. mailparser puts the time of parsing
 * in place of a Date header it cannot read, which would make a leaked mail
 * look written on the day it was ingested: a date is kept only when one of
 * the raw Date headers is readable.
 */
function sentDate(mail: ParsedMail): string | null {
  const raw = (mail.headerLines ?? []).filter((line) => line.key === 'date').map((line) => line.line.slice(line.line.indexOf(':') + 1).replace(/\s+/g, ' ').trim());
  return raw.some((value) => !Number.isNaN(Date.parse(value))) ? toIsoDate(mail.date) : null;
}

function* attachmentsOf(mail: ParsedMail): Iterable<Child> {
  const used = new Set<string>();
  let index = 0;
  for (const attachment of mail.attachments) {
    index++;
    // mailparser's types promise strings, but a damaged part can give it other values (the fuzz test found one)
    const filename: unknown = attachment.filename;
    let name = (typeof filename === 'string' && filename !== '' ? filename : `attachment-${index}${guessExtension(attachment.contentType)}`).replace(/[\\/]/g, '_');
    if (used.has(name)) name = `${index}-${name}`;
    used.add(name);
    yield { name: `attachments/${name}`, blob: memoryBlob(name, new Uint8Array(attachment.content)) };
  }
}

function guessExtension(contentType: unknown): string {
  const map: Record<string, string> = {
    'message/rfc822': '.eml',
    'text/plain': '.txt',
    'text/html': '.html',
    'application/pdf': '.pdf',
    'application/zip': '.zip',
  };
  return typeof contentType === 'string' ? (map[contentType.toLowerCase()] ?? '') : '';
}
