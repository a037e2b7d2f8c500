/**
 * npm run bench:match — posts matched per second, from a post export on disk
 * to stored sightings, against a leak index of 10,000 documents, with 99% of
 * the posts quoting nothing (real Internet Research Agency tweets) and 1%
 * quoting a passage of a leaked document. Peak memory and, in the same run,
 * Node's sha256 and JSON.parse over the same file for scale.
 *
 * Options (environment): BENCH_POSTS (default 500000), BENCH_DOCS (10000).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dumpLimits, parseConfig } from '../src/config.ts';
import { ingestDump } from '../src/ingest/ingest-dump.ts';
import { importJobId } from '../src/queue/job-ids.ts';
import { openDb } from '../src/store/db.ts';
import { findJob } from '../src/store/jobs.ts';
import { upsertLeak } from '../src/store/leaks.ts';
import { inProcessRuntime } from '../test/helpers/runtime.ts';
import { parseCsv } from '../test/helpers/corpus.ts';
import type { ImportSummary } from '../workers/processors/import-posts.ts';
import { corpusDir } from './corpus-text.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 500_000);
const DOCS = Number(process.env.BENCH_DOCS ?? 10_000);
const QUOTING_SHARE = 0.01;

/** A small deterministic PRNG (mulberry32), so every run builds the same index and posts. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sentencesOf(corpus: string): Promise<string[]> {
  const truth = JSON.parse(await readFile(join(corpus, 'zyte-article-extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const out: string[] = [];
  for (const { articleBody } of Object.values(truth)) {
    for (const s of articleBody.split(/(?<=[.!?])\s+/)) if (s.split(/\s+/).length >= 6) out.push(s.trim());
  }
  return out;
}

async function tweetsOf(corpus: string): Promise<string[]> {
  const out: string[] = [];
  for (const file of ['leak_keyword_tweets.csv', 'background_random_sample_20k.csv']) {
    for (const row of parseCsv(await readFile(join(corpus, 'ira-tweets', file), 'utf8'))) if (row.content) out.push(row.content);
  }
  return out;
}

async function buildLeak(dir: string, sentences: string[], random: () => number): Promise<string[]> {
  const docs: string[] = [];
  for (let d = 0; d < DOCS; d++) {
    const parts: string[] = [];
    const n = 15 + Math.floor(random() * 30);
    for (let i = 0; i < n; i++) parts.push(sentences[Math.floor(random() * sentences.length)]!);
    // a unique line so that no two documents are identical
    docs.push(`Memo ${d} of the leaked archive.\n${parts.join(' ')}`);
  }
  for (let d = 0; d < DOCS; d += 1000) {
    const sub = join(dir, `box-${d / 1000}`);
    await mkdir(sub, { recursive: true });
    await Promise.all(docs.slice(d, d + 1000).map((text, i) => writeFile(join(sub, `memo-${d + i}.txt`), text)));
  }
  return docs;
}

function quoteOf(doc: string, random: () => number): string {
  const words = doc.split(/\s+/).slice(8);
  const length = 14 + Math.floor(random() * 12);
  const start = Math.floor(random() * Math.max(1, words.length - length));
  return words.slice(start, start + length).join(' ');
}

async function writePosts(file: string, tweets: string[], docs: string[], random: () => number): Promise<number> {
  const lines: string[] = [];
  let planted = 0;
  for (let i = 0; i < POSTS; i++) {
    const quoting = random() < QUOTING_SHARE;
    const text = quoting ? `BREAKING leaked memo: "${quoteOf(docs[Math.floor(random() * docs.length)]!, random)}" #leak` : tweets[i % tweets.length]!;
    if (quoting) planted++;
    const user = `acct${Math.floor(random() * 3000)}`;
    lines.push(JSON.stringify({ data: { id: String(1_000_000 + i), author_id: user, created_at: new Date(Date.UTC(2016, 9, 1) + i * 1000).toISOString(), text }, includes: { users: [{ id: user, username: user }] } }));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return planted;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

async function main() {
  const corpus = corpusDir();
  const random = rng(2016);
  const work = await mkdtemp(join(tmpdir(), 'leakline-bench-match-'));
  try {
    console.log(`corpus: ${corpus}\nbuilding ${DOCS} documents from zyte article sentences and ${POSTS} posts from IRA tweets…`);
    const docs = await buildLeak(join(work, 'dump'), await sentencesOf(corpus), random);
    const postsFile = join(work, 'posts.jsonl');
    const planted = await writePosts(postsFile, await tweetsOf(corpus), docs, random);
    const fileBytes = (await stat(postsFile)).size;

    const db = await openDb({ url: `file:${join(work, 'bench.db')}` });
    const leak = await upsertLeak(db, { slug: 'bench' });
    const ingest = await timed(() => ingestDump(db, { leakId: leak.id, leakSlug: 'bench', source: join(work, 'dump'), limits: dumpLimits(parseConfig({})) }));
    const fingerprints = Number((await db.$client.execute('SELECT count(*) AS n FROM fingerprints')).rows[0]!.n);

    const sha = await timed(async () => {
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(postsFile, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
      return hash.digest('hex');
    });
    const parse = await timed(async () => {
      let n = 0;
      for await (const line of createInterface({ input: createReadStream(postsFile), crlfDelay: Infinity })) if (line) n += JSON.parse(line) ? 1 : 0;
      return n;
    });

    const runtime = inProcessRuntime(db);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const jobId = await importJobId('twitter-v2', 'bench');
    const run = await timed(async () => {
      await runtime.enqueuer.enqueue('import-posts', { source: postsFile, format: 'twitter-v2' }, { jobId });
      await runtime.enqueuer.idle();
      return findJob(db, jobId);
    });
    clearInterval(sampler);
    await runtime.close();
    if (run.value?.status !== 'completed') throw new Error(`import failed: ${run.value?.error}`);
    const s = run.value.result as ImportSummary;
    const sightings = Number((await db.$client.execute('SELECT count(*) AS n FROM sightings')).rows[0]!.n);
    db.$client.close();

    const mb = fileBytes / 1e6;
    const postsPerSecond = s.posts / run.seconds;
    const rows = [
      ['Leakline import-posts (read, parse, match, store sightings)', `${Math.round(postsPerSecond).toLocaleString('en')}`, (mb / run.seconds).toFixed(1), '1.00'],
      ['JSON.parse of every line (no matching)', `${Math.round(parse.value / parse.seconds).toLocaleString('en')}`, (mb / parse.seconds).toFixed(1), (run.seconds / parse.seconds).toFixed(2)],
      ["Node's sha256 over the file", '—', (mb / sha.seconds).toFixed(1), (run.seconds / sha.seconds).toFixed(2)],
    ];
    const table = markdownTable(['pass over the same file', 'posts/s', 'MB/s', 'time vs Leakline'], rows);
    const facts = [
      `- Index: ${DOCS.toLocaleString('en')} documents (${fingerprints.toLocaleString('en')} fingerprints), ingested in ${ingest.seconds.toFixed(1)} s.`,
      `- Posts: ${s.posts.toLocaleString('en')} in ${mb.toFixed(0)} MB of twitter-v2 JSONL, ${planted.toLocaleString('en')} quoting a leaked passage of 14–25 words (${(QUOTING_SHARE * 100).toFixed(0)}%), the rest real IRA tweets.`,
      `- Found: ${s.matched.toLocaleString('en')} matching posts (${((Math.min(s.matched, planted) / planted) * 100).toFixed(1)}% of the planted quotes), ${sightings.toLocaleString('en')} sightings stored; ${s.rejected} rejected records.`,
      `- Time: ${run.seconds.toFixed(1)} s on one core (the in-process runner is single-threaded); at this rate 10.4 million posts take ${((10.4e6 / postsPerSecond) / 60).toFixed(1)} min on one core, ${((10.4e6 / postsPerSecond / 2) / 60).toFixed(1)} min on two workers.`,
      `- Peak RSS during the import: ${(peakRss / 2 ** 20).toFixed(0)} MiB.`,
      `- Sha256 over the same bytes is ${(run.seconds / sha.seconds).toFixed(0)}× faster than the whole import: a floor no parser reaches.`,
    ];
    const body = `Command: \`npm run bench:match\` (BENCH_POSTS=${POSTS}, BENCH_DOCS=${DOCS}); ${describeMachine()}. Corpus: ${corpus}.\n\n${table}\n\n${facts.join('\n')}`;
    console.log(`\n${body}`);
    writeSection('## Matching posts', body);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
