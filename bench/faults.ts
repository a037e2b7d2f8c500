// Fault recovery: `leakline worker` processes SIGKILLed in the middle of
// ingesting and matching, a job whose workers keep dying, Redis killed and
// started again, the database write-locked by another connection. Each run
// is compared with a clean in-process run of the same jobs.
// `npm run bench:faults` (FAULT_TRIALS trials of FAULT_FILES files and FAULT_POSTS posts,
// seeds from FAULT_SEED); writes the `## Faults` section of BENCHMARKS.md.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BUSY_TIMEOUT_MS } from '../src/store/db.ts';
import { runKillScenario, type KillScenarioOutcome } from '../test/helpers/kill-scenario.ts';
import { runLockScenario } from '../test/helpers/lock-scenario.ts';
import { runRestartScenario } from '../test/helpers/restart-scenario.ts';
import { STALLED_JOBS } from '../workers/main.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';

const TRIALS = Number(process.env.FAULT_TRIALS ?? 4);
const FILES = Number(process.env.FAULT_FILES ?? 1500);
const POSTS = Number(process.env.FAULT_POSTS ?? 2000);
const SEED = Number(process.env.FAULT_SEED ?? 20241021);
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const machine = describeMachine();
log(machine);

/**
 * The newest change to the code workers load. Workers are started all through
 * the run while the clean runs use the code this process loaded: if the code
 * changes meanwhile, the two differ for that reason alone, and nothing is written.
 */
function codeChangedAt(): number {
  const root = join(import.meta.dirname, '..');
  let newest = 0;
  for (const folder of ['src', 'workers', 'db']) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}
const codeAtStart = codeChangedAt();
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const int = (n: unknown) => Number(n).toLocaleString('en-GB');

/** "identical" or the parts that differ from the clean run. */
function verdict(clean: unknown, faulty: unknown): string {
  if (isDeepStrictEqual(clean, faulty)) return 'identical';
  const c = clean as Record<string, unknown>;
  const f = faulty as Record<string, unknown>;
  return `DIFFERS in ${Object.keys(c).filter((k) => !isDeepStrictEqual(c[k], f[k])).join(', ')}`;
}

function describeOutcome(o: KillScenarioOutcome): string {
  const { counts, spread } = o.faulty;
  const what = `${int(counts.documents)} documents, ${int(counts.leak_files)} placements, ${int(counts.fingerprints)} fingerprints, ${int(spread.sightings.length)} sightings, ${spread.duplicates.length} duplicates`;
  return `${verdict(o.clean, o.faulty)} (${what})`;
}

// 1. random kills, at most maxStalledCount per job so every job can still finish
const trials: { seed: number; outcome: KillScenarioOutcome }[] = [];
for (let t = 0; t < TRIALS; t++) {
  const seed = SEED + t;
  log(`trial ${t + 1}/${TRIALS}: seed ${seed}, ${FILES} files, ${POSTS} posts`);
  const kills = { ingest: STALLED_JOBS.maxStalledCount, import: STALLED_JOBS.maxStalledCount };
  const outcome = await runKillScenario({ seed, files: FILES, posts: POSTS, kills, log });
  log(`  ${describeOutcome(outcome)}`);
  trials.push({ seed, outcome });
}

// 2. one kill more than the limit: the job must end failed, and say so, not stay "running"
log('stall limit: the ingest killed once more than maxStalledCount');
const poisoned = await runKillScenario({ seed: SEED, files: Math.min(FILES, 800), posts: 100, kills: { ingest: STALLED_JOBS.maxStalledCount + 1, import: 0 }, log });
const poisonedJob = poisoned.faulty.spread.jobs.find((j) => j.name === 'ingest-dump');

// 3. Redis killed with SIGKILL and started again
log('redis restart');
const restart = await runRestartScenario({ seed: SEED });

// 4. the database write-locked by another connection
log('locked database');
const locked = await runLockScenario({
  seed: SEED,
  holds: [
    { holdMs: 0, from: 'running' },
    { holdMs: 4000, from: 'running' },
    { holdMs: BUSY_TIMEOUT_MS + 4000, from: 'running' },
    { holdMs: BUSY_TIMEOUT_MS + 4000, from: 'queued' },
  ],
});

/** A worker's "job … failed: …" line, without the job and, for a query drizzle wraps, without the SQL. */
function failureReason(line: string): string {
  const reason = line.replace(/^.* failed: /, '');
  const cause = /^Failed query: .* \((.+)\)$/.exec(reason);
  return cause ? `${cause[1]} (writing the job's row)` : reason;
}

const allKills = trials.flatMap((t) => t.outcome.kills);
const recoveries = allKills.map((k) => k.recoveredMs).filter((ms): ms is number => ms !== null);
const killRows = trials.map(({ seed, outcome }) => {
  const into = (job: string) => outcome.kills.filter((k) => k.job.startsWith(job)).map((k) => s1(k.afterMs));
  return [
    String(seed),
    into('ingest').join(', ') || '–',
    into('import').join(', ') || '–',
    outcome.kills.map((k) => (k.recoveredMs === null ? 'never' : s1(k.recoveredMs))).join(', '),
    s1(outcome.faultySeconds * 1000),
    `${outcome.cleanSeconds.ingest.toFixed(1)} + ${outcome.cleanSeconds.import.toFixed(1)}`,
    describeOutcome(outcome),
  ];
});
const lockRows = locked.runs.map((r) => [
  r.holdMs === 0 ? 'none (baseline)' : `${s1(r.holdMs)} s`,
  r.holdMs === 0 ? '–' : r.from === 'running' ? 'once the job runs' : 'before a worker takes the job',
  r.job.status,
  r.failures.length === 0 ? 'none' : r.failures.map(failureReason).join('; '),
  r.seconds.toFixed(1),
  String(r.notOk),
  verdict(r.clean, r.faulty),
]);

const body = `Command: \`npm run bench:faults\` (\`tsx bench/faults.ts\`; \`FAULT_TRIALS\`=${TRIALS}, \`FAULT_FILES\`=${FILES}, \`FAULT_POSTS\`=${POSTS}, \`FAULT_SEED\`=${SEED}). The same scenarios, smaller, run in \`npm test\` (\`test/integration/faults.test.ts\`).

Machine: ${machine}.

Every scenario runs real \`leakline worker\` processes (\`node bin/leakline.js worker\`, concurrency 2) on a fresh libSQL file, and compares the database at the end with a clean in-process run of the same jobs: each leak's files and fingerprints, the row counts, and every sighting, source, post, link, timeline count and job status (times and ids left out). Worker settings under test (\`STALLED_JOBS\` in \`workers/main.ts\`): lock ${s1(STALLED_JOBS.lockDuration)} s renewed every ${s1(STALLED_JOBS.lockRenewTime)} s, stalled check every ${s1(STALLED_JOBS.stalledInterval)} s, maxStalledCount ${STALLED_JOBS.maxStalledCount}; SQLite busy timeout ${s1(BUSY_TIMEOUT_MS)} s.

### Workers killed with SIGKILL

Per trial: a generated dump of ${FILES} files (text, mails with an attachment, zips of 20 notes, copies of earlier files) is ingested, then ${POSTS} twitter-v2 posts (15% quote 35 words of a dump text, others link to the drop or to an earlier quoting post, the rest chatter) are imported and matched. The worker is SIGKILLed ${STALLED_JOBS.maxStalledCount} times in each job, each at a seeded random moment after the job (re)started, within half of its clean duration (a quarter for the second kill: a rerun skips documents already stored), and a new worker is started at once; "–" where the job finished before the moment drawn. Recovery is the time from the kill until a worker starts the job again (the killed worker's lock must lapse first).

${markdownTable(['seed', 'ingest killed at (s into a run)', 'import killed at (s into a run)', 'recovery per kill (s)', 'run with kills (s)', 'clean run, ingest + import (s)', 'outcome'], killRows)}

${allKills.length} kills in ${TRIALS} trials; recovery min ${s1(Math.min(...recoveries))} s, median ${s1(median(recoveries))} s, max ${s1(Math.max(...recoveries))} s; ${trials.filter((t) => isDeepStrictEqual(t.outcome.clean, t.outcome.faulty)).length} of ${TRIALS} runs identical to the clean run.

### A job whose workers keep dying

The ingest (${int(poisoned.clean.counts.leak_files)} placements) killed ${poisoned.kills.length} times, once more than maxStalledCount allows: BullMQ fails it instead of handing it to a fourth worker, and its row says so. Job row at the end: **${poisonedJob?.status}**, "${poisonedJob?.error ?? ''}". Recovery per kill: ${poisoned.kills.map((k) => (k.recoveredMs === null ? 'not picked up again' : `${s1(k.recoveredMs)} s`)).join(', ')}.

### Redis killed and started again

One worker, five ingests (one of 40 files, four of 300) on a redis-server of the bench's own (\`--appendonly yes --appendfsync always --save ""\`); Redis SIGKILLed once the first job was done (jobs then: ${restart.before.map((s) => s ?? 'not yet submitted').join(', ')}), a fifth job submitted while it was down, Redis started again after ${s1(restart.downMs)} s. The job submitted meanwhile was in the queue ${s1(restart.queuedMs)} s after Redis was back, and every job had finished ${s1(restart.finishedMs)} s after (a job whose fetch was cut off by the crash stays locked until the stalled check frees it, up to the ${s1(STALLED_JOBS.lockDuration)} s lock); jobs at the end: ${restart.after.join(', ')}; the worker process ${restart.workerAlive ? 'stayed up throughout' : 'DIED'}; database: ${verdict(restart.clean, restart.faulty)} (${int(restart.faulty.counts.documents)} documents, ${int(restart.faulty.counts.leak_files)} placements).

### Database write-locked by another connection

A zipped dump of 600 notes ingested by one worker while the bench holds \`BEGIN IMMEDIATE\` on the same file (from another connection, as a second process or an operator's \`sqlite3\` shell would). A statement waits up to the busy timeout for the lock; past it, the write fails with SQLITE_BUSY: a job progress write gives up quietly and the next write waits again, any other write fails the attempt and BullMQ retries it after its backoff (2 s, then 4 s).

${markdownTable(['lock held', 'taken', 'job', 'failed attempts', 'job took (s)', 'documents not ok', 'database'], lockRows)}
`;

if (codeChangedAt() !== codeAtStart) {
  log('the code changed during the run (workers and clean runs may have used different versions): BENCHMARKS.md left as it was');
  process.exit(1);
}
writeSection('## Faults', body);
log('wrote the Faults section of BENCHMARKS.md');
