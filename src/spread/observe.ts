import { prepareText } from '../domain/match/compare.ts';
import { classifyPlatform, type StageRegistry } from '../domain/stages/registry.ts';
import { hostOf, normaliseUrl } from '../domain/url.ts';
import type { Matcher } from '../match/matcher.ts';
import type { Db } from '../store/db.ts';
import { recordSighting } from '../store/sightings.ts';
import { saveLinks, savePost, saveSourceText, upsertSource, type PostInput } from '../store/sources.ts';
import type { LinkIndex } from './link-index.ts';

export interface SpreadDeps {
  db: Db;
  matcher: Matcher;
  links: LinkIndex;
  registry: StageRegistry;
  clock: () => Date;
}

/** What was seen: a fetched page or an imported post. */
export interface Observation {
  kind: 'page' | 'post';
  /** The page URL or post permalink; posts without one get `post:<platform>:<id>`. */
  url: string;
  canonicalUrl?: string | null;
  title?: string | null;
  account?: string | null;
  platform?: string | null;
  /** The time the source claims. */
  publishedAt: string | null;
  text: string;
  links: readonly { url: string; text?: string | null }[];
  post?: PostInput;
  metadata?: Record<string, unknown>;
}

export interface ObservedSighting {
  leakId: number;
  documentId: number | null;
  kind: string;
  similarity: number;
  created: boolean;
}

/**
 * Matches one page or post against every leak and records what it finds:
 * content sightings (exact, excerpt, near, altered) with their aligned spans,
 * and link sightings for links to a drop URL or an earlier sighting. A post
 * that carries nothing is not stored; a page always is (it is context for the
 * pages that link to it).
 */
export async function observe(deps: SpreadDeps, o: Observation): Promise<{ sourceId: number | null; sightings: ObservedSighting[] }> {
  const prepared = prepareText(o.text);
  const matches = deps.matcher.hits(prepared).length > 0 ? await deps.matcher.match(prepared) : [];
  const linked = deps.links.lookup(o.links.map((l) => l.url), o.url);
  if (o.kind === 'post' && matches.length === 0 && linked.length === 0) return { sourceId: null, sightings: [] };

  const url = normaliseUrl(o.url) ?? o.url;
  const classification = o.kind === 'post' && o.platform && !/^https?:/.test(url) ? classifyPlatform(o.platform) : deps.registry.classify(url);
  const now = deps.clock().toISOString();
  const source = await upsertSource(deps.db, {
    url,
    canonicalUrl: o.canonicalUrl ? normaliseUrl(o.canonicalUrl) : null,
    domain: hostOf(url),
    kind: o.kind,
    platform: o.platform ?? classification.platform,
    account: o.account ?? null,
    title: o.title ?? null,
    stage: classification.stage,
    tier: classification.tier,
    publishedAt: o.publishedAt,
    observedAt: now,
    words: prepared.words.count,
    metadata: o.metadata ?? {},
  });
  await saveSourceText(deps.db, source.id, o.text);
  const outlinks = o.links.map((l) => ({ url: normaliseUrl(l.url), text: l.text ?? null })).filter((l): l is { url: string; text: string | null } => l.url !== null);
  if (outlinks.length > 0) await saveLinks(deps.db, source.id, outlinks);
  if (o.post) await savePost(deps.db, source.id, o.post);

  const sightings: ObservedSighting[] = [];
  const covered = new Set<string>();
  for (const m of matches) {
    for (const leakId of m.leakIds) {
      const evidence = { spans: m.spans, coverage: { source: m.coverage.checked, document: m.coverage.document }, matchedWords: m.matchedWords, alterations: m.alterations };
      const { created } = await recordSighting(deps.db, { leakId, documentId: m.documentId, sourceId: source.id, kind: m.kind, similarity: m.similarity, evidence, observedAt: source.observedAt });
      sightings.push({ leakId, documentId: m.documentId, kind: m.kind, similarity: m.similarity, created });
      covered.add(`${leakId}:${m.documentId}`);
      covered.add(`${leakId}:null`);
      deps.links.add(url, { leakId, documentId: m.documentId, via: 'sighting', url });
    }
  }
  for (const { link, target } of linked) {
    if (covered.has(`${target.leakId}:${target.documentId}`)) continue;
    covered.add(`${target.leakId}:${target.documentId}`);
    const evidence = { linkedUrl: link, via: target.via, linkedSource: target.url };
    const { created } = await recordSighting(deps.db, { leakId: target.leakId, documentId: target.documentId, sourceId: source.id, kind: 'link', similarity: 0, evidence, observedAt: source.observedAt });
    sightings.push({ leakId: target.leakId, documentId: target.documentId, kind: 'link', similarity: 0, created });
    deps.links.add(url, { ...target, via: 'sighting', url });
  }
  return { sourceId: source.id, sightings };
}
