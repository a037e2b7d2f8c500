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

const FINGERPRINT_ROWS_PER_STATEMENT = 2000;

export async function findDocumentId(db: Db, key: string): Promise<number | undefined> {
  const row = await db.select({ id: documents.id }).from(documents).where(eq(documents.key, key)).get();
  return row?.id;
}

/**
 * Stores a document with its text and passage fingerprints in one
 * transaction, unless a document with the same key exists already (then
 * nothing is written and its id is returned).
 */
export async function saveDocument(db: Db, doc: NewDocument, text: string | null, passages: PassageIndex | null): Promise<{ id: number; created: boolean }> {
  const client = db.$client;
  const tx = await client.transaction('write');
  try {
    const inserted = await tx.execute({
      sql: `INSERT INTO documents (key, sha256, text_sha256, simhash, format, mime, bytes, status, error_code, error, metadata, words, fingerprints)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING RETURNING id`,
      args: [doc.key, doc.sha256, doc.textSha256, doc.simhash, doc.format, doc.mime, doc.bytes, doc.status, doc.errorCode, doc.error, JSON.stringify(doc.metadata), doc.words, passages?.count ?? 0],
    });
    if (inserted.rows.length === 0) {
      await tx.rollback();
      return { id: (await findDocumentId(db, doc.key))!, created: false };
    }
    const id = Number(inserted.rows[0]!.id);
    if (text !== null) await tx.execute({ sql: 'INSERT INTO document_texts (document_id, text) VALUES (?, ?)', args: [id, text] });
    if (passages && passages.count > 0) {
      for (const statement of fingerprintInserts(id, passages)) await tx.execute(statement);
    }
    await tx.commit();
    return { id, created: true };
  } finally {
    tx.close();
  }
}

/** Multi-row inserts in hash order (B-tree friendly), a few thousand rows each. */
function* fingerprintInserts(documentId: number, passages: PassageIndex) {
  const order = Array.from({ length: passages.count }, (_, i) => i).sort((a, b) => passages.hashes[a]! - passages.hashes[b]!);
  for (let start = 0; start < order.length; start += FINGERPRINT_ROWS_PER_STATEMENT) {
    const slice = order.slice(start, start + FINGERPRINT_ROWS_PER_STATEMENT);
    const args: number[] = [];
    for (const i of slice) args.push(passages.hashes[i]!, documentId, passages.offsets[i]!);
    yield { sql: `INSERT OR IGNORE INTO fingerprints (hash, document_id, offset) VALUES ${slice.map(() => '(?,?,?)').join(',')}`, args };
  }
}

/** Places a document in a leak at a path; re-ingesting the same path updates the row instead of adding one. */
export async function linkDocument(db: Db, link: { leakId: number; documentId: number; path: string; parentPath: string | null; depth: number }): Promise<void> {
  await db
    .insert(leakFiles)
    .values(link)
    .onConflictDoUpdate({ target: [leakFiles.leakId, leakFiles.path], set: { documentId: link.documentId, parentPath: link.parentPath, depth: link.depth } });
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
};

const parseRow = (row: Omit<DocumentRow, 'metadata'> & { metadata: string }): DocumentRow => ({ ...row, metadata: JSON.parse(row.metadata) });

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
export async function getDocument(db: Db, id: number): Promise<{ document: Omit<DocumentRow, 'path' | 'parentPath'>; appearances: { leak: string; path: string }[] }> {
  const row = await db.select().from(documents).where(eq(documents.id, id)).get();
  if (!row) throw new DomainError('document_not_found', `No document ${id}. List a leak's documents with GET /api/leaks/{slug}/documents.`, { status: 404 });
  const appearances = await db.all<{ leak: string; path: string }>(sql`
    SELECT l.slug AS leak, f.path AS path FROM leak_files f JOIN leaks l ON l.id = f.leak_id WHERE f.document_id = ${id} ORDER BY l.slug, f.path`);
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
