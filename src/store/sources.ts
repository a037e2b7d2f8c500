import { eq, sql } from 'drizzle-orm';
import { links, posts, sources, sourceTexts } from '../../db/schema.ts';
import type { Db } from './db.ts';

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

export async function saveSourceText(db: Db, sourceId: number, text: string): Promise<void> {
  await db.insert(sourceTexts).values({ sourceId, text }).onConflictDoUpdate({ target: sourceTexts.sourceId, set: { text } });
}

export async function saveLinks(db: Db, sourceId: number, outlinks: readonly { url: string; text?: string | null }[]): Promise<void> {
  const unique = new Map(outlinks.map((l) => [l.url, l.text ?? null]));
  const rows = [...unique].map(([url, text]) => ({ sourceId, url, text: text?.slice(0, 500) ?? null }));
  for (let i = 0; i < rows.length; i += 200) await db.insert(links).values(rows.slice(i, i + 200)).onConflictDoNothing();
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

export async function savePost(db: Db, sourceId: number, post: PostInput): Promise<void> {
  const values = { sourceId, ...post, metrics: post.metrics ? JSON.stringify(post.metrics) : null };
  await db.insert(posts).values(values).onConflictDoNothing();
}

export async function findSourceByUrl(db: Db, url: string): Promise<SourceRow | undefined> {
  return db.select().from(sources).where(eq(sources.url, url)).get();
}
