export type Role = 'reader' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['reader', 'analyst', 'admin'];

const RANK: Record<Role, number> = { reader: 1, analyst: 2, admin: 3 };

/** Whether a role includes another (admins can do what analysts can, analysts what readers can). */
export const allows = (held: Role, needed: Role) => RANK[held] >= RANK[needed];

/**
 * The role an API request needs. Readers see metadata, timelines,
 * fingerprints and matched evidence; analysts ingest, crawl, import, check
 * and read leaked text; admins manage keys, webhooks, the registry and read
 * the audit trail. Anything not listed needs an admin, so a new route is
 * closed until someone decides otherwise.
 *
 * @example
 * requiredRole('GET', '/api/leaks/macron-2017/timeline'); // 'reader'
 * requiredRole('POST', '/api/check'); // 'analyst'
 */
export function requiredRole(method: string, path: string): Role | null {
  const m = method.toUpperCase();
  if (path === '/api/health' || path === '/api/openapi.json') return null;
  if (path.startsWith('/api/keys') || path.startsWith('/api/audit') || path.startsWith('/api/webhooks')) return 'admin';
  if (path.startsWith('/api/domains')) return m === 'GET' ? 'reader' : 'admin';
  if (/^\/api\/documents\/[^/]+\/text$/.test(path)) return 'analyst';
  if (m === 'GET' || m === 'HEAD') return 'reader';
  if (path === '/api/check' || path === '/api/crawl' || path.startsWith('/api/feeds') || /^\/api\/leaks(\/[^/]+\/dumps)?$/.test(path)) return 'analyst';
  return 'admin';
}
