import type { Config } from '../config.ts';
import { parseDuration } from '../domain/duration.ts';
import { DomainError } from '../domain/errors.ts';
import { normaliseUrl } from '../domain/url.ts';
import { createNodeRuntime } from '../entry/node.ts';
import { sha256Hex } from '../domain/sha256.ts';
import { feedKindOf, feedScheduleId } from '../spread/feed-schedules.ts';
import { addFeed, listFeeds, removeFeed } from '../store/feeds.ts';
import { printJson } from './args.ts';
import { waitForJobs } from './wait.ts';

type Args = { positionals: string[]; values: Record<string, unknown> };

/**
 * `leakline feeds add|list|remove|poll` and `leakline watch add|list|remove`:
 * feeds (RSS, Atom, JSON Feed) and watched pages (forum indexes, paste
 * archives, `t.me/s/<channel>` previews), polled by the workers on a schedule.
 */
export async function runFeeds({ positionals, values }: Args, config: Config, asked: 'feed' | 'watch'): Promise<number> {
  const [action = 'list', target] = positionals;
  const runtime = await createNodeRuntime(config);
  try {
    if (action === 'add') {
      const url = target ? normaliseUrl(target) : null;
      if (!url) throw new DomainError('usage', `Give the ${asked === 'feed' ? 'feed' : 'page'} URL: leakline ${asked === 'feed' ? 'feeds' : 'watch'} add https://… [--every 15m]`);
      const everyMs = parseDuration(String(values.every ?? config.LEAKLINE_POLL_EVERY));
      const feed = await addFeed(runtime.db, { url, kind: feedKindOf(url, asked), everySeconds: everyMs / 1000 });
      // with Redis the schedule lives there now; in-process, `leakline serve` starts it
      if (runtime.enqueuer.mode === 'bullmq') await runtime.enqueuer.schedule(feedScheduleId(feed.id), 'poll-feed', { feedId: feed.id }, everyMs);
      if (values.json) printJson(feed);
      else console.log(`${feed.kind} ${feed.id}: ${feed.url}, polled every ${String(values.every ?? config.LEAKLINE_POLL_EVERY)}${runtime.enqueuer.mode === 'bullmq' ? '' : ' while `leakline serve` runs'}`);
    } else if (action === 'remove') {
      if (!target) throw new DomainError('usage', 'Give the feed id or URL: leakline feeds remove 3');
      const feed = await removeFeed(runtime.db, /^\d+$/.test(target) ? Number(target) : (normaliseUrl(target) ?? target));
      await runtime.enqueuer.unschedule(feedScheduleId(feed.id));
      if (!values.json) console.log(`removed ${feed.url}`);
    } else if (action === 'list') {
      const feeds = await listFeeds(runtime.db);
      if (values.json) printJson(feeds);
      else for (const f of feeds) console.log(`${String(f.id).padStart(4)} ${f.kind.padEnd(8)} every ${f.everySeconds}s  last ${f.lastPolledAt ?? 'never'}${f.lastError ? ` (error: ${f.lastError})` : ''}  ${f.url}`);
    } else if (action === 'poll') {
      // poll every feed once now, and wait for the pages it queues
      const ids: string[] = [];
      for (const feed of await listFeeds(runtime.db)) {
        const jobId = `poll-${(await sha256Hex(`now\0${feed.id}\0${Date.now()}`)).slice(0, 40)}`;
        await runtime.enqueuer.enqueue('poll-feed', { feedId: feed.id }, { jobId });
        ids.push(jobId);
      }
      const jobs = await waitForJobs(runtime, ids);
      if (values.json) printJson(jobs.map((j) => ({ id: j.id, status: j.status, result: j.result, error: j.error })));
      else for (const j of jobs) console.log(j.status === 'completed' ? JSON.stringify(j.result) : `failed: ${j.error}`);
      if (runtime.inProcess) await runtime.inProcess.idle();
    } else throw new DomainError('usage', `Unknown action "${action}": use add, list, remove or poll.`);
    return 0;
  } finally {
    await runtime.close();
  }
}
