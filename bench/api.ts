/**
 * npm run bench:api — the running API under load, on loopback: timeline
 * reads, sighting lists (first page, a stage filter, a page deep in the list)
 * and checks (a leaked passage, a text that matches nothing), against a
 * database holding the Northbridge sample dump and 100,000 sightings of it.
 * The server is the real one (`node bin/leakline.js serve`) in its own
 * process; autocannon drives it from this one. With two cores or more, each
 * is pinned to a core of its own.
 *
 * Options (environment): BENCH_SIGHTINGS (default 100000), BENCH_SECONDS per
 * run (10), BENCH_ROUNDS of runs per endpoint (3), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (10),
 * BENCH_CPU_PROF=<dir> to write the server's V8 CPU profile there,
 * BENCH_ONLY=<name,…> to load only some endpoints (the section is then not
 * written).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { rebuildTimeline } from '../src/store/timelines.ts';
import { buildApiFixture } from './api-fixture.ts';
import { corpusDir } from './corpus-text.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';

const TOTAL = Number(process.env.BENCH_SIGHTINGS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? null;
/** Whatever the duration, no endpoint is sent more requests than this. */
const MAX_REQUESTS = 500_000;
/** The whole benchmark gives up (and stops the server) after this long. */
const DEADLINE_MS = 30 * 60_000;
const HOST = '127.0.0.1';
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Endpoint {
  name: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Checks one response before the load, so that the load is not measuring an error page. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON answer, checked field by field
  expect: (status: number, body: any) => string | null;
}

interface Measured {
  endpoint: Endpoint;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  /** Bytes of one answer as sent (headers and body, compressed when it is). */
  bytes: number;
  /** CPU time the server process spent per request (user + system), when /proc tells it. */
  serverCpuMs: number | null;
}

/** A free TCP port on loopback (the server binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const pinnable = availableParallelism() >= 2 && existsSync('/usr/bin/taskset');

function startServer(port: number, databaseUrl: string, work: string): { child: ChildProcess; stderr: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LEAKLINE_UPLOAD_DIR: join(work, 'uploads'), NODE_ENV: 'production' };
  delete env.REDIS_URL; // jobs in the server process: nothing here queues any
  const node = [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), 'bin/leakline.js', 'serve', '--port', String(port), '--host', HOST];
  const [command, args] = pinnable ? ['taskset', ['-c', '1', process.execPath, ...node]] : [process.execPath, node];
  const child = spawn(command, args, { cwd: join(import.meta.dirname, '..'), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return { child, stderr: () => stderr };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(forced);
}

async function waitUntilUp(base: string, server: { child: ChildProcess; stderr: () => string }): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited: ${server.stderr()}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`the server did not answer within 60 s: ${server.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits (at most a minute) until a health check is answered within 50 ms: nothing left in the server's queue. */
async function waitUntilIdle(base: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const t = performance.now();
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(60_000) }).then((r) => r.ok, () => false);
    if (ok && performance.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One request's time to its last byte, read as bytes (fetch would decode a gzipped body first, and count that). */
function timeOne(base: string, e: Endpoint): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(`${base}${e.path}`, { method: e.method, headers: { ...e.headers, ...(e.body ? { 'content-type': 'application/json' } : {}) }, timeout: 60_000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', () => resolve(NaN));
    req.on('timeout', () => req.destroy());
    req.end(e.body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
})();

/** CPU milliseconds a process has used (user + system), from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined || clockTicks === null) return null;
  try {
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}

/** One bounded run of autocannon: `seconds` long, at most MAX_REQUESTS requests, stopped by itself. */
async function load(base: string, e: Endpoint, seconds: number, serverPid?: number): Promise<Omit<Measured, 'endpoint'>> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(serverPid);
  const instance = autocannon({
    url: `${base}${e.path}`,
    method: e.method,
    headers: { ...e.headers, ...(e.body ? { 'content-type': 'application/json' } : {}) },
    ...(e.body ? { body: e.body } : {}),
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    maxOverallRequests: MAX_REQUESTS,
    timeout: 10,
    bailout: 1000,
    // autocannon appends every body chunk to a string, decoding it as UTF-8: for 775 kB of JSON, or 92 kB of gzip
    // (slow to decode, being no UTF-8), that took most of the client's core and was counted as the server's latency.
    // Bodies were checked before the run; under load they are dropped as they arrive.
    setupClient: (client) => {
      client.pipelinedRequests.addBody = () => {};
    },
  });
  // autocannon's own histogram counts whole milliseconds; these are exact (process.hrtime)
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  const result = await instance;
  clearTimeout(guard);
  const cpuAfter = cpuMs(serverPid);
  const sorted = Float64Array.from(latencies).sort();
  return {
    bytes: result.requests.total > 0 ? result.throughput.total / result.requests.total : NaN,
    serverCpuMs: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null,
    requests: result.requests.total,
    seconds: result.duration,
    perSecond: result.requests.total / result.duration,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    errors: result.errors + result.non2xx,
  };
}

const ms = (v: number) => (!Number.isFinite(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const int = (v: number) => Math.round(v).toLocaleString('en');
const kb = (bytes: number) => (bytes >= 10_000 ? `${(bytes / 1000).toFixed(0)} kB` : bytes >= 1000 ? `${(bytes / 1000).toFixed(1)} kB` : `${Math.round(bytes)} B`);

async function main() {
  const machine = describeMachine();
  log(machine);
  if (pinnable) execFileSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const work = await mkdtemp(join(tmpdir(), 'leakline-bench-api-'));
  let server: ReturnType<typeof startServer> | null = null;
  const deadline = setTimeout(() => {
    log('bench:api: deadline passed, stopping');
    server?.child.kill('SIGKILL');
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const dbFile = join(work, 'leakline.db');
    log(`building ${dbFile}: the Northbridge sample dump and ${TOTAL.toLocaleString('en')} sightings…`);
    const fixture = await buildApiFixture(dbFile, { total: TOTAL, corpus: corpusDir() });
    // what the build-timeline job, queued when the sightings were recorded, would have done
    let t = performance.now();
    const timeline = await rebuildTimeline(fixture.db, fixture.leak);
    const rebuildSeconds = (performance.now() - t) / 1000;
    fixture.db.$client.close();
    const dbBytes = statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
    log(`fixture: ingest ${fixture.seconds.ingest.toFixed(1)} s, rows ${fixture.seconds.generate.toFixed(1)} s, insert ${fixture.seconds.insert.toFixed(1)} s, timeline ${rebuildSeconds.toFixed(1)} s; ${(dbBytes / 2 ** 20).toFixed(0)} MiB`);

    const slug = fixture.leak.slug;
    const deep = Math.floor(TOTAL * 0.9);
    const stagesAddUp: Endpoint['expect'] = (s, b) => (s === 200 && b.stages?.reduce((n: number, x: { sightings: number }) => n + x.sightings, 0) === TOTAL ? null : `status ${s}, stage counts ${JSON.stringify(b.stages?.map((x: { sightings: number }) => x.sightings))}`);
    const page = (total: number, stage?: string): Endpoint['expect'] => (s, b) => (s === 200 && b.total === total && b.items?.length === 50 && (!stage || b.items.every((x: { stage: string }) => x.stage === stage)) ? null : `status ${s}, total ${b.total}`);
    const all: Endpoint[] = [
      { name: 'timeline', label: `\`GET /api/leaks/${slug}/timeline\`, gzip accepted (as browsers ask)`, method: 'GET', path: `/api/leaks/${slug}/timeline`, headers: { 'accept-encoding': 'gzip, deflate, br' }, expect: stagesAddUp },
      { name: 'timeline-plain', label: '`GET …/timeline`, no Accept-Encoding (as curl asks)', method: 'GET', path: `/api/leaks/${slug}/timeline`, expect: stagesAddUp },
      { name: 'sightings', label: '`GET …/sightings?limit=50`', method: 'GET', path: `/api/leaks/${slug}/sightings?limit=50`, expect: page(TOTAL) },
      { name: 'sightings-stage', label: '`GET …/sightings?stage=mainstream&limit=50`', method: 'GET', path: `/api/leaks/${slug}/sightings?stage=mainstream&limit=50`, expect: page(fixture.sightings.mainstream, 'mainstream') },
      { name: 'sightings-deep', label: `\`GET …/sightings?limit=50&offset=${deep}\``, method: 'GET', path: `/api/leaks/${slug}/sightings?limit=50&offset=${deep}`, expect: page(TOTAL) },
      { name: 'check', label: '`POST /api/check`, a leaked passage', method: 'POST', path: '/api/check', body: JSON.stringify({ text: fixture.checkText }), expect: (s, b) => (s === 200 && b.matches?.length > 0 && b.chain?.length > 0 ? null : `status ${s}, ${JSON.stringify(b).slice(0, 200)}`) },
      { name: 'check-none', label: '`POST /api/check`, a text that matches nothing', method: 'POST', path: '/api/check', body: JSON.stringify({ text: fixture.unrelatedText }), expect: (s, b) => (s === 200 && b.matches?.length === 0 ? null : `status ${s}, ${JSON.stringify(b).slice(0, 200)}`) },
    ];
    const endpoints = all.filter((e) => !ONLY || ONLY.includes(e.name));

    const port = await freePort();
    const base = `http://${HOST}:${port}`;
    server = startServer(port, `file:${dbFile}`, work);
    t = performance.now();
    await waitUntilUp(base, server);
    log(`server up on ${base} in ${((performance.now() - t) / 1000).toFixed(1)} s${pinnable ? ' (server on core 1, autocannon on core 0)' : ''}`);

    const send = (e: Endpoint) => fetch(`${base}${e.path}`, { method: e.method, headers: { ...e.headers, ...(e.body ? { 'content-type': 'application/json' } : {}) }, ...(e.body ? { body: e.body } : {}) });
    const runs = new Map<Endpoint, (Omit<Measured, 'endpoint'> & { load: number })[]>();
    const json = new Map<Endpoint, number>();
    for (const e of endpoints) {
      const res = await send(e);
      const text = await res.text();
      const problem = e.expect(res.status, JSON.parse(text));
      if (problem) throw new Error(`${e.method} ${e.path}: unexpected answer (${problem})`);
      json.set(e, Buffer.byteLength(text));
      runs.set(e, []);
    }
    // rounds go through every endpoint, in an order that rotates, so that a burst of other work on this shared
    // machine falls on all of them alike; each endpoint's median round is reported
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < endpoints.length; i++) {
        const e = endpoints[(i + round) % endpoints.length]!;
        if (round === 0 && WARMUP_SECONDS > 0) await load(base, e, WARMUP_SECONDS);
        // what an earlier run left in the server (slow requests outlive autocannon's run) would slow this one
        await waitUntilIdle(base);
        const loadAverage = loadavg()[0]!;
        const m = { ...(await load(base, e, SECONDS, server.child.pid)), load: loadAverage };
        runs.get(e)!.push(m);
        log(`round ${round + 1} ${e.name}: ${int(m.perSecond)} req/s, p50 ${ms(m.p50)} ms, p90 ${ms(m.p90)} ms, p99 ${ms(m.p99)} ms, max ${ms(m.max)} ms, ${m.errors} errors, ${m.requests} requests, ${kb(m.bytes)} sent, server CPU ${m.serverCpuMs === null ? '?' : ms(m.serverCpuMs)} ms/request, load ${loadAverage.toFixed(1)}`);
      }
    }
    const measured: (Measured & { json: number; load: string; alone: number; best: number })[] = [];
    for (const e of endpoints) {
      const sorted = [...runs.get(e)!].sort((a, b) => a.perSecond - b.perSecond);
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
      const loads = sorted.map((r) => r.load);
      // and one request on its own, with nothing else in flight: what a single user waits
      await waitUntilIdle(base);
      const alone = await timeOne(base, e);
      measured.push({
        ...median,
        endpoint: e,
        json: json.get(e)!,
        alone,
        best: sorted[sorted.length - 1]!.perSecond,
        errors: sorted.reduce((n, r) => n + r.errors, 0),
        load: Math.min(...loads).toFixed(1) === Math.max(...loads).toFixed(1) ? Math.min(...loads).toFixed(1) : `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
      });
    }
    await stopServer(server.child);
    server = null;

    if (ONLY) return;
    const verdict = (name: string) => {
      const m = measured.find((x) => x.endpoint.name === name)!;
      const met = m.perSecond >= 2000 && m.p99 < 50 && m.errors === 0;
      return `${int(m.perSecond)} reads/s (best round ${int(m.best)}), p99 ${ms(m.p99)} ms: **${met ? 'met' : 'missed'}**`;
    };
    const stages = fixture.sightings;
    const kinds = Object.entries(fixture.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${int(n)}`)
      .join(', ');
    const coordinatedBytes = JSON.stringify(timeline.coordinated).length;
    writeSection(
      '## API load',
      [
        `Command: \`npm run bench:api\` (\`tsx bench/api.ts\`; \`BENCH_SECONDS\` per run, default 10; \`BENCH_ROUNDS\`, default 3; \`BENCH_CONNECTIONS\`, default 10; \`BENCH_SIGHTINGS\`, default 100000; \`BENCH_CPU_PROF=<dir>\` writes the server's CPU profile).`,
        '',
        `Machine: ${machine}.`,
        '',
        `Data: a libSQL file in a temp folder (${(dbBytes / 2 ** 20).toFixed(0)} MiB) holding the Northbridge sample dump (\`samples/northbridge-dump\`, ingested with \`ingestDump\`; the ${fixture.documents} documents of 20 words or more (${fixture.documentWords[0]} to ${fixture.documentWords[1]}) are the ones quoted) and ${int(TOTAL)} sightings of it, written straight into \`sources\`, \`posts\`, \`source_texts\`, \`links\` and \`sightings\` in batches: ${int(stages.drop)} drop (pages on the seeded registry's paste sites, file hosts and leak forums), ${int(stages.amplification)} amplification (posts by ${int(fixture.accounts)} accounts named after IRA-corpus authors on twitter, telegram, reddit, facebook, mastodon, bluesky, vk and youtube; a fifth of the tweets are retweets; now and then a few accounts post the same text within a minute), ${int(stages.mainstream)} mainstream (articles on the seeded news domains of all three tiers, Zyte-corpus paragraphs around a leaked quote). The texts quote real passages of the dump's documents and the evidence is \`compareTexts\`'s (kinds: ${kinds}); about an eighth of posts and articles only link to the drop URL. With so few and such short documents to quote, many posts carry nearly the same words, and coordination detection groups them into bursts. Times are log-normal after the drop over 30 days (posts peak within a day, articles a day or two later). The stored timeline is built once beforehand, as the \`build-timeline\` job queued on recording sightings would: ${rebuildSeconds.toFixed(1)} s, ${kb(JSON.stringify(timeline).length)} of JSON, of which ${kb(coordinatedBytes)} is its list of ${int(timeline.coordinated.length)} coordinated bursts.`,
        '',
        `Method: the real server (\`node bin/leakline.js serve\`, jobs in-process, no Redis) in its own process${pinnable ? ' pinned to core 1 (`taskset`), autocannon 8 (programmatic) in this process pinned to core 0' : ', autocannon 8 (programmatic) in this one'}, over loopback HTTP/1.1 keep-alive, ${CONNECTIONS} connections, no pipelining. Each endpoint is checked once (status and content) and warmed up for ${WARMUP_SECONDS} s; then ${ROUNDS} rounds go through all endpoints, in an order that rotates from round to round, loading each for ${SECONDS} s (at most ${int(MAX_REQUESTS)} requests) once the server has answered whatever the run before left it. The table gives each endpoint's median round (by requests/s) with its latencies, its best round's requests/s, and errors over all rounds ("requests" are the median round's). Requests/s is completed requests over the run's duration; bodies are dropped as they arrive (checked once before the run; autocannon would otherwise decode each into a string, which costs the client more than the server spends on a timeline); latencies are percentiles of every response's time (autocannon's per-request \`process.hrtime\` durations, not its whole-millisecond histogram); errors count connection errors, timeouts (10 s) and non-2xx answers. "Sent" is bytes per answer on the wire (headers included, gzipped when asked); "JSON" the body once decoded. "Server CPU" is the server process's user + system time over the run (from /proc) per request: it depends less than requests/s on what else the machine is running, though contention inflates it too. "Alone" is one more request sent after all rounds, with nothing else in flight (to its last byte, not decoded). "Load" is the range of the 1-minute load average as the rounds began: this machine is shared, and other work on it takes cores from both processes.`,
        '',
        markdownTable(
          ['endpoint', 'requests/s', 'best round', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'requests', 'sent', 'JSON', 'server CPU ms/request', 'alone ms', 'load'],
          measured.map((m) => [m.endpoint.label, int(m.perSecond), int(m.best), ms(m.p50), ms(m.p90), ms(m.p99), ms(m.max), String(m.errors), int(m.requests), Number.isNaN(m.bytes) ? '—' : kb(m.bytes), kb(m.json), m.serverCpuMs === null ? '—' : ms(m.serverCpuMs), ms(m.alone), m.load]),
        ),
        '',
        `Target: ≥ 2,000 timeline reads/s with p99 under 50 ms with ${int(TOTAL)} sightings stored. Gzip accepted: ${verdict('timeline')}. No Accept-Encoding: ${verdict('timeline-plain')}.`,
      ].join('\n'),
    );
    log('wrote the "API load" section of BENCHMARKS.md');
  } finally {
    if (server) await stopServer(server.child);
    clearTimeout(deadline);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
