import type { InStatement, ResultSet } from '@libsql/client';
import { eq, inArray, sql } from 'drizzle-orm';
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

/** A sighting to record for a source known by its URL (its id and first observation time are read in the same statement). */
export type SightingDraft = Omit<SightingInput, 'sourceId' | 'observedAt'>;

/**
 * Recording sightings as `recordSighting` does, for a source given by URL,
 * in two steps that each fit a batch: this insert of them all, which skips
 * the rows that exist and returns those it created (see `createdSightings`),
 * then `strongerEvidence` for the drafts it did not create.
 */
export function insertSightings(sourceUrl: string, drafts: readonly SightingDraft[]): InStatement {
  const values = drafts.map(() => '(?, ?, ?, ?, ?)').join(', ');
  return {
    sql: `INSERT INTO sightings (leak_id, document_id, source_id, kind, similarity, evidence, observed_at)
      SELECT v.column1, v.column2, s.id, v.column3, v.column4, v.column5, s.observed_at FROM sources s, (VALUES ${values}) v WHERE s.url = ?
      ON CONFLICT DO NOTHING RETURNING leak_id AS leakId, document_id AS documentId`,
    args: [...drafts.flatMap((s) => [s.leakId, s.documentId, s.kind, s.similarity, JSON.stringify(s.evidence)]), sourceUrl],
  };
}

/** Which drafts `insertSightings` created, in draft order. */
export function createdSightings(drafts: readonly SightingDraft[], inserted: ResultSet): boolean[] {
  const created = new Set(inserted.rows.map((r) => `${Number(r.leakId)}:${r.documentId === null ? 0 : Number(r.documentId)}`));
  return drafts.map((s) => created.has(`${s.leakId}:${s.documentId ?? 0}`));
}

/** For sightings that already exist: each takes the new evidence where it is stronger, keeping its first observation time. */
export function strongerEvidence(sourceUrl: string, drafts: readonly SightingDraft[]): InStatement[] {
  return drafts.map((s) => ({
    sql: 'UPDATE sightings SET kind = ?, similarity = ?, evidence = ? WHERE leak_id = ? AND source_id = (SELECT id FROM sources WHERE url = ?) AND ifnull(document_id, 0) = ? AND similarity < ?',
    args: [s.kind, s.similarity, JSON.stringify(s.evidence), s.leakId, sourceUrl, s.documentId ?? 0, s.similarity],
  }));
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

/**
 * A leak's sightings, oldest first by the time the source claims (else the
 * time it was observed), with filters.
 *
 * That time and the source's stage are kept on each sighting (`sort_at`,
 * `stage`, by triggers), so a page is a walk of the (leak_id, sort_at, id)
 * or (leak_id, stage, sort_at, id) index that stops after the page; the
 * sources are joined only for a domain filter. The page's rows (with
 * their evidence and document path) are read after, by id.
 */
export async function listSightings(db: Db, leak: { id: number; slug: string }, filter: SightingFilter): Promise<{ total: number; items: SightingView[] }> {
  const where = ['si.leak_id = ?'];
  const args: (string | number)[] = [leak.id];
  const when = (condition: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    where.push(condition);
    args.push(value);
  };
  when('si.kind = ?', filter.kind);
  when('si.stage = ?', filter.stage);
  when('si.sort_at >= ?', filter.since);
  when('si.sort_at <= ?', filter.until);
  when('s.domain = ?', filter.domain?.toLowerCase().replace(/^www\./, ''));
  // named, not left to the planner: without statistics it may walk the stage index for every leak and sort the rows
  const from = `sightings si INDEXED BY ${filter.stage ? 'sightings_leak_stage_sort' : 'sightings_leak_sort'}${filter.domain ? ' JOIN sources s ON s.id = si.source_id' : ''}`;
  const [page, counted] = await Promise.all([
    db.$client.execute({ sql: `SELECT si.id FROM ${from} WHERE ${where.join(' AND ')} ORDER BY si.sort_at, si.id LIMIT ? OFFSET ?`, args: [...args, filter.limit, filter.offset] }),
    db.$client.execute({ sql: `SELECT count(*) AS n FROM ${from} WHERE ${where.join(' AND ')}`, args }),
  ]);
  const ids = page.rows.map((r) => Number(r.id));
  const rows = ids.length === 0 ? [] : await db.select(view).from(sightings).innerJoin(sources, eq(sources.id, sightings.sourceId)).where(inArray(sightings.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...r, leak: leak.slug, evidence: JSON.parse(r.evidence) as Record<string, unknown> }] : [];
  });
  return { total: Number(counted.rows[0]?.n ?? 0), items };
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

/** The index rows of the given passage hashes: for each, a document holding it (once per offset it holds it at). */
export async function fingerprintPostings(db: Db, hashes: readonly number[]): Promise<{ hash: number; documentId: number }[]> {
  const out: { hash: number; documentId: number }[] = [];
  for (let i = 0; i < hashes.length; i += 5000) {
    const chunk = hashes.slice(i, i + 5000);
    const result = await db.$client.execute({ sql: `SELECT hash, document_id AS documentId FROM fingerprints WHERE hash IN (${chunk.map(() => '?').join(', ')})`, args: chunk });
    for (const r of result.rows) out.push({ hash: Number(r.hash), documentId: Number(r.documentId) });
  }
  return out;
}

/**
 * Candidate documents' leaks, and the texts of those asked with `text: true`
 * (the others are prepared in memory already), in one statement per 2,000.
 */
export async function candidateDocuments(db: Db, wanted: readonly { id: number; text: boolean }[]): Promise<Map<number, { leakIds: number[]; text: string | null }>> {
  const out = new Map<number, { leakIds: number[]; text: string | null }>();
  for (let i = 0; i < wanted.length; i += 2000) {
    const chunk = wanted.slice(i, i + 2000);
    const result = await db.$client.execute({
      sql: `SELECT v.column1 AS documentId,
          (SELECT json_group_array(leak_id) FROM (SELECT DISTINCT leak_id FROM leak_files WHERE document_id = v.column1 ORDER BY leak_id)) AS leakIds,
          CASE WHEN v.column2 THEN (SELECT text FROM document_texts WHERE document_id = v.column1) END AS text
        FROM (VALUES ${chunk.map(() => '(?, ?)').join(', ')}) v`,
      args: chunk.flatMap((w) => [w.id, w.text ? 1 : 0]),
    });
    for (const r of result.rows) out.set(Number(r.documentId), { leakIds: JSON.parse(String(r.leakIds)) as number[], text: r.text === null ? null : String(r.text) });
  }
  return out;
}
