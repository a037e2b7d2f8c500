import { createRoute, z } from '@hono/zod-openapi';
import { getLeak } from '../../store/leaks.ts';
import { readTimeline } from '../../store/timelines.ts';
import { timelineCsv } from '../../domain/timeline/csv.ts';
import { createRouter } from '../router.ts';
import { SlugParam, errorResponses } from '../schemas.ts';

const Ref = z.object({ id: z.number(), url: z.string(), kind: z.string(), at: z.string(), basis: z.enum(['claimed', 'observed']), domain: z.string().nullable(), account: z.string().nullable() });

export const TimelineSchema = z
  .object({
    leak: z.string(),
    droppedAt: z.string().nullable(),
    stages: z.array(
      z.object({
        stage: z.string(),
        firstSeenAt: z.string().nullable(),
        lastSeenAt: z.string().nullable(),
        sightings: z.number(),
        firstSighting: Ref.nullable(),
        lastSighting: Ref.nullable(),
        domains: z.number(),
        accounts: z.number(),
        earliest: z.array(Ref),
        mostReposted: z.array(Ref.extend({ reposts: z.number() })),
        series: z.object({ hourly: z.array(z.object({ at: z.string(), sightings: z.number() })), daily: z.array(z.object({ at: z.string(), sightings: z.number() })) }),
      }),
    ),
    transitions: z.array(z.object({ from: z.string(), to: z.string(), lagSeconds: z.number(), fromSighting: Ref, toSighting: Ref })),
    enteredMainstreamAt: z.string().nullable(),
    enteredMainstreamBy: Ref.nullable(),
    suspicious: z.array(z.object({ id: z.number(), url: z.string(), publishedAt: z.string().nullable(), observedAt: z.string(), reason: z.string() })),
    unclassified: z.number(),
    coordinated: z.array(z.object({ id: z.string(), basis: z.string(), start: z.string(), end: z.string(), accounts: z.number(), posts: z.number(), example: z.string() })),
    updatedAt: z.string(),
  })
  .openapi('Timeline');

const route = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/timeline',
  tags: ['timeline'],
  summary: "A leak's stage-by-stage timeline (JSON, or CSV with ?format=csv)",
  request: { params: SlugParam, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
  responses: { 200: { content: { 'application/json': { schema: TimelineSchema }, 'text/csv': { schema: z.string() } }, description: 'The timeline' }, ...errorResponses },
});

export const timelineRoutes = createRouter().openapi(route, async (c) => {
  const timeline = await readTimeline(c.var.deps.db, await getLeak(c.var.deps.db, c.req.valid('param').slug));
  if (c.req.valid('query').format === 'csv') return c.body(timelineCsv(timeline), 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
  return c.json(timeline, 200);
});
