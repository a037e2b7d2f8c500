import { normaliseUrl } from '../domain/url.ts';
import type { Db } from '../store/db.ts';

export interface LinkTarget {
  leakId: number;
  /** The document the linked page carries, when it is a sighting of one. */
  documentId: number | null;
  /** drop-url: the leak's registered drop URL; sighting: a page or post already seen carrying the leak. */
  via: 'drop-url' | 'sighting';
  url: string;
}

/**
 * URLs that stand for a leak: its drop URLs and every source already sighted
 * with it. A page or post linking to one of them spreads the leak even when
 * it quotes nothing. Kept in memory, so checking the links of a post that
 * points nowhere known costs no query.
 */
export class LinkIndex {
  private readonly targets = new Map<string, LinkTarget[]>();

  async refresh(db: Db): Promise<void> {
    this.targets.clear();
    const drops = await db.$client.execute('SELECT id, drop_url FROM leaks WHERE drop_url IS NOT NULL');
    for (const r of drops.rows) this.add(String(r.drop_url), { leakId: Number(r.id), documentId: null, via: 'drop-url', url: String(r.drop_url) });
    const seen = await db.$client.execute(`SELECT s.url, s.canonical_url, si.leak_id, si.document_id FROM sightings si JOIN sources s ON s.id = si.source_id`);
    for (const r of seen.rows) {
      const target = { leakId: Number(r.leak_id), documentId: r.document_id === null ? null : Number(r.document_id), via: 'sighting' as const, url: String(r.url) };
      this.add(String(r.url), target);
      if (r.canonical_url) this.add(String(r.canonical_url), target);
    }
  }

  add(url: string, target: LinkTarget): void {
    const key = normaliseUrl(url);
    if (!key) return;
    const list = this.targets.get(key) ?? [];
    if (!list.some((t) => t.leakId === target.leakId && t.documentId === target.documentId)) list.push(target);
    this.targets.set(key, list);
  }

  /** Leak targets among a set of links (already normalised or not), each with the link that points at it. */
  lookup(urls: readonly string[], self?: string): { link: string; target: LinkTarget }[] {
    const out: { link: string; target: LinkTarget }[] = [];
    const selfKey = self ? normaliseUrl(self) : null;
    for (const url of urls) {
      const key = normaliseUrl(url);
      if (!key || key === selfKey) continue;
      for (const target of this.targets.get(key) ?? []) out.push({ link: key, target });
    }
    return out;
  }
}
