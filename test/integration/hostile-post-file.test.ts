import { open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { findJob } from '../../src/store/jobs.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { listSightings } from '../../src/store/sightings.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

/*
 * A post export that is one line of 1 GiB: generated on the fly in the test's
 * temporary folder (written in 8 MiB chunks, deleted afterwards), imported by
 * the import-posts job on the in-process runtime. The line must come out as
 * one clear rejection, read in constant memory, and the runtime must go on
 * to import a normal file.
 */

const GiB = 1024 ** 3;
const CHUNK = 8 * 1024 * 1024;
const DROP_URL = 'https://paste.example/raw/nb2024';

let env: Awaited<ReturnType<typeof tempDb>>;
let runtime: ReturnType<typeof inProcessRuntime>;

beforeAll(async () => {
  env = await tempDb();
  runtime = inProcessRuntime(env.db);
  await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP, dropUrl: DROP_URL, droppedAt: '2024-10-20T18:35:00Z' }, { jobId: await ingestJobId('northbridge', 'one-line') });
  await runtime.enqueuer.idle();
});

afterAll(async () => {
  await runtime?.close();
  await env?.cleanup();
});

/** Writes a tweet whose text is `bytes` long, on one line with no line break at all, without holding it in memory. */
async function writeOneLine(path: string, bytes: number): Promise<number> {
  const file = await open(path, 'w');
  try {
    await file.write('{"id":"1","author_id":"7","created_at":"2024-10-21T08:00:00.000Z","text":"');
    const chunk = Buffer.alloc(CHUNK, 'leak ');
    for (let written = 0; written < bytes; written += CHUNK) await file.write(chunk, 0, Math.min(CHUNK, bytes - written));
    await file.write('"}');
  } finally {
    await file.close();
  }
  return (await stat(path)).size;
}

describe('a 1 GiB post file on a single line', () => {
  it('is one clear rejection, read in constant memory, and the job completes', async () => {
    const path = join(env.dir, 'one-line.jsonl');
    try {
      let started = performance.now();
      const size = await writeOneLine(path, GiB);
      const writeSeconds = (performance.now() - started) / 1000;
      expect(size).toBeGreaterThan(GiB);

      const id = await importJobId('twitter-v2', 'one-line-1gib');
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      started = performance.now();
      try {
        await runtime.enqueuer.enqueue('import-posts', { source: path, format: 'twitter-v2' }, { jobId: id });
        await runtime.enqueuer.idle();
      } finally {
        clearInterval(sampler);
      }
      const importSeconds = (performance.now() - started) / 1000;
      const growth = peak - baseline;
      console.log(`1 GiB single-line file: written in ${writeSeconds.toFixed(1)} s, imported in ${importSeconds.toFixed(1)} s, resident memory grew by ${(growth / 2 ** 20).toFixed(0)} MiB at most`);

      const job = await findJob(env.db, id);
      expect(job?.status).toBe('completed');
      expect(job?.result).toMatchObject({
        posts: 0,
        matched: 0,
        rejected: 1,
        bytes: size,
        rejections: [{ line: 1, reason: `the line is longer than 16 MiB (${size} bytes): skipped` }],
      });
      // constant memory: the line is counted, never held (a 16 MiB cap, read 1 MiB at a time)
      expect(growth).toBeLessThan(128 * 2 ** 20);
    } finally {
      await rm(path, { force: true });
    }
  }, 180_000);

  it('leaves the runtime importing a normal file afterwards', async () => {
    const path = join(env.dir, 'normal.jsonl');
    const tweets = [
      { id: '10', author_id: 'u1', created_at: '2024-10-21T08:00:00.000Z', text: 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold' },
      { id: '11', author_id: 'u2', created_at: '2024-10-21T08:05:00.000Z', text: 'Read it all https://t.co/x', entities: { urls: [{ url: 'https://t.co/x', expanded_url: DROP_URL }] } },
    ];
    await writeFile(path, tweets.map((t) => JSON.stringify(t)).join('\n'));
    const id = await importJobId('twitter-v2', 'after-one-line');
    await runtime.enqueuer.enqueue('import-posts', { source: path, format: 'twitter-v2' }, { jobId: id });
    await runtime.enqueuer.idle();
    expect(await findJob(env.db, id)).toMatchObject({ status: 'completed', result: expect.objectContaining({ posts: 2, matched: 2, rejected: 0 }) });
    const leak = (await findLeak(env.db, 'northbridge'))!;
    const kinds = (await listSightings(env.db, leak, { limit: 100, offset: 0 })).items.map((s) => [s.account, s.kind]);
    expect(kinds).toEqual(expect.arrayContaining([['u1', 'excerpt'], ['u2', 'link']]));
  });
});
