import { createRoute, z } from '@hono/zod-openapi';
import { httpUrlSchema, isoDateSchema, slugSchema } from '../../queue/jobs.ts';
import { duplicateGroups } from '../../store/documents.ts';
import { getLeak, listLeaks, upsertLeak } from '../../store/leaks.ts';
import { createRouter } from '../router.ts';
import { LeakSchema, LeakSummarySchema, PageQuery, SlugParam, errorResponses } from '../schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const listRoute = createRoute({
  method: 'get',
  path: '/api/leaks',
  tags: ['leaks'],
  summary: 'List leaks with their document counts',
  request: { query: PageQuery },
  responses: { 200: json(z.object({ items: z.array(LeakSummarySchema) }), 'Leaks, newest first'), 400: errorResponses[400] },
});

const CreateLeak = z.object({
  slug: slugSchema,
  title: z.string().max(500).optional(),
  droppedAt: isoDateSchema.optional(),
  dropUrl: httpUrlSchema.optional(),
});

const createLeakRoute = createRoute({
  method: 'post',
  path: '/api/leaks',
  tags: ['leaks'],
  summary: 'Create a leak, or update the fields given for an existing one',
  request: { body: { content: { 'application/json': { schema: CreateLeak } }, required: true } },
  responses: { 201: json(LeakSchema, 'The leak'), 400: errorResponses[400] },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}',
  tags: ['leaks'],
  summary: 'Get one leak',
  request: { params: SlugParam },
  responses: { 200: json(LeakSchema, 'The leak'), ...errorResponses },
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/duplicates',
  tags: ['documents'],
  summary: "Groups of a leak's documents with identical normalised text",
  request: { params: SlugParam, query: z.object({ minWords: z.coerce.number().int().min(0).default(0) }) },
  responses: { 200: json(z.object({ groups: z.array(z.object({ textSha256: z.string(), paths: z.array(z.string()) })) }), 'Duplicate groups, largest first'), ...errorResponses },
});

export const leakRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json({ items: await listLeaks(c.var.deps.db, { limit, offset }) }, 200);
  })
  .openapi(createLeakRoute, async (c) => c.json(await upsertLeak(c.var.deps.db, c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getLeak(c.var.deps.db, c.req.valid('param').slug), 200))
  .openapi(duplicatesRoute, async (c) => {
    const leak = await getLeak(c.var.deps.db, c.req.valid('param').slug);
    return c.json({ groups: await duplicateGroups(c.var.deps.db, leak.id, c.req.valid('query').minWords) }, 200);
  });
