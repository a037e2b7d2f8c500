import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { RateLimiter } from '../../src/api/rate-limit.ts';
import { requiredRole, type Role } from '../../src/domain/auth/roles.ts';
import { ingestJobId } from '../../src/queue/job-ids.ts';
import { createApiKey, listAudit, revokeApiKey } from '../../src/store/keys.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

type App = ReturnType<typeof createApp>;

/** Every route of the OpenAPI document with plausible parameters, as [method, path]. */
async function allRoutes(app: App): Promise<[string, string][]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const fill = (path: string) =>
    path.replace('{slug}', 'northbridge').replace('{id}', path.includes('/keys/') ? 'key_abcdefgh' : path.includes('/jobs/') ? 'ingest-0000000000' : '1').replace('{pattern}', 'paste.example');
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), fill(path)] as [string, string]));
}

const BODY: Record<string, unknown> = { '/api/leaks': { slug: 'x-leak' }, '/api/check': { text: 'hello' }, '/api/crawl': { urls: ['https://example.org/'] }, '/api/keys': { role: 'reader' }, '/api/feeds': { url: 'https://example.org/feed' }, '/api/webhooks': { url: 'https://example.org/hook' }, '/api/domains/paste.example': { stage: 'drop' } };

describe('access control', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let runtime: ReturnType<typeof inProcessRuntime>;
  let app: App;
  const keys: Record<Role, string> = { reader: '', analyst: '', admin: '' };
  let revoked = '';
  const call = (method: string, path: string, key?: string, extra: RequestInit = {}) => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(BODY[path] ?? {});
    return app.request(path, { method, headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body, ...extra });
  };

  beforeAll(async () => {
    env = await tempDb();
    runtime = inProcessRuntime(env.db);
    await runtime.enqueuer.enqueue('ingest-dump', { leak: 'northbridge', source: SAMPLE_DUMP }, { jobId: await ingestJobId('northbridge', 'sec') });
    await runtime.enqueuer.idle();
    app = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 1 << 20, version: 'test', access: { openWhenNoKeys: true, limiter: new RateLimiter(1000, 1000) } });
  });
  afterAll(async () => {
    await runtime.close();
    await env.cleanup();
  });

  it('runs open on loopback while no key exists', async () => {
    expect((await call('GET', '/api/leaks')).status).toBe(200);
  });

  it('refuses every route without a key once one exists (health and the API description excepted)', async () => {
    for (const role of ['reader', 'analyst', 'admin'] as Role[]) keys[role] = (await createApiKey(env.db, role, `test ${role}`)).key;
    const r = await createApiKey(env.db, 'admin', 'to revoke');
    revoked = r.key;
    await revokeApiKey(env.db, r.id);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the open check is cached for 2 s
    const routes = await allRoutes(app);
    expect(routes.length).toBeGreaterThan(25);
    for (const [method, path] of routes) {
      const res = await call(method, path);
      if (path === '/api/health' || path === '/api/openapi.json') expect(res.status, `${method} ${path}`).toBe(200);
      else {
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
      // a revoked key is no key
      if (requiredRole(method, path) !== null) expect((await call(method, path, revoked)).status, `${method} ${path} revoked`).toBe(401);
    }
  });

  it('lets each role through exactly the routes its role allows, and no others', async () => {
    for (const [method, path] of await allRoutes(app)) {
      const needed = requiredRole(method, path);
      if (needed === null) continue;
      for (const role of ['reader', 'analyst', 'admin'] as Role[]) {
        const res = await call(method, path, keys[role]);
        const rank = { reader: 1, analyst: 2, admin: 3 };
        if (rank[role] < rank[needed]) expect(res.status, `${role} ${method} ${path}`).toBe(403);
        else expect([401, 403], `${role} ${method} ${path} gave ${res.status}`).not.toContain(res.status);
        await res.body?.cancel();
      }
    }
  });

  it('never shows a leaked text to a reader, and audits every read by others', async () => {
    const { rows } = await env.db.$client.execute('SELECT document_id FROM document_texts LIMIT 1');
    const id = String(rows[0]!.document_id);
    expect((await call('GET', `/api/documents/${id}/text`, keys.reader)).status).toBe(403);
    const read = await call('GET', `/api/documents/${id}/text`, keys.analyst);
    expect(read.status).toBe(200);
    const doc = (await (await call('GET', `/api/documents/${id}`, keys.reader)).json()) as { document: Record<string, unknown> };
    expect(doc.document).not.toHaveProperty('text');
    const trail = await listAudit(env.db);
    expect(trail.some((e) => e.action === 'document.read_text' && e.target === id && e.role === 'analyst')).toBe(true);
    const viaApi = (await (await call('GET', '/api/audit', keys.admin)).json()) as { items: { action: string }[] };
    expect(viaApi.items.map((e) => e.action)).toContain('document.read_text');
    expect((await call('GET', '/api/audit', keys.analyst)).status).toBe(403);
  });

  it('rate limits each key with 429 and Retry-After', async () => {
    const limited = createApp({ db: env.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test', access: { openWhenNoKeys: false, limiter: new RateLimiter(1, 2) } });
    const get = () => limited.request('/api/leaks', { headers: { authorization: `Bearer ${keys.reader}` } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const third = await get();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('requires a key when reachable from elsewhere, even with no key created', async () => {
    const fresh = await tempDb();
    try {
      const exposed = createApp({ db: fresh.db, enqueuer: runtime.enqueuer, maxUploadBytes: 0, version: 'test', access: { openWhenNoKeys: false, limiter: new RateLimiter(10, 10) } });
      expect((await exposed.request('/api/leaks')).status).toBe(401);
    } finally {
      await fresh.cleanup();
    }
  });

  it('signs the dashboard in once with an HTTP-only SameSite session, and refuses cross-site form posts', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2F');
    const bad = await app.request('/login', { method: 'POST', body: new URLSearchParams({ key: 'nope', next: '/' }) });
    expect(bad.status).toBe(401);
    const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ key: keys.analyst, next: '//evil.example/' }) });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await app.request('/', { headers: { cookie: session } })).status).toBe(200);
    expect((await app.request('/api/leaks', { headers: { cookie: session } })).status).toBe(200);
    const crossSite = await app.request('/api/check', { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' }, body: '{"text":"x"}' });
    expect(crossSite.status).toBe(403);
    const sameSite = await app.request('http://localhost/api/check', { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, body: '{"text":"hello there"}' });
    expect(sameSite.status).not.toBe(403);
  });
});
