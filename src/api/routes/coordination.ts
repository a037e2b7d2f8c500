import { createRoute, z } from '@hono/zod-openapi';
import { coordinationNetwork } from '../../domain/coordination/index.ts';
import { leakCoordination } from '../../store/coordination.ts';
import { getLeak } from '../../store/leaks.ts';
import { createRouter } from '../router.ts';
import { SlugParam, errorResponses } from '../schemas.ts';

const GroupSchema = z
  .object({
    id: z.string(),
    basis: z.enum(['same-link', 'same-text', 'near-text']),
    key: z.string(),
    accounts: z.array(z.string()),
    size: z.number(),
    reposts: z.number(),
    start: z.string(),
    end: z.string(),
    windowSeconds: z.number(),
    example: z.object({ account: z.string(), text: z.string(), time: z.string() }),
    posts: z.array(z.string()),
    alsoKeys: z.array(z.object({ basis: z.string(), key: z.string() })),
  })
  .openapi('CoordinationGroup');

const route = createRoute({
  method: 'get',
  path: '/api/leaks/{slug}/coordination',
  tags: ['timeline'],
  summary: "Groups of accounts posting the same link or near-identical text within a window, among a leak's social sightings, and their co-sharing network",
  request: {
    params: SlugParam,
    query: z.object({
      minAccounts: z.coerce.number().int().min(2).max(1000).default(3),
      windowSeconds: z.coerce.number().int().min(1).max(86_400 * 7).default(60),
      includeReposts: z.enum(['true', 'false']).default('true'),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ groups: z.array(GroupSchema), network: z.object({ nodes: z.array(z.object({ account: z.string(), groups: z.number() })), edges: z.array(z.object({ source: z.string(), target: z.string(), weight: z.number(), groups: z.array(z.string()) })) }) }),
        },
      },
      description: 'Groups, largest first, and the network of accounts that share them',
    },
    ...errorResponses,
  },
});

export const coordinationRoutes = createRouter().openapi(route, async (c) => {
  const leak = await getLeak(c.var.deps.db, c.req.valid('param').slug);
  const q = c.req.valid('query');
  const groups = await leakCoordination(c.var.deps.db, leak.id, { minAccounts: q.minAccounts, windowSeconds: q.windowSeconds, includeReposts: q.includeReposts === 'true' });
  return c.json({ groups, network: coordinationNetwork(groups) }, 200);
});
