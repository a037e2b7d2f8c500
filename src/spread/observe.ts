import { prepareText, quickFingerprints, type PreparedText } from '../domain/match/compare.ts';
import { classifyPlatform, type StageRegistry } from '../domain/stages/registry.ts';
import { hostOf, normaliseUrl } from '../domain/url.ts';
import type { DocumentMatch, Matcher } from '../match/matcher.ts';
import type { Db } from '../store/db.ts';
import type { SightingDraft } from '../store/sightings.ts';
import { saveObservation, type ObservationRecord, type PostInput } from '../store/sources.ts';
import type { LinkIndex, LinkTarget } from './link-index.ts';

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
  // most texts share no fingerprint with any leak: that is known without preparing them
  const prepared = deps.matcher.mayMatch(o.text) ? prepareText(o.text) : null;
  const matches = prepared ? await deps.matcher.match(prepared) : [];
  const plan = planObservation(deps, o, prepared, matches);
  if (!plan) return { sourceId: null, sightings: [] };
  const { source, created } = await saveObservation(deps.db, plan.record);
  const sightings = plan.drafts.map((d, i) => {
    deps.links.add(plan.url, d.target);
    return { leakId: d.leakId, documentId: d.documentId, kind: d.kind, similarity: d.similarity, created: created[i]! };
  });
  return { sourceId: source.id, sightings };
}

/** What an observation will record: the rows for `saveObservation`, and the sightings with the link target each makes of the source. */
export interface ObservationPlan {
  /** The source's URL, normalised. */
  url: string;
  record: ObservationRecord;
  drafts: (SightingDraft & { target: LinkTarget })[];
}

/**
 * The rows an observation records, given what the matcher found in its text
 * (`prepared` and `matches`: null and none when the text cannot match) and
 * the links the link index knows now; null for a post that carries nothing.
 * No IO.
 */
export function planObservation(deps: SpreadDeps, o: Observation, prepared: PreparedText | null, matches: readonly DocumentMatch[]): ObservationPlan | null {
  const linked = linkedTargets(deps, o);
  if (o.kind === 'post' && matches.length === 0 && linked.length === 0) return null;

  const url = normaliseUrl(o.url) ?? o.url;
  const classification = o.kind === 'post' && o.platform && !/^https?:/.test(url) ? classifyPlatform(o.platform) : deps.registry.classify(url);
  const now = deps.clock().toISOString();

  // what to record: a sighting per leak of each matched document, then links to what no match covers
  const drafts: (SightingDraft & { target: LinkTarget })[] = [];
  const covered = new Set<string>();
  for (const m of matches) {
    for (const leakId of m.leakIds) {
      const evidence = { spans: m.spans, coverage: { source: m.coverage.checked, document: m.coverage.document }, matchedWords: m.matchedWords, alterations: m.alterations };
      drafts.push({ leakId, documentId: m.documentId, kind: m.kind, similarity: m.similarity, evidence, target: { leakId, documentId: m.documentId, via: 'sighting', url } });
      covered.add(`${leakId}:${m.documentId}`);
      covered.add(`${leakId}:null`);
    }
  }
  for (const { link, target } of linked) {
    if (covered.has(`${target.leakId}:${target.documentId}`)) continue;
    covered.add(`${target.leakId}:${target.documentId}`);
    const evidence = { linkedUrl: link, via: target.via, linkedSource: target.url };
    drafts.push({ leakId: target.leakId, documentId: target.documentId, kind: 'link', similarity: 0, evidence, target: { ...target, via: 'sighting', url } });
  }

  const record: ObservationRecord = {
    source: {
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
      words: prepared ? prepared.words.count : quickFingerprints(o.text).words,
      metadata: o.metadata ?? {},
    },
    text: o.text,
    links: o.links.map((l) => ({ url: normaliseUrl(l.url), text: l.text ?? null })).filter((l): l is { url: string; text: string | null } => l.url !== null),
    post: o.post,
    sightings: drafts.map(({ target: _, ...draft }) => draft),
  };
  return { url, record, drafts };
}

/**
 * Links of the observation to a leak's drop URL or an earlier sighting, not
 * counting a link to itself. Its own URL is normalised only when some link
 * hits: most posts link nowhere known, and normalising a URL costs more than
 * matching a tweet.
 */
function linkedTargets(deps: SpreadDeps, o: Observation): { link: string; target: LinkTarget }[] {
  if (o.links.length === 0) return [];
  const linked = deps.links.lookup(o.links.map((l) => l.url));
  if (linked.length === 0) return linked;
  const self = normaliseUrl(o.url);
  return linked.filter((l) => l.link !== self);
}
