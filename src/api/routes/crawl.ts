import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { normaliseUrl } from '../../domain/url.ts';
import { fetchJobId } from '../../queue/job-ids.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { ErrorSchema, errorResponses } from '../schemas.ts';

const CrawlBody = z.object({
  urls: z.array(z.string().max(4096)).min(1).max(1000),
  depth: z.number().int().min(0).max(5).default(0),
  force: z.boolean().default(false),
});

const crawlRoute = createRoute({
  method: 'post',
  path: '/api/crawl',
  tags: ['spread'],
  summary: 'Queue pages to fetch and match (links followed into classified domains up to depth)',
  request: { body: { content: { 'application/json': { schema: CrawlBody } }, required: true } },
  responses: {
    202: { content: { 'application/json': { schema: z.object({ jobs: z.array(z.object({ url: z.string(), jobId: z.string(), created: z.boolean() })) }) } }, description: 'Queued' },
    503: { content: { 'application/json': { schema: ErrorSchema } }, description: 'This deployment runs no jobs' },
    400: errorResponses[400],
  },
});

export const crawlRoutes = createRouter().openapi(crawlRoute, async (c) => {
  const { urls, depth, force } = c.req.valid('json');
  const jobs = [];
  for (const raw of urls) {
    const url = normaliseUrl(raw);
    if (!url) throw new DomainError('invalid_request', `"${raw.slice(0, 200)}" is not an http(s) URL.`);
    const jobId = await fetchJobId(url);
    const { created } = await c.var.deps.enqueuer.enqueue('fetch-page', { url, maxDepth: depth }, { jobId, force });
    jobs.push({ url, jobId, created });
  }
  await recordAudit(c, 'crawl', urls.length === 1 ? urls[0]!.slice(0, 500) : `${urls.length} URLs`);
  return c.json({ jobs }, 202);
});
