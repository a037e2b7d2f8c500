import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeZip } from './make-archives.ts';
import { seededRandom } from './seeded-random.ts';

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'dri', 'sel', 'nor', 'pa', 'qui', 'bex', 'tor', 'ul', 'fen', 'gar', 'hu', 'jin', 'wes', 'zo', 'ost', 'ram', 'lie', 'cy'];

/** A text of `words` pseudo-words in paragraphs: distinct enough that chance passage matches do not occur. */
function prose(random: () => number, vocabulary: readonly string[], words: number): string {
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  for (let i = 0; i < words; i++) {
    paragraph.push(vocabulary[Math.floor(random() * vocabulary.length)]!);
    if (paragraph.length >= 40 + Math.floor(random() * 40)) {
      paragraphs.push(`${paragraph.join(' ')}.`);
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(`${paragraph.join(' ')}.`);
  return paragraphs.join('\n\n');
}

function vocabularyOf(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

export interface FaultDump {
  dir: string;
  /** Files on disk plus archive entries and attachments: what a leak's `leak_files` will hold. */
  entries: number;
  /** Texts that posts may quote. */
  texts: string[];
}

/**
 * A generated dump with the shapes an ingest walks: plain text files, mails
 * with an attachment, zip archives of notes, and copies of earlier files
 * (content already known). About 2 KB of prose per text. `zipped` packs
 * every text into archives instead.
 *
 * @example
 * const dump = await writeFaultDump(join(dir, 'dump'), { seed: 7, files: 3000 });
 */
export async function writeFaultDump(dir: string, options: { seed: number; files: number; zipped?: boolean }): Promise<FaultDump> {
  const random = seededRandom(options.seed);
  const vocabulary = vocabularyOf(random, 6000);
  const texts: string[] = [];
  if (options.zipped) {
    // everything inside archives of 100 notes: most batches are written while an archive is open
    await mkdir(dir, { recursive: true });
    for (let z = 0; z * 100 < options.files; z++) {
      const files: Record<string, string> = {};
      for (let j = 0; j < 100 && z * 100 + j < options.files; j++) {
        const text = prose(random, vocabulary, 200 + Math.floor(random() * 200));
        texts.push(text);
        files[`box-${z}/note-${j}.txt`] = text;
      }
      await writeFile(join(dir, `archive-${z}.zip`), makeZip(files));
    }
    return { dir, entries: Math.ceil(options.files / 100) + options.files, texts };
  }
  let entries = 0;
  for (const folder of ['notes', 'mail', 'archives', 'copies']) await mkdir(join(dir, folder), { recursive: true });
  const writes: Promise<void>[] = [];
  for (let i = 0; i < options.files; i++) {
    const name = String(i).padStart(5, '0');
    const kind = random();
    if (kind < 0.8) {
      const text = prose(random, vocabulary, 250 + Math.floor(random() * 250));
      texts.push(text);
      writes.push(writeFile(join(dir, 'notes', `${name}.txt`), text));
      entries++;
    } else if (kind < 0.9) {
      const body = prose(random, vocabulary, 150 + Math.floor(random() * 150));
      const attachment = prose(random, vocabulary, 200);
      texts.push(body, attachment);
      writes.push(writeFile(join(dir, 'mail', `${name}.eml`), mail(i, body, attachment)));
      entries += 2;
    } else if (kind < 0.93) {
      const files: Record<string, string> = {};
      for (let j = 0; j < 20; j++) {
        const text = prose(random, vocabulary, 200 + Math.floor(random() * 200));
        texts.push(text);
        files[`batch-${name}/note-${j}.txt`] = text;
      }
      writes.push(writeFile(join(dir, 'archives', `${name}.zip`), makeZip(files)));
      entries += 21;
    } else if (texts.length > 0) {
      // a copy under another name: the document exists already and is only placed again
      writes.push(writeFile(join(dir, 'copies', `${name}.txt`), texts[Math.floor(random() * texts.length)]!));
      entries++;
    }
  }
  await Promise.all(writes);
  return { dir, entries, texts };
}

function mail(i: number, body: string, attachment: string): string {
  const boundary = `b-${i}`;
  return [
    `From: sender${i % 17}@example.org`,
    `To: team@example.org`,
    `Subject: Thread ${i}`,
    `Date: Mon, 7 Oct 2024 ${String(8 + (i % 10)).padStart(2, '0')}:00:00 +0000`,
    `Message-ID: <m${i}@example.org>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    `--${boundary}`,
    `Content-Type: text/plain; charset=utf-8; name="minutes-${i}.txt"`,
    `Content-Disposition: attachment; filename="minutes-${i}.txt"`,
    '',
    attachment,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * A twitter-v2 export, one tweet per line: some quote 35 words of a dump
 * text, some link to the drop URL, some link to an earlier quoting tweet
 * (never a later one: which links count depends on what was seen first, and
 * a fault run must be comparable with a clean run), the rest is chatter.
 */
export async function writeFaultPosts(file: string, texts: readonly string[], options: { seed: number; posts: number; dropUrl: string }): Promise<{ quoting: number }> {
  const random = seededRandom(options.seed ^ 0x5eed);
  const chatter = vocabularyOf(seededRandom(options.seed ^ 0xc4a7), 3000);
  const lines: string[] = [];
  const quoted: string[] = [];
  let quoting = 0;
  for (let i = 0; i < options.posts; i++) {
    const id = String(1_800_000_000_000_000_000n + BigInt(i));
    const user = `user${Math.floor(random() * 400)}`;
    const kind = random();
    let text: string;
    let urls: string[] = [];
    if (kind < 0.15) {
      const words = texts[Math.floor(random() * texts.length)]!.split(/\s+/);
      const start = Math.floor(random() * Math.max(1, words.length - 35));
      text = `${words.slice(start, start + 35).join(' ')} #leaked`;
      quoted.push(`https://twitter.com/${user}/status/${id}`);
      quoting++;
    } else if (kind < 0.2) {
      text = 'the whole archive is here';
      urls = [options.dropUrl];
    } else if (kind < 0.25 && quoted.length > 0) {
      text = 'look at this';
      urls = [quoted[Math.floor(random() * quoted.length)]!];
    } else {
      text = prose(random, chatter, 12 + Math.floor(random() * 20));
    }
    const created = new Date(Date.UTC(2024, 9, 21, 8) + i * 7000).toISOString();
    const tweet = { id, author_id: user, created_at: created, text: urls.length ? `${text} ${urls.join(' ')}` : text, ...(urls.length ? { entities: { urls: urls.map((u) => ({ url: u, expanded_url: u })) } } : {}) };
    lines.push(JSON.stringify({ data: [tweet], includes: { users: [{ id: user, username: user }] } }));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return { quoting };
}
