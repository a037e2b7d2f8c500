import { createRoute, z } from '@hono/zod-openapi';
import { getJob } from '../../store/jobs.ts';
import { createRouter } from '../router.ts';
import { JobSchema, errorResponses } from '../schemas.ts';

const getRoute = createRoute({
  method: 'get',
  path: '/api/jobs/{id}',
  tags: ['jobs'],
  summary: "A job's status, progress and result",
  request: { params: z.object({ id: z.string().regex(/^[a-z]+-[a-f0-9]{8,64}$/, 'a job id such as ingest-3f2a…').openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: { content: { 'application/json': { schema: JobSchema } }, description: 'The job' }, ...errorResponses },
});

export const jobRoutes = createRouter().openapi(getRoute, async (c) => c.json(await getJob(c.var.deps.db, c.req.valid('param').id), 200));
