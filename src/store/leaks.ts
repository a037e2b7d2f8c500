import { eq, sql } from 'drizzle-orm';
import { leaks } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export type Leak = typeof leaks.$inferSelect;

export interface LeakInput {
  slug: string;
  title?: string | null | undefined;
  droppedAt?: string | null | undefined;
  dropUrl?: string | null | undefined;
}

/** Creates a leak, or updates the fields given for an existing one. */
export async function upsertLeak(db: Db, input: LeakInput): Promise<Leak> {
  const values = { slug: input.slug, title: input.title ?? null, droppedAt: input.droppedAt ?? null, dropUrl: input.dropUrl ?? null };
  const set: Partial<typeof values> = {};
  if (input.title != null) set.title = input.title;
  if (input.droppedAt != null) set.droppedAt = input.droppedAt;
  if (input.dropUrl != null) set.dropUrl = input.dropUrl;
  const query = db.insert(leaks).values(values);
  const [row] = await (Object.keys(set).length > 0
    ? query.onConflictDoUpdate({ target: leaks.slug, set }).returning()
    : query.onConflictDoUpdate({ target: leaks.slug, set: { slug: sql`excluded.slug` } }).returning());
  return row!;
}

export async function findLeak(db: Db, slug: string): Promise<Leak | undefined> {
  return db.query.leaks.findFirst({ where: eq(leaks.slug, slug) });
}

export async function getLeak(db: Db, slug: string): Promise<Leak> {
  const leak = await findLeak(db, slug);
  if (!leak) throw new DomainError('leak_not_found', `No leak "${slug}". List leaks with GET /api/leaks or \`leakline leaks\`.`, { status: 404 });
  return leak;
}

export interface LeakSummary extends Leak {
  documents: number;
  failed: number;
  bytes: number;
}

/** Every leak with its document counts, newest first. */
export async function listLeaks(db: Db, { limit = 100, offset = 0 } = {}): Promise<LeakSummary[]> {
  const rows = await db.all<LeakSummary>(sql`
    SELECT l.id, l.slug, l.title, l.dropped_at AS droppedAt, l.drop_url AS dropUrl, l.created_at AS createdAt,
           COUNT(f.id) AS documents,
           COALESCE(SUM(CASE WHEN d.status = 'failed' THEN 1 ELSE 0 END), 0) AS failed,
           COALESCE(SUM(d.bytes), 0) AS bytes
    FROM leaks l
    LEFT JOIN leak_files f ON f.leak_id = l.id
    LEFT JOIN documents d ON d.id = f.document_id
    GROUP BY l.id
    ORDER BY l.created_at DESC, l.id DESC
    LIMIT ${limit} OFFSET ${offset}`);
  return rows;
}

export async function getLeakById(db: Db, id: number): Promise<Leak> {
  const leak = await db.query.leaks.findFirst({ where: eq(leaks.id, id) });
  if (!leak) throw new DomainError('leak_not_found', `No leak with id ${id}.`, { status: 404 });
  return leak;
}
