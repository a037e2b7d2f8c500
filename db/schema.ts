import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A leak: one dump (or several) that someone published. */
export const leaks = sqliteTable('leaks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  title: text('title'),
  /** When the dump first appeared, as claimed by whoever registered the leak (ISO-8601). */
  droppedAt: text('dropped_at'),
  dropUrl: text('drop_url'),
  createdAt: createdAt(),
});

/**
 * A document, keyed by the sha256 of its bytes: the same file in two leaks is
 * one document with two `leak_files` rows.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * What makes two documents the same: the sha256 of the bytes, or, for an
     * archive entry refused before it was read (a zip bomb), `unread:` and a
     * digest of its archive path, declared size and CRC.
     */
    key: text('key').notNull().unique(),
    /** sha256 of the bytes, when they were read in full. */
    sha256: text('sha256'),
    textSha256: text('text_sha256'),
    simhash: text('simhash'),
    format: text('format').notNull(),
    mime: text('mime'),
    bytes: integer('bytes').notNull(),
    /** ok | failed | unsupported | empty | skipped */
    status: text('status').notNull(),
    errorCode: text('error_code'),
    error: text('error'),
    /** JSON: embedded author/creator/producer/dates, mail headers, charset, pages… */
    metadata: text('metadata').notNull().default('{}'),
    words: integer('words').notNull().default(0),
    fingerprints: integer('fingerprints').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('documents_text_sha256').on(t.textSha256), index('documents_sha256').on(t.sha256)],
);

/** The extracted text, apart from the metadata so that listing never reads it. */
export const documentTexts = sqliteTable('document_texts', {
  documentId: integer('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
});

/** Where a document sits in a leak's dump: `dump.zip!/mail/inbox.mbox#3`. */
export const leakFiles = sqliteTable(
  'leak_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leakId: integer('leak_id')
      .notNull()
      .references(() => leaks.id, { onDelete: 'cascade' }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    path: text('path').notNull(),
    parentPath: text('parent_path'),
    depth: integer('depth').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('leak_files_leak_path').on(t.leakId, t.path), index('leak_files_document').on(t.documentId)],
);

/**
 * The passage index: hash → (document, character offset). The migration makes
 * it a covering WITHOUT ROWID table, so a lookup never visits another row.
 */
export const fingerprints = sqliteTable(
  'fingerprints',
  {
    hash: integer('hash').notNull(),
    documentId: integer('document_id').notNull(),
    offset: integer('offset').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.documentId, t.offset] })],
);

/** Job status for both the in-process runner and BullMQ workers. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** queued | running | completed | failed */
    status: text('status').notNull(),
    payload: text('payload').notNull(),
    progress: text('progress'),
    result: text('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('jobs_status').on(t.status)],
);
