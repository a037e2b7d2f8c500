import { prepareText, type PreparedText } from '../domain/match/compare.ts';
import { saveObservations } from '../store/observations.ts';
import type { ObservationRecord } from '../store/sources.ts';
import { linkKey } from './link-index.ts';
import { planObservation, type Observation, type SpreadDeps } from './observe.ts';

/** A post that carried a leak, as `flush` reports it. */
export interface ObservedPost {
  url: string;
  sightings: { leakId: number; documentId: number | null; kind: string; similarity: number }[];
}

/**
 * The posts of an import on their way to the database, so that matching
 * posts are read and written many at a time: `observe` per post costs a
 * read and a write transaction each, a batch costs two reads and one
 * transaction for hundreds of posts.
 *
 * `hold` decides at once, in memory, whether a post can carry a leak at all:
 * its text shares a fingerprint with the index, or one of its links points
 * at a leak's drop URL, at a sighting already known, or at a post held
 * here (which may become a sighting once matched). Other posts, nearly all
 * of them, are dropped on the spot with no database access. `flush` then
 * matches the held posts and plans their rows in file order, each seeing
 * the link targets of the posts before it, so a post linking to one earlier
 * in the same batch resolves as it would one post at a time; and it stores
 * them all in one write transaction (`saveObservations`), with the same rows
 * as `observe` called for each. Until `flush` returns, nothing held is
 * stored: a job flushes before it reports progress or completes, and a
 * killed job starts over (every write is idempotent).
 *
 * @example
 * const batch = new PostBatch(await spread.deps());
 * for (const post of posts) if (batch.hold(postObservation(post)) && batch.size >= 500) report(await batch.flush());
 * report(await batch.flush());
 */
export class PostBatch {
  private held: { observation: Observation; mayMatch: boolean }[] = [];
  /** Link keys of the held posts' own URLs. */
  private readonly heldKeys = new Set<string>();

  constructor(private readonly deps: SpreadDeps) {}

  get size(): number {
    return this.held.length;
  }

  /** Keeps a post for the next flush when it may carry a leak; false when it cannot (it is not stored). */
  hold(o: Observation): boolean {
    const mayMatch = this.deps.matcher.mayMatch(o.text);
    if (!mayMatch && !this.mayLink(o)) return false;
    this.held.push({ observation: o, mayMatch });
    const key = linkKey(o.url);
    if (key) this.heldKeys.add(key);
    return true;
  }

  /** Matches and stores the held posts; returns those that carry a leak, in order. */
  async flush(): Promise<ObservedPost[]> {
    const held = this.held;
    if (held.length === 0) return [];
    this.held = [];
    this.heldKeys.clear();
    const prepared: (PreparedText | null)[] = held.map((h) => (h.mayMatch ? prepareText(h.observation.text) : null));
    const texts = prepared.filter((p): p is PreparedText => p !== null);
    const found = await this.deps.matcher.matchMany(texts);
    const records: ObservationRecord[] = [];
    const out: ObservedPost[] = [];
    let next = 0;
    for (let i = 0; i < held.length; i++) {
      const matches = prepared[i] ? found[next++]! : [];
      const plan = planObservation(this.deps, held[i]!.observation, prepared[i] ?? null, matches);
      if (!plan) continue;
      // known from here on: later posts of this batch that link to it resolve to it
      for (const d of plan.drafts) this.deps.links.add(plan.url, d.target);
      records.push(plan.record);
      out.push({ url: plan.url, sightings: plan.drafts.map((d) => ({ leakId: d.leakId, documentId: d.documentId, kind: d.kind, similarity: d.similarity })) });
    }
    try {
      await saveObservations(this.deps.db, records);
    } catch (error) {
      // the link index now names sources that were not stored: it is read again before the next job
      this.deps.links.stale = true;
      throw error;
    }
    return out;
  }

  /** Whether a link of the post points at something that stands, or may come to stand, for a leak. */
  private mayLink(o: Observation): boolean {
    for (const { url } of o.links) {
      const key = linkKey(url);
      if (key !== null && (this.deps.links.knows(key) || this.heldKeys.has(key))) return true;
    }
    return false;
  }
}
