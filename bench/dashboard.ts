/**
 * Server time of the dashboard's heaviest pages: the overview over 1,000
 * leaks, and the page of a leak with 100,000 sightings. The database is
 * written straight with SQL in batches, in the shapes the pipeline stores
 * (sources with claimed and observed times, staged by domain and tier,
 * sightings of the leak's documents, posts with text and links), since
 * matching that many pages would measure the matcher, not the pages.
 *
 * `npm run bench:dashboard`; BENCH_ROUNDS sets the counted rounds (default 30);
 * BENCH_DB=path keeps the database there and reuses it on the next run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InStatement } from '@libsql/client';
import { createApp } from '../src/api/app.ts';
import { createRefusingEnqueuer } from '../src/queue/refusing.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { getLeak } from '../src/store/leaks.ts';
import { rebuildTimeline } from '../src/store/timelines.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';

const LEAKS = 1000;
const BIG = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const NOW = Date.now();
const HOUR = 3_600_000;

const random = seededRandom(20241020);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
/** Hours after the drop, log-normal: most of a stage's sightings come early, a long tail follows. */
const lagHours = (median: number) => median * Math.exp(1.1 * Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()));

const DROPS = ['pastebin.com', 'ghostbin.com', 'anonfiles.com', 'ddosecrets.com', 'justpaste.it'];
const SOCIAL = [['twitter.com', 'twitter'], ['t.me', 'telegram'], ['reddit.com', 'reddit'], ['bsky.app', 'bluesky'], ['mastodon.social', 'mastodon']] as const;
const NEWS = [['nytimes.com', 1], ['theguardian.com', 1], ['lemonde.fr', 1], ['politico.eu', 2], ['theintercept.com', 2], ['rt.com', 3]] as const;
const KINDS = ['excerpt', 'excerpt', 'excerpt', 'link', 'link', 'near', 'exact', 'altered'];
/** 600 pseudo-words from syllables: posts differ as real ones do, so near-duplicate detection meets its usual load. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ba', 'de', 'fi', 'go', 'ha', 'ju', 'pe', 'qua', 'ri', 'so', 'tu', 'xe', 'ya', 'zo', 'an', 'el'];
const WORDS = Array.from({ length: 600 }, (_, i) => SYLLABLES[i % 24]! + SYLLABLES[Math.floor(i / 24) % 24]! + (i % 3 ? SYLLABLES[(i * 7) % 24]! : ''));
/** Passages of the leak that posts quote, each 12 to 20 words. */
const QUOTES = Array.from({ length: 40 }, () => Array.from({ length: 12 + Math.floor(random() * 9) }, () => pick(WORDS)).join(' '));
const postText = () => `${pick(QUOTES)} ${Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ')}`;

interface Counter { sources: number; rows: Record<string, unknown[][]> }

/** Rows are gathered per table and written as multi-row INSERTs, 400 rows a statement. */
function add(c: Counter, table: string, row: unknown[]) {
  (c.rows[table] ??= []).push(row);
}

const COLUMNS: Record<string, string> = {
  sources: 'id, url, domain, kind, platform, account, title, stage, tier, published_at, observed_at, words, metadata',
  sightings: 'leak_id, document_id, source_id, kind, similarity, evidence, observed_at',
  posts: 'source_id, platform, post_id, account, repost_of',
  source_texts: 'source_id, text',
  links: 'source_id, url',
};

async function flush(db: Db, c: Counter) {
  const statements: InStatement[] = [];
  for (const table of ['sources', 'sightings', 'posts', 'source_texts', 'links']) {
    const rows = c.rows[table] ?? [];
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      const marks = chunk.map((r) => `(${r.map(() => '?').join(',')})`).join(',');
      statements.push({ sql: `INSERT INTO ${table} (${COLUMNS[table]}) VALUES ${marks}`, args: chunk.flat() as never });
    }
  }
  c.rows = {};
  for (let i = 0; i < statements.length; i += 50) await db.$client.batch(statements.slice(i, i + 50), 'write');
}

/** One leak's spread: a few drop mirrors, mostly posts (some in bursts), articles later for leaks that make the news. */
function spread(c: Counter, leak: { id: number; slug: string; droppedAt: number; documents: number[] }, n: number, reachesNews: boolean) {
  for (let i = 0; i < n; i++) {
    const r = random();
    const stage = r < 0.01 || i === 0 ? 'drop' : r < (reachesNews ? 0.86 : 1) ? 'amplification' : 'mainstream';
    const planned = leak.droppedAt + (stage === 'drop' ? random() * 2 * HOUR : lagHours(stage === 'amplification' ? 6 : 30) * HOUR);
    // a leak dropped lately is still spreading: what would come later lands in the last day
    const at = planned > NOW ? NOW - random() * 24 * HOUR : planned;
    const id = ++c.sources;
    const observed = new Date(Math.min(NOW, at + random() * 3 * HOUR)).toISOString();
    const claimed = random() < 0.85 ? new Date(at).toISOString() : null;
    let url: string;
    if (stage === 'drop') {
      const host = pick(DROPS);
      url = `https://${host}/${leak.slug}-${id}`;
      add(c, 'sources', [id, url, host, 'page', null, null, `${leak.slug} dump`, 'drop', null, claimed, observed, 900, '{}']);
    } else if (stage === 'amplification') {
      const [host, platform] = pick(SOCIAL);
      const account = `user${Math.floor(random() * n * 0.4)}`;
      url = `https://${host}/${account}/status/${id}`;
      add(c, 'sources', [id, url, host, 'post', platform, account, null, 'amplification', null, claimed, observed, 30, '{}']);
      add(c, 'posts', [id, platform, String(id), account, random() < 0.2 ? String(id - 1) : null]);
      add(c, 'source_texts', [id, postText()]);
      add(c, 'links', [id, `https://${DROPS[leak.id % DROPS.length]}/${leak.slug}`]);
    } else {
      const [host, tier] = pick(NEWS);
      url = `https://www.${host}/2024/${leak.slug}/${id}.html`;
      add(c, 'sources', [id, url, host, 'page', null, null, `What the ${leak.slug} files say`, 'mainstream', tier, claimed, observed, 800, '{}']);
    }
    const kind = pick(KINDS);
    const evidence = kind === 'link' ? { linked: url } : { coverage: { source: random(), document: random() }, spans: [{ checkedStart: 0, checkedEnd: 120, documentStart: 40, documentEnd: 160 }] };
    add(c, 'sightings', [leak.id, kind === 'link' ? null : pick(leak.documents), id, kind, kind === 'link' ? 0 : 0.3 + random() * 0.7, JSON.stringify(evidence), observed]);
  }
}

async function build(db: Db): Promise<{ big: string; sightings: number; seconds: number; bigRebuild: number }> {
  const started = performance.now();
  const c: Counter = { sources: 0, rows: {} };
  let documentId = 0;
  let total = 0;
  for (let l = 1; l <= LEAKS; l++) {
    const big = l === LEAKS;
    const slug = big ? 'big-leak' : `leak-${String(l).padStart(4, '0')}`;
    // drops spread over two years, the last few in the past days so that some are live
    const droppedAt = NOW - (big ? 20 * 24 * HOUR : Math.pow(random(), 2) * 730 * 24 * HOUR);
    await db.$client.execute({ sql: 'INSERT INTO leaks (id, slug, title, dropped_at, drop_url) VALUES (?, ?, ?, ?, ?)', args: [l, slug, `Leak ${l}: internal files`, new Date(droppedAt).toISOString(), `https://pastebin.com/${slug}`] });
    const documents: number[] = [];
    const docs = big ? 400 : 3 + Math.floor(random() * 20);
    const docRows: InStatement[] = [];
    for (let d = 0; d < docs; d++) {
      documents.push(++documentId);
      docRows.push({ sql: "INSERT INTO documents (id, key, sha256, format, bytes, status, metadata, words) VALUES (?, ?, ?, 'text', 2048, 'ok', '{\"author\":\"finance office\"}', 350)", args: [documentId, `k${documentId}`, `s${documentId}`] });
      docRows.push({ sql: 'INSERT INTO leak_files (leak_id, document_id, path) VALUES (?, ?, ?)', args: [l, documentId, `dump/folder-${d % 7}/file-${d}.txt`] });
    }
    await db.$client.batch(docRows, 'write');
    const n = big ? BIG : Math.round(Math.exp(2 + random() * 4.5));
    const before = c.sources;
    spread(c, { id: l, slug, droppedAt, documents }, n, big || random() < 0.6);
    total += c.sources - before;
    if (c.sources - before > 5000 || l % 50 === 0 || big) await flush(db, c);
  }
  await flush(db, c);
  // what the debounced build-timeline job leaves behind
  for (let l = 1; l < LEAKS; l++) await rebuildTimeline(db, await getLeak(db, `leak-${String(l).padStart(4, '0')}`));
  const t = performance.now();
  await rebuildTimeline(db, await getLeak(db, 'big-leak'));
  const bigRebuild = (performance.now() - t) / 1000;
  return { big: 'big-leak', sightings: total, seconds: (performance.now() - started) / 1000, bigRebuild };
}

/** The figures of a database built by an earlier run (BENCH_DB), for the report. */
async function described(db: Db): Promise<Awaited<ReturnType<typeof build>>> {
  const n = Number((await db.$client.execute('SELECT count(*) AS n FROM sightings')).rows[0]!.n);
  const t = performance.now();
  await rebuildTimeline(db, await getLeak(db, 'big-leak'));
  return { big: 'big-leak', sightings: n, seconds: Number.NaN, bigRebuild: (performance.now() - t) / 1000 };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function main() {
  // the load average is read before the run, as the report says
  const machine = describeMachine();
  const kept = process.env.BENCH_DB;
  const dir = kept ? null : await mkdtemp(join(tmpdir(), 'leakline-bench-dashboard-'));
  const file = kept ?? join(dir!, 'bench.db');
  const reuse = kept !== undefined && existsSync(kept);
  const db = await openDb({ url: `file:${file}` });
  try {
    console.error(reuse ? `reusing ${file}` : `building ${LEAKS} leaks, one with ${BIG} sightings…`);
    const built = reuse ? await described(db) : await build(db);
    const bigSightings = Number((await db.$client.execute("SELECT count(*) AS n FROM sightings WHERE leak_id = (SELECT id FROM leaks WHERE slug = 'big-leak')")).rows[0]!.n);
    console.error(`built in ${built.seconds.toFixed(1)} s: ${built.sightings} sightings, ${bigSightings} on big-leak`);
    const app = createApp({ db, enqueuer: createRefusingEnqueuer('benchmark'), maxUploadBytes: 0, version: 'bench' });
    const subjects = [
      { path: '/', what: `overview, ${LEAKS} leaks (${built.sightings.toLocaleString('en')} sightings in all)`, rounds: ROUNDS },
      { path: '/leaks/big-leak', what: `leak page, ${bigSightings.toLocaleString('en')} sightings`, rounds: ROUNDS },
      { path: '/leaks/big-leak?stage=mainstream&page=100', what: 'leak page, filtered to one stage, page 100', rounds: ROUNDS },
      { path: '/leaks/leak-0500', what: 'leak page, a small leak', rounds: ROUNDS },
      { path: '/leaks/big-leak/coordination', what: 'coordination groups of the big leak, as kept since the timeline rebuild found them', rounds: ROUNDS },
    ];
    const times = subjects.map(() => [] as number[]);
    const sizes = subjects.map(() => 0);
    for (let round = -2; round < ROUNDS; round++) {
      for (let k = 0; k < subjects.length; k++) {
        const i = (k + Math.max(0, round)) % subjects.length;
        const s = subjects[i]!;
        if (round >= s.rounds) continue;
        const t = performance.now();
        const res = await app.request(s.path);
        const body = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`${s.path} answered ${res.status}: ${body.slice(0, 300)}`);
        sizes[i] = body.length;
        if (round >= 0) times[i]!.push(ms);
      }
    }
    // the same page in a process that has not found the groups yet (a fresh connection keeps nothing): detected afresh
    const cold: number[] = [];
    let coldSize = 0;
    for (let run = 0; run < 3; run++) {
      const fresh = await openDb({ url: `file:${file}` });
      try {
        const coldApp = createApp({ db: fresh, enqueuer: createRefusingEnqueuer('benchmark'), maxUploadBytes: 0, version: 'bench' });
        const t = performance.now();
        const res = await coldApp.request('/leaks/big-leak/coordination');
        const html = await res.text();
        cold.push(performance.now() - t);
        coldSize = html.length;
      } finally {
        fresh.$client.close();
      }
    }
    const rows = subjects.map((s, i) => [`\`GET ${s.path}\``, s.what, String(times[i]!.length), quantile(times[i]!, 0.5).toFixed(0), quantile(times[i]!, 0.95).toFixed(0), `${(sizes[i]! / 1024).toFixed(0)} KiB`]);
    rows.push(['`GET /leaks/big-leak/coordination`', 'the same, in a process that has not found them yet (groups detected afresh)', String(cold.length), quantile(cold, 0.5).toFixed(0), quantile(cold, 0.95).toFixed(0), `${(coldSize / 1024).toFixed(0)} KiB`]);
    const body = [
      'Command: `npm run bench:dashboard` (`tsx bench/dashboard.ts`; `BENCH_ROUNDS` sets the counted rounds, default 30).',
      `Machine: ${machine}.`,
      `Data: ${LEAKS} leaks in a libSQL file, ${built.sightings.toLocaleString('en')} sightings in all, one leak (\`big-leak\`) with ${bigSightings.toLocaleString('en')}; each sighting its own source (drop mirrors, social posts with text and links, articles by tier-1 to tier-3 outlets), log-normal times after each drop, 85% with a claimed time; stored timelines built as the build-timeline job builds them (rebuilding big-leak's took ${built.bigRebuild.toFixed(2)} s). ${Number.isNaN(built.seconds) ? '' : `Written with SQL in ${built.seconds.toFixed(0)} s.`}`,
      'Method: server time of `app.request(path)` until the whole body is read, in-process (no socket); 2 warm-up rounds, then rounds that request each page once in a rotating order, so load from elsewhere on this shared machine falls on all pages alike. The overview reads the heads of the stored timelines (not the sightings), ranks every leak and shows 100 a page; the leak page reads the stored timeline for its chart and stage summary, counts sightings per stage in SQL and reads one page of 50 sightings. The coordination page shows the groups among every post of the leak (85% of its sightings); detecting them is most of the time of a timeline rebuild, and the groups found are kept per process until a sighting is recorded, so the page reads those the rebuild found; the last row opens the database afresh before each request, as a process that has not found them would.',
      markdownTable(['request', 'page', 'runs', 'median ms', 'p95 ms', 'HTML'], rows),
    ].join('\n\n');
    writeSection('## Dashboard', body);
    console.log(markdownTable(['request', 'page', 'runs', 'median ms', 'p95 ms', 'HTML'], rows));
  } finally {
    db.$client.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
