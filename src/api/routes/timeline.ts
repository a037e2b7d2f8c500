import { createRoute, z } from '@hono/zod-openapi';
import { getLeak } from '../../store/leaks.ts';
import { readTimeline, readTimelineBody } from '../../store/timelines.ts';
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
    coordinated: z
      .array(z.object({ id: z.string(), basis: z.string(), start: z.string(), end: z.string(), accounts: z.number(), posts: z.number(), example: z.string() }))
      .openapi({ description: 'The largest coordinated bursts (at most 50), in time order; /api/leaks/{slug}/coordination lists them all' }),
    coordinatedTotal: z.number().openapi({ description: 'How many coordinated bursts there are in all' }),
    coordinatedSpans: z.array(z.object({ start: z.string(), end: z.string(), bursts: z.number() })).openapi({ description: 'Every burst, merged into spans of time (less than an hour apart: one span)' }),
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

/** Whether an Accept-Encoding header takes gzip: named with a q above 0, or, when not named, through `*`. */
function acceptsGzip(header: string | undefined): boolean {
  const q: Record<string, number> = {};
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    q[coding] = weight === undefined ? 1 : Number(weight.slice(2)) || 0;
  }
  return (q.gzip ?? q['x-gzip'] ?? q['*'] ?? 0) > 0;
}

export const timelineRoutes = createRouter().openapi(route, async (c) => {
  const { db } = c.var.deps;
  const { slug } = c.req.valid('param');
  if (c.req.valid('query').format === 'csv') return c.body(timelineCsv(await readTimeline(db, await getLeak(db, slug))), 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
  // the stored JSON as stored, gzipped once per build for clients that take it: parsing, serialising or
  // compressing it again would cost more than the whole rest of the request
  const body = await readTimelineBody(db, { slug });
  const headers: Record<string, string> = { 'content-type': 'application/json', etag: body.etag, vary: 'accept-encoding' };
  // If-None-Match compares weakly: W/"x" and "x" name the same timeline
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(body.etag))) return c.body(null, 304, headers) as never;
  if (acceptsGzip(c.req.header('accept-encoding'))) return c.body(await body.gzip(), 200, { ...headers, 'content-encoding': 'gzip' }) as never;
  return c.body(body.bytes, 200, headers) as never;
});
