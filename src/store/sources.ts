import type { InStatement } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { sources } from '../../db/schema.ts';
import type { Db } from './db.ts';
import { createdSightings, insertSightings, strongerEvidence, type SightingDraft } from './sightings.ts';

export interface SourceInput {
  url: string;
  canonicalUrl?: string | null;
  domain: string | null;
  kind: 'page' | 'post';
  platform?: string | null;
  account?: string | null;
  title?: string | null;
  stage: string;
  tier?: number | null;
  publishedAt: string | null;
  observedAt: string;
  textSha256?: string | null;
  words?: number;
  metadata?: Record<string, unknown>;
}

export type SourceRow = typeof sources.$inferSelect;

/**
 * Records a source, or refreshes what it says of itself when seen again. The
 * first observation time is never moved, and a claimed publication time is
 * never replaced by a later claim: neither is silently rewritten.
 */
export async function upsertSource(db: Db, input: SourceInput): Promise<SourceRow> {
  const values = {
    url: input.url,
    canonicalUrl: input.canonicalUrl ?? null,
    domain: input.domain,
    kind: input.kind,
    platform: input.platform ?? null,
    account: input.account ?? null,
    title: input.title ?? null,
    stage: input.stage,
    tier: input.tier ?? null,
    publishedAt: input.publishedAt,
    observedAt: input.observedAt,
    textSha256: input.textSha256 ?? null,
    words: input.words ?? 0,
    metadata: JSON.stringify(input.metadata ?? {}),
  };
  const [row] = await db
    .insert(sources)
    .values(values)
    .onConflictDoUpdate({
      target: sources.url,
      set: {
        canonicalUrl: sql`coalesce(excluded.canonical_url, ${sources.canonicalUrl})`,
        title: sql`coalesce(excluded.title, ${sources.title})`,
        publishedAt: sql`coalesce(${sources.publishedAt}, excluded.published_at)`,
        textSha256: sql`coalesce(excluded.text_sha256, ${sources.textSha256})`,
        words: sql`max(excluded.words, ${sources.words})`,
        stage: sql`excluded.stage`,
        tier: sql`excluded.tier`,
        metadata: sql`excluded.metadata`,
      },
    })
    .returning();
  return row!;
}

export interface PostInput {
  platform: string;
  postId: string;
  account: string;
  repostOf: string | null;
  quoteOf: string | null;
  replyTo: string | null;
  metrics?: Record<string, number> | null;
}

export interface ObservationRecord {
  source: SourceInput;
  text: string;
  links: readonly { url: string; text?: string | null }[];
  post?: PostInput | undefined;
  sightings: readonly SightingDraft[];
}

/**
 * How a source seen again is merged into its row (the rule `upsertSource`
 * states with drizzle): the first claimed time is kept, the stage and tier
 * follow the registry, the other fields take what is known.
 */
export const SOURCE_CONFLICT = `ON CONFLICT (url) DO UPDATE SET
    canonical_url = coalesce(excluded.canonical_url, sources.canonical_url),
    title = coalesce(excluded.title, sources.title),
    published_at = coalesce(sources.published_at, excluded.published_at),
    text_sha256 = coalesce(excluded.text_sha256, sources.text_sha256),
    words = max(excluded.words, sources.words),
    stage = excluded.stage,
    tier = excluded.tier,
    metadata = excluded.metadata`;

/** The upsert of `upsertSource`, as plain SQL returning the row. */
const UPSERT_SOURCE = `INSERT INTO sources (url, canonical_url, domain, kind, platform, account, title, stage, tier, published_at, observed_at, text_sha256, words, metadata)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ${SOURCE_CONFLICT}
  RETURNING id, url, canonical_url AS canonicalUrl, domain, kind, platform, account, title, stage, tier,
    published_at AS publishedAt, observed_at AS observedAt, text_sha256 AS textSha256, words, metadata`;
const SOURCE_ID = '(SELECT id FROM sources WHERE url = ?)';

/**
 * Stores what an observation found — the source (as `upsertSource` does),
 * its text, outlinks and post, and its sightings (as `recordSighting` does)
 * — in one batch: one write transaction of plain statements, where the
 * separate calls each built a query and committed on their own. Later
 * statements find the source by its URL. Sightings that already existed
 * take stronger evidence in a second batch, which only a source seen before
 * needs. Returns the source row and, for each sighting in order, whether it
 * was new.
 */
export async function saveObservation(db: Db, o: ObservationRecord): Promise<{ source: SourceRow; created: boolean[] }> {
  const s = o.source;
  const url = s.url;
  const statements: InStatement[] = [
    {
      sql: UPSERT_SOURCE,
      args: [url, s.canonicalUrl ?? null, s.domain, s.kind, s.platform ?? null, s.account ?? null, s.title ?? null, s.stage, s.tier ?? null, s.publishedAt, s.observedAt, s.textSha256 ?? null, s.words ?? 0, JSON.stringify(s.metadata ?? {})],
    },
    { sql: `INSERT INTO source_texts (source_id, text) VALUES (${SOURCE_ID}, ?) ON CONFLICT (source_id) DO UPDATE SET text = excluded.text`, args: [url, o.text] },
  ];
  const links = [...new Map(o.links.map((l) => [l.url, l.text?.slice(0, 500) ?? null]))];
  for (let i = 0; i < links.length; i += 200) {
    const chunk = links.slice(i, i + 200);
    statements.push({
      sql: `INSERT INTO links (source_id, url, text) SELECT s.id, v.column1, v.column2 FROM sources s, (VALUES ${chunk.map(() => '(?, ?)').join(', ')}) v WHERE s.url = ? ON CONFLICT DO NOTHING`,
      args: [...chunk.flat(), url],
    });
  }
  if (o.post) {
    const p = o.post;
    statements.push({
      sql: `INSERT INTO posts (source_id, platform, post_id, account, repost_of, quote_of, reply_to, metrics) VALUES (${SOURCE_ID}, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      args: [url, p.platform, p.postId, p.account, p.repostOf, p.quoteOf, p.replyTo, p.metrics ? JSON.stringify(p.metrics) : null],
    });
  }
  if (o.sightings.length > 0) statements.push(insertSightings(url, o.sightings));
  const results = await db.$client.batch(statements, 'write');
  const created = o.sightings.length > 0 ? createdSightings(o.sightings, results[results.length - 1]!) : [];
  // seen before (a re-crawl, a repeated post): those sightings keep their rows and take stronger evidence
  const existing = o.sightings.filter((_, i) => !created[i]);
  if (existing.length > 0) await db.$client.batch(strongerEvidence(url, existing), 'write');
  const row = results[0]!.rows[0]!;
  const source: SourceRow = {
    id: Number(row.id),
    url: String(row.url),
    canonicalUrl: nullableString(row.canonicalUrl),
    domain: nullableString(row.domain),
    kind: String(row.kind),
    platform: nullableString(row.platform),
    account: nullableString(row.account),
    title: nullableString(row.title),
    stage: String(row.stage),
    tier: row.tier === null ? null : Number(row.tier),
    publishedAt: nullableString(row.publishedAt),
    observedAt: String(row.observedAt),
    textSha256: nullableString(row.textSha256),
    words: Number(row.words),
    metadata: String(row.metadata),
  };
  return { source, created };
}

const nullableString = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function findSourceByUrl(db: Db, url: string): Promise<SourceRow | undefined> {
  return db.select().from(sources).where(eq(sources.url, url)).get();
}
