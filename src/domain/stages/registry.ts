import { hostOf } from '../url.ts';

export type Stage = 'drop' | 'amplification' | 'mainstream';
export const STAGES: readonly Stage[] = ['drop', 'amplification', 'mainstream'];

export interface StageEntry {
  /** A host (`pastebin.com`, also matching its subdomains) or host and path prefix (`t.me/macronleaks`). */
  pattern: string;
  stage: Stage;
  tier: number | null;
  label: string | null;
  platform: string | null;
}

export interface Classification {
  stage: Stage | 'unclassified';
  tier: number | null;
  label: string | null;
  platform: string | null;
  /** The registry entry that decided it, or null. */
  pattern: string | null;
}

export interface StageRegistry {
  classify(url: string): Classification;
  readonly size: number;
}

const UNCLASSIFIED: Classification = { stage: 'unclassified', tier: null, label: null, platform: null, pattern: null };

/** A host pattern in its normal form: lower-case, no scheme, no `www.`, no trailing slash. */
export function normalisePattern(pattern: string): string {
  return pattern
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/**
 * Builds the classifier of a registry: the most specific entry wins (a path
 * prefix over its host, a subdomain over its parent), and an address no entry
 * covers is `unclassified`, shown rather than dropped.
 *
 * @example
 * buildRegistry(SEED_DOMAINS).classify('https://www.nytimes.com/2017/05/06/world/europe/macron-leak.html').stage; // 'mainstream'
 */
export function buildRegistry(entries: readonly StageEntry[]): StageRegistry {
  const byHost = new Map<string, StageEntry>();
  const byPrefix = new Map<string, StageEntry[]>();
  for (const entry of entries) {
    const pattern = normalisePattern(entry.pattern);
    const slash = pattern.indexOf('/');
    if (slash < 0) byHost.set(pattern, { ...entry, pattern });
    else {
      const host = pattern.slice(0, slash);
      byPrefix.set(host, [...(byPrefix.get(host) ?? []), { ...entry, pattern }].sort((a, b) => b.pattern.length - a.pattern.length));
    }
  }
  return {
    size: entries.length,
    classify(url) {
      const host = hostOf(url);
      if (!host) return UNCLASSIFIED;
      let path = '';
      try {
        path = decodeURIComponent(new URL(url).pathname).toLowerCase();
      } catch {
        path = '';
      }
      // walk from the full host to its parents: a.b.example.com, b.example.com, example.com
      for (let h = host; h !== ''; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : '') {
        for (const entry of byPrefix.get(h) ?? []) {
          const prefix = entry.pattern.slice(h.length);
          if (path === prefix || path.startsWith(`${prefix}/`)) return toClassification(entry);
        }
        const entry = byHost.get(h);
        if (entry) return toClassification(entry);
      }
      return UNCLASSIFIED;
    },
  };
}

const toClassification = (e: StageEntry): Classification => ({ stage: e.stage, tier: e.tier, label: e.label, platform: e.platform, pattern: e.pattern });

/** The stage of a post on a platform with no URL of its own: social amplification. */
export function classifyPlatform(platform: string): Classification {
  return { stage: 'amplification', tier: null, label: platform, platform, pattern: null };
}
