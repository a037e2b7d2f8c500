import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { jobNames } from '../../src/queue/jobs.ts';
import type { Db } from '../../src/store/db.ts';
import { findJob } from '../../src/store/jobs.ts';
import { spawnWorker, type WorkerProcess } from './processes.ts';
import { countRows, snapshotLeak } from './rows.ts';
import { eventually } from './temp.ts';

/**
 * What a leak's spread holds, without ids and times that differ between runs:
 * every sighting by leak, document and source, the sources, posts and links,
 * the stored timeline's counts, and the sightings recorded more than once
 * (which must be none).
 */
export async function snapshotSpread(db: Db) {
  const rows = async (sql: string) => (await db.$client.execute(sql)).rows.map((r) => ({ ...r }));
  return {
    sightings: await rows(`SELECT l.slug, d.key AS document, s.url, g.kind, g.similarity FROM sightings g JOIN leaks l ON l.id = g.leak_id
                           JOIN sources s ON s.id = g.source_id LEFT JOIN documents d ON d.id = g.document_id ORDER BY l.slug, s.url, d.key`),
    duplicates: await rows('SELECT leak_id, source_id, document_id, COUNT(*) AS n FROM sightings GROUP BY leak_id, source_id, ifnull(document_id, 0) HAVING n > 1'),
    sources: await rows('SELECT url, kind, stage, account FROM sources ORDER BY url'),
    posts: await rows('SELECT platform, post_id, account, quote_of, repost_of FROM posts ORDER BY platform, post_id'),
    links: await rows('SELECT s.url, k.url AS target FROM links k JOIN sources s ON s.id = k.source_id ORDER BY s.url, k.url'),
    timelines: (await rows('SELECT l.slug, t.sightings, t.json FROM timelines t JOIN leaks l ON l.id = t.leak_id ORDER BY l.slug')).map((t) => ({
      slug: t.slug,
      sightings: t.sightings,
      stages: (JSON.parse(String(t.json)) as { stages: { stage: string; sightings: number }[] }).stages.map((s) => `${s.stage}:${s.sightings}`),
    })),
    jobs: await rows('SELECT name, status, error FROM jobs ORDER BY id'),
  };
}

/** Everything a fault run is compared on: the leaks' files and fingerprints, row counts, and the spread. */
export async function snapshotAll(db: Db, slugs: readonly string[]) {
  const leaks: Record<string, Awaited<ReturnType<typeof snapshotLeak>>> = {};
  for (const slug of slugs) leaks[slug] = await snapshotLeak(db, slug);
  return { leaks, counts: await countRows(db), spread: await snapshotSpread(db) };
}

export interface Kill {
  job: string;
  /** How long the job had been running in the killed worker. */
  afterMs: number;
  /** From the kill until a new worker started the job again; null if the job was not picked up again (it failed). */
  recoveredMs: number | null;
  killedAt: number;
}

export interface KillingOptions {
  db: Db;
  env: { DATABASE_URL: string; REDIS_URL: string; LEAKLINE_QUEUE_PREFIX: string };
  random: () => number;
  log?: (line: string) => void;
}

/**
 * Keeps one `leakline worker` process running and SIGKILLs it up to `kills`
 * times while the job runs, each time at a random moment within `windowMs`
 * (halved for each rerun) of the job (re)starting, then starts a fresh
 * worker, as a supervisor would.
 * Returns once the job has finished (or `timeoutMs` passed).
 */
export class WorkerKiller {
  worker: WorkerProcess;
  readonly kills: Kill[] = [];
  readonly logs: string[] = [];

  constructor(private readonly options: KillingOptions) {
    this.worker = spawnWorker(options.env);
  }

  async runJob(jobId: string, { kills, windowMs, timeoutMs = 240_000 }: { kills: number; windowMs: number; timeoutMs?: number }): Promise<void> {
    const { db, random, log } = this.options;
    let seenAttempts = 0;
    for (let k = 0; ; k++) {
      // a new run of the job: a worker marked it running and counted an attempt (or it already finished)
      const run = await eventually(async () => {
        const job = await findJob(db, jobId);
        if (job && (job.status === 'completed' || job.status === 'failed')) return job;
        return job && job.status === 'running' && job.attempts > seenAttempts ? job : null;
      }, timeoutMs, 25);
      const startedAt = Date.now();
      const last = this.kills.at(-1);
      if (last?.job === jobId && last.recoveredMs === null && run.attempts > seenAttempts) last.recoveredMs = startedAt - last.killedAt;
      if (run.status !== 'running' || k === kills) break;
      seenAttempts = run.attempts;
      // a rerun is quicker (documents already stored are not extracted again): aim earlier each time
      await new Promise((r) => setTimeout(r, Math.round((random() * windowMs) / 2 ** k)));
      if ((await findJob(db, jobId))?.status !== 'running') break;
      await this.worker.kill();
      const killedAt = Date.now();
      this.kills.push({ job: jobId, afterMs: killedAt - startedAt, recoveredMs: null, killedAt });
      log?.(`killed worker ${this.worker.pid} ${killedAt - startedAt} ms into a run of ${jobId}`);
      this.logs.push(this.worker.log());
      this.worker = spawnWorker(this.options.env);
    }
    await eventually(async () => {
      const job = await findJob(db, jobId);
      return job && (job.status === 'completed' || job.status === 'failed');
    }, timeoutMs, 25);
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.kill();
    this.logs.push(this.worker.log());
  }
}

/** Waits until no queue under `prefix` has a job waiting, delayed or running. */
export async function drainQueues(redisUrl: string, prefix: string, timeoutMs = 120_000): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = jobNames.map((name) => new Queue(name, { connection, prefix }));
  try {
    await eventually(async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    }, timeoutMs, 100);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}
