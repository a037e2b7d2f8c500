/**
 * npm run bench:match — posts matched per second, from a post export on disk
 * to stored sightings, against a leak index of 10,000 documents, with 99% of
 * the posts quoting nothing (real Internet Research Agency tweets) and 1%
 * quoting a passage of a leaked document. In the same run, for scale: the
 * same import over the negative posts alone, the import's own parsing with
 * no matching, JSON.parse of every line, and Node's sha256 over the file.
 *
 * Options (environment): BENCH_POSTS (default 500000), BENCH_DOCS (10000);
 * BENCH_KEEP=<dir> keeps the indexed database and the post files there (for
 * profiling the import on its own); BENCH_NO_WRITE=1 leaves BENCHMARKS.md alone.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dumpLimits, parseConfig } from '../src/config.ts';
import { importPostBatches } from '../src/import/import-posts.ts';
import { ingestDump } from '../src/ingest/ingest-dump.ts';
import { importJobId } from '../src/queue/job-ids.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { findJob } from '../src/store/jobs.ts';
import { upsertLeak } from '../src/store/leaks.ts';
import { inProcessRuntime } from '../test/helpers/runtime.ts';
import type { ImportSummary } from '../workers/processors/import-posts.ts';
import { corpusDir } from './corpus-text.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';
import { buildDocuments, sentencesOf, tweetsOf, writeDump, writePosts } from './match-corpus.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 500_000);
const DOCS = Number(process.env.BENCH_DOCS ?? 10_000);
const QUOTING_SHARE = 0.01;
const TARGET = 50_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Runs one import-posts job to the end (with the timelines it queues) and returns its summary; its own clock covers reading, matching and storing. */
async function importFile(db: Db, file: string, key: string): Promise<{ summary: ImportSummary; wall: number; peakRss: number }> {
  const runtime = inProcessRuntime(db);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const jobId = await importJobId('twitter-v2', key);
  const run = await timed(async () => {
    await runtime.enqueuer.enqueue('import-posts', { source: file, format: 'twitter-v2' }, { jobId });
    await runtime.enqueuer.idle();
    return findJob(db, jobId);
  });
  clearInterval(sampler);
  await runtime.close();
  if (run.value?.status !== 'completed') throw new Error(`import failed: ${run.value?.error}`);
  return { summary: run.value.result as ImportSummary, wall: run.seconds, peakRss };
}

const count = async (db: Db, sql: string) => Number((await db.$client.execute(sql)).rows[0]!.n);
const perSecond = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en');

async function main() {
  const corpus = corpusDir();
  const random = seededRandom(2016);
  const work = await mkdtemp(join(tmpdir(), 'leakline-bench-match-'));
  try {
    console.log(`corpus: ${corpus}\nbuilding ${DOCS} documents and ${POSTS} posts…`);
    const sentences = await sentencesOf(corpus);
    const { docs, passes } = buildDocuments(sentences, DOCS, random);
    await writeDump(join(work, 'dump'), docs);
    const tweets = await tweetsOf(corpus);
    const postsFile = join(work, 'posts.jsonl');
    const planted = await writePosts(postsFile, POSTS, QUOTING_SHARE, tweets, docs, random);
    const negativeFile = join(work, 'negative.jsonl');
    await writePosts(negativeFile, POSTS, 0, tweets, docs, random);
    const fileBytes = (await stat(postsFile)).size;

    const dbFile = join(work, 'bench.db');
    const db = await openDb({ url: `file:${dbFile}` });
    const leak = await upsertLeak(db, { slug: 'bench' });
    const ingest = await timed(() => ingestDump(db, { leakId: leak.id, leakSlug: 'bench', source: join(work, 'dump'), limits: dumpLimits(parseConfig({})) }));
    const fingerprints = await count(db, 'SELECT count(*) AS n FROM fingerprints');
    if (process.env.BENCH_KEEP) {
      await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      await mkdir(process.env.BENCH_KEEP, { recursive: true });
      for (const [from, to] of [[dbFile, 'bench.db'], [postsFile, 'posts.jsonl'], [negativeFile, 'negative.jsonl']] as const) await copyFile(from, join(process.env.BENCH_KEEP, to));
    }

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
    const parseOnly = await timed(async () => {
      let n = 0;
      for await (const items of importPostBatches(createReadStream(postsFile, { highWaterMark: 1 << 20 }), 'twitter-v2')) for (const item of items) if ('post' in item) n++;
      return n;
    });

    // the negative posts first: they store nothing, so the mixed run sees the same index and no sightings yet
    const negative = await importFile(db, negativeFile, 'bench-negative');
    const mixed = await importFile(db, postsFile, 'bench');
    const s = mixed.summary;
    const sightings = await count(db, 'SELECT count(*) AS n FROM sightings');
    const sources = await count(db, 'SELECT count(*) AS n FROM sources');
    db.$client.close();

    const mb = fileBytes / 1e6;
    const rate = s.posts / s.seconds;
    const rows = [
      ['Leakline import-posts, 1% quoting (read, parse, match, store sightings)', perSecond(s.posts, s.seconds), (mb / s.seconds).toFixed(1), '1.00'],
      ['Leakline import-posts, the same tweets with no quote (negative path only)', perSecond(negative.summary.posts, negative.summary.seconds), (mb / negative.summary.seconds).toFixed(1), (s.seconds / negative.summary.seconds).toFixed(2)],
      ["the import's reading and parsing alone (`importPostBatches`, no matching)", perSecond(parseOnly.value, parseOnly.seconds), (mb / parseOnly.seconds).toFixed(1), (s.seconds / parseOnly.seconds).toFixed(2)],
      ['JSON.parse of every line (no matching)', perSecond(parse.value, parse.seconds), (mb / parse.seconds).toFixed(1), (s.seconds / parse.seconds).toFixed(2)],
      ["Node's sha256 over the file", '—', (mb / sha.seconds).toFixed(1), (s.seconds / sha.seconds).toFixed(2)],
    ];
    const table = markdownTable(['pass over the same file', 'posts/s', 'MB/s', 'time vs Leakline'], rows);
    const facts = [
      `- Index: ${DOCS.toLocaleString('en')} documents (${fingerprints.toLocaleString('en')} fingerprints), ingested in ${ingest.seconds.toFixed(1)} s. Documents are 15 to 44 sentences dealt from ${sentences.length.toLocaleString('en')} distinct corpus sentences (Zyte articles, Enron bodies, Readability pages) in ${passes} pass${passes > 1 ? 'es' : ''}; from the second pass every fourth word is replaced, so documents share runs of at most three words (see \`bench/match-corpus.ts\`).`,
      `- Posts: ${s.posts.toLocaleString('en')} in ${mb.toFixed(0)} MB of twitter-v2 JSONL, ${planted.toLocaleString('en')} quoting 14–25 words of a document (${(QUOTING_SHARE * 100).toFixed(0)}%), the rest real IRA tweets.`,
      `- Found: ${s.matched.toLocaleString('en')} matching posts (${((Math.min(s.matched, planted) / planted) * 100).toFixed(1)}% of the planted quotes), ${sightings.toLocaleString('en')} sightings stored (${(sightings / Math.max(1, s.matched)).toFixed(2)} per matching post), ${sources.toLocaleString('en')} sources; ${s.rejected} rejected records. The negative run found ${negative.summary.matched} matching posts.`,
      `- Time: posts/s is the import job's own clock (reading, parsing, matching, storing), ${s.seconds.toFixed(2)} s on one core; with queueing, loading the index into memory and the timeline job it queues, the run took ${mixed.wall.toFixed(2)} s. At the job's rate 10.4 million posts take ${(10.4e6 / rate / 60).toFixed(1)} min on one core, ${(10.4e6 / rate / 120).toFixed(1)} min on the two cores if the export is imported as two files at once (not measured here).`,
      `- Against Node's sha256 over the same bytes in this run: the import reads ${(mb / s.seconds).toFixed(1)} MB/s, sha256 ${(mb / sha.seconds).toFixed(0)} MB/s, a ratio of ${(sha.seconds / s.seconds).toFixed(4)} (sha256 is ${(s.seconds / sha.seconds).toFixed(0)}× faster).`,
      `- Target ${TARGET.toLocaleString('en')} posts/s on one core with 99% of posts matching nothing: ${rate >= TARGET ? '**met**' : '**missed**'} (${(rate / TARGET).toFixed(2)}× the target).`,
      `- Peak RSS during the import: ${(mixed.peakRss / 2 ** 20).toFixed(0)} MiB.`,
    ];
    const body = `Command: \`npm run bench:match\` (BENCH_POSTS=${POSTS}, BENCH_DOCS=${DOCS}); ${describeMachine()}. Corpus: ${corpus}.\n\n${table}\n\n${facts.join('\n')}`;
    console.log(`\n${body}`);
    if (!process.env.BENCH_NO_WRITE) writeSection('## Matching posts', body);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
