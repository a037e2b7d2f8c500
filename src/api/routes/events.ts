import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { DomainError } from '../../domain/errors.ts';
import { normaliseUrl } from '../../domain/url.ts';
import { addWebhook, eventsAfter, lastEventId, listWebhooks, removeWebhook } from '../../store/events.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { errorResponses } from '../schemas.ts';

/** How often the stream looks for new events (they may be written by workers in other processes). */
const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

const streamRoute = createRoute({
  method: 'get',
  path: '/api/events',
  tags: ['live'],
  summary: 'Server-sent events: new sightings and stage transitions as they happen (resumes after Last-Event-ID or ?after=)',
  request: { query: z.object({ after: z.coerce.number().int().min(0).optional(), leak: z.string().max(100).optional() }) },
  responses: { 200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'An endless stream of events' } },
});

const WebhookSchema = z.object({ id: z.number(), url: z.string(), events: z.string(), createdAt: z.string() }).openapi('Webhook');

const listHooks = createRoute({ method: 'get', path: '/api/webhooks', tags: ['live'], summary: 'Webhooks (secrets are not shown)', responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(WebhookSchema) }) } }, description: 'Webhooks' } } });
const addHook = createRoute({
  method: 'post',
  path: '/api/webhooks',
  tags: ['live'],
  summary: 'Add a webhook; its secret is returned once. Payloads are signed: X-Leakline-Signature: sha256=HMAC(secret, body)',
  request: { body: { content: { 'application/json': { schema: z.object({ url: z.string().max(4096), events: z.string().max(500).default('stage.entered,leak.entered_mainstream'), secret: z.string().min(16).max(200).optional() }) } }, required: true } },
  responses: { 201: { content: { 'application/json': { schema: WebhookSchema.extend({ secret: z.string() }) } }, description: 'The webhook and its secret' }, 400: errorResponses[400] },
});
const removeHook = createRoute({
  method: 'delete',
  path: '/api/webhooks/{id}',
  tags: ['live'],
  summary: 'Remove a webhook',
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

/** A random secret for signing webhook payloads. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}

export const eventRoutes = createRouter()
  .openapi(streamRoute, (c) => {
    const { db } = c.var.deps;
    const query = c.req.valid('query');
    const resumeFrom = Number(c.req.header('last-event-id') ?? query.after ?? Number.NaN);
    return streamSSE(c, async (stream) => {
      let last = Number.isFinite(resumeFrom) ? resumeFrom : await lastEventId(db);
      let quietSince = Date.now();
      while (!stream.aborted) {
        for (const event of await eventsAfter(db, last)) {
          last = event.id;
          if (query.leak && event.payload.leak !== query.leak) continue;
          await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, ...event.payload }) });
          quietSince = Date.now();
        }
        if (Date.now() - quietSince > HEARTBEAT_MS) {
          await stream.write(': keep-alive\n\n');
          quietSince = Date.now();
        }
        await stream.sleep(POLL_MS);
      }
    }) as never;
  })
  .openapi(listHooks, async (c) => c.json({ items: (await listWebhooks(c.var.deps.db)).map(({ secret: _secret, ...h }) => h) }, 200))
  .openapi(addHook, async (c) => {
    const body = c.req.valid('json');
    const url = normaliseUrl(body.url);
    if (!url) throw new DomainError('invalid_request', 'url: an http(s) URL');
    const hook = await addWebhook(c.var.deps.db, { url, events: body.events, secret: body.secret ?? newSecret() });
    await recordAudit(c, 'webhooks.add', url);
    return c.json(hook, 201);
  })
  .openapi(removeHook, async (c) => {
    await removeWebhook(c.var.deps.db, c.req.valid('param').id);
    await recordAudit(c, 'webhooks.remove', String(c.req.valid('param').id));
    return c.body(null, 204);
  });

