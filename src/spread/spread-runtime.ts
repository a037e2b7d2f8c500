import { Matcher } from '../match/matcher.ts';
import type { Db } from '../store/db.ts';
import { loadRegistry } from '../store/domains.ts';
import { LinkIndex } from './link-index.ts';
import type { SpreadDeps } from './observe.ts';

/** How long the in-memory link index may lag behind sightings written by other processes. */
const LINKS_FRESH_MS = 5_000;

/**
 * The matcher, link index and stage registry of one process, brought up to
 * date before each job (cheap when nothing changed), so jobs see leaks
 * ingested and sightings recorded by other workers.
 */
export class SpreadRuntime {
  readonly matcher: Matcher;
  readonly links = new LinkIndex();
  private linksAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.matcher = new Matcher(db);
  }

  async deps(): Promise<SpreadDeps> {
    await this.matcher.refresh();
    if (this.links.stale || Date.now() - this.linksAt > LINKS_FRESH_MS) {
      await this.links.refresh(this.db);
      this.linksAt = Date.now();
    }
    return { db: this.db, matcher: this.matcher, links: this.links, registry: await loadRegistry(this.db), clock: this.clock };
  }
}
