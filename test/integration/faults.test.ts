// Faults a deployment meets: a worker SIGKILLed mid-job, Redis killed and
// started again, the database locked by another connection. Each run ends
// compared with a clean run of the same jobs. The heavier version, with many
// kills, is `npm run bench:faults` (results in BENCHMARKS.md, "Faults").
// LEAKLINE_FAULT_SEED replays another seed.
import { createClient, LibsqlError } from '@libsql/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import type { Enqueue } from '../../src/queue/enqueuer.ts';
import { createInProcessEnqueuer, type InProcessEnqueuer } from '../../src/queue/in-process.ts';
import { importJobId, ingestJobId, timelineJobId } from '../../src/queue/job-ids.ts';
import { BUSY_TIMEOUT_MS, openDb } from '../../src/store/db.ts';
import { createJob, findJob } from '../../src/store/jobs.ts';
import { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { createProcessors } from '../../workers/processors/index.ts';
import { writeFaultDump, writeFaultPosts } from '../helpers/fault-data.ts';
import { snapshotAll } from '../helpers/fault-run.ts';
import { runKillScenario } from '../helpers/kill-scenario.ts';
import { runLockScenario } from '../helpers/lock-scenario.ts';
import { exited } from '../helpers/processes.ts';
import { runRestartScenario } from '../helpers/restart-scenario.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { tempDb } from '../helpers/temp.ts';

const SEED = Number(process.env.LEAKLINE_FAULT_SEED ?? 20241021);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leakline-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The three scenarios run side by side: most of their time is spent waiting (for a
// dead worker's lock to lapse, for Redis, for a lock to be released).
describe.concurrent('faults in real worker processes', () => {
  it('a worker SIGKILLed while ingesting and while matching: the same documents, fingerprints and sightings as a clean run, none twice', async ({ expect }) => {
    // one kill in each job at a seeded random moment; the next worker resumes the job once the dead one's lock lapses (about 30 s)
    const outcome = await runKillScenario({ seed: SEED, files: 600, posts: 1000, kills: { ingest: 1, import: 1 } });
    expect(outcome.kills.map((k) => k.job.split('-')[0])).toEqual(['ingest', 'import']);
    for (const kill of outcome.kills) expect(kill.recoveredMs).toBeGreaterThan(0);
    expect(outcome.faulty.spread.duplicates).toEqual([]);
    expect(outcome.faulty.spread.sightings.length).toBeGreaterThan(100);
    expect(outcome.faulty.spread.jobs.every((j) => j.status === 'completed')).toBe(true);
    expect(outcome.faulty).toEqual(outcome.clean);
  }, 240_000);

  it('Redis SIGKILLed and started again mid-run: no queued or running job lost, the worker carries on', async ({ expect }) => {
    const outcome = await runRestartScenario({ seed: SEED });
    expect(outcome.before).toContain('running');
    expect(outcome.before).toContain('queued');
    expect(outcome.after.every((s) => s === 'completed')).toBe(true);
    expect(outcome.workerAlive).toBe(true);
    expect(outcome.faulty).toEqual(outcome.clean);
  }, 240_000);

  it('the database write-locked by another connection: a brief lock is waited out, a long one retried with backoff, no document lost', async ({ expect }) => {
    const { runs } = await runLockScenario({
      seed: SEED,
      holds: [
        { holdMs: 4000, from: 'running' },
        { holdMs: BUSY_TIMEOUT_MS + 4000, from: 'queued' },
      ],
    });
    const [brief, long] = runs;
    expect(brief!.job).toMatchObject({ status: 'completed', attempts: 1 });
    expect(brief!.failures).toEqual([]);
    expect(brief!.faulty).toEqual(brief!.clean);
    expect(long!.failures[0]).toMatch(/SQLITE_BUSY: database is locked/);
    expect(long!.job.status).toBe('completed');
    expect(long!.notOk).toBe(0);
    expect(long!.faulty).toEqual(long!.clean);
  }, 240_000);
});

describe('a job retried after its worker died past its last sighting', () => {
  it('still queues the timeline rebuild the first run never got to', async () => {
    const env = await tempDb();
    try {
      const dump = await writeFaultDump(join(dir, 'retry-dump'), { seed: SEED, files: 40 });
      const posts = join(dir, 'retry-posts.jsonl');
      await writeFaultPosts(posts, dump.texts, { seed: SEED, posts: 200, dropUrl: 'https://paste.example/raw/retry' });
      const setup = inProcessRuntime(env.db);
      await setup.enqueuer.enqueue('ingest-dump', { leak: 'retry', source: dump.dir }, { jobId: await ingestJobId('retry', 'dump') });
      await setup.enqueuer.idle();
      await setup.close();

      // the first run records every sighting, then dies where it would queue the rebuild
      let dies = true;
      let runner: InProcessEnqueuer | null = null;
      const enqueue: Enqueue = async (name, payload, options) => {
        if (name === 'build-timeline' && dies) {
          dies = false;
          throw new Error('worker died here');
        }
        return runner!.enqueue(name, payload, options);
      };
      const config = parseConfig({});
      const processors = createProcessors({ db: env.db, limits: dumpLimits(config), fetcher: null as never, webhooks: null as never, spread: new SpreadRuntime(env.db), enqueue });
      runner = createInProcessEnqueuer({ db: env.db, processors });
      const id = await importJobId('twitter-v2', 'retry');
      await runner.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: id });
      await runner.idle();
      expect(await findJob(env.db, id)).toMatchObject({ status: 'completed', attempts: 2 });
      const leak = await env.db.$client.execute("SELECT id FROM leaks WHERE slug = 'retry'");
      const timeline = await findJob(env.db, await timelineJobId(Number(leak.rows[0]!.id)));
      expect(timeline?.status).toBe('completed');
      await runner.close();
    } finally {
      await env.cleanup();
    }
  });
});

describe('a write that fails while an archive is being read', () => {
  it('fails the attempt and retries it, instead of recording the archive as corrupt and losing its entries', async () => {
    const env = await tempDb();
    const reference = await tempDb();
    try {
      const dump = await writeFaultDump(join(dir, 'zipped'), { seed: SEED, files: 300, zipped: true });
      // the second batch of documents, written while the first archive is open, meets a locked database
      const batch = env.db.$client.batch.bind(env.db.$client);
      let calls = 0;
      env.db.$client.batch = ((...args: Parameters<typeof batch>) => {
        if (++calls === 2) return Promise.reject(new LibsqlError('SQLITE_BUSY: database is locked', 'SQLITE_BUSY'));
        return batch(...args);
      }) as typeof batch;
      const id = await ingestJobId('zipped', 'generated');
      for (const db of [env.db, reference.db]) {
        const runtime = inProcessRuntime(db);
        await runtime.enqueuer.enqueue('ingest-dump', { leak: 'zipped', source: dump.dir }, { jobId: id });
        await runtime.enqueuer.idle();
        await runtime.close();
      }
      expect(calls).toBeGreaterThan(2);
      expect(await findJob(env.db, id)).toMatchObject({ status: 'completed', attempts: 2 });
      expect((await snapshotAll(env.db, ['zipped'])).leaks).toEqual((await snapshotAll(reference.db, ['zipped'])).leaks);
    } finally {
      await env.cleanup();
      await reference.cleanup();
    }
  });
});

describe('a busy database file', () => {
  /** Another process holding the write lock (BEGIN IMMEDIATE) for `ms`. */
  async function holdLock(path: string, ms: number): Promise<ChildProcess> {
    const script = `const D = require('libsql'); const d = new D(process.argv[1]); d.exec('BEGIN IMMEDIATE'); console.log('held'); setTimeout(() => { d.exec('ROLLBACK'); d.close(); }, ${ms});`;
    const child = spawn(process.execPath, ['-e', script, path], { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    return child;
  }
  const job = (id: string) => ({ id, name: 'ingest-dump', payload: {} });

  it('makes every connection of the pool wait for a lock, not only the first', async () => {
    const env = await tempDb();
    const db = await openDb({ url: env.url, busyTimeoutMs: 5000 });
    try {
      // statements issued together (two jobs of one worker, a progress write beside a batch): the client opens a connection for each
      await Promise.all([1, 2, 3].map(() => db.$client.execute('SELECT 1')));
      const holder = await holdLock(join(env.dir, 'leakline.db'), 800);
      // whichever connection this write is given, it waits for the lock
      expect(await createJob(db, job('waited'))).toBe(true);
      await exited(holder);
    } finally {
      db.$client.close();
      await env.cleanup();
    }
  });

  it('commits the writes that follow a busy failure, where another process sees them', async () => {
    const env = await tempDb();
    const db = await openDb({ url: env.url, busyTimeoutMs: 100 });
    const other = createClient({ url: env.url });
    try {
      const lock = await other.transaction('write');
      await expect(createJob(db, job('refused'))).rejects.toThrow();
      await lock.rollback();
      expect(await createJob(db, job('after'))).toBe(true);
      const seen = await other.execute('SELECT id FROM jobs ORDER BY id');
      expect(seen.rows.map((r) => r.id)).toEqual(['after']);
    } finally {
      other.close();
      db.$client.close();
      await env.cleanup();
    }
  });
});
