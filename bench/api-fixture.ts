/**
 * The database `bench/api.ts` loads: the Northbridge sample dump ingested
 * with `ingestDump`, and a spread of it (100,000 sightings by default)
 * across the three stages, written straight into `sources`, `posts`,
 * `source_texts`, `links` and `sightings` in batches. Matching that many
 * posts through the pipeline would take minutes and measure the matcher, not
 * the API; the rows are what the pipeline would have stored: real leaked
 * passages quoted in posts and articles, evidence from `compareTexts`,
 * stages from the seeded registry, accounts and article prose from the
 * shared corpus, times log-normal after the drop.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InArgs, InStatement } from '@libsql/client';
import { dumpLimits, parseConfig } from '../src/config.ts';
import { compareTexts, prepareText, type PreparedText } from '../src/domain/match/compare.ts';
import { SEED_DOMAINS } from '../src/domain/stages/seed-domains.ts';
import type { StageRegistry } from '../src/domain/stages/registry.ts';
import { hostOf, normaliseUrl } from '../src/domain/url.ts';
import { ingestDump } from '../src/ingest/ingest-dump.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { loadRegistry } from '../src/store/domains.ts';
import { upsertLeak, type Leak } from '../src/store/leaks.ts';
import { parseCsv } from '../test/helpers/corpus.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';

export const SAMPLE_DUMP = join(import.meta.dirname, '../samples/northbridge-dump');
const DROPPED_AT = Date.parse('2024-10-20T18:35:00.000Z');
const DROP_URL = 'https://pastebin.com/nb2024Xq';
/** Share of sightings per stage: a few drop mirrors, mostly social posts, news articles after. */
const SHARES = { drop: 0.01, amplification: 0.85, mainstream: 0.14 } as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface ApiFixture {
  db: Db;
  leak: Leak;
  documents: number;
  /** The fewest and most words of the documents quoted. */
  documentWords: [number, number];
  sightings: Record<'drop' | 'amplification' | 'mainstream', number>;
  kinds: Record<string, number>;
  accounts: number;
  /** A leaked passage with a line of comment around it, as a reader would paste it into a check. */
  checkText: string;
  /** A real news paragraph that quotes nothing leaked. */
  unrelatedText: string;
  seconds: { ingest: number; generate: number; insert: number };
}

interface LeakedDocument {
  id: number;
  /** Its words as Leakline counts them (documents.words). */
  count: number;
  words: string[];
  prepared: PreparedText;
}

interface Row {
  at: number;
  observedAt: number;
  url: string;
  kind: 'page' | 'post';
  platform: string | null;
  account: string | null;
  title: string | null;
  published: boolean;
  text: string;
  documentId: number | null;
  link: string | null;
  post: { postId: string; repostOf: string | null; metrics: Record<string, number> } | null;
}

const COMMENTS = [
  'Leaked Northbridge memo:',
  'Read this. From the Northbridge files:',
  'So this is how they paid for it.',
  'The campaign knew. Straight from the dump:',
  'Wow.',
  'Nobody is talking about this part:',
  'Thread on the Northbridge leak. 1/',
  'If this is real it is a scandal:',
  'Unverified, but the documents say',
  'Journalists, look at page two:',
  'This is the smoking gun',
  'Share before it gets deleted:',
];

const TWEAKS: [RegExp, string][] = [
  [/\b40,000\b/, '400,000'],
  [/\bThursday\b/, 'Friday'],
  [/\bdonors\b/, 'ministers'],
  [/\bcash\b/, 'crypto'],
  [/\bnorthern\b/, 'southern'],
];

const PLATFORMS: [string, number][] = [
  ['twitter', 0.6],
  ['telegram', 0.12],
  ['reddit', 0.1],
  ['facebook', 0.05],
  ['mastodon', 0.04],
  ['bluesky', 0.04],
  ['vk', 0.03],
  ['youtube', 0.02],
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted(random: () => number, items: readonly [string, number][]): string {
  let r = random();
  for (const [item, weight] of items) if ((r -= weight) < 0) return item;
  return items[items.length - 1]![0];
}

/**
 * Milliseconds after `from` minutes: log-normal, median `median` minutes,
 * a factor of e^1.2 either side, kept between `from` and `to` minutes.
 */
function delay(random: () => number, from: number, to: number, median = Math.sqrt(from * to)): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(Math.min(to, Math.max(from, median * Math.exp(1.2 * normal))) * MINUTE);
}

function quote(random: () => number, doc: LeakedDocument, min: number, max: number): string {
  const length = Math.min(doc.words.length, min + Math.floor(random() * (max - min)));
  const start = Math.floor(random() * Math.max(1, doc.words.length - length));
  return doc.words.slice(start, start + length).join(' ');
}

async function corpusText(corpus: string): Promise<{ accounts: string[]; paragraphs: string[] }> {
  const accounts = new Set<string>();
  for (const file of ['leak_keyword_tweets.csv', 'background_random_sample_20k.csv']) {
    for (const row of parseCsv(await readFile(join(corpus, 'ira-tweets', file), 'utf8'))) if (row.author_id) accounts.add(row.author_id);
  }
  const truth = JSON.parse(await readFile(join(corpus, 'zyte-article-extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const paragraphs = Object.values(truth)
    .flatMap((a) => a.articleBody.split(/\n+/))
    .filter((p) => /^[\x20-\x7e’“”—–]+$/.test(p) && p.split(/\s+/).length >= 25);
  // the corpus has under 2,000 authors; a leak of this reach has more: variants of their names make up 20,000
  const authors = [...accounts];
  const names = Array.from({ length: Math.max(20_000, authors.length) }, (_, i) => (i < authors.length ? authors[i]! : `${authors[i % authors.length]}_${Math.floor(i / authors.length)}`));
  return { accounts: names, paragraphs };
}

/** One sighting's source: where, who, when, and the text that carries the leak. */
function makeRow(random: () => number, stage: keyof typeof SHARES, n: number, docs: LeakedDocument[], corpus: { accounts: string[]; paragraphs: string[] }, earlier: Row[]): Row {
  const doc = pick(random, docs);
  const account = corpus.accounts[Math.floor(corpus.accounts.length * random() ** 2)]!;
  if (stage === 'drop') {
    const at = DROPPED_AT + delay(random, 1, 3 * 24 * 60, 90);
    const host = pick(random, SEED_DOMAINS.filter((d) => d.stage === 'drop' && !d.pattern.includes('/')).map((d) => d.pattern));
    const whole = random() < 0.5;
    return { at, observedAt: at + delay(random, 1, 240, 15), url: `https://${host}/nb${n.toString(36)}`, kind: 'page', platform: null, account: null, title: `Northbridge campaign files, part ${1 + (n % 12)}`, published: random() < 0.7, text: whole ? doc.words.join(' ') : quote(random, doc, 60, 200), documentId: doc.id, link: null, post: null };
  }
  if (stage === 'mainstream') {
    const at = DROPPED_AT + delay(random, 120, 30 * 24 * 60, 36 * 60);
    const host = pick(random, SEED_DOMAINS.filter((d) => d.stage === 'mainstream' && !d.pattern.includes('/')).map((d) => d.pattern));
    const day = new Date(at).toISOString().slice(0, 10).replaceAll('-', '/');
    const linkOnly = random() < 0.15;
    const body = [pick(random, corpus.paragraphs), linkOnly ? `The files were first posted on a paste site (${DROP_URL}).` : `One memo reads: "${quote(random, doc, 25, 70)}"`, pick(random, corpus.paragraphs)];
    return { at, observedAt: at + delay(random, 5, 720, 60), url: `https://www.${host}/${day}/northbridge-campaign-files-${n}.html`, kind: 'page', platform: null, account: null, title: 'Leaked files show how the Northbridge campaign moved its money', published: random() < 0.9, text: body.join('\n\n'), documentId: linkOnly ? null : doc.id, link: linkOnly ? DROP_URL : null, post: null };
  }
  const platform = weighted(random, PLATFORMS);
  const at = DROPPED_AT + delay(random, 2, 30 * 24 * 60, 18 * 60);
  const id = String(1_848_000_000_000_000_000n + BigInt(n) * 7919n);
  const url = {
    twitter: `https://twitter.com/${account}/status/${id}`,
    telegram: `https://t.me/${account.toLowerCase()}/${n}`,
    reddit: `https://www.reddit.com/r/politics/comments/${n.toString(36)}/northbridge_leak/`,
    facebook: `https://www.facebook.com/${account}/posts/${id}`,
    mastodon: `https://mastodon.social/@${account}/${id}`,
    bluesky: `https://bsky.app/profile/${account.toLowerCase()}.bsky.social/post/3l${n.toString(36)}`,
    vk: `https://vk.com/wall-${n}_${n % 997}`,
    youtube: `https://www.youtube.com/watch?v=nb${n.toString(36)}`,
  }[platform]!;
  const reposts = Math.floor(2 ** (random() * 12)) - 1;
  const metrics: Record<string, number> = platform === 'twitter' ? { retweet_count: reposts, like_count: reposts * 3, reply_count: Math.floor(reposts / 4) } : platform === 'telegram' ? { forwards: reposts, views: reposts * 40 } : platform === 'mastodon' ? { reblogs_count: reposts } : { reposts };
  const original = platform === 'twitter' && earlier.length > 0 && random() < 0.2 ? earlier[earlier.length - 1 - Math.floor(random() * Math.min(earlier.length, 500))]! : null;
  if (original?.post && original.platform === 'twitter' && original.account && original.documentId !== null) {
    const retweetedAt = original.at + delay(random, 1, 7 * 24 * 60, 90);
    return { ...original, at: retweetedAt, observedAt: retweetedAt + delay(random, 1, 120), url, account, text: `RT @${original.account}: ${original.text}`, post: { postId: id, repostOf: original.post.postId, metrics } };
  }
  const linkOnly = random() < 0.12;
  let text = linkOnly ? `${pick(random, COMMENTS)} ${DROP_URL}` : `${pick(random, COMMENTS)} "${quote(random, doc, 18, 45)}"`;
  if (!linkOnly && random() < 0.04) for (const [from, to] of TWEAKS) text = text.replace(from, to);
  return { at, observedAt: at + delay(random, 1, 360, 20), url, kind: 'post', platform, account, title: null, published: true, text, documentId: linkOnly ? null : doc.id, link: linkOnly ? DROP_URL : null, post: { postId: id, repostOf: null, metrics } };
}

/** Multi-row INSERTs of at most `per` rows each. */
function inserts(table: string, columns: string[], rows: unknown[][], per = 200): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const marks = `(${columns.map(() => '?').join(', ')})`;
    out.push({ sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => marks).join(', ')}`, args: chunk.flat() as InArgs });
  }
  return out;
}

/**
 * Builds the database at `file` (a fresh path): ingests the sample dump,
 * then stores `total` sightings. The timeline is not built here: the caller
 * builds it as the `build-timeline` job would.
 */
export async function buildApiFixture(file: string, options: { total: number; corpus: string; seed?: number }): Promise<ApiFixture> {
  const random = seededRandom(options.seed ?? 2024);
  const db = await openDb({ url: `file:${file}` });
  let t = performance.now();
  const leak = await upsertLeak(db, { slug: 'northbridge-2024', title: 'Northbridge campaign files', droppedAt: new Date(DROPPED_AT).toISOString(), dropUrl: DROP_URL });
  await ingestDump(db, { leakId: leak.id, leakSlug: leak.slug, source: SAMPLE_DUMP, limits: dumpLimits(parseConfig({})) });
  const ingest = (performance.now() - t) / 1000;

  t = performance.now();
  const { rows: docRows } = await db.$client.execute({
    sql: `SELECT DISTINCT d.id, d.words, t.text FROM leak_files f JOIN documents d ON d.id = f.document_id JOIN document_texts t ON t.document_id = d.id
          WHERE f.leak_id = ? AND d.status = 'ok' AND d.words >= 20 ORDER BY d.id`,
    args: [leak.id],
  });
  const docs: LeakedDocument[] = docRows.map((r) => ({ id: Number(r.id), count: Number(r.words), words: String(r.text).split(/\s+/).filter(Boolean), prepared: prepareText(String(r.text)) }));
  const corpus = await corpusText(options.corpus);
  const registry: StageRegistry = await loadRegistry(db);

  const rows: Row[] = [];
  const stageOf = (i: number) => (i < options.total * SHARES.drop ? 'drop' : i < options.total * (SHARES.drop + SHARES.amplification) ? 'amplification' : 'mainstream');
  for (let i = 0; i < options.total; i++) {
    const stage = stageOf(i);
    const row = makeRow(random, stage, i, docs, corpus, rows);
    rows.push(row);
    // now and then a burst: a few accounts posting the same text within a minute
    if (row.platform === 'twitter' && row.post && !row.post.repostOf && !row.link && random() < 0.002) {
      for (let k = 0; k < 3 + Math.floor(random() * 5) && i + 1 < options.total && stageOf(i + 1) === stage; k++) {
        i++;
        const account = pick(random, corpus.accounts);
        const at = row.at + Math.floor(random() * 50_000);
        rows.push({ ...row, at, observedAt: at + delay(random, 1, 60, 5), account, url: `https://twitter.com/${account}/status/${1_848_500_000_000_000_000n + BigInt(i)}`, post: { ...row.post, postId: String(1_848_500_000_000_000_000n + BigInt(i)) } });
      }
    }
  }
  rows.sort((a, b) => a.observedAt - b.observedAt);

  const base = Number((await db.$client.execute('SELECT coalesce(max(id), 0) AS id FROM sources')).rows[0]!.id);
  const docById = new Map(docs.map((d) => [d.id, d]));
  const kinds: Record<string, number> = {};
  const sightings = { drop: 0, amplification: 0, mainstream: 0 };
  const sourceRows: unknown[][] = [];
  const postRows: unknown[][] = [];
  const textRows: unknown[][] = [];
  const linkRows: unknown[][] = [];
  const sightingRows: unknown[][] = [];
  const evidenceCache = new Map<string, { kind: string; similarity: number; evidence: string }>();
  rows.forEach((r, i) => {
    const id = base + i + 1;
    const url = normaliseUrl(r.url) ?? r.url;
    const c = registry.classify(url);
    const stage = c.stage === 'unclassified' ? 'amplification' : c.stage;
    sightings[stage]++;
    const observedAt = new Date(r.observedAt).toISOString();
    sourceRows.push([id, url, hostOf(url), r.kind, r.platform ?? c.platform, r.account, r.title, stage, c.tier, r.published ? new Date(r.at).toISOString() : null, observedAt, createHash('sha256').update(r.text).digest('hex'), r.text.split(/\s+/).length, '{}']);
    textRows.push([id, r.text]);
    if (r.post) postRows.push([id, r.platform, r.post.postId, r.account, r.post.repostOf, null, null, JSON.stringify(r.post.metrics)]);
    if (r.link) linkRows.push([id, r.link, null]);
    let found = r.documentId === null ? null : evidenceCache.get(`${r.documentId}\n${r.text}`);
    if (r.documentId !== null && !found) {
      const m = compareTexts(prepareText(r.text), docById.get(r.documentId)!.prepared);
      if (m) found = { kind: m.kind, similarity: m.similarity, evidence: JSON.stringify({ spans: m.spans, coverage: { source: m.coverage.checked, document: m.coverage.document }, matchedWords: m.matchedWords, alterations: m.alterations }) };
      if (found) evidenceCache.set(`${r.documentId}\n${r.text}`, found);
    }
    const s = found ?? { kind: 'link', similarity: 0, evidence: JSON.stringify({ linkedUrl: DROP_URL, via: 'drop-url', linkedSource: DROP_URL }) };
    kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    sightingRows.push([leak.id, found ? r.documentId : null, id, s.kind, s.similarity, s.evidence, observedAt]);
  });
  const generate = (performance.now() - t) / 1000;

  t = performance.now();
  const batches: InStatement[][] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const range = (list: unknown[][]) => list.filter((row) => (row[0] as number) > base + i && (row[0] as number) <= base + i + 5000);
    batches.push([
      ...inserts('sources', ['id', 'url', 'domain', 'kind', 'platform', 'account', 'title', 'stage', 'tier', 'published_at', 'observed_at', 'text_sha256', 'words', 'metadata'], sourceRows.slice(i, i + 5000)),
      ...inserts('source_texts', ['source_id', 'text'], textRows.slice(i, i + 5000)),
      ...inserts('posts', ['source_id', 'platform', 'post_id', 'account', 'repost_of', 'quote_of', 'reply_to', 'metrics'], range(postRows)),
      ...inserts('links', ['source_id', 'url', 'text'], range(linkRows)),
      ...inserts('sightings', ['leak_id', 'document_id', 'source_id', 'kind', 'similarity', 'evidence', 'observed_at'], sightingRows.slice(i, i + 5000)),
    ]);
  }
  for (const batch of batches) await db.$client.batch(batch, 'write');
  await db.$client.execute('ANALYZE');
  const insert = (performance.now() - t) / 1000;

  const memo = docs.find((d) => d.words.join(' ').includes('Harbour Fund')) ?? docs[0]!;
  const checkText = `Is this real? Someone sent me this: "${memo.words.slice(0, 60).join(' ')}" Can anyone confirm where it comes from?`;
  const lengths = docs.map((d) => d.count);
  return { db, leak, documents: docs.length, documentWords: [Math.min(...lengths), Math.max(...lengths)], sightings, kinds, accounts: new Set(rows.map((r) => r.account).filter(Boolean)).size, checkText, unrelatedText: corpus.paragraphs[7]!, seconds: { ingest, generate, insert } };
}
