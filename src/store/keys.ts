import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys, auditLog } from '../../db/schema.ts';
import { newApiKey } from '../domain/auth/keys.ts';
import type { Role } from '../domain/auth/roles.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, 'hash'>;

/** Creates a key; the key itself is returned now and never again. */
export async function createApiKey(db: Db, role: Role, label: string | null): Promise<{ id: string; role: Role; key: string }> {
  const { id, key, hash } = await newApiKey(role);
  await db.insert(apiKeys).values({ id, hash, role, label });
  return { id, role, key };
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select({ id: apiKeys.id, role: apiKeys.role, label: apiKeys.label, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).orderBy(asc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, id: string): Promise<void> {
  const rows = await db.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  if (rows.length === 0) throw new DomainError('key_not_found', `No active key ${id}. List keys with \`leakline keys list\`.`, { status: 404 });
}

/** The active key with this hash, or undefined (unknown or revoked). */
export async function findActiveKey(db: Db, hash: string): Promise<{ id: string; role: Role } | undefined> {
  const row = await db.select({ id: apiKeys.id, role: apiKeys.role }).from(apiKeys).where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt))).get();
  return row ? { id: row.id, role: row.role as Role } : undefined;
}

export async function countActiveKeys(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(apiKeys).where(isNull(apiKeys.revokedAt));
  return row?.n ?? 0;
}

export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiKeys.id, id));
}

export interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  detail?: string | null;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? null });
}

export async function listAudit(db: Db, { limit = 200, offset = 0 } = {}) {
  return db.select().from(auditLog).orderBy(sql`${auditLog.id} DESC`).limit(limit).offset(offset);
}
