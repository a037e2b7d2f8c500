import { createRoute, z } from '@hono/zod-openapi';
import { deleteDomain, listDomains, upsertDomain } from '../../store/domains.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { errorResponses } from '../schemas.ts';

const Stage = z.enum(['drop', 'amplification', 'mainstream']);

const DomainSchema = z
  .object({ pattern: z.string(), stage: z.string(), tier: z.number().nullable(), label: z.string().nullable(), platform: z.string().nullable(), origin: z.string(), updatedAt: z.string() })
  .openapi('DomainEntry');

const Pattern = z.object({ pattern: z.string().min(1).max(300).openapi({ param: { name: 'pattern', in: 'path' }, example: 'pastebin.com' }) });

const listRoute = createRoute({
  method: 'get',
  path: '/api/domains',
  tags: ['registry'],
  summary: 'The stage registry',
  request: { query: z.object({ stage: Stage.optional() }) },
  responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(DomainSchema) }) } }, description: 'Entries' }, 400: errorResponses[400] },
});

const putRoute = createRoute({
  method: 'put',
  path: '/api/domains/{pattern}',
  tags: ['registry'],
  summary: 'Add or change a registry entry (a host, or host/path prefix); sources are re-staged',
  request: {
    params: Pattern,
    body: { content: { 'application/json': { schema: z.object({ stage: Stage, tier: z.number().int().min(1).max(3).nullable().default(null), label: z.string().max(200).nullable().default(null), platform: z.string().max(100).nullable().default(null) }) } }, required: true },
  },
  responses: { 200: { content: { 'application/json': { schema: DomainSchema } }, description: 'The entry' }, 400: errorResponses[400] },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/domains/{pattern}',
  tags: ['registry'],
  summary: 'Remove a registry entry',
  request: { params: Pattern },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

export const domainRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json({ items: await listDomains(c.var.deps.db, c.req.valid('query').stage) }, 200))
  .openapi(putRoute, async (c) => {
    const row = await upsertDomain(c.var.deps.db, { pattern: c.req.valid('param').pattern, ...c.req.valid('json') });
    await recordAudit(c, 'registry.set', row.pattern, row.stage);
    return c.json(row, 200);
  })
  .openapi(deleteRoute, async (c) => {
    await deleteDomain(c.var.deps.db, c.req.valid('param').pattern);
    await recordAudit(c, 'registry.remove', c.req.valid('param').pattern);
    return c.body(null, 204);
  });
