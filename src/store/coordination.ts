import { detectCoordination, type CoordinationGroup } from '../domain/coordination/index.ts';
import type { CoordinationOptions } from '../domain/coordination/types.ts';
import type { Db } from './db.ts';

/**
 * Coordination groups among a leak's social sightings: the posts that carry
 * or link to the leak, with their text, links and time (claimed, else
 * observed).
 */
export async function leakCoordination(db: Db, leakId: number, options: Partial<CoordinationOptions> = {}): Promise<CoordinationGroup[]> {
  const { rows } = await db.$client.execute({
    sql: `SELECT s.id, s.url, s.account, coalesce(s.published_at, s.observed_at) AS time, st.text, p.repost_of,
                 (SELECT group_concat(l.url, ' ') FROM links l WHERE l.source_id = s.id) AS urls
          FROM sources s JOIN posts p ON p.source_id = s.id LEFT JOIN source_texts st ON st.source_id = s.id
          WHERE s.id IN (SELECT source_id FROM sightings WHERE leak_id = ?)`,
    args: [leakId],
  });
  const events = rows.map((r) => ({
    id: String(r.url),
    account: String(r.account ?? 'unknown'),
    time: String(r.time),
    text: String(r.text ?? ''),
    urls: r.urls ? String(r.urls).split(' ') : [],
    repostOf: (r.repost_of as string | null) ?? null,
  }));
  return detectCoordination(events, options);
}
