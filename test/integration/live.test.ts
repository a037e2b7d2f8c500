import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { fetchJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { upsertDomain } from '../../src/store/domains.ts';
import { addWebhook } from '../../src/store/events.ts';
import { html, startFixtureServer, text } from '../helpers/fixture-server.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

const MEMO = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'), 'utf8');
const QUOTE = 'the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold';

describe('live: events, server-sent events and signed webhooks', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let pages: Awaited<ReturnType<typeof startFixtureServer>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let failuresLeft = 1;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      // the first delivery fails: the queue must retry it
      if (failuresLeft-- > 0) {
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    env = await tempDb();
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    pages = await startFixtureServer({
      'localhost/paste/raw/nb': text(MEMO),
      'localhost/news/story.html': html(`<html><head><meta property="article:published_time" content="2024-10-22T06:00:00Z"></head><body><article><p>The leaked memo says ${QUOTE}, and the campaign has not denied it.</p><p>More details are expected from the prosecutors later this week, our correspondent reports.</p></article></body></html>`),
    });
    runtime = inProcessRuntime(env.db, { LEAKLINE_FETCH_ALLOW: 'localhost,127.0.0.1,::1' });
    await upsertDomain(env.db, { pattern: 'localhost/paste', stage: 'drop', tier: null, label: 'paste', platform: null });
    await upsertDomain(env.db, { pattern: 'localhost/news', stage: 'mainstream', tier: 1, label: 'news', platform: null });
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: await ingestJobId('northbridge', 'live') });
    await runtime.enqueuer.idle();
  });
  afterAll(async () => {
    await runtime.close();
    await pages.close();
    await new Promise((r) => receiver.close(r));
    await env.cleanup();
  });

  it('streams stage transitions and delivers them to webhooks, signed and retried', async () => {
    const secret = 'a-long-shared-secret-for-tests';
    await addWebhook(env.db, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret, events: 'stage.entered,leak.entered_mainstream' });
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    const stream = await app.request('/api/events?after=0');
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();

    for (const path of ['/paste/raw/nb', '/news/story.html']) {
      const url = pages.url('localhost', path);
      await runtime.enqueuer.enqueue('fetch-page', { url }, { jobId: await fetchJobId(url) });
      await runtime.enqueuer.idle();
    }

    let seen = '';
    const decoder = new TextDecoder();
    while (!seen.includes('event: leak.entered_mainstream')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    await reader.cancel();
    expect(seen).toMatch(/^event: stage.entered$/m);
    expect(seen).toMatch(/^id: \d+$/m);
    expect(seen).toContain('"stage":"drop"');
    expect(seen).toContain('"stage":"mainstream"');
    expect(seen).toMatch(/entered the mainstream: first article at localhost/);

    await eventually(async () => received.length >= 3, 20_000);
    const types = received.map((r) => r.headers['x-leakline-event']).sort();
    expect(types).toEqual(['leak.entered_mainstream', 'stage.entered', 'stage.entered']);
    for (const r of received) {
      const expected = `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;
      expect(r.headers['x-leakline-signature']).toBe(expected);
      expect(JSON.parse(r.body)).toMatchObject({ leak: 'northbridge', type: r.headers['x-leakline-event'] });
    }
  });

  it('manages webhooks through the API without ever showing a secret again', async () => {
    const app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test' });
    const added = await app.request('/api/webhooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://newsroom.example/hooks/leakline' }) });
    expect(added.status).toBe(201);
    const hook = (await added.json()) as { id: number; secret: string };
    expect(hook.secret.length).toBeGreaterThanOrEqual(24);
    const list = (await (await app.request('/api/webhooks')).json()) as { items: Record<string, unknown>[] };
    expect(list.items.every((h) => !('secret' in h))).toBe(true);
    expect((await app.request(`/api/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/api/webhooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'ftp://x' }) })).status).toBe(400);
  });
});
