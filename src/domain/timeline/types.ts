import type { Stage } from '../stages/registry.ts';

/** One sighting as the timeline needs it. */
export interface TimelineEvent {
  id: number;
  url: string;
  stage: Stage | 'unclassified';
  tier: number | null;
  kind: string;
  domain: string | null;
  account: string | null;
  platform: string | null;
  /** The time the source claims, or null. */
  publishedAt: string | null;
  /** When Leakline first saw the source. */
  observedAt: string;
  /** How often the platform says the post was reposted or shared, when it says. */
  reposts: number | null;
}

/** Which of an event's two times the timeline places it at. */
export type TimeBasis = 'claimed' | 'observed';

export interface PlacedEvent extends TimelineEvent {
  at: string;
  basis: TimeBasis;
  /** Why the claimed time was not trusted, when it was not. */
  suspicious: string | null;
}

export interface SightingRef {
  id: number;
  url: string;
  kind: string;
  at: string;
  basis: TimeBasis;
  domain: string | null;
  account: string | null;
}

export interface StageSummary {
  stage: Stage;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  sightings: number;
  firstSighting: SightingRef | null;
  lastSighting: SightingRef | null;
  domains: number;
  accounts: number;
  /** The earliest sources of the stage, oldest first. */
  earliest: SightingRef[];
  /** The sources most reposted, by the platform's own counts or by how many sightings share their URL. */
  mostReposted: (SightingRef & { reposts: number })[];
  series: { hourly: { at: string; sightings: number }[]; daily: { at: string; sightings: number }[] };
}

export interface Transition {
  from: Stage;
  to: Stage;
  /** Seconds from the first sighting of `from` to the first of `to`. */
  lagSeconds: number;
  fromSighting: SightingRef;
  toSighting: SightingRef;
}

export interface Timeline {
  leak: string;
  droppedAt: string | null;
  stages: StageSummary[];
  transitions: Transition[];
  /** The first sighting by a top-tier (tier 1) news outlet, or null. */
  enteredMainstreamAt: string | null;
  enteredMainstreamBy: SightingRef | null;
  /** Events whose claimed time was not trusted, with the reason. */
  suspicious: { id: number; url: string; publishedAt: string | null; observedAt: string; reason: string }[];
  unclassified: number;
  /** The largest bursts of coordinated posting among the social sightings (at most 50, in time order); `/api/leaks/{slug}/coordination` lists them all. */
  coordinated: { id: string; basis: string; start: string; end: string; accounts: number; posts: number; example: string }[];
  /** How many bursts there are in all. */
  coordinatedTotal: number;
  /** Every burst, merged into spans of time (bursts less than an hour apart share one): what the chart shades. */
  coordinatedSpans: { start: string; end: string; bursts: number }[];
  updatedAt: string;
}
