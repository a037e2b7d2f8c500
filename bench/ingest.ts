// Ingest throughput of a real dump, as a folder and as a .zip, into a fresh
// libSQL file database, with peak memory and where the time goes.
// `npm run bench:ingest` (BENCH_ROUNDS=n to change the three counted rounds; LEAKLINE_CORPUS for the corpus).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { dumpLimits, parseConfig } from '../src/config.ts';
import { ingestDump, type IngestSummary } from '../src/ingest/ingest-dump.ts';
import { openDb } from '../src/store/db.ts';
import { upsertLeak } from '../src/store/leaks.ts';
import { fingerprintText } from '../src/domain/fingerprint.ts';
import { sha256Sync } from '../src/ingest/file-blob.ts';
import { ingestFingerprintParts } from '../src/ingest/fingerprint-parts.ts';
import { corpusDir, enronBodies } from './corpus-text.ts';
import { dependencyClosure, profile, selfTimeBy, type Category, type Frame } from './cpu-profile.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';
import { formatMBs } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUPS = 1;
const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = 1e6;
const MiB = 2 ** 20;

const machine = describeMachine();
log(machine);
const maildir = join(corpusDir(), 'enron-mail/maildir');
const work = mkdtempSync(join(tmpdir(), 'leakline-bench-ingest-'));

const files = (await readdir(maildir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
const contentBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
const zipPath = join(work, 'enron-maildir.zip');
{
  const entries: Zippable = {};
  for (const f of files.sort()) entries[`maildir/${relative(maildir, f)}`] = [readFileSync(f), { level: 6 }];
  writeFileSync(zipPath, zipSync(entries));
}
const dumps = [
  { kind: 'folder', source: maildir, input: `${maildir} (${files.length} files)` },
  { kind: 'zip', source: zipPath, input: `the same files in one .zip (deflate level 6, ${(statSync(zipPath).size / MiB).toFixed(2)} MiB)` },
];

interface Run {
  kind: string;
  seconds: number;
  summary: IngestSummary;
  peakRss: number;
  peakHeap: number;
  rssBefore: number;
}

/**
 * Samples memory while `work` runs (ingest awaits often enough for timers to
 * fire): RSS every 10 ms, which is cheap to read, and the heap every 50 ms,
 * which is not (a 5 ms full sample cost 4% of the run).
 */
async function withMemoryPeaks<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number; peakHeap: number }> {
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  const heapTimer = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage.rss()), peakHeap: Math.max(peakHeap, process.memoryUsage().heapUsed) };
  } finally {
    clearInterval(rssTimer);
    clearInterval(heapTimer);
  }
}

let runCount = 0;
/** One ingest into a fresh database file; the database is opened and migrated before the clock starts. */
async function ingestOnce(dump: (typeof dumps)[number], during?: (run: () => Promise<IngestSummary>) => Promise<unknown>): Promise<Run> {
  const dir = join(work, `db-${++runCount}`);
  const db = await openDb({ url: `file:${join(dir, 'leakline.db')}` });
  const leak = await upsertLeak(db, { slug: `bench-${dump.kind}` });
  const limits = dumpLimits(parseConfig({}));
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const run = () => ingestDump(db, { leakId: leak.id, leakSlug: leak.slug, source: dump.source, limits });
  const started = performance.now();
  let summary!: IngestSummary;
  const { peakRss, peakHeap } = await withMemoryPeaks(async () => {
    if (during) await during(async () => (summary = await run()));
    else summary = await run();
  });
  const seconds = (performance.now() - started) / 1000;
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  return { kind: dump.kind, seconds, summary, peakRss, peakHeap, rssBefore };
}

const runs: Run[] = [];
for (let round = 0; round < WARMUPS + ROUNDS; round++) {
  const counted = round >= WARMUPS;
  for (let k = 0; k < dumps.length; k++) {
    const dump = dumps[(k + round) % dumps.length]!;
    const run = await ingestOnce(dump);
    log(`${counted ? 'round' : 'warm-up'} ${dump.kind}: ${run.summary.documents} documents in ${run.seconds.toFixed(2)} s`);
    if (counted) runs.push(run);
  }
}

// where the time goes: one more run of each dump under the CPU profiler
const root = join(import.meta.dirname, '..');
const BENCH_ITSELF = 'the benchmark itself (left out)';
const mail = dependencyClosure(root, 'mailparser');
const isDatabase = (f: Frame) => f.pkg !== null && /^(@libsql\/|libsql$|drizzle-orm$)/.test(f.pkg);
const inBatch = (callers: Frame[]) => callers.some((f) => f.pkg === '@libsql/client' && f.fn === 'batch');
const categories: Category[] = [
  { name: 'fingerprinting (`src/domain` normalise, winnow, simhash, fingerprint, and the WebAssembly word loops)', matches: (f) => /\/src\/domain\/(normalise|winnow|simhash|fingerprint|hash|sha256|ascii-words|word-sink|wasm-words)\.ts/.test(f.url) || f.url.startsWith('wasm://') },
  { name: 'mail parsing (mailparser and its dependencies)', matches: (f) => f.pkg !== null && mail.has(f.pkg) },
  { name: 'database, batched writes: compiling each statement (libsql `prepare`)', matches: (f, callers) => f.pkg === 'libsql' && f.fn === 'prepare' && inBatch(callers) },
  { name: 'database, batched writes: running them', matches: (f, callers) => isDatabase(f) && inBatch(callers) },
  { name: 'database, single queries and drizzle (mostly the lookup of each file by content key)', matches: (f) => isDatabase(f) },
  { name: 'archive reading (fflate, yauzl)', matches: (f) => f.pkg === 'fflate' || f.pkg === 'yauzl' || f.pkg === 'buffer-crc32' },
  { name: 'other npm packages', matches: (f) => f.pkg !== null },
  { name: 'extraction (`src/domain/extract`)', matches: (f) => f.url.includes('/src/domain/extract/') },
  { name: 'ingest and store (`src/ingest`, `src/store`)', matches: (f) => /\/src\/(ingest|store)\//.test(f.url) },
  { name: 'other Leakline code', matches: (f) => f.url.includes('/src/') || f.url.includes('/db/') },
  // the benchmark's own frames: memory sampling and the profiler serialising its profile when stopped
  { name: BENCH_ITSELF, matches: (f) => f.url.includes('/bench/') },
  { name: 'garbage collection', matches: (f) => f.fn === '(garbage collector)' },
  { name: 'idle: waiting for I/O or the thread pool', matches: (f) => f.fn === '(idle)' },
  { name: 'Node.js internals with no caller above (timers, streams, promise jobs)', matches: (f) => f.url.startsWith('node:') || f.url === '' },
];
const breakdowns = new Map<string, Map<string, number>>();
for (const dump of dumps) {
  let p!: Awaited<ReturnType<typeof profile>>;
  await ingestOnce(dump, async (run) => (p = await profile(run)));
  breakdowns.set(dump.kind, selfTimeBy(p, categories));
}
rmSync(work, { recursive: true, force: true });

// reference points for the profile: a few of ingest's steps alone, one document at a time as ingest goes
const bodies = await enronBodies(corpusDir());
const encoded = bodies.map((b) => new TextEncoder().encode(b));
async function bestOf3(step: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await step();
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}
const parts = await ingestFingerprintParts();
const references = [
  [`read the ${files.length} files one after another (\`fs.promises.readFile\`)`, await bestOf3(async () => { for (const f of files) await readFile(f); })],
  [`\`fingerprintText\` on the ${bodies.length} message bodies, one call each, as ingest calls it (WebAssembly word loops, Node's sha256)`, await bestOf3(async () => { for (const b of bodies) await fingerprintText(b, sha256Sync, parts); })],
  [`… of which Node's sha256 of each body alone (${bodies.length} calls)`, await bestOf3(async () => { for (const b of encoded) sha256Sync(b); })],
] as const;

// ---- report ----
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const rows = dumps.map((dump) => {
  const mine = runs.filter((r) => r.kind === dump.kind);
  const seconds = median(mine.map((r) => r.seconds));
  const s = mine[0]!.summary;
  return [
    dump.kind,
    dump.input,
    `${s.documents} (${s.extracted} extracted, ${s.reused} reused, ${s.failed} failed, ${s.unsupported} unsupported)`,
    seconds.toFixed(2),
    `${Math.min(...mine.map((r) => r.seconds)).toFixed(2)}`,
    (s.documents / seconds).toFixed(0),
    formatMBs(contentBytes / MB / seconds),
    mib(Math.max(...mine.map((r) => r.peakRss))),
    mib(Math.max(...mine.map((r) => r.peakHeap))),
    s.fingerprints.toLocaleString('en'),
  ];
});
const breakdownRows = categories
  .map((c) => c.name)
  .concat('other')
  .filter((name) => name !== BENCH_ITSELF)
  .map((name) => {
    const cells = dumps.map((d) => {
      const totals = breakdowns.get(d.kind)!;
      const all = [...totals].reduce((sum, [n, v]) => sum + (n === BENCH_ITSELF ? 0 : v), 0);
      const v = totals.get(name) ?? 0;
      return `${(v * 1000).toFixed(0)} ms (${((100 * v) / all).toFixed(0)}%)`;
    });
    return [name, ...cells];
  })
  .filter((cells) => cells.slice(1).some((c) => !c.startsWith('0 ms')));

const body = `Command: \`npm run bench:ingest\` (\`tsx bench/ingest.ts\`; \`BENCH_ROUNDS\` sets the counted rounds, default 3).

Machine: ${machine}.

Dump: the Enron sample, ${files.length} raw RFC-822 messages, ${(contentBytes / MB).toFixed(2)} MB (${corpusDir()}/enron-mail/maildir), ingested with \`ingestDump\` and the default limits (\`dumpLimits(parseConfig({}))\`) into a fresh \`file:\` libSQL database per run (opened and migrated before the clock starts). ${WARMUPS} warm-up round, then ${ROUNDS} counted rounds alternating folder and zip. MB/s counts the messages' bytes (the same for both forms). Memory is sampled during the run: peak RSS of the whole process (every 10 ms), peak \`heapUsed\` (every 50 ms).

${markdownTable(['dump', 'input', 'documents', 'seconds (median)', 'seconds (best)', 'documents/s', 'MB/s', 'peak RSS', 'peak heap', 'fingerprints'], rows)}

Where the time goes: self time in V8's CPU profile (sampled every 0.2 ms) of one more run of each, by the code that was running; time in built-in and native functions counts for the nearest caller in a script (SQLite's work under libsql's \`prepare\` is database time). The benchmark's own frames (memory sampling, the profiler serialising its profile) are left out.

${markdownTable(['', ...dumps.map((d) => d.kind)], breakdownRows)}

Some of the same steps alone (best of 3): ${references.map(([what, ms]) => `${what}: ${ms.toFixed(0)} ms`).join('; ')}.
`;

process.stdout.write(`${body}\n`);
writeSection('## Ingest throughput', body);
log('BENCHMARKS.md: section "## Ingest throughput" written');
