/**
 * The synthetic leak and post export of `npm run bench:match`, built from
 * the shared corpus with a fixed seed, so every run matches the same posts
 * against the same index.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../test/helpers/corpus.ts';
import { enronBodies } from './corpus-text.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';

const splitSentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.split(' ').length >= 6);

/**
 * The sentences of six words or more in the Zyte articles, the Enron bodies
 * and the Readability test pages, without those that share eight words in a
 * row with one kept before (replies quote earlier e-mails, pages repeat
 * their boilerplate): copies of different sentences then never match.
 */
export async function sentencesOf(corpus: string): Promise<string[]> {
  const seen = new Set<string>();
  return (await allSentences(corpus)).filter((sentence) => {
    const words = sentence.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const shingles: string[] = [];
    for (let i = 0; i + 8 <= Math.max(words.length, 8); i++) shingles.push(words.slice(i, i + 8).join(' '));
    if (shingles.some((s) => seen.has(s))) return false;
    for (const s of shingles) seen.add(s);
    return true;
  });
}

async function allSentences(corpus: string): Promise<string[]> {
  const out = new Set<string>();
  const truth = JSON.parse(await readFile(join(corpus, 'zyte-article-extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  for (const { articleBody } of Object.values(truth)) for (const s of splitSentences(articleBody)) out.add(s);
  for (const body of await enronBodies(corpus)) for (const s of splitSentences(body)) out.add(s);
  const pages = join(corpus, 'readability-test-pages');
  for (const page of (await readdir(pages)).sort()) {
    const html = await readFile(join(pages, page, 'expected.html'), 'utf8').catch(() => '');
    const text = html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
    for (const s of splitSentences(text)) out.add(s);
  }
  return [...out];
}

/** The text of every tweet in the IRA sample files. */
export async function tweetsOf(corpus: string): Promise<string[]> {
  const out: string[] = [];
  for (const file of ['leak_keyword_tweets.csv', 'background_random_sample_20k.csv']) {
    for (const row of parseCsv(await readFile(join(corpus, 'ira-tweets', file), 'utf8'))) if (row.content) out.push(row.content);
  }
  return out;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/**
 * `count` documents of 15 to 44 sentences. The sentences are dealt from the
 * shuffled pool, each once per pass, so documents share no run of eight
 * words while the pool lasts. A large index needs more passes than the
 * corpus has text: from the second pass on, every fourth word of a sentence
 * (at an offset that differs between passes) is replaced by a random word of
 * the pool, so that two copies of a sentence share runs of at most three
 * words, too short for a shared fingerprint (with one word in seven, the
 * matcher still aligned copies as altered quotes). Quotes then hit the
 * document they come from, and other documents only through common phrases,
 * as in a real leak; drawing with replacement from one small pool had every
 * quote hit dozens of documents.
 */
export function buildDocuments(sentences: readonly string[], count: number, random: () => number): { docs: string[]; passes: number } {
  const vocabulary = [...new Set(sentences.flatMap((s) => s.split(' ')))];
  const order = [...sentences];
  shuffle(order, random);
  let at = 0;
  let pass = 0;
  const next = () => {
    if (at === order.length) {
      at = 0;
      pass++;
      shuffle(order, random);
    }
    const sentence = order[at++]!;
    if (pass === 0) return sentence;
    return sentence
      .split(' ')
      .map((word, i) => ((i + pass) % 4 === 0 ? vocabulary[Math.floor(random() * vocabulary.length)]! : word))
      .join(' ');
  };
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    const n = 15 + Math.floor(random() * 30);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(next());
    docs.push(`Memo ${d} of the leaked archive.\n${parts.join(' ')}`);
  }
  return { docs, passes: pass + 1 };
}

/** Writes the documents as text files, a thousand to a folder. */
export async function writeDump(dir: string, docs: readonly string[]): Promise<void> {
  for (let d = 0; d < docs.length; d += 1000) {
    const sub = join(dir, `box-${d / 1000}`);
    await mkdir(sub, { recursive: true });
    await Promise.all(docs.slice(d, d + 1000).map((text, i) => writeFile(join(sub, `memo-${d + i}.txt`), text)));
  }
}

function quoteOf(doc: string, random: () => number): string {
  const words = doc.split(/\s+/).slice(8);
  const length = 14 + Math.floor(random() * 12);
  const start = Math.floor(random() * Math.max(1, words.length - length));
  return words.slice(start, start + length).join(' ');
}

/**
 * A twitter-v2 JSONL export of `count` posts: real IRA tweets, and with
 * probability `quoting` a post quoting 14 to 25 words of a random document.
 * Returns how many quote.
 */
export async function writePosts(file: string, count: number, quoting: number, tweets: readonly string[], docs: readonly string[], random: () => number): Promise<number> {
  const lines: string[] = [];
  let planted = 0;
  for (let i = 0; i < count; i++) {
    const quotes = random() < quoting;
    const text = quotes ? `BREAKING leaked memo: "${quoteOf(docs[Math.floor(random() * docs.length)]!, random)}" #leak` : tweets[i % tweets.length]!;
    if (quotes) planted++;
    const user = `acct${Math.floor(random() * 3000)}`;
    lines.push(JSON.stringify({ data: { id: String(1_000_000 + i), author_id: user, created_at: new Date(Date.UTC(2016, 9, 1) + i * 1000).toISOString(), text }, includes: { users: [{ id: user, username: user }] } }));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return planted;
}
