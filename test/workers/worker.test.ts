import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAKED, seedSql } from './seed.ts';
import { launchDev, runWrangler, type DevServer } from './wrangler.ts';

/**
 * The Worker (src/entry/worker.ts, wrangler.toml) under `wrangler dev --local`
 * over a local D1 database: migrated with `wrangler d1 migrations apply` from
 * drizzle-kit's files, and filled with the rows the Node pipeline wrote for a
 * leak (see seed.ts), so the Worker reads what a Node deployment would have
 * stored.
 */
const ROOT = new URL('../../', import.meta.url).pathname;

describe('the Worker on wrangler dev with D1', () => {
  let dir: string;
  let dev: DevServer | undefined;
  let key: string;
  // wrangler writes its bundles under .wrangler/ in the project: removed after the run unless it was there before
  const hadWranglerDir = existsSync(join(ROOT, '.wrangler'));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leakline-workers-'));
    const state = join(dir, 'state');
    const seed = await seedSql();
    key = seed.key;
    await writeFile(join(dir, 'seed.sql'), seed.sql);
    await runWrangler(['d1', 'migrations', 'apply', 'leakline', '--local', '--persist-to', state], dir);
    await runWrangler(['d1', 'execute', 'leakline', '--local', '--persist-to', state, '--file', join(dir, 'seed.sql')], dir);
    dev = await launchDev(dir, state);
    await dev.ready();
  });

  afterAll(async () => {
    await dev?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (!hadWranglerDir) await rm(join(ROOT, '.wrangler'), { recursive: true, force: true });
  });

  /** The response, once its status is the expected one; else a failure showing the body and wrangler's log (where the Worker's errors go). */
  const get = async (path: string, init: RequestInit = {}, status = 200) => {
    const res = await fetch(`${dev!.url}${path}`, { signal: AbortSignal.timeout(30_000), ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });
    if (res.status !== status) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status}, expected ${status}\n${await res.text()}\n--- wrangler dev ---\n${dev!.output().slice(-4000)}`);
    return res;
  };
  const postJson = (path: string, body: unknown, status = 200) => get(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, status);

  it('answers /api/health with the database reachable and jobs refused', async () => {
    const res = await get('/api/health', { headers: { authorization: '' } });
    expect(await res.json()).toMatchObject({ ok: true, database: 'ok', jobs: 'refusing' });
  });

  it('runs closed: reads need an API key even on a fresh deployment', async () => {
    const res = await get('/api/leaks/memo/timeline', { headers: { authorization: '' } }, 401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('reads the timeline: drop → amplification → mainstream with their first sightings', async () => {
    const timeline = (await (await get('/api/leaks/memo/timeline')).json()) as { stages: { stage: string; sightings: number; firstSeenAt: string | null }[]; enteredMainstreamAt: string | null };
    expect(timeline.stages.map((s) => [s.stage, s.sightings, s.firstSeenAt])).toEqual([
      ['drop', 1, '2024-10-20T18:35:00.000Z'],
      ['amplification', 2, '2024-10-20T19:05:00.000Z'],
      ['mainstream', 1, '2024-10-20T22:47:00.000Z'],
    ]);
    expect(timeline.enteredMainstreamAt).toBe('2024-10-20T22:47:00.000Z');
    await get('/api/leaks/no-such-leak/timeline', {}, 404);
  });

  it('checks a text quoting the leaked document: names the leak and its first appearance', async () => {
    // over 200 shared fingerprints: more than D1 binds in one statement
    const res = await postJson('/api/check', { text: `Someone sent us this, is it real?\n\n${LEAKED}` });
    const body = (await res.json()) as { matches: { leak: string; documentCoverage: number }[]; earliest: { url: string; stage: string } | null };
    expect(body.matches).toEqual([expect.objectContaining({ leak: 'memo', documentCoverage: 1 })]);
    expect(body.earliest).toMatchObject({ stage: 'drop', seenAt: '2024-10-20T18:35:00.000Z' });

    const none = await postJson('/api/check', { text: 'Nothing here was ever leaked: a note about gardening, tomatoes and the rain that came late this year.' });
    expect(((await none.json()) as { matches: unknown[] }).matches).toEqual([]);
  });

  it('refuses jobs with 503 and a message saying where they run', async () => {
    const form = new FormData();
    form.append('file', new File([LEAKED], 'memo.txt'));
    const upload = await get('/api/leaks/memo/dumps', { method: 'POST', body: form }, 503);
    expect(await upload.json()).toEqual({ error: { code: 'ingest_unavailable', message: expect.stringMatching(/does not ingest dumps.*Node server/) } });

    const crawl = await postJson('/api/crawl', { urls: ['https://news.example.org/memo'] }, 503);
    expect(await crawl.json()).toEqual({ error: { code: 'jobs_unavailable', message: expect.stringMatching(/Cloudflare Workers deployment .* run on a Node server/) } });
  });

  it('renders the dashboard: the overview links the leak, its page lists the leaked file', async () => {
    const overview = await get('/');
    expect(overview.headers.get('content-type')).toMatch(/text\/html/);
    expect(await overview.text()).toContain('/leaks/memo');
    expect(await (await get('/leaks/memo')).text()).toContain('memo.txt');
  });

  it('serves the dashboard stylesheets and scripts, bundled into the Worker', async () => {
    const page = await (await get('/leaks/memo')).text();
    for (const [name, type, marker] of [
      ['leakline.css', 'text/css', ':root'],
      ['leakline.js', 'text/javascript', 'addEventListener'],
      ['uplot.js', 'text/javascript', 'uPlot'],
      ['uplot.css', 'text/css', '.uplot'],
    ] as const) {
      expect(page).toContain(`/assets/${name}`);
      const res = await get(`/assets/${name}`);
      expect(res.headers.get('content-type')).toContain(type);
      expect(await res.text()).toContain(marker);
      await get(`/assets/${name}`, { headers: { 'if-none-match': res.headers.get('etag')! } }, 304);
    }
  });
});
