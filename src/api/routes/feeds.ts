import { createRoute, z } from '@hono/zod-openapi';
import { parseDuration } from '../../domain/duration.ts';
import { DomainError } from '../../domain/errors.ts';
import { normaliseUrl } from '../../domain/url.ts';
import { feedKindOf, feedScheduleId } from '../../spread/feed-schedules.ts';
import { addFeed, listFeeds, removeFeed } from '../../store/feeds.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { errorResponses } from '../schemas.ts';

const FeedSchema = z
  .object({ id: z.number(), url: z.string(), kind: z.string(), everySeconds: z.number(), lastPolledAt: z.string().nullable(), lastError: z.string().nullable(), etag: z.string().nullable(), lastModified: z.string().nullable(), createdAt: z.string() })
  .openapi('Feed');

const listRoute = createRoute({
  method: 'get',
  path: '/api/feeds',
  tags: ['spread'],
  summary: 'Feeds and watched pages',
  responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(FeedSchema) }) } }, description: 'Feeds' } },
});

const addRoute = createRoute({
  method: 'post',
  path: '/api/feeds',
  tags: ['spread'],
  summary: 'Add a feed (RSS, Atom, JSON Feed) or a watched page (kind watch); t.me/s/<channel> is read as posts',
  request: { body: { content: { 'application/json': { schema: z.object({ url: z.string().max(4096), kind: z.enum(['feed', 'watch']).default('feed'), every: z.string().default('15m') }) } }, required: true } },
  responses: { 201: { content: { 'application/json': { schema: FeedSchema } }, description: 'The feed' }, 400: errorResponses[400] },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/api/feeds/{id}',
  tags: ['spread'],
  summary: 'Stop polling a feed',
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

export const feedRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json({ items: await listFeeds(c.var.deps.db) }, 200))
  .openapi(addRoute, async (c) => {
    const body = c.req.valid('json');
    const url = normaliseUrl(body.url);
    if (!url) throw new DomainError('invalid_request', 'url: an http(s) URL');
    const everyMs = parseDuration(body.every);
    const feed = await addFeed(c.var.deps.db, { url, kind: feedKindOf(url, body.kind), everySeconds: everyMs / 1000 });
    if (c.var.deps.enqueuer.mode !== 'refusing') await c.var.deps.enqueuer.schedule(feedScheduleId(feed.id), 'poll-feed', { feedId: feed.id }, everyMs);
    await recordAudit(c, 'feeds.add', feed.url);
    return c.json(feed, 201);
  })
  .openapi(removeRoute, async (c) => {
    const feed = await removeFeed(c.var.deps.db, c.req.valid('param').id);
    await c.var.deps.enqueuer.unschedule(feedScheduleId(feed.id));
    await recordAudit(c, 'feeds.remove', feed.url);
    return c.body(null, 204);
  });
