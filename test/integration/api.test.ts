import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { createDiskUploadStore } from '../../src/ingest/upload-store.ts';
import { makeZip } from '../helpers/make-archives.ts';
import { inProcessRuntime } from '../helpers/runtime.ts';
import { SAMPLE_DUMP, eventually, tempDb } from '../helpers/temp.ts';

const json = (res: Response): Promise<any> => res.json();

describe('HTTP API', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let app: ReturnType<typeof createApp>;
  let enqueuer: ReturnType<typeof inProcessRuntime>['enqueuer'];

  beforeAll(async () => {
    env = await tempDb();
    enqueuer = inProcessRuntime(env.db).enqueuer;
    app = createApp({ db: env.db, enqueuer, uploads: createDiskUploadStore(join(env.dir, 'uploads'), 1 << 20), maxUploadBytes: 1 << 20, version: 'test' });
  });
  afterAll(() => env.cleanup());

  const upload = (slug: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return app.request(`/api/leaks/${slug}/dumps`, { method: 'POST', body: form });
  };

  it('creates, lists and gets leaks', async () => {
    const created = await app.request('/api/leaks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'api-leak', title: 'API leak', droppedAt: '2017-05-05T18:35:00Z', dropUrl: 'https://paste.example/raw/abc' }),
    });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ slug: 'api-leak', droppedAt: '2017-05-05T18:35:00.000Z' });
    const list = await json(await app.request('/api/leaks'));
    expect(list.items.map((l: { slug: string }) => l.slug)).toContain('api-leak');
    expect(await json(await app.request('/api/leaks/api-leak'))).toMatchObject({ title: 'API leak' });
  });

  it('ingests an uploaded dump as a job and lists its documents with metadata', async () => {
    const memo = await readFile(join(SAMPLE_DUMP, 'finance/transfer-memo.txt'));
    const pdf = await readFile(join(SAMPLE_DUMP, 'finance/payments.pdf'));
    const zip = makeZip({ 'memo.txt': memo, 'payments.pdf': pdf });
    const res = await upload('api-leak', zip, 'dump.zip', { droppedAt: '2017-05-05T18:35:00Z' });
    expect(res.status).toBe(202);
    const { jobId, created } = await json(res);
    expect(created).toBe(true);
    const job = await eventually(async () => {
      const j = await json(await app.request(`/api/jobs/${jobId}`));
      return j.status === 'completed' ? j : null;
    });
    expect(job.result).toMatchObject({ documents: 3, extracted: 3, failed: 0 });

    const again = await json(await upload('api-leak', zip, 'dump.zip'));
    expect(again).toMatchObject({ jobId, created: false });

    const docs = await json(await app.request('/api/leaks/api-leak/documents'));
    expect(docs.total).toBe(3);
    const pdfDoc = docs.items.find((d: { path: string }) => d.path === 'dump.zip/payments.pdf');
    expect(pdfDoc).toMatchObject({ status: 'ok', format: 'pdf', metadata: expect.objectContaining({ author: 'M. Keller' }) });
    const one = await json(await app.request(`/api/documents/${pdfDoc.id}`));
    expect(one.document).toMatchObject({ id: pdfDoc.id, sha256: pdfDoc.sha256 });
    expect(one.document).not.toHaveProperty('text');
    expect(one.appearances).toEqual([{ leak: 'api-leak', path: 'dump.zip/payments.pdf' }]);
    const onlyFailed = await json(await app.request('/api/leaks/api-leak/documents?status=failed'));
    expect(onlyFailed.total).toBe(0);
  });

  it('answers bad requests with 4xx and { error: { code, message } }', async () => {
    const cases: Array<[string, RequestInit | undefined, number, string]> = [
      ['/api/leaks/no-such-leak', undefined, 404, 'leak_not_found'],
      ['/api/leaks/Bad%20Slug', undefined, 400, 'invalid_request'],
      ['/api/leaks/api-leak/documents?limit=-1', undefined, 400, 'invalid_request'],
      ['/api/leaks/api-leak/documents?status=nonsense', undefined, 400, 'invalid_request'],
      ['/api/documents/999999', undefined, 404, 'document_not_found'],
      ['/api/documents/abc', undefined, 400, 'invalid_request'],
      ['/api/jobs/ingest-0000000000', undefined, 404, 'job_not_found'],
      ['/api/jobs/..%2F..%2Fetc%2Fpasswd', undefined, 400, 'invalid_request'],
      ['/api/leaks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"slug":' }, 400, 'invalid_request'],
      ['/api/leaks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"slug":"x","droppedAt":"yesterday"}' }, 400, 'invalid_request'],
      ['/api/leaks/api-leak/dumps', { method: 'POST', body: 'not a form', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      ['/api/leaks/api-leak/dumps', { method: 'POST', body: new FormData() }, 400, 'invalid_request'],
      ['/api/nothing-here', undefined, 404, 'not_found'],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await app.request(path, init);
      const body = await json(res);
      expect({ path, status: res.status, code: body.error?.code }).toEqual({ path, status, code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses an upload over the size limit with 413', async () => {
    const res = await upload('api-leak', new Uint8Array(2 << 20), 'big.zip');
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('upload_too_large');
  });

  it('publishes an OpenAPI document of every route', async () => {
    const doc = await json(await app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/leaks', '/api/leaks/{slug}', '/api/leaks/{slug}/dumps', '/api/leaks/{slug}/documents', '/api/documents/{id}', '/api/jobs/{id}']),
    );
  });

  it('serves the dashboard pages', async () => {
    const home = await app.request('/');
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('api-leak');
    const leak = await (await app.request('/leaks/api-leak')).text();
    expect(leak).toContain('dump.zip/payments.pdf');
  });

  it('serves the dashboard stylesheets and scripts from this repository and the uPlot package, revalidated by ETag', async () => {
    for (const [name, type] of [['leakline.css', 'text/css'], ['leakline.js', 'text/javascript'], ['uplot.js', 'text/javascript'], ['uplot.css', 'text/css']] as const) {
      const res = await app.request(`/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect((await res.text()).length).toBeGreaterThan(1000);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect((await app.request(`/assets/${name}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    expect((await app.request('/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
