import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The shared real-data corpus: `LEAKLINE_CORPUS`, or `../shared/corpus/` beside the project. */
export function corpusDir(): string {
  return resolve(process.env.LEAKLINE_CORPUS ?? join(import.meta.dirname, '../../shared/corpus'));
}

export interface BenchText {
  text: string;
  /** UTF-8 bytes of `text` (what MB/s is counted in). */
  bytes: Uint8Array;
  /** Where the text came from, for the report. */
  source: string;
}

/** Every file under a folder, in a stable (sorted) order. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The body of a raw RFC-822 message: everything after the first blank line. */
function messageBody(raw: string): string {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? raw.slice(m.index + m[0].length) : '';
}

/** Bodies of the Enron messages, read as latin-1: the sample is mostly us-ascii with a few stray 8-bit bytes, and latin-1 never fails. */
export async function enronBodies(corpus: string): Promise<string[]> {
  const files = await listFiles(join(corpus, 'enron-mail/maildir'));
  return Promise.all(files.map(async (f) => messageBody((await readFile(f)).toString('latin1'))));
}

function zyteBodies(corpus: string): string[] {
  const truth = JSON.parse(readFileSync(join(corpus, 'zyte-article-extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  return Object.keys(truth)
    .sort()
    .map((id) => truth[id]!.articleBody);
}

/** A page is non-Latin when most of its letters lie past Latin Extended-B (U+024F). */
function isNonLatin(body: string): boolean {
  let far = 0;
  let letters = 0;
  for (const ch of body) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (ch.codePointAt(0)! > 0x24f) far++;
  }
  return letters > 0 && far / letters > 0.5;
}

/**
 * Repeats documents (joined by blank lines) until the UTF-8 size reaches
 * `size` bytes, cutting the last one on a character boundary.
 */
function repeatTo(docs: string[], size: number): { text: string; bytes: Uint8Array } {
  const unit = docs.join('\n\n') + '\n\n';
  const unitBytes = Buffer.byteLength(unit);
  const whole = Buffer.from(unit.repeat(Math.ceil(size / unitBytes) + 1));
  // a cut through a multi-byte character would decode to U+FFFD: back up to its first byte
  let end = size;
  while (end > 0 && (whole[end]! & 0xc0) === 0x80) end--;
  const exact = new Uint8Array(whole.subarray(0, end));
  return { text: new TextDecoder().decode(exact), bytes: exact };
}

/** The English documents, one string each: Enron e-mail bodies, then the Latin-script Zyte article bodies. */
export async function englishDocuments(): Promise<{ documents: string[]; source: string }> {
  const corpus = corpusDir();
  const enron = await enronBodies(corpus);
  const zyte = zyteBodies(corpus).filter((b) => !isNonLatin(b));
  return {
    documents: [...enron, ...zyte],
    source: `${enron.length} Enron e-mail bodies (enron-mail/maildir, headers cut off) and ${zyte.length} Latin-script articleBody values of zyte-article-extraction/ground-truth.json (mostly English), from ${corpus}`,
  };
}

/** English text of `size` bytes: the English documents repeated. */
export async function englishText(size: number): Promise<BenchText> {
  const { documents, source } = await englishDocuments();
  const unique = Buffer.byteLength(documents.join('\n\n'));
  return { ...repeatTo(documents, size), source: `${source}: ${(unique / 1e6).toFixed(2)} MB of distinct text, repeated` };
}

/** Non-Latin text of `size` bytes: the Zyte pages in Cyrillic, Japanese and Korean, repeated. */
export function nonLatinText(size: number): BenchText {
  const corpus = corpusDir();
  const pages = zyteBodies(corpus).filter(isNonLatin);
  const unique = Buffer.byteLength(pages.join('\n\n'));
  return {
    ...repeatTo(pages, size),
    source: `the ${pages.length} non-Latin articleBody values of zyte-article-extraction/ground-truth.json (Russian, Japanese, Korean) from ${corpus}: ${(unique / 1e6).toFixed(2)} MB of distinct text, repeated`,
  };
}

/** The first `size` bytes of a text, cut on a character boundary. */
export function sliceText(t: BenchText, size: number): BenchText {
  let end = Math.min(size, t.bytes.length);
  while (end > 0 && end < t.bytes.length && (t.bytes[end]! & 0xc0) === 0x80) end--;
  const bytes = t.bytes.slice(0, end);
  return { text: new TextDecoder().decode(bytes), bytes, source: t.source };
}
