import { createRoute, z } from '@hono/zod-openapi';
import { getDocument, listLeakDocuments } from '../../store/documents.ts';
import { getLeak } from '../../store/leaks.ts';
import { createRouter } from '../router.ts';
import { DocumentSchema, PageQuery, SlugParam, errorResponses } from '../schemas.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/documents',
  tags: ['documents'],
  summary: "List a leak's documents with their status and metadata",
  request: {
    params: SlugParam,
    query: PageQuery.extend({
      status: z.enum(['ok', 'failed', 'unsupported', 'empty', 'skipped']).optional().openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: z.object({ total: z.number(), items: z.array(DocumentSchema) }) } }, description: 'Documents in path order' },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}',
  tags: ['documents'],
  summary: "One document's metadata, fingerprint summary and every place it appears",
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }) },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ document: DocumentSchema.omit({ path: true, parentPath: true }), appearances: z.array(z.object({ leak: z.string(), path: z.string() })) }),
        },
      },
      description: 'The document (its text is not included)',
    },
    ...errorResponses,
  },
});

export const documentRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const leak = await getLeak(c.var.deps.db, c.req.valid('param').slug);
    const { limit, offset, status } = c.req.valid('query');
    return c.json(await listLeakDocuments(c.var.deps.db, leak.id, { limit, offset, status }), 200);
  })
  .openapi(getRoute, async (c) => c.json(await getDocument(c.var.deps.db, c.req.valid('param').id), 200));
