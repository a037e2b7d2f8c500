import type { SightingFilter } from '../store/sightings.ts';

export const STAGE_OPTIONS = ['drop', 'amplification', 'mainstream', 'unclassified'] as const;
export const KIND_OPTIONS = ['exact', 'excerpt', 'near', 'altered', 'link'] as const;

export interface SightingQuery {
  stage: string;
  kind: string;
  domain: string;
  /** As typed in the form (a `datetime-local` value, read as UTC), or an ISO time. */
  since: string;
  until: string;
  page: number;
  /** What was typed but could not be used, to say so rather than silently ignore it. */
  problems: string[];
}

/** A `datetime-local` value (no zone) is taken as UTC, as every time on the dashboard is shown. */
function toIso(value: string): string | null {
  const v = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value) ? `${value}Z` : /^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The sightings filters of a leak page from its query string; unknown values are dropped with a note. */
export function parseSightingQuery(q: (name: string) => string | undefined): SightingQuery {
  const problems: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[]): string => {
    const v = (q(name) ?? '').trim();
    if (v && !allowed.includes(v as T)) problems.push(`${name} "${v.slice(0, 40)}" is not one of ${allowed.join(', ')}`);
    return allowed.includes(v as T) ? v : '';
  };
  const domainRaw = (q('domain') ?? '').trim().toLowerCase();
  const domain = /^[a-z0-9.-]{1,253}$/.test(domainRaw) ? domainRaw : '';
  if (domainRaw && !domain) problems.push(`domain "${domainRaw.slice(0, 40)}" is not a host name`);
  const time = (name: string) => {
    const raw = (q(name) ?? '').trim();
    if (raw && !toIso(raw)) problems.push(`${name} "${raw.slice(0, 40)}" is not a date and time`);
    return raw && toIso(raw) ? raw : '';
  };
  return { stage: pick('stage', STAGE_OPTIONS), kind: pick('kind', KIND_OPTIONS), domain, since: time('since'), until: time('until'), page: Math.max(1, Math.floor(Number(q('page') ?? 1)) || 1), problems };
}

/** The store's filter for one page of the query. */
export function storeFilter(query: SightingQuery, limit: number, offset = (query.page - 1) * limit): SightingFilter {
  return {
    stage: query.stage || undefined,
    kind: query.kind || undefined,
    domain: query.domain || undefined,
    since: query.since ? toIso(query.since)! : undefined,
    until: query.until ? toIso(query.until)! : undefined,
    limit,
    offset,
  };
}

/** The query's filters as URL parameters (no page), to keep them across links. */
export const filterParams = (query: SightingQuery) => ({ stage: query.stage, kind: query.kind, domain: query.domain, since: query.since, until: query.until });
