import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

export const errorResponses = {
  400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Invalid request' },
  404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Not found' },
} as const;

export const SlugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'a leak slug: lower-case letters, digits and . _ -')
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'macron-2017' }),
});

export const LeakSchema = z
  .object({
    id: z.number(),
    slug: z.string(),
    title: z.string().nullable(),
    droppedAt: z.string().nullable(),
    dropUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Leak');

export const LeakSummarySchema = LeakSchema.extend({ documents: z.number(), failed: z.number(), bytes: z.number() }).openapi('LeakSummary');

export const DocumentSchema = z
  .object({
    id: z.number(),
    path: z.string(),
    parentPath: z.string().nullable(),
    format: z.string(),
    mime: z.string().nullable(),
    bytes: z.number(),
    status: z.string().openapi({ description: 'ok | failed | unsupported | empty | skipped' }),
    errorCode: z.string().nullable(),
    error: z.string().nullable(),
    sha256: z.string().nullable(),
    textSha256: z.string().nullable(),
    simhash: z.string().nullable(),
    words: z.number(),
    fingerprints: z.number(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi('Document');

export const JobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    payload: z.unknown(),
    progress: z.unknown(),
    result: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Job');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});
