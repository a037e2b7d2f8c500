import { detectCoordination, resolveOptions, type CoordinationGroup } from '../domain/coordination/index.ts';
import type { CoordinationOptions } from '../domain/coordination/types.ts';
import type { Db } from './db.ts';

type Options = Parameters<typeof resolveOptions>[0];

/** Groups last found per leak and options, with the sightings they were found among. */
interface Found {
  key: string;
  /** The newest sighting id of any leak, and this leak's number of sightings, when they were found. */
  maxSightingId: number;
  sightings: number;
  groups: Promise<CoordinationGroup[]>;
}

const MAX_KEPT = 8;
const found = new WeakMap<Db, Map<string, Found>>();

/**
 * Coordination groups among a leak's social sightings: the posts that carry
 * or link to the leak, with their text, links and time (claimed, else
 * observed).
 *
 * Detecting them reads every post of the leak (seconds for 100,000), so the
 * groups last found are kept per process, per leak and options, while no
 * sighting has been recorded since (sightings only grow, and a leak's count
 * tells a new leak that took a deleted one's id). The timeline rebuild finds
 * them with the default options, so the coordination page and API read them
 * from here afterwards. The groups returned are shared: read, never change.
 */
export async function leakCoordination(db: Db, leakId: number, options: Options = {}): Promise<CoordinationGroup[]> {
  const resolved = resolveOptions(options);
  const key = `${leakId} ${JSON.stringify(resolved)}`;
  const { rows } = await db.$client.execute({ sql: 'SELECT (SELECT max(id) FROM sightings) AS max_id, (SELECT count(*) FROM sightings WHERE leak_id = ?) AS n', args: [leakId] });
  const maxSightingId = Number(rows[0]?.max_id ?? 0);
  const sightings = Number(rows[0]?.n ?? 0);
  let kept = found.get(db);
  if (!kept) found.set(db, (kept = new Map()));
  const hit = kept.get(key);
  if (hit && hit.maxSightingId === maxSightingId && hit.sightings === sightings) return hit.groups;
  const groups = detect(db, leakId, resolved);
  const entry = { key, maxSightingId, sightings, groups };
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  // a failure is not kept
  groups.catch(() => kept.get(key) === entry && kept.delete(key));
  return groups;
}

async function detect(db: Db, leakId: number, options: CoordinationOptions): Promise<CoordinationGroup[]> {
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
