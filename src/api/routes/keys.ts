import { createRoute, z } from '@hono/zod-openapi';
import { ROLES, type Role } from '../../domain/auth/roles.ts';
import { getDocument, getDocumentText } from '../../store/documents.ts';
import { createApiKey, listApiKeys, listAudit, revokeApiKey } from '../../store/keys.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordAudit } from '../access.ts';
import { createRouter } from '../router.ts';
import { PageQuery, errorResponses } from '../schemas.ts';

const KeySchema = z.object({ id: z.string(), role: z.string(), label: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() }).openapi('ApiKey');

const list = createRoute({ method: 'get', path: '/api/keys', tags: ['access'], summary: 'API keys (never the keys themselves)', responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(KeySchema) }) } }, description: 'Keys' } } });
const create = createRoute({
  method: 'post',
  path: '/api/keys',
  tags: ['access'],
  summary: 'Create an API key; the key is returned once',
  request: { body: { content: { 'application/json': { schema: z.object({ role: z.enum(ROLES as [Role, ...Role[]]), label: z.string().max(200).optional() }) } }, required: true } },
  responses: { 201: { content: { 'application/json': { schema: z.object({ id: z.string(), role: z.string(), key: z.string() }) } }, description: 'The new key' }, 400: errorResponses[400] },
});
const revoke = createRoute({
  method: 'delete',
  path: '/api/keys/{id}',
  tags: ['access'],
  summary: 'Revoke an API key',
  request: { params: z.object({ id: z.string().regex(/^key_[A-Za-z0-9_-]{6,20}$/, 'a key id such as key_3f2a…').openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Revoked' }, ...errorResponses },
});
const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['access'],
  summary: 'The audit trail: who ingested, imported, checked or read leaked text, and when (newest first)',
  request: { query: PageQuery },
  responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.number(), at: z.string(), actor: z.string(), role: z.string().nullable(), action: z.string(), target: z.string().nullable(), detail: z.string().nullable() })) }) } }, description: 'Entries' }, 400: errorResponses[400] },
});
const text = createRoute({
  method: 'get',
  path: '/api/documents/{id}/text',
  tags: ['documents'],
  summary: "A leaked document's full text (analysts and admins only; every read is audited)",
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: { content: { 'application/json': { schema: z.object({ id: z.number(), text: z.string() }) } }, description: 'The text' }, ...errorResponses },
});

export const accessRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listApiKeys(c.var.deps.db) }, 200))
  .openapi(create, async (c) => {
    const { role, label } = c.req.valid('json');
    const created = await createApiKey(c.var.deps.db, role, label ?? null);
    await recordAudit(c, 'keys.create', created.id, role);
    return c.json(created, 201);
  })
  .openapi(revoke, async (c) => {
    await revokeApiKey(c.var.deps.db, c.req.valid('param').id);
    await recordAudit(c, 'keys.revoke', c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(auditRoute, async (c) => c.json({ items: await listAudit(c.var.deps.db, c.req.valid('query')) }, 200))
  .openapi(text, async (c) => {
    const { id } = c.req.valid('param');
    await getDocument(c.var.deps.db, id);
    const body = await getDocumentText(c.var.deps.db, id);
    if (body === null) throw new DomainError('no_text', `Document ${id} has no extracted text (see its status).`, { status: 404 });
    await recordAudit(c, 'document.read_text', String(id));
    return c.json({ id, text: body }, 200);
  });
