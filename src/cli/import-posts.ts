import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { createNodeRuntime } from '../entry/node.ts';
import { PostFormatSchema } from '../import/import-posts.ts';
import { importJobId } from '../queue/job-ids.ts';
import { audit } from '../store/keys.ts';
import { formatBytes } from '../web/layout.ts';
import type { ImportSummary } from '../../workers/processors/import-posts.ts';
import { flag, printJson } from './args.ts';
import { waitForJobs } from './wait.ts';

/** `leakline import-posts <file> --format F`: streams a post export through the matcher. */
export async function runImportPosts({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  if (positionals.length !== 1) throw new DomainError('usage', 'Give one post export: leakline import-posts ./tweets.jsonl --format twitter-v2');
  const format = flag(PostFormatSchema, values.format, 'format');
  const source = resolve(positionals[0]!);
  const info = await stat(source).catch(() => null);
  if (!info?.isFile()) {
    console.error(`leakline: no post export at ${source}.`);
    return 2;
  }
  // identity of the file without reading it twice: a multi-gigabyte export is read once, by the import
  const digest = createHash('sha256').update(`${source}\0${info.size}\0${Math.floor(info.mtimeMs)}`).digest('hex');
  const runtime = await createNodeRuntime(config);
  const tty = process.stderr.isTTY;
  try {
    const jobId = await importJobId(format, digest);
    await audit(runtime.db, { actor: 'cli', role: null, action: 'import', target: source, detail: format });
    await runtime.enqueuer.enqueue('import-posts', { source, format }, { jobId, force: Boolean(values.force) });
    const [job] = await waitForJobs(runtime, [jobId], {
      onProgress: (j) => {
        const p = j.progress as { posts: number; matched: number; rejected: number; bytes: number; totalBytes: number; seconds: number } | null;
        if (!tty || !p) return;
        const width = 24;
        const done = Math.min(width, Math.round((p.bytes / Math.max(1, p.totalBytes)) * width));
        const rate = p.seconds > 0 ? Math.round(p.posts / p.seconds) : 0;
        process.stderr.write(`\r\x1b[2K[${'#'.repeat(done).padEnd(width, '.')}] ${p.posts} posts, ${rate}/s, ${p.matched} matched, ${p.rejected} rejected, ${formatBytes(p.bytes)}`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    if (!job || job.status === 'failed') {
      console.error(`leakline: the import failed: ${job?.error}`);
      return 1;
    }
    const s = job.result as ImportSummary;
    if (values.json) printJson({ ...s, jobId });
    else {
      console.log(`Imported ${s.posts} ${format} posts from ${source} in ${s.seconds.toFixed(1)} s (${s.postsPerSecond}/s)`);
      console.log(`  ${s.matched} carry or link to a leak (${s.sightings} sightings), ${s.rejected} rejected, ${s.skipped} skipped`);
      for (const r of s.rejections.slice(0, 10)) console.log(`  line ${r.line ?? '?'}: ${r.reason}`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}
