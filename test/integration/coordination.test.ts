import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { getLeak } from '../../src/store/leaks.ts';
import { leakCoordination } from '../../src/store/coordination.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

const QUOTE = 'Please make sure the field teams in the northern districts receive the leaflets before Saturday morning';

describe('coordinated amplification of a leak', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  beforeAll(async () => {
    env = await tempDb();
    runtime = inProcessRuntime(env.db);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: await ingestJobId('northbridge', 'coord') });
    const posts = join(env.dir, 'posts.jsonl');
    const tweet = (id: number, user: string, second: number, text: string) =>
      JSON.stringify({ data: { id: String(id), author_id: user, created_at: `2024-10-21T09:00:${String(second).padStart(2, '0')}.000Z`, text }, includes: { users: [{ id: user, username: user }] } });
    await writeFile(
      posts,
      [
        tweet(1, 'ring_a', 1, `${QUOTE} #NorthbridgeLeaks`),
        tweet(2, 'ring_b', 9, `${QUOTE} #NorthbridgeLeaks`),
        tweet(3, 'ring_c', 20, `${QUOTE}!! #NorthbridgeLeaks #vote`),
        tweet(4, 'ring_d', 41, `${QUOTE} #NorthbridgeLeaks`),
        tweet(5, 'lonely', 59, 'Unrelated: the northern districts expect rain before Saturday morning, bring umbrellas'),
      ].join('\n'),
    );
    await runtime.enqueuer.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'coord') });
    await runtime.enqueuer.idle();
  });
  afterAll(async () => {
    await runtime.close();
    await env.cleanup();
  });

  it('lists the group of accounts that posted the quote within a minute, and marks it on the timeline', async () => {
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    const res = (await (await app.request('/api/leaks/northbridge/coordination')).json()) as { groups: { accounts: string[]; size: number; basis: string }[]; network: { edges: unknown[] } };
    expect(res.groups).toHaveLength(1);
    expect(res.groups[0]).toMatchObject({ accounts: ['ring_a', 'ring_b', 'ring_c', 'ring_d'], size: 4 });
    expect(res.network.edges).toHaveLength(6);
    const strict = (await (await app.request('/api/leaks/northbridge/coordination?minAccounts=5')).json()) as { groups: unknown[] };
    expect(strict.groups).toEqual([]);
    const timeline = (await (await app.request('/api/leaks/northbridge/timeline')).json()) as { coordinated: { accounts: number; start: string }[]; coordinatedTotal: number; coordinatedSpans: { start: string; bursts: number }[] };
    expect(timeline.coordinated).toEqual([expect.objectContaining({ accounts: 4, start: '2024-10-21T09:00:01.000Z' })]);
    expect(timeline.coordinatedTotal).toBe(1);
    expect(timeline.coordinatedSpans).toEqual([expect.objectContaining({ start: '2024-10-21T09:00:01.000Z', bursts: 1 })]);
  });

  it('keeps the groups it found until a sighting is recorded, per set of options', async () => {
    const leak = await getLeak(env.db, 'northbridge');
    const first = await leakCoordination(env.db, leak.id);
    expect(first).toHaveLength(1);
    // the same groups (not found again) for the same options, spelled out or not
    expect(await leakCoordination(env.db, leak.id, { minAccounts: 3, windowSeconds: 60, includeReposts: true })).toBe(first);
    expect(await leakCoordination(env.db, leak.id, { minAccounts: 5 })).toEqual([]);
    // a fifth account joins the burst: found again, now with five accounts
    const posts = join(env.dir, 'posts-2.jsonl');
    await writeFile(posts, JSON.stringify({ data: { id: '6', author_id: 'ring_e', created_at: '2024-10-21T09:00:50.000Z', text: `${QUOTE} #NorthbridgeLeaks` }, includes: { users: [{ id: 'ring_e', username: 'ring_e' }] } }));
    await runtime.enqueuer.enqueue('import-posts', { source: posts, format: 'twitter-v2' }, { jobId: await importJobId('twitter-v2', 'coord-2') });
    await runtime.enqueuer.idle();
    const again = await leakCoordination(env.db, leak.id);
    expect(again).not.toBe(first);
    expect(again).toEqual([expect.objectContaining({ accounts: ['ring_a', 'ring_b', 'ring_c', 'ring_d', 'ring_e'] })]);
    expect(await leakCoordination(env.db, leak.id, { minAccounts: 5 })).toHaveLength(1);
  });
});
