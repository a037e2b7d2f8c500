import { createRoute, z } from '@hono/zod-openapi';
import { leakAnomalies } from '../../store/anomalies.ts';
import { getLeak } from '../../store/leaks.ts';
import { createRouter } from '../router.ts';
import { SlugParam, errorResponses } from '../schemas.ts';

const AnomalySchema = z
  .object({
    type: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    summary: z.string(),
    documents: z.array(z.object({ id: z.number(), path: z.string(), value: z.unknown() })),
    context: z.record(z.string(), z.unknown()),
  })
  .openapi('Anomaly');

const route = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/anomalies',
  tags: ['documents'],
  summary: "Documents whose metadata stand out in the leak's dump (bursts, rare tools, authors, scripts, dates)",
  request: { params: SlugParam },
  responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(AnomalySchema) }) } }, description: 'Anomalies, strongest first' }, ...errorResponses },
});

export const anomalyRoutes = createRouter().openapi(route, async (c) => {
  const leak = await getLeak(c.var.deps.db, c.req.valid('param').slug);
  return c.json({ items: await leakAnomalies(c.var.deps.db, leak) }, 200);
});
