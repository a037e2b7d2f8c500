import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { ingestJobId } from '../../queue/job-ids.ts';
import { httpUrlSchema, isoDateSchema } from '../../queue/jobs.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { ErrorSchema, SlugParam, errorResponses } from '../schemas.ts';

const UploadForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: 'The dump: .zip, .tar, .tar.gz or a single document' }),
  title: z.string().max(500).optional(),
  droppedAt: z.string().optional().openapi({ example: '2017-05-05T18:35:00Z' }),
  dropUrl: z.string().optional(),
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/api/leaks/{slug}/dumps',
  tags: ['leaks'],
  summary: 'Upload a dump into a leak (created if new); returns the ingest job',
  request: { params: SlugParam, body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true } },
  responses: {
    202: { content: { 'application/json': { schema: z.object({ jobId: z.string(), created: z.boolean(), status: z.string() }) } }, description: 'Queued (or already known)' },
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Too large' },
    503: { content: { 'application/json': { schema: ErrorSchema } }, description: 'This deployment cannot ingest' },
    ...errorResponses,
  },
});

const optional = <T>(schema: z.ZodType<T>, value: unknown, field: string): T | undefined => {
  if (value === undefined || value === '') return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DomainError('invalid_request', `${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

export const dumpRoutes = createRouter().openapi(
  uploadRoute,
  async (c) => {
    const { deps } = c.var;
    const { slug } = c.req.valid('param');
    if (!deps.uploads || deps.enqueuer.mode === 'refusing') {
      throw new DomainError('ingest_unavailable', 'This deployment does not ingest dumps (no job queue or upload storage here). Upload to a Node server of Leakline instead.', { status: 503 });
    }
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > deps.maxUploadBytes) {
      throw new DomainError('upload_too_large', `The upload is ${declared} bytes; the limit is ${deps.maxUploadBytes} (LEAKLINE_MAX_UPLOAD_BYTES).`, { status: 413 });
    }
    const form = await c.req.parseBody().catch(() => {
      throw new DomainError('invalid_request', 'The body must be multipart/form-data with the dump in a field named "file".');
    });
    const file = form.file;
    if (!(file instanceof File)) throw new DomainError('invalid_request', 'Send the dump as a file in the multipart field "file".');
    const fields = {
      title: optional(z.string().max(500), form.title, 'title'),
      droppedAt: optional(isoDateSchema, form.droppedAt, 'droppedAt'),
      dropUrl: optional(httpUrlSchema, form.dropUrl, 'dropUrl'),
    };
    const stored = await deps.uploads.save(file);
    const jobId = await ingestJobId(slug, stored.sha256);
    const payload = { leak: slug, source: stored.path, name: file.name || 'upload', ...fields };
    const { created } = await deps.enqueuer.enqueue('ingest-dump', payload, { jobId });
    await recordAudit(c, 'ingest', slug, `${file.name} ${stored.sha256}`);
    return c.json({ jobId, created, status: created ? 'queued' : 'known' }, 202);
  },
);
