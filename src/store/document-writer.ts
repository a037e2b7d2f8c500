import type { InStatement } from '@libsql/client';
import type { Db } from './db.ts';
import type { DocumentStatus, NewDocument, PassageIndex } from './documents.ts';

export interface Placement {
  leakId: number;
  path: string;
  parentPath: string | null;
  depth: number;
  note: Record<string, unknown> | null;
}

interface Pending {
  statements: InStatement[];
  rows: number;
}

/** Rows per multi-row fingerprint insert (3 parameters each, well under SQLite's limit). */
const FINGERPRINT_ROWS_PER_STATEMENT = 2000;

/**
 * Writes a dump's documents in batches: each batch is one write transaction
 * holding many documents, their texts, fingerprints and placements. Every
 * statement finds its document by content key and ignores what exists, so a
 * batch replayed after a crash (or by a second worker) changes nothing.
 */
export class DocumentWriter {
  private batch: Pending = { statements: [], rows: 0 };
  /** Outcome of documents queued but not yet written, by key, so a repeat in the same batch is known. */
  private readonly queued = new Map<string, { status: DocumentStatus; errorCode: string | null; error: string | null }>();

  constructor(
    private readonly db: Db,
    private readonly limits = { maxRows: 50_000, maxStatements: 400 },
  ) {}

  queuedOutcome(key: string) {
    return this.queued.get(key);
  }

  /** Queues a document (ignored if its key exists) with its text and fingerprints. */
  async addDocument(doc: NewDocument, text: string | null, passages: PassageIndex | null): Promise<void> {
    this.queued.set(doc.key, { status: doc.status, errorCode: doc.errorCode, error: doc.error });
    const statements: InStatement[] = [
      {
        sql: `INSERT INTO documents (key, sha256, text_sha256, simhash, format, mime, bytes, status, error_code, error, metadata, words, fingerprints)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
        args: [doc.key, doc.sha256, doc.textSha256, doc.simhash, doc.format, doc.mime, doc.bytes, doc.status, doc.errorCode, doc.error, JSON.stringify(doc.metadata), doc.words, passages?.count ?? 0],
      },
    ];
    if (text !== null) {
      // SQLite keeps a U+0000, but the client reads text back only up to it and the rest would be lost;
      // U+FFFD takes its place, one code unit for one, so every offset into the text still holds
      statements.push({ sql: 'INSERT OR IGNORE INTO document_texts (document_id, text) SELECT id, ? FROM documents WHERE key = ?', args: [text.replaceAll('\u0000', '\ufffd'), doc.key] });
    }
    let rows = 1;
    if (passages && passages.count > 0) {
      for (const statement of fingerprintInserts(doc.key, passages)) statements.push(statement);
      rows += passages.count;
    }
    await this.push(statements, rows);
  }

  /** Queues the placement of a document (by key) at a path of a leak; placing a path again moves it. */
  async place(key: string, placement: Placement): Promise<void> {
    await this.push(
      [
        {
          sql: `INSERT INTO leak_files (leak_id, document_id, path, parent_path, depth, note)
                SELECT ?, id, ?, ?, ?, ? FROM documents WHERE key = ?
                ON CONFLICT(leak_id, path) DO UPDATE SET document_id = excluded.document_id, parent_path = excluded.parent_path,
                  depth = excluded.depth, note = excluded.note`,
          args: [placement.leakId, placement.path, placement.parentPath, placement.depth, placement.note ? JSON.stringify(placement.note) : null, key],
        },
      ],
      1,
    );
  }

  async flush(): Promise<void> {
    if (this.batch.statements.length === 0) return;
    const { statements } = this.batch;
    this.batch = { statements: [], rows: 0 };
    await this.db.$client.batch(statements, 'write');
    this.queued.clear();
  }

  private async push(statements: InStatement[], rows: number): Promise<void> {
    this.batch.statements.push(...statements);
    this.batch.rows += rows;
    if (this.batch.rows >= this.limits.maxRows || this.batch.statements.length >= this.limits.maxStatements) await this.flush();
  }
}

/** Multi-row inserts in hash order (B-tree friendly), the document found by its key. */
function* fingerprintInserts(key: string, passages: PassageIndex): Generator<InStatement> {
  const order = Array.from({ length: passages.count }, (_, i) => i).sort((a, b) => passages.hashes[a]! - passages.hashes[b]!);
  for (let start = 0; start < order.length; start += FINGERPRINT_ROWS_PER_STATEMENT) {
    const slice = order.slice(start, start + FINGERPRINT_ROWS_PER_STATEMENT);
    const args: (number | string)[] = [];
    for (const i of slice) args.push(passages.hashes[i]!, passages.offsets[i]!);
    args.push(key);
    yield {
      sql: `INSERT OR IGNORE INTO fingerprints (hash, document_id, offset)
            SELECT v.column1, d.id, v.column2 FROM (VALUES ${slice.map(() => '(?,?)').join(',')}) AS v, documents d WHERE d.key = ?`,
      args,
    };
  }
}
