import type { InArgs, InStatement } from '@libsql/client';
import type { Db } from './db.ts';
import type { SightingDraft } from './sightings.ts';
import { SOURCE_CONFLICT, type ObservationRecord, type PostInput, type SourceInput } from './sources.ts';

/** Rows per multi-row statement: far below SQLite's 32,766 bound variables at 14 a row. */
const ROWS_PER_STATEMENT = 500;

/**
 * Stores many observations (the matching posts of an import batch) in one
 * write transaction of multi-row statements, one or a few per table, where
 * `saveObservation` takes a transaction of five statements for each. The
 * rows are those `saveObservation` would leave, called once per record in
 * order: a source seen twice in the batch is merged the way its upsert
 * merges it with the stored row (first observation time, first claimed
 * publication time, the last text, the first text of each link, the first
 * post row), and a sighting met twice keeps the stronger evidence. Stored
 * sightings take stronger evidence in the same statement.
 */
export async function saveObservations(db: Db, records: readonly ObservationRecord[]): Promise<void> {
  if (records.length === 0) return;
  const sources = new Map<string, SourceInput>();
  const texts = new Map<string, string>();
  const links = new Map<string, [string, string, string | null]>();
  const posts = new Map<string, PostInput>();
  const sightings = new Map<string, [string, SightingDraft]>();
  for (const o of records) {
    const url = o.source.url;
    const earlier = sources.get(url);
    sources.set(url, earlier ? mergeSource(earlier, o.source) : o.source);
    texts.set(url, o.text);
    // within one observation the last text of a link wins, as saveObservation has it; across them the first row stays
    for (const [link, text] of new Map(o.links.map((l) => [l.url, l.text?.slice(0, 500) ?? null]))) {
      const key = `${url}\n${link}`;
      if (!links.has(key)) links.set(key, [url, link, text]);
    }
    if (o.post && !posts.has(url)) posts.set(url, o.post);
    for (const s of o.sightings) {
      const key = `${url}\n${s.leakId}\n${s.documentId ?? 0}`;
      const kept = sightings.get(key);
      if (!kept || kept[1].similarity < s.similarity) sightings.set(key, [url, s]);
    }
  }

  const statements: InStatement[] = [
    ...chunked([...sources.values()], 14, (values) => `INSERT INTO sources (url, canonical_url, domain, kind, platform, account, title, stage, tier, published_at, observed_at, text_sha256, words, metadata) VALUES ${values} ${SOURCE_CONFLICT}`, sourceArgs),
    ...chunked([...texts], 2, (values) => `INSERT INTO source_texts (source_id, text) SELECT s.id, v.column2 FROM (VALUES ${values}) v CROSS JOIN sources s WHERE s.url = v.column1 ON CONFLICT (source_id) DO UPDATE SET text = excluded.text`, (t) => t),
    ...chunked([...links.values()], 3, (values) => `INSERT INTO links (source_id, url, text) SELECT s.id, v.column2, v.column3 FROM (VALUES ${values}) v CROSS JOIN sources s WHERE s.url = v.column1 ON CONFLICT DO NOTHING`, (l) => l),
    ...chunked([...posts], 8, (values) => `INSERT INTO posts (source_id, platform, post_id, account, repost_of, quote_of, reply_to, metrics) SELECT s.id, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8 FROM (VALUES ${values}) v CROSS JOIN sources s WHERE s.url = v.column1 ON CONFLICT DO NOTHING`, ([url, p]) => [url, p.platform, p.postId, p.account, p.repostOf, p.quoteOf, p.replyTo, p.metrics ? JSON.stringify(p.metrics) : null]),
    ...chunked(
      [...sightings.values()],
      6,
      (values) => `INSERT INTO sightings (leak_id, document_id, source_id, kind, similarity, evidence, observed_at)
        SELECT v.column2, v.column3, s.id, v.column4, v.column5, v.column6, s.observed_at FROM (VALUES ${values}) v CROSS JOIN sources s WHERE s.url = v.column1
        ON CONFLICT (leak_id, source_id, ifnull(document_id, 0)) DO UPDATE SET kind = excluded.kind, similarity = excluded.similarity, evidence = excluded.evidence
        WHERE excluded.similarity > sightings.similarity`,
      ([url, s]) => [url, s.leakId, s.documentId, s.kind, s.similarity, JSON.stringify(s.evidence)],
    ),
  ];
  await db.$client.batch(statements, 'write');
}

const sourceArgs = (s: SourceInput): InArgs => [
  s.url,
  s.canonicalUrl ?? null,
  s.domain,
  s.kind,
  s.platform ?? null,
  s.account ?? null,
  s.title ?? null,
  s.stage,
  s.tier ?? null,
  s.publishedAt,
  s.observedAt,
  s.textSha256 ?? null,
  s.words ?? 0,
  JSON.stringify(s.metadata ?? {}),
];

/** A source observed again within the batch, as SOURCE_CONFLICT would leave it. */
function mergeSource(first: SourceInput, again: SourceInput): SourceInput {
  return {
    ...first,
    canonicalUrl: again.canonicalUrl ?? first.canonicalUrl ?? null,
    title: again.title ?? first.title ?? null,
    publishedAt: first.publishedAt ?? again.publishedAt,
    textSha256: again.textSha256 ?? first.textSha256 ?? null,
    words: Math.max(again.words ?? 0, first.words ?? 0),
    stage: again.stage,
    tier: again.tier ?? null,
    metadata: again.metadata ?? {},
  };
}

/** Multi-row statements over `rows`, ROWS_PER_STATEMENT at a time; `sql` gets the VALUES list. */
function chunked<T>(rows: readonly T[], width: number, sql: (values: string) => string, args: (row: T) => InArgs): InStatement[] {
  const out: InStatement[] = [];
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    out.push({ sql: sql(chunk.map(() => tuple).join(', ')), args: chunk.flatMap((row) => args(row) as unknown[]) as InArgs });
  }
  return out;
}
