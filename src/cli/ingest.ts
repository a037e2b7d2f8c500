import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { createNodeRuntime } from '../entry/node.ts';
import { digestDump } from '../ingest/dump-digest.ts';
import { ingestJobId } from '../queue/job-ids.ts';
import type { IngestProgress, IngestSummary } from '../ingest/ingest-dump.ts';
import { httpUrlSchema, isoDateSchema, slugSchema } from '../queue/jobs.ts';
import { upsertLeak } from '../store/leaks.ts';
import { audit } from '../store/keys.ts';
import { formatBytes } from '../web/layout.ts';
import { flag, printJson } from './args.ts';
import { createProgressLine } from './progress.ts';
import { waitForJobs } from './wait.ts';

/** Exit code when the dump itself cannot be used (missing, unreadable, an archive with nothing in it). */
const EXIT_UNUSABLE = 2;

export async function runIngest({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  if (positionals.length !== 1) throw new DomainError('usage', 'Give one dump to ingest: leakline ingest ./dump.zip --leak my-leak');
  if (values.leak === undefined) throw new DomainError('usage', 'Name the leak the dump belongs to: --leak my-leak (created if new).');
  const leak = flag(slugSchema, values.leak, 'leak');
  const title = values.title as string | undefined;
  const droppedAt = values['dropped-at'] === undefined ? undefined : flag(isoDateSchema, values['dropped-at'], 'dropped-at');
  const dropUrl = values['drop-url'] === undefined ? undefined : flag(httpUrlSchema, values['drop-url'], 'drop-url');
  const source = resolve(positionals[0]!);
  if (!(await stat(source).catch(() => null))) {
    console.error(`leakline: no dump at ${source}: give a folder, a .zip/.tar/.tar.gz archive or a single document.`);
    return EXIT_UNUSABLE;
  }

  const { digest, folderBytes } = await digestDump(source);
  const progress = createProgressLine(process.stderr, folderBytes);
  const runtime = await createNodeRuntime(config, { onProgress: (_id, p) => progress.update(p as IngestProgress) });
  try {
    await upsertLeak(runtime.db, { slug: leak, title, droppedAt, dropUrl });
    await audit(runtime.db, { actor: 'cli', role: null, action: 'ingest', target: leak, detail: `${source} ${digest}` });
    const jobId = await ingestJobId(leak, digest);
    const payload = { leak, source, name: basename(source), title, droppedAt, dropUrl };
    const { created } = await runtime.enqueuer.enqueue('ingest-dump', payload, { jobId, force: Boolean(values.force) });
    const [job] = await waitForJobs(runtime, [jobId], { onProgress: (j) => j.progress && !runtime.inProcess && progress.update(j.progress as IngestProgress) });
    progress.done();
    if (!job || job.status === 'failed') {
      console.error(`leakline: the ingest failed: ${job?.error}`);
      return /dump_not_found|No dump at/.test(job?.error ?? '') ? EXIT_UNUSABLE : 1;
    }
    const summary = job.result as IngestSummary;
    if (!created) console.error(`leakline: this dump was already ingested into "${leak}" (job ${jobId}); showing that run. Use --force to run it again.`);
    if (values.json) printJson({ ...summary, jobId });
    else printSummary(source, summary, runtime.config.PORT);
    if (summary.unusable) {
      console.error(`leakline: the dump is unusable: ${summary.unusable}`);
      return EXIT_UNUSABLE;
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

function printSummary(source: string, s: IngestSummary, port: number): void {
  const lines = [
    `Ingested ${source} into leak "${s.leak}" in ${s.seconds.toFixed(1)} s`,
    `  ${s.documents} documents: ${s.extracted} extracted, ${s.failed} failed, ${s.unsupported} unsupported, ${s.empty} empty, ${s.skipped} skipped (${s.reused} already known)`,
    `  ${formatBytes(s.bytes)} read, ${s.fingerprints} new fingerprints, ${s.duplicateGroups} ${s.duplicateGroups === 1 ? 'group' : 'groups'} of identical texts`,
  ];
  const problems = s.failures.filter((f) => f.status !== 'empty');
  if (problems.length > 0) {
    lines.push('Not extracted:');
    for (const f of problems.slice(0, 20)) lines.push(`  ${f.path}: ${f.status} (${f.code}) ${f.reason}`);
    if (problems.length > 20) lines.push(`  … and ${problems.length - 20} more (--json lists them all)`);
  }
  lines.push(`Browse: leakline serve, then http://localhost:${port}/leaks/${s.leak}`);
  console.log(lines.join('\n'));
}
