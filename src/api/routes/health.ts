import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['meta'],
  summary: 'Liveness, version, job mode and database reachability',
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ ok: z.boolean(), version: z.string(), jobs: z.string(), database: z.string() }) } },
      description: 'Healthy',
    },
  },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  await c.var.deps.db.$client.execute('SELECT 1');
  return c.json({ ok: true, version: c.var.deps.version, jobs: c.var.deps.enqueuer.mode, database: 'ok' }, 200);
});
