import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { checkText } from '../../provenance/check.ts';
import { textOfFile } from '../../provenance/read-input.ts';
import { readPage } from '../../spread/read-page.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { ErrorSchema, errorResponses } from '../schemas.ts';

const Span = z.object({ checkedStart: z.number(), checkedEnd: z.number(), documentStart: z.number(), documentEnd: z.number() });
const CheckSchema = z
  .object({
    matches: z.array(z.object({ leak: z.string(), documentId: z.number(), kind: z.string(), similarity: z.number(), coverage: z.number(), documentCoverage: z.number(), spans: z.array(Span) })),
    earliest: z.object({ url: z.string(), stage: z.string(), seenAt: z.string() }).nullable(),
    chain: z.array(z.object({ url: z.string(), stage: z.string(), seenAt: z.string(), basis: z.string(), parentUrl: z.string().nullable(), reason: z.string() })),
    alterations: z.array(Span.extend({ type: z.string(), text: z.string(), originalText: z.string().optional() })),
    nearest: z.array(z.object({ leak: z.string(), documentId: z.number(), similarity: z.number(), matchedWords: z.number() })),
    words: z.number(),
  })
  .openapi('Check');

const route = createRoute({
  method: 'post',
  path: '/api/check',
  tags: ['provenance'],
  summary: 'Provenance of a document: a file upload (multipart field "file"), or JSON { text } or { url }',
  request: {
    body: {
      content: {
        'application/json': { schema: z.object({ text: z.string().max(20_000_000).optional(), url: z.string().max(4096).optional() }) },
        'multipart/form-data': { schema: z.object({ file: z.any().optional().openapi({ type: 'string', format: 'binary' }) }) },
      },
      required: true,
    },
  },
  responses: { 200: { content: { 'application/json': { schema: CheckSchema } }, description: 'Matches, earliest appearance, chain, alterations' }, 503: { content: { 'application/json': { schema: ErrorSchema } }, description: 'No matcher here' }, 400: errorResponses[400] },
});

export const checkRoutes = createRouter().openapi(
  route,
  async (c) => {
    const { deps } = c.var;
    if (!deps.matcher) throw new DomainError('check_unavailable', 'This deployment has no matcher: check documents on a Node server of Leakline.', { status: 503 });
    let text: string;
    if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new DomainError('invalid_request', 'Send the document in the multipart field "file".');
      if (file.size > deps.maxUploadBytes) throw new DomainError('upload_too_large', `The file is ${file.size} bytes; the limit is ${deps.maxUploadBytes}.`, { status: 413 });
      text = await textOfFile(file.name || 'document', new Uint8Array(await file.arrayBuffer()));
    } else {
      const body = (await c.req.json().catch(() => null)) as { text?: unknown; url?: unknown } | null;
      if (body && typeof body.text === 'string' && body.text.trim()) text = body.text;
      else if (body && typeof body.url === 'string') {
        if (!deps.fetcher) throw new DomainError('check_unavailable', 'This deployment does not fetch URLs.', { status: 503 });
        text = (await readPage(await deps.fetcher.fetch(body.url))).text;
      } else throw new DomainError('invalid_request', 'Send { "text": "…" }, { "url": "https://…" } or a multipart "file".');
    }
    await recordAudit(c, 'check', null, `${text.length} characters`);
    return c.json(await checkText({ db: deps.db, matcher: deps.matcher }, text), 200);
  },
);
