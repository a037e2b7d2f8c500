import { Redis } from 'ioredis';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import { ingestJobId } from '../../src/queue/job-ids.ts';
import { listLeakDocuments } from '../../src/store/documents.ts';
import { findJob } from '../../src/store/jobs.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { startWorkers } from '../../workers/main.ts';
import { makeZip } from '../helpers/make-archives.ts';
import { REDIS_URL, testPrefix } from '../helpers/redis.ts';
import { countRows, snapshotLeak } from '../helpers/rows.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

const limits = dumpLimits(parseConfig({}));
const payload = { leak: 'northbridge', source: SAMPLE_DUMP, title: 'Northbridge campaign files', droppedAt: '2024-10-20T18:35:00.000Z' };

describe('ingest in-process into a libSQL file', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  beforeAll(async () => {
    env = await tempDb();
  });
  afterAll(() => env.cleanup());

  it('records every file, message, attachment and archive entry with fingerprints', async () => {
    const enqueuer = inProcessRuntime(env.db).enqueuer;
    const jobId = await ingestJobId('northbridge', 'sample');
    await enqueuer.enqueue('ingest-dump', payload, { jobId });
    await enqueuer.idle();

    const job = await findJob(env.db, jobId);
    expect(job?.status).toBe('completed');
    const summary = job!.result as Record<string, number>;
    expect(summary).toMatchObject({ documents: 18, failed: 0, unsupported: 1, empty: 1 });

    const leak = await findLeak(env.db, 'northbridge');
    expect(leak).toMatchObject({ title: 'Northbridge campaign files', droppedAt: '2024-10-20T18:35:00.000Z' });
    const { items } = await listLeakDocuments(env.db, leak!.id, { limit: 100, offset: 0 });
    const byPath = new Map(items.map((d) => [d.path, d]));
    expect(byPath.get('finance/payments.pdf')).toMatchObject({ status: 'ok', format: 'pdf', metadata: expect.objectContaining({ author: 'M. Keller', pages: 2, created: '2024-09-12T07:30:00.000Z' }) });
    expect(byPath.get('press/messaging-plan.docx')?.metadata).toMatchObject({ author: 'A. Novak', created: '2024-10-01T08:12:00.000Z' });
    expect(byPath.get('mail/director.eml')?.metadata).toMatchObject({ subject: 'Re: September payments', creator: 'Apple Mail (2.3774)' });
    expect(byPath.get('mail/director.eml/attachments/schedule.txt')).toMatchObject({ status: 'ok', parentPath: 'mail/director.eml' });
    expect(byPath.get('mail/archive.mbox/message-00002.eml')?.metadata).toMatchObject({ subject: 'Re: First instalment' });
    expect(byPath.get('backup/old-files.zip/notes/todo.md')).toMatchObject({ status: 'ok', parentPath: 'backup/old-files.zip' });
    expect(byPath.get('backup/photo.heic')).toMatchObject({ status: 'unsupported', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // the memo, its upper-cased CRLF copy and the copy inside the zip share one normalised text
    const memo = byPath.get('finance/transfer-memo.txt')!;
    expect(byPath.get('data/copy-of-memo.txt')?.textSha256).toBe(memo.textSha256);
    expect(byPath.get('backup/old-files.zip/transfer-memo.txt')?.id).toBe(memo.id);

    const rows = await countRows(env.db);
    const fingerprintsOfDocs = items.reduce((n, d, i, all) => (all.findIndex((x) => x.id === d.id) === i ? n + d.fingerprints : n), 0);
    expect(rows.fingerprints).toBe(fingerprintsOfDocs);
    expect(rows.leak_files).toBe(18);
  });

  it('adds no rows when the same dump is submitted again, or forced to run again', async () => {
    const before = await countRows(env.db);
    const enqueuer = inProcessRuntime(env.db).enqueuer;
    const jobId = await ingestJobId('northbridge', 'sample');
    expect((await enqueuer.enqueue('ingest-dump', payload, { jobId })).created).toBe(false);
    await enqueuer.enqueue('ingest-dump', payload, { jobId, force: true });
    await enqueuer.idle();
    expect((await findJob(env.db, jobId))?.status).toBe('completed');
    expect(await countRows(env.db)).toEqual(before);
  });

  it('links a document found in a second leak instead of copying it', async () => {
    const enqueuer = inProcessRuntime(env.db).enqueuer;
    const before = await countRows(env.db);
    const jobId = await ingestJobId('northbridge-mirror', 'sample');
    await enqueuer.enqueue('ingest-dump', { ...payload, leak: 'northbridge-mirror' }, { jobId });
    await enqueuer.idle();
    const after = await countRows(env.db);
    expect(after.documents).toBe(before.documents);
    expect(after.fingerprints).toBe(before.fingerprints);
    expect(after.leak_files).toBe(before.leak_files! + 18);
  });
});

describe('ingest through BullMQ on the real Redis', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let reference: Awaited<ReturnType<typeof tempDb>>;
  const redisKeys = testPrefix();
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let redis: Redis;
  let enqueuer: ReturnType<typeof createBullmqEnqueuer>;

  beforeAll(async () => {
    env = await tempDb();
    reference = await tempDb();
    const config = parseConfig({ DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: redisKeys.prefix });
    workers = await startWorkers(config, () => undefined);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    enqueuer = createBullmqEnqueuer({ db: env.db, connection: redis, prefix: redisKeys.prefix });
  });
  afterAll(async () => {
    await workers?.close();
    await enqueuer?.close();
    redis?.disconnect();
    await redisKeys.cleanup();
    await env.cleanup();
    await reference.cleanup();
  });

  it('ends with the same rows as the in-process path', async () => {
    const jobId = await ingestJobId('northbridge', 'sample');
    await enqueuer.enqueue('ingest-dump', payload, { jobId });
    const job = await eventually(async () => {
      const j = await findJob(env.db, jobId);
      return j?.status === 'completed' || j?.status === 'failed' ? j : null;
    });
    expect(job.status).toBe('completed');

    const local = inProcessRuntime(reference.db).enqueuer;
    await local.enqueue('ingest-dump', payload, { jobId });
    await local.idle();
    expect(await snapshotLeak(env.db, 'northbridge')).toEqual(await snapshotLeak(reference.db, 'northbridge'));
  });

  it('keeps running after a hostile dump and processes the next job', async () => {
    const hostile = join(env.dir, 'hostile.zip');
    await writeFile(hostile, makeZip({ 'zeros.bin': new Uint8Array(16 << 20), 'ok.txt': 'a note that survives next to the bomb in the same archive' }, 9).subarray(0, 5000));
    const badId = await ingestJobId('hostile', 'hostile');
    await enqueuer.enqueue('ingest-dump', { leak: 'hostile', source: hostile }, { jobId: badId });
    const missingId = await ingestJobId('hostile', 'missing');
    await enqueuer.enqueue('ingest-dump', { leak: 'hostile', source: join(env.dir, 'no-such-dump.zip') }, { jobId: missingId });
    const goodId = await ingestJobId('after', 'sample');
    await enqueuer.enqueue('ingest-dump', { ...payload, leak: 'after' }, { jobId: goodId });

    const settled = (id: string) => async () => {
      const j = await findJob(env.db, id);
      return j?.status === 'completed' || j?.status === 'failed' ? j : null;
    };
    expect((await eventually(settled(badId))).status).toBe('completed');
    const missing = await eventually(settled(missingId));
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/No dump at/);
    expect((await eventually(settled(goodId))).result).toMatchObject({ documents: 18 });
  });
});

describe('leakline worker process', () => {
  it('finishes the running job and exits 0 on SIGTERM', async () => {
    const env = await tempDb();
    const keys = testPrefix();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const enqueuer = createBullmqEnqueuer({ db: env.db, connection: redis, prefix: keys.prefix });
    const childEnv = { ...process.env, DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix };
    const child = spawn(process.execPath, [new URL('../../bin/leakline.js', import.meta.url).pathname, 'worker'], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await eventually(async () => stderr.includes('leakline worker:'), 20_000);
      const jobId = await ingestJobId('sigterm', 'sample');
      await enqueuer.enqueue('ingest-dump', { ...payload, leak: 'sigterm' }, { jobId });
      await eventually(async () => (await findJob(env.db, jobId))?.status !== 'queued', 20_000, 20);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect((await findJob(env.db, jobId))?.status).toBe('completed');
    } finally {
      child.kill('SIGKILL');
      await enqueuer.close();
      redis.disconnect();
      await keys.cleanup();
      await env.cleanup();
    }
  });
});
