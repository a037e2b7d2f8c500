import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import type { Enqueuer } from '../../src/queue/enqueuer.ts';
import { fetchJobId, importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { listLeakDocuments, getDocumentText, type DocumentRow } from '../../src/store/documents.ts';
import { findJob } from '../../src/store/jobs.ts';
import { findLeak } from '../../src/store/leaks.ts';
import { listSightings } from '../../src/store/sightings.ts';
import { startWorkers } from '../../workers/main.ts';
import { html, startFixtureServer, text } from '../helpers/fixture-server.ts';
import { REDIS_URL, testPrefix } from '../helpers/redis.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

/*
 * Hostile pages, files and posts through the whole pipeline (fetch or ingest
 * or import job, extraction, matching, storage): each is recorded or fails
 * with a clear reason, nothing around it is lost, and the runtime that ran it
 * goes on to run a normal job. Everything is served from 127.0.0.1.
 */

const DEPTH = 100_000;
const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The pages a hostile site could serve, each carrying the leaked sentence somewhere in its depths. */
function deepPages(port: number): Record<string, string> {
  const quote = `<p>A memo says that ${QUOTE}, according to the leaked files.</p>`;
  return {
    '/deep/unclosed.html': `<html><body>${'<div>'.repeat(DEPTH)}${quote}</body></html>`,
    '/deep/closed.html': `<!doctype html><html><body>${'<div>'.repeat(DEPTH)}${quote}${'</div>'.repeat(DEPTH)}</body></html>`,
    '/deep/inline.html': `<html><body>${'<span><b>'.repeat(DEPTH)}${quote}`,
    '/deep/tables.html': `<html><body>${'<table><tr><td>'.repeat(DEPTH / 4)}${quote}`,
    '/deep/links.html': `<html><body><article>${quote}${`<a href="http://localhost:${port}/deep/target.html">`.repeat(DEPTH)}deep</article></body></html>`,
    '/deep/json-ld.html': `<html><head><script type="application/ld+json">${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}</script></head><body>${quote}</body></html>`,
  };
}

async function rowCount(db: Db, table: string): Promise<number> {
  return Number((await db.$client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
}

describe('HTML nested 100,000 deep through the crawl (fixture server, fetch-page job, in-process runtime)', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let runtime: ReturnType<typeof inProcessRuntime>;

  beforeAll(async () => {
    env = await tempDb();
    server = await startFixtureServer({ 'localhost/normal.html': html(`<html><body><article><p>Reported today: ${QUOTE}.</p></article></body></html>`), 'localhost/deep/target.html': text('the link target') });
    for (const [path, body] of Object.entries(deepPages(server.port))) server.routes[`localhost${path}`] = html(body);
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: await ingestJobId('northbridge', 'hostile-crawl') });
    await runtime.enqueuer.idle();
  });
  afterAll(async () => {
    await runtime?.close();
    await server?.close();
    await env?.cleanup();
  });

  it.each(Object.keys(deepPages(0)))('records %s as a page with the leaked sentence found in it', async (path) => {
    const url = server.url('localhost', path);
    const jobId = await fetchJobId(url);
    const started = performance.now();
    await runtime.enqueuer.enqueue('fetch-page', { url }, { jobId });
    await runtime.enqueuer.idle();
    const job = await findJob(env.db, jobId);
    expect({ status: job?.status, error: job?.error }).toEqual({ status: 'completed', error: null });
    expect(performance.now() - started).toBeLessThan(30_000);
    const source = (await env.db.$client.execute({ sql: 'SELECT id, words FROM sources WHERE url = ?', args: [url] })).rows[0];
    expect(source, 'the page is recorded as a source').toBeDefined();
    expect(Number(source!.words)).toBeGreaterThan(10);
    const leak = (await findLeak(env.db, 'northbridge'))!;
    const { items } = await listSightings(env.db, leak, { limit: 100, offset: 0 });
    expect(items.filter((s) => s.url === url).map((s) => s.kind)).toContain('excerpt');
  });

  it('stores the 100,000 copies of one nested link as one link', async () => {
    const url = server.url('localhost', '/deep/links.html');
    const links = await env.db.$client.execute({ sql: 'SELECT count(*) AS n FROM links JOIN sources ON sources.id = links.source_id WHERE sources.url = ?', args: [url] });
    expect(Number(links.rows[0]!.n)).toBe(1);
  });

  it('still runs a normal crawl afterwards', async () => {
    const url = server.url('localhost', '/normal.html');
    await runtime.enqueuer.enqueue('fetch-page', { url }, { jobId: await fetchJobId(url) });
    await runtime.enqueuer.idle();
    expect((await findJob(env.db, await fetchJobId(url)))?.status).toBe('completed');
  });
});

describe('HTML nested 100,000 deep through BullMQ workers on the real Redis', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  const keys = testPrefix();
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let redis: Redis;
  let enqueuer: Enqueuer;
  const settled = (id: string) =>
    eventually(async () => {
      const j = await findJob(env.db, id);
      return j?.status === 'completed' || j?.status === 'failed' ? j : null;
    }, 60_000);

  beforeAll(async () => {
    env = await tempDb();
    server = await startFixtureServer({ 'localhost/normal.html': html(`<html><body><article><p>Reported today: ${QUOTE}.</p></article></body></html>`) });
    server.routes['localhost/deep/unclosed.html'] = html(deepPages(server.port)['/deep/unclosed.html']!);
    const config = parseConfig({ DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix, LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1', LEAKLINE_FETCH_HOST_DELAY_MS: '0', LEAKLINE_FETCH_ROBOTS: 'false' });
    workers = await startWorkers(config, () => undefined);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    enqueuer = createBullmqEnqueuer({ db: env.db, connection: redis, prefix: keys.prefix });
    const id = await ingestJobId('northbridge', 'hostile-crawl-bullmq');
    await enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: id });
    await settled(id);
  });
  afterAll(async () => {
    await workers?.close();
    await enqueuer?.close();
    redis?.disconnect();
    await keys.cleanup();
    await server?.close();
    await env?.cleanup();
  });

  it('records the deep page, and the same worker then fetches a normal page', async () => {
    const deep = server.url('localhost', '/deep/unclosed.html');
    await enqueuer.enqueue('fetch-page', { url: deep }, { jobId: await fetchJobId(deep) });
    expect(await settled(await fetchJobId(deep))).toMatchObject({ status: 'completed', error: null });
    const normal = server.url('localhost', '/normal.html');
    await enqueuer.enqueue('fetch-page', { url: normal }, { jobId: await fetchJobId(normal) });
    expect(await settled(await fetchJobId(normal))).toMatchObject({ status: 'completed' });
    const leak = (await findLeak(env.db, 'northbridge'))!;
    const urls = (await listSightings(env.db, leak, { limit: 100, offset: 0 })).items.map((s) => s.url);
    expect(urls).toEqual(expect.arrayContaining([deep, normal]));
  });
});

// ---- invalid dates and encodings, end to end ----

const SJIS_SECRET = Buffer.from([0x8b, 0x40, 0x96, 0xa7, 0x95, 0xb6, 0x8f, 0x91]); // 機密文書 ("confidential document") in Shift-JIS
const CP1252 = [0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178];
/** Windows-1252 back to bytes: shows that text read in the fallback charset still holds every original byte. */
function encodeCp1252(text: string): Buffer {
  return Buffer.from(Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const high = CP1252.indexOf(code);
    if (high === -1) throw new Error(`U+${code.toString(16)} is not in windows-1252`);
    return 0x80 + high;
  }));
}

const BAD_MAIL = [
  'From: "Finance" <finance@northbridge.example>',
  'To: director@northbridge.example',
  // a valid word, a word in a charset nobody knows, an unterminated word, then a broken base64 word
  'Subject: =?UTF-8?B?VHJhbnNmZXI=?= =?x-klingon?Q?caf=E9?= =?UTF-8?Q?memo_unterminated =?UTF-8?B?!!!not-base64?=',
  'Date: Thursday, 32 Smarch 2017 25:61:00 +9900',
  'Message-ID: <bad-date@northbridge.example>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  `Forwarded: ${MEMO}`,
  '',
].join('\r\n');

const DEEP_HTML_MAIL = [
  'From: a@northbridge.example',
  'To: b@northbridge.example',
  'Subject: deep',
  'Date: Fri, 18 Oct 2024 09:15:00 +0200',
  'Content-Type: text/html; charset=utf-8',
  '',
  `<html><body>${'<div>'.repeat(DEPTH)}<p>Deep mail: ${QUOTE}</p></body></html>`,
  '',
].join('\r\n');

describe('invalid dates and encodings, end to end (ingest-dump and import-posts jobs)', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  let docs: Map<string, DocumentRow>;
  let dump: string;
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    env = await tempDb();
    runtime = inProcessRuntime(env.db);
    dump = join(env.dir, 'encodings');
    await mkdir(dump);
    files.set('utf16le-no-bom.txt', Buffer.from(`UTF-16 without a byte order mark: ${QUOTE}`, 'utf16le'));
    files.set('utf16be-no-bom.txt', Buffer.from(`UTF-16 big-endian without a BOM: ${QUOTE}`, 'utf16le').swap16());
    files.set('shift-jis.txt', Buffer.concat([Buffer.from('Shift-JIS memo: '), SJIS_SECRET, Buffer.from(` ${QUOTE}`)]));
    files.set('shift-jis-declared.html', Buffer.concat([Buffer.from('<html><head><meta charset="shift_jis"><title>memo</title></head><body><p>'), SJIS_SECRET, Buffer.from(` ${QUOTE}</p></body></html>`)]));
    files.set('bogus-charset.html', Buffer.from(`<html><head><meta charset="x-klingon-9"></head><body><p>A bogus charset label: ${QUOTE}</p></body></html>`));
    files.set('bad-date.eml', Buffer.from(BAD_MAIL));
    files.set('deep-html.eml', Buffer.from(DEEP_HTML_MAIL));
    files.set('deep.html', Buffer.from(`<html><body>${'<div>'.repeat(DEPTH)}<p>Deep file: ${QUOTE}</p></body></html>`));
    files.set('nul-after-4k.txt', Buffer.from(`${'padding '.repeat(600)}\u0000 after the NUL: ${QUOTE}`));
    files.set('nul.json', Buffer.from(JSON.stringify({ memo: `before\u0000after the escaped NUL: ${QUOTE}` })));
    files.set('memo.txt', Buffer.from(MEMO));
    for (const [name, bytes] of files) await writeFile(join(dump, name), bytes);
    const id = await ingestJobId('encodings', 'hostile');
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'encodings', source: dump, dropUrl: 'https://paste.example/raw/encodings', droppedAt: '2024-10-20T18:35:00Z' }, { jobId: id });
    await runtime.enqueuer.idle();
    expect((await findJob(env.db, id))?.status).toBe('completed');
    const leak = (await findLeak(env.db, 'encodings'))!;
    docs = new Map((await listLeakDocuments(env.db, leak.id, { limit: 100, offset: 0 })).items.map((d) => [d.path, d]));
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  const doc = (path: string) => {
    const row = docs.get(`encodings/${path}`) ?? docs.get(path);
    if (!row) throw new Error(`no document ${path}; the dump holds ${[...docs.keys()].join(', ')}`);
    return row;
  };

  it('keeps every file as a document with the hash of its exact bytes', () => {
    for (const [name, bytes] of files) {
      expect(doc(name), name).toMatchObject({ status: 'ok', sha256: sha256(bytes), bytes: bytes.length });
    }
  });

  it('reads UTF-16 without a byte order mark, little- and big-endian', async () => {
    expect(doc('utf16le-no-bom.txt').metadata).toMatchObject({ charset: 'utf-16le' });
    expect(doc('utf16be-no-bom.txt').metadata).toMatchObject({ charset: 'utf-16be' });
    for (const name of ['utf16le-no-bom.txt', 'utf16be-no-bom.txt']) expect(await getDocumentText(env.db, doc(name).id)).toContain(QUOTE);
  });

  it('flags undeclared Shift-JIS as not UTF-8 and keeps every byte recoverable from the stored text', async () => {
    const row = doc('shift-jis.txt');
    expect(row.metadata).toMatchObject({ charset: 'windows-1252', invalidUtf8: true });
    const stored = await getDocumentText(env.db, row.id);
    expect(stored).toContain(QUOTE);
    expect(encodeCp1252(stored!).equals(files.get('shift-jis.txt')!)).toBe(true);
  });

  it('decodes Shift-JIS declared by a page, and falls back to detection for a charset label nobody knows', async () => {
    expect(doc('shift-jis-declared.html').metadata).toMatchObject({ charset: 'shift_jis' });
    expect(await getDocumentText(env.db, doc('shift-jis-declared.html').id)).toContain('機密文書');
    expect(doc('bogus-charset.html').metadata).toMatchObject({ charset: 'utf-8' });
    expect(await getDocumentText(env.db, doc('bogus-charset.html').id)).toContain(QUOTE);
  });

  it('keeps a mail with an invalid Date header and broken encoded words: no date, the raw headers, the body', async () => {
    const row = doc('bad-date.eml');
    expect(row.metadata.date).toBeUndefined();
    expect(row.metadata.created).toBeUndefined();
    expect((row.metadata.headers as Record<string, string>).date).toBe('Thursday, 32 Smarch 2017 25:61:00 +9900');
    expect(row.metadata.subject).toEqual(expect.stringContaining('Transfer'));
    expect(await getDocumentText(env.db, row.id)).toContain(QUOTE);
  });

  it('keeps the text after a NUL character, which stands as U+FFFD at the same offset', async () => {
    const txt = (await getDocumentText(env.db, doc('nul-after-4k.txt').id))!;
    expect(txt).toContain(`\ufffd after the NUL: ${QUOTE}`);
    expect(txt.indexOf('\ufffd')).toBe('padding '.repeat(600).length);
    expect(await getDocumentText(env.db, doc('nul.json').id)).toBe(`before\ufffdafter the escaped NUL: ${QUOTE}`);
  });

  it('reads HTML nested 100,000 deep in a file and in a mail body', async () => {
    expect(await getDocumentText(env.db, doc('deep.html').id)).toContain(`Deep file: ${QUOTE}`);
    expect(await getDocumentText(env.db, doc('deep-html.eml').id)).toContain(`Deep mail: ${QUOTE}`);
  });

  it('imports posts with invalid dates: each kept, without a claimed time, none lost', async () => {
    const tweet = (id: string, created_at: unknown) => JSON.stringify({ id, author_id: `u${id}`, created_at, text: `The files: https://paste.example/raw/encodings (${id})`, entities: { urls: [{ url: 'https://t.co/x', expanded_url: 'https://paste.example/raw/encodings' }] } });
    const invalid: unknown[] = ['last Tuesday', '2017-02-30T25:61:00Z', '0000-00-00T00:00:00Z', '', '9999-99-99', 1e21, null, { $date: 'x' }, ['2017-05-05'], '\u0000\u202e2017'];
    const lines = [tweet('1', '2024-10-21T08:00:00.000Z'), ...invalid.map((value, i) => tweet(String(i + 2), value))];
    const file = join(env.dir, 'bad-dates.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const id = await importJobId('twitter-v2', 'bad-dates');
    await runtime.enqueuer.enqueue('import-posts', { source: file, format: 'twitter-v2' }, { jobId: id });
    await runtime.enqueuer.idle();
    const job = await findJob(env.db, id);
    expect(job).toMatchObject({ status: 'completed', result: expect.objectContaining({ posts: lines.length, matched: lines.length, rejected: 0 }) });

    const leak = (await findLeak(env.db, 'encodings'))!;
    const { items } = await listSightings(env.db, leak, { kind: 'link', limit: 100, offset: 0 });
    const byAccount = new Map(items.map((s) => [s.account, s]));
    expect(byAccount.size).toBe(lines.length);
    expect(byAccount.get('u1')?.publishedAt).toBe('2024-10-21T08:00:00.000Z');
    for (let i = 2; i <= lines.length; i++) {
      const sighting = byAccount.get(`u${i}`);
      expect(sighting, `u${i}`).toBeDefined();
      expect(sighting!.publishedAt, `u${i}`).toBeNull();
      expect(Date.parse(sighting!.observedAt)).toBeGreaterThan(Date.parse('2025-01-01'));
    }
    expect(await rowCount(env.db, 'posts')).toBe(lines.length);
  });
});
