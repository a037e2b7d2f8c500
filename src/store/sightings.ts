import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { leakFiles, sightings, sources } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export interface SightingInput {
  leakId: number;
  documentId: number | null;
  sourceId: number;
  kind: string;
  similarity: number;
  evidence: Record<string, unknown>;
  observedAt: string;
}

/**
 * Records that a source carries (or links to) a leak's document. Seen again,
 * the sighting keeps its first observation time and takes the stronger
 * evidence, so re-crawling or re-importing adds no rows.
 */
export async function recordSighting(db: Db, s: SightingInput): Promise<{ id: number; created: boolean }> {
  const existing = await db.$client.execute({
    sql: 'SELECT id, similarity FROM sightings WHERE leak_id = ? AND source_id = ? AND ifnull(document_id, 0) = ?',
    args: [s.leakId, s.sourceId, s.documentId ?? 0],
  });
  const row = existing.rows[0];
  if (row) {
    if (Number(row.similarity) < s.similarity) {
      await db.update(sightings).set({ kind: s.kind, similarity: s.similarity, evidence: JSON.stringify(s.evidence) }).where(eq(sightings.id, Number(row.id)));
    }
    return { id: Number(row.id), created: false };
  }
  const [inserted] = await db
    .insert(sightings)
    .values({ ...s, evidence: JSON.stringify(s.evidence) })
    .returning({ id: sightings.id });
  return { id: inserted!.id, created: true };
}

export interface SightingView {
  id: number;
  leak: string;
  documentId: number | null;
  documentPath: string | null;
  url: string;
  domain: string | null;
  platform: string | null;
  account: string | null;
  title: string | null;
  stage: string;
  tier: number | null;
  kind: string;
  similarity: number;
  /** The time the source claims, or null. */
  publishedAt: string | null;
  /** When Leakline first saw the source. */
  observedAt: string;
  evidence: Record<string, unknown>;
}

export interface SightingFilter {
  stage?: string | undefined;
  kind?: string | undefined;
  domain?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  offset: number;
}

const view = {
  id: sightings.id,
  documentId: sightings.documentId,
  url: sources.url,
  domain: sources.domain,
  platform: sources.platform,
  account: sources.account,
  title: sources.title,
  stage: sources.stage,
  tier: sources.tier,
  kind: sightings.kind,
  similarity: sightings.similarity,
  publishedAt: sources.publishedAt,
  observedAt: sources.observedAt,
  evidence: sightings.evidence,
  documentPath: sql<string | null>`(SELECT min(f.path) FROM ${leakFiles} f WHERE f.document_id = ${sightings.documentId} AND f.leak_id = ${sightings.leakId})`,
};

/** A leak's sightings, oldest first by the time the source was observed, with filters. */
export async function listSightings(db: Db, leak: { id: number; slug: string }, filter: SightingFilter): Promise<{ total: number; items: SightingView[] }> {
  const conditions: SQL[] = [eq(sightings.leakId, leak.id)];
  if (filter.stage) conditions.push(eq(sources.stage, filter.stage));
  if (filter.kind) conditions.push(eq(sightings.kind, filter.kind));
  if (filter.domain) conditions.push(eq(sources.domain, filter.domain.toLowerCase().replace(/^www\./, '')));
  if (filter.since) conditions.push(gte(sql`coalesce(${sources.publishedAt}, ${sources.observedAt})`, filter.since));
  if (filter.until) conditions.push(lte(sql`coalesce(${sources.publishedAt}, ${sources.observedAt})`, filter.until));
  const where = and(...conditions);
  const rows = await db
    .select(view)
    .from(sightings)
    .innerJoin(sources, eq(sources.id, sightings.sourceId))
    .where(where)
    .orderBy(asc(sql`coalesce(${sources.publishedAt}, ${sources.observedAt})`), asc(sightings.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(sightings).innerJoin(sources, eq(sources.id, sightings.sourceId)).where(where);
  return { total: count?.n ?? 0, items: rows.map((r) => ({ ...r, leak: leak.slug, evidence: JSON.parse(r.evidence) })) };
}

export async function getSighting(db: Db, id: number): Promise<SightingView> {
  const row = await db
    .select({ ...view, leak: sql<string>`(SELECT slug FROM leaks WHERE id = ${sightings.leakId})` })
    .from(sightings)
    .innerJoin(sources, eq(sources.id, sightings.sourceId))
    .where(eq(sightings.id, id))
    .get();
  if (!row) throw new DomainError('sighting_not_found', `No sighting ${id}. List a leak's sightings with GET /api/leaks/{slug}/sightings.`, { status: 404 });
  return { ...row, evidence: JSON.parse(row.evidence) };
}

/** Documents a fingerprint hit points at, with the leaks holding each. */
export async function leaksOfDocuments(db: Db, documentIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (documentIds.length === 0) return out;
  const rows = await db
    .selectDistinct({ documentId: leakFiles.documentId, leakId: leakFiles.leakId })
    .from(leakFiles)
    .where(sql`${leakFiles.documentId} IN (${sql.join(documentIds.map((id) => sql`${id}`), sql`, `)})`);
  for (const r of rows) out.set(r.documentId, [...(out.get(r.documentId) ?? []), r.leakId]);
  return out;
}

