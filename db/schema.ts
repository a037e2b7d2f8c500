import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    /** JSON facts about this placement rather than the content (e.g. the unsafe name an archive gave it). */
    note: text('note'),
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

/**
 * The stage registry: a host (`pastebin.com`) or host and path prefix
 * (`t.me/macronleaks`) and the stage its pages belong to. Seeded with
 * defaults (`origin = 'seed'`), editable by users (`origin = 'user'`).
 */
export const domains = sqliteTable('domains', {
  pattern: text('pattern').primaryKey(),
  /** drop | amplification | mainstream */
  stage: text('stage').notNull(),
  /** News outlets: 1 national or international, 2 regional or specialist, 3 other. */
  tier: integer('tier'),
  label: text('label'),
  /** Social platform name when the pattern is one (twitter, reddit, telegram…). */
  platform: text('platform'),
  origin: text('origin').notNull().default('user'),
  updatedAt: createdAt(),
});

/** Anything content was seen in: a fetched page, a feed item, an imported post. */
export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised URL, or `post:<platform>:<id>` for a post with no permalink. */
    url: text('url').notNull().unique(),
    canonicalUrl: text('canonical_url'),
    domain: text('domain'),
    /** page | post */
    kind: text('kind').notNull(),
    platform: text('platform'),
    account: text('account'),
    title: text('title'),
    /** drop | amplification | mainstream | unclassified */
    stage: text('stage').notNull(),
    tier: integer('tier'),
    /** The time the source claims (published, created), as it claims it. */
    publishedAt: text('published_at'),
    /** When Leakline first saw it. */
    observedAt: text('observed_at').notNull(),
    textSha256: text('text_sha256'),
    words: integer('words').notNull().default(0),
    metadata: text('metadata').notNull().default('{}'),
  },
  (t) => [index('sources_domain').on(t.domain), index('sources_canonical').on(t.canonicalUrl)],
);

/** The text of a source, kept for alignment and for finding who quoted whom. */
export const sourceTexts = sqliteTable('source_texts', {
  sourceId: integer('source_id')
    .primaryKey()
    .references(() => sources.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
});

/** Outlinks of a source (page links, post URLs), normalised. */
export const links = sqliteTable(
  'links',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.url] }), index('links_url').on(t.url)],
);

/** The post behind a `post` source, with what it reposts, quotes or answers. */
export const posts = sqliteTable(
  'posts',
  {
    sourceId: integer('source_id')
      .primaryKey()
      .references(() => sources.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    postId: text('post_id').notNull(),
    account: text('account').notNull(),
    repostOf: text('repost_of'),
    quoteOf: text('quote_of'),
    replyTo: text('reply_to'),
    metrics: text('metrics'),
  },
  (t) => [uniqueIndex('posts_platform_id').on(t.platform, t.postId), index('posts_account').on(t.account)],
);

/** A source seen carrying a leak's content (or linking to it). */
export const sightings = sqliteTable(
  'sightings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leakId: integer('leak_id')
      .notNull()
      .references(() => leaks.id, { onDelete: 'cascade' }),
    /** The matched document; null for a link to the leak's drop URL. */
    documentId: integer('document_id').references(() => documents.id),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    /** exact | excerpt | near | altered | link */
    kind: text('kind').notNull(),
    similarity: real('similarity').notNull(),
    /** JSON: spans in both texts, coverage of each side, alterations, linked URL. */
    evidence: text('evidence').notNull(),
    observedAt: text('observed_at').notNull(),
    /**
     * The source's time as lists sort it: the time it claims, else when it was
     * observed. Kept by triggers on sightings and sources (migration 0005), so
     * that a page of a leak's sightings is a walk of an index, not a sort.
     */
    sortAt: text('sort_at'),
    /** The source's stage, kept by triggers on sightings and sources (migration 0006), so that a stage's page of sightings is a walk of an index. */
    stage: text('stage'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sightings_unique').on(t.leakId, t.sourceId, sql`ifnull(${t.documentId}, 0)`),
    index('sightings_leak_time').on(t.leakId, t.observedAt),
    index('sightings_leak_sort').on(t.leakId, t.sortAt, t.id),
    index('sightings_leak_stage_sort').on(t.leakId, t.stage, t.sortAt, t.id),
    index('sightings_document').on(t.documentId),
    index('sightings_source').on(t.sourceId),
  ],
);

/** Feeds and watched pages, polled on a schedule. */
export const feeds = sqliteTable('feeds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull().unique(),
  /** feed (RSS, Atom, JSON Feed) | watch (any page: new links) | telegram (t.me/s/<channel>) */
  kind: text('kind').notNull(),
  everySeconds: integer('every_seconds').notNull(),
  lastPolledAt: text('last_polled_at'),
  lastError: text('last_error'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  createdAt: createdAt(),
});

/** Item and link URLs a feed or watch has already turned into fetches. */
export const seenUrls = sqliteTable('seen_urls', {
  url: text('url').primaryKey(),
  feedId: integer('feed_id'),
  firstSeenAt: text('first_seen_at').notNull(),
});

/** Small facts about this database (e.g. which seed data it has received). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** A leak's timeline as last computed (rebuilt by a debounced job when sightings arrive). */
export const timelines = sqliteTable('timelines', {
  leakId: integer('leak_id')
    .primaryKey()
    .references(() => leaks.id, { onDelete: 'cascade' }),
  json: text('json').notNull(),
  sightings: integer('sightings').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** What happened, in order: new sightings, stages entered. Read by the live dashboard and webhooks. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leakId: integer('leak_id').references(() => leaks.id, { onDelete: 'cascade' }),
    /** sighting.created | sightings.imported | stage.entered | leak.entered_mainstream */
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('events_leak').on(t.leakId)],
);

/** Newsroom endpoints told of stage transitions, with the secret their payloads are signed with. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull().unique(),
  secret: text('secret').notNull(),
  /** Comma-separated event types, or * for all. */
  events: text('events').notNull().default('stage.entered,leak.entered_mainstream'),
  createdAt: createdAt(),
});

/** API keys: only a hash is kept; the key is shown once, when it is created. */
export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  hash: text('hash').notNull().unique(),
  /** reader | analyst | admin */
  role: text('role').notNull(),
  label: text('label'),
  createdAt: createdAt(),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
});

/** Who did what and when: ingests, imports, checks, reads of leaked text, key changes. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    /** A key id, `open` (an open local install) or `cli`. */
    actor: text('actor').notNull(),
    role: text('role'),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);
