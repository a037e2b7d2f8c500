import { createRoute, z } from '@hono/zod-openapi';
import { getLeak } from '../../store/leaks.ts';
import { getSighting, listSightings } from '../../store/sightings.ts';
import { createRouter } from '../router.ts';
import { PageQuery, SlugParam, errorResponses } from '../schemas.ts';

export const SightingSchema = z
  .object({
    id: z.number(),
    leak: z.string(),
    documentId: z.number().nullable(),
    documentPath: z.string().nullable(),
    url: z.string(),
    domain: z.string().nullable(),
    platform: z.string().nullable(),
    account: z.string().nullable(),
    title: z.string().nullable(),
    stage: z.string().openapi({ description: 'drop | amplification | mainstream | unclassified' }),
    tier: z.number().nullable(),
    kind: z.string().openapi({ description: 'exact | excerpt | near | altered | link' }),
    similarity: z.number(),
    publishedAt: z.string().nullable().openapi({ description: 'The time the source claims, or null' }),
    observedAt: z.string().openapi({ description: 'When Leakline first saw the source' }),
    evidence: z.record(z.string(), z.unknown()),
  })
  .openapi('Sighting');

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO-8601 date').transform((v) => new Date(v).toISOString());

const listRoute = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/sightings',
  tags: ['sightings'],
  summary: "A leak's sightings, oldest first, with filters",
  request: {
    params: SlugParam,
    query: PageQuery.extend({
      stage: z.enum(['drop', 'amplification', 'mainstream', 'unclassified']).optional(),
      kind: z.enum(['exact', 'excerpt', 'near', 'altered', 'link']).optional(),
      domain: z.string().max(253).regex(/^[A-Za-z0-9.-]+$/, 'a host name').optional(),
      since: isoDate.optional(),
      until: isoDate.optional(),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: z.object({ total: z.number(), items: z.array(SightingSchema) }) } }, description: 'Sightings' }, ...errorResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/sightings/{id}',
  tags: ['sightings'],
  summary: 'One sighting with its evidence',
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: { content: { 'application/json': { schema: SightingSchema } }, description: 'The sighting' }, ...errorResponses },
});

export const sightingRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const leak = await getLeak(c.var.deps.db, c.req.valid('param').slug);
    return c.json(await listSightings(c.var.deps.db, leak, c.req.valid('query')), 200);
  })
  .openapi(getRoute, async (c) => c.json(await getSighting(c.var.deps.db, c.req.valid('param').id), 200));
