import { and, asc, eq, sql } from 'drizzle-orm';
import { documents, documentTexts, leakFiles } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export type DocumentStatus = 'ok' | 'failed' | 'unsupported' | 'empty' | 'skipped';

export interface NewDocument {
  key: string;
  sha256: string | null;
  textSha256: string | null;
  simhash: string | null;
  format: string;
  mime: string | null;
  bytes: number;
  status: DocumentStatus;
  errorCode: string | null;
  error: string | null;
  metadata: Record<string, unknown>;
  words: number;
}

export interface PassageIndex {
  hashes: ArrayLike<number>;
  offsets: ArrayLike<number>;
  count: number;
}

/** A stored document's id and extraction outcome, so a document met again is reported as it was recorded. */
export async function findDocumentOutcome(db: Db, key: string): Promise<{ id: number; status: DocumentStatus; errorCode: string | null; error: string | null } | undefined> {
  // a plain statement: this runs once per file of a dump, where a query builder's cost shows
  const { rows } = await db.$client.execute({ sql: 'SELECT id, status, error_code, error FROM documents WHERE key = ?', args: [key] });
  const row = rows[0];
  if (!row) return undefined;
  return { id: Number(row.id), status: row.status as DocumentStatus, errorCode: (row.error_code as string | null) ?? null, error: (row.error as string | null) ?? null };
}

export interface DocumentRow {
  id: number;
  path: string;
  parentPath: string | null;
  format: string;
  mime: string | null;
  bytes: number;
  status: string;
  errorCode: string | null;
  error: string | null;
  sha256: string | null;
  textSha256: string | null;
  simhash: string | null;
  words: number;
  fingerprints: number;
  metadata: Record<string, unknown>;
  /** Other leaks that hold the same document. */
  alsoIn?: string[];
}

const documentColumns = {
  id: documents.id,
  path: leakFiles.path,
  parentPath: leakFiles.parentPath,
  format: documents.format,
  mime: documents.mime,
  bytes: documents.bytes,
  status: documents.status,
  errorCode: documents.errorCode,
  error: documents.error,
  sha256: documents.sha256,
  textSha256: documents.textSha256,
  simhash: documents.simhash,
  words: documents.words,
  fingerprints: documents.fingerprints,
  metadata: documents.metadata,
  note: leakFiles.note,
};

/** Metadata of the content, with facts about this placement (an unsafe archive name) laid over it. */
const parseRow = ({ note, ...row }: Omit<DocumentRow, 'metadata'> & { metadata: string; note: string | null }): DocumentRow => ({
  ...row,
  metadata: { ...JSON.parse(row.metadata), ...(note ? JSON.parse(note) : {}) },
});

/** A leak's documents in path order, optionally of one status. */
export async function listLeakDocuments(db: Db, leakId: number, options: { status?: string | undefined; limit: number; offset: number }): Promise<{ total: number; items: DocumentRow[] }> {
  const where = options.status ? and(eq(leakFiles.leakId, leakId), eq(documents.status, options.status)) : eq(leakFiles.leakId, leakId);
  const rows = await db
    .select(documentColumns)
    .from(leakFiles)
    .innerJoin(documents, eq(documents.id, leakFiles.documentId))
    .where(where)
    .orderBy(asc(leakFiles.path))
    .limit(options.limit)
    .offset(options.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)` })
    .from(leakFiles)
    .innerJoin(documents, eq(documents.id, leakFiles.documentId))
    .where(where);
  return { total: count?.n ?? 0, items: rows.map(parseRow) };
}

/** One document with every place it appears (leak and path). */
export async function getDocument(db: Db, id: number): Promise<{ document: Omit<DocumentRow, 'path' | 'parentPath'>; appearances: { leak: string; path: string; note?: Record<string, unknown> }[] }> {
  const row = await db.select().from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new DomainError('document_not_found', `No document ${id}. List a leak's documents with GET /api/leaks/{slug}/documents.`, { status: 404 });
  const rows = await db.all<{ leak: string; path: string; note: string | null }>(sql`
    SELECT l.slug AS leak, f.path AS path, f.note AS note FROM leak_files f JOIN leaks l ON l.id = f.leak_id WHERE f.document_id = ${id} ORDER BY l.slug, f.path`);
  const appearances = rows.map((r) => ({ leak: r.leak, path: r.path, ...(r.note ? { note: JSON.parse(r.note) as Record<string, unknown> } : {}) }));
  const { key: _key, createdAt: _createdAt, metadata, ...rest } = row;
  return { document: { ...rest, metadata: JSON.parse(metadata) }, appearances };
}

/** The extracted text of a document, or null when it has none. */
export async function getDocumentText(db: Db, id: number): Promise<string | null> {
  const row = await db.select({ text: documentTexts.text }).from(documentTexts).where(eq(documentTexts.documentId, id)).get();
  return row?.text ?? null;
}

/**
 * Groups of a leak's documents whose normalised text is identical (copies
 * filed in several folders, the same attachment sent twice…).
 */
export async function duplicateGroups(db: Db, leakId: number, minWords = 0): Promise<{ textSha256: string; paths: string[] }[]> {
  const rows = await db.all<{ textSha256: string; paths: string }>(sql`
    SELECT d.text_sha256 AS textSha256, json_group_array(f.path) AS paths
    FROM leak_files f JOIN documents d ON d.id = f.document_id
    WHERE f.leak_id = ${leakId} AND d.text_sha256 IS NOT NULL AND d.words >= ${minWords}
    GROUP BY d.text_sha256 HAVING COUNT(*) > 1
    ORDER BY COUNT(*) DESC, MIN(f.path)`);
  return rows.map((r) => ({ textSha256: r.textSha256, paths: (JSON.parse(r.paths) as string[]).sort() }));
}

/** Documents and leaks holding each of the given passage hashes (the fingerprint index lookup). */
export async function lookupFingerprints(db: Db, hashes: readonly number[]): Promise<{ hash: number; documentId: number; offset: number }[]> {
  const out: { hash: number; documentId: number; offset: number }[] = [];
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    const result = await db.$client.execute({
      sql: `SELECT hash, document_id, offset FROM fingerprints WHERE hash IN (${chunk.map(() => '?').join(',')})`,
      args: chunk,
    });
    for (const r of result.rows) out.push({ hash: Number(r.hash), documentId: Number(r.document_id), offset: Number(r.offset) });
  }
  return out;
}
