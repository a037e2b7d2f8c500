import type { ChainNode } from '../domain/provenance/chain.ts';
import { placeEvents } from '../domain/timeline/place-events.ts';
import type { Db } from './db.ts';

const MAX_NODES = 2000;

/**
 * The sightings that carried any of the given documents (in any leak), one
 * per source, placed in time as the timeline places them, with their links,
 * post references and text.
 */
export async function chainNodes(db: Db, documentIds: readonly number[], droppedAt: string | null): Promise<ChainNode[]> {
  if (documentIds.length === 0) return [];
  const marks = documentIds.map(() => '?').join(',');
  // the earliest sources first, by the sort time each sighting keeps (an index walk per document), then their details:
  // joining texts and posts before the limit would read every sighting's source text
  const { rows } = await db.$client.execute({
    sql: `WITH picked AS (
            SELECT min(id) AS id, source_id, min(sort_at) AS t FROM sightings WHERE document_id IN (${marks})
            GROUP BY source_id ORDER BY t, source_id LIMIT ${MAX_NODES})
          SELECT picked.id, s.id AS source_id, s.url, s.stage, s.published_at, s.observed_at, p.post_id, p.repost_of, p.quote_of, st.text
          FROM picked JOIN sources s ON s.id = picked.source_id
          LEFT JOIN posts p ON p.source_id = s.id
          LEFT JOIN source_texts st ON st.source_id = s.id
          ORDER BY picked.t, picked.source_id`,
    args: [...documentIds],
  });
  const sourceIds = rows.map((r) => Number(r.source_id));
  const links = new Map<number, string[]>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const chunk = sourceIds.slice(i, i + 500);
    const found = await db.$client.execute({ sql: `SELECT source_id, url FROM links WHERE source_id IN (${chunk.map(() => '?').join(',')})`, args: chunk });
    for (const l of found.rows) links.set(Number(l.source_id), [...(links.get(Number(l.source_id)) ?? []), String(l.url)]);
  }
  const placed = placeEvents(
    rows.map((r) => ({
      id: Number(r.id),
      url: String(r.url),
      stage: String(r.stage) as ChainNode['stage'] & 'drop',
      tier: null,
      kind: '',
      domain: null,
      account: null,
      platform: null,
      publishedAt: (r.published_at as string | null) ?? null,
      observedAt: String(r.observed_at),
      reposts: null,
    })),
    droppedAt,
  );
  return rows.map((r, i) => ({
    sightingId: Number(r.id),
    url: String(r.url),
    stage: String(r.stage),
    at: placed[i]!.at,
    basis: placed[i]!.basis,
    links: links.get(Number(r.source_id)) ?? [],
    postId: (r.post_id as string | null) ?? null,
    repostOf: (r.repost_of as string | null) ?? null,
    quoteOf: (r.quote_of as string | null) ?? null,
    text: (r.text as string | null) ?? '',
  }));
}
