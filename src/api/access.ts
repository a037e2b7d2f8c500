import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hashApiKey } from '../domain/auth/keys.ts';
import { allows, requiredRole, type Role } from '../domain/auth/roles.ts';
import { toHex } from '../domain/sha256.ts';
import { audit, countActiveKeys, findActiveKey, touchApiKey } from '../store/keys.ts';
import { settingOrCreate } from '../store/settings.ts';
import type { AppEnv } from './deps.ts';
import { errorBody } from './errors.ts';
import { SESSION_COOKIE, verifySession } from './session.ts';

export interface Actor {
  /** A key id, or `open` on an open local install. */
  id: string;
  role: Role;
}

/** How long the "are there any keys?" answer is reused (one count per request would cost). */
const OPEN_CHECK_MS = 2000;

/** The role a dashboard page needs: reading for any page, analyst to run a check, admin to edit the registry. */
function pageRole(method: string, path: string): Role | null {
  if (path === '/login' || path === '/logout' || path.startsWith('/assets/')) return null;
  if (method === 'GET' || method === 'HEAD') return 'reader';
  if (path.startsWith('/check')) return 'analyst';
  return 'admin';
}

export async function sessionSecret(c: Context<AppEnv>): Promise<string> {
  return settingOrCreate(c.var.deps.db, 'session_secret', () => toHex(crypto.getRandomValues(new Uint8Array(32))));
}

/** Whether this deployment runs open: no active key yet, and only reachable from this machine. */
async function isOpen(c: Context<AppEnv>): Promise<boolean> {
  const access = c.var.deps.access!;
  if (!access.openWhenNoKeys) return false;
  const now = Date.now();
  if (!access.cache || now - access.cache.at > OPEN_CHECK_MS) access.cache = { at: now, keys: await countActiveKeys(c.var.deps.db) };
  return access.cache.keys === 0;
}

/** An unsafe request authenticated by cookie must come from this site (CSRF): its Origin or Referer names this host. */
function sameOrigin(c: Context<AppEnv>): boolean {
  const host = c.req.header('host');
  const origin = c.req.header('origin') ?? c.req.header('referer');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Access control for the API and the dashboard. Keys are sent as
 * `Authorization: Bearer <key>` (or, for the dashboard, held in a signed,
 * HTTP-only, SameSite session cookie). A fresh install bound to loopback with
 * no keys runs open; once a key exists, or when reachable from elsewhere,
 * every request needs one of a strong enough role. Each key is rate limited.
 */
export function accessControl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    const api = path.startsWith('/api/');
    const needed = api ? requiredRole(c.req.method, path) : pageRole(c.req.method, path);
    if (needed === null) return next();
    if (await isOpen(c)) {
      c.set('actor', { id: 'open', role: 'admin' });
      return next();
    }
    const deny = (status: 401 | 403 | 429, code: string, message: string) => {
      if (!api && status === 401 && c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(path)}`);
      return c.json(errorBody(code, message), status, status === 401 ? { 'WWW-Authenticate': 'Bearer realm="leakline"' } : undefined);
    };
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    let key: { id: string; role: Role } | undefined;
    let byCookie = false;
    if (bearer) key = await findActiveKey(c.var.deps.db, await hashApiKey(bearer));
    else {
      const keyId = await verifySession(await sessionSecret(c), getCookie(c, SESSION_COOKIE), Date.now());
      if (keyId) {
        const row = await c.var.deps.db.$client.execute({ sql: 'SELECT role FROM api_keys WHERE id = ? AND revoked_at IS NULL', args: [keyId] });
        if (row.rows[0]) key = { id: keyId, role: String(row.rows[0].role) as Role };
        byCookie = true;
      }
    }
    if (!key) {
      return deny(401, 'unauthorized', bearer ? 'This API key is unknown or revoked. Ask an admin for a new one (leakline keys create).' : 'This request needs an API key: send Authorization: Bearer <key> (create one with `leakline keys create --role reader`).');
    }
    if (!allows(key.role, needed)) return deny(403, 'forbidden', `This needs the ${needed} role; the key is a ${key.role} key.`);
    if (byCookie && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !sameOrigin(c)) {
      return deny(403, 'csrf', 'Cross-site request refused: submit the form from the Leakline dashboard itself.');
    }
    const wait = c.var.deps.access!.limiter.take(key.id);
    if (wait > 0) {
      return c.json(errorBody('rate_limited', `Too many requests for this key; retry in ${wait} s.`), 429, { 'Retry-After': String(wait) });
    }
    c.set('actor', key);
    void touchApiKey(c.var.deps.db, key.id).catch(() => undefined);
    return next();
  };
}

/** Records an action in the audit trail, with whoever made it. */
export async function recordAudit(c: Context<AppEnv>, action: string, target: string | null, detail?: string): Promise<void> {
  const actor = c.get('actor') ?? { id: 'anonymous', role: null };
  await audit(c.var.deps.db, { actor: actor.id, role: actor.role, action, target, detail: detail ?? null });
}
