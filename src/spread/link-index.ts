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
  /** Set when targets were added for sightings whose write then failed: the next refresh is due at once. */
  stale = false;

  async refresh(db: Db): Promise<void> {
    this.stale = false;
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
    const key = linkKey(url);
    if (!key) return;
    const list = this.targets.get(key) ?? [];
    if (!list.some((t) => t.leakId === target.leakId && t.documentId === target.documentId)) list.push(target);
    this.targets.set(key, list);
  }

  /** Leak targets among a set of links (already normalised or not), each with the link that points at it. */
  lookup(urls: readonly string[], self?: string): { link: string; target: LinkTarget }[] {
    const out: { link: string; target: LinkTarget }[] = [];
    const selfKey = self ? linkKey(self) : null;
    for (const url of urls) {
      const key = linkKey(url);
      if (!key || key === selfKey) continue;
      for (const target of this.targets.get(key) ?? []) out.push({ link: key, target });
    }
    return out;
  }

  /** Whether a link, given by its key (`linkKey`), stands for some leak. */
  knows(key: string): boolean {
    return this.targets.has(key);
  }
}

/**
 * An http(s) URL that `normaliseUrl` returns unchanged: lower-case scheme
 * and host name (its last label starting with a letter, so never an IPv4
 * address; no punycode label to check), no port or user, a path of
 * characters the URL parser leaves as they are and no dot segment, no query
 * or fragment. Shortened links (`https://t.co/AbC123`) are of this form.
 */
const NORMAL_LINK = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?\/[\w\-.~!$&'()*+,;=:@/]*$/;

/**
 * The key of a link in the index: its normal form (`normaliseUrl`), found
 * by a pattern test for links already in it, which most links of posts are,
 * and by parsing the URL for the rest (a parse costs several microseconds,
 * more than matching a tweet).
 *
 * @example
 * linkKey('https://t.co/D7BMFbXpYr'); // 'https://t.co/D7BMFbXpYr' (no parse)
 * linkKey('HTTPS://Paste.Example/raw/nb2024#top'); // 'https://paste.example/raw/nb2024'
 */
export function linkKey(url: string): string | null {
  if (NORMAL_LINK.test(url) && !url.includes('/.') && !url.includes('xn--')) return url;
  return normaliseUrl(url);
}
