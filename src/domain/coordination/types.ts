import { DomainError } from '../errors.ts';

/** One social post as coordination detection reads it; any platform's import fits. */
export interface SocialEvent {
  id: string;
  account: string;
  /** ISO-8601; an event whose time does not parse is left out. */
  time: string;
  text: string;
  urls: string[];
  /** Set (to anything but an empty string) when the post is a plain repost: a retweet, a boost. */
  repostOf?: string | null;
}

/** What the posts of a group have in common. */
export type CoordinationBasis = 'same-link' | 'same-text' | 'near-text';

/** A burst of accounts posting the same link or (nearly) the same text. */
export interface CoordinationGroup {
  /** 16 hex digits hashed from basis, key and start: the same burst keeps its id across runs. */
  id: string;
  basis: CoordinationBasis;
  /** The normalised URL, or the 16-hex fingerprint of the normalised text (for near-text, the smallest of its texts'). */
  key: string;
  /** Distinct accounts, sorted. */
  accounts: string[];
  /** Number of posts. */
  size: number;
  /** Number of those posts that are reposts (see `includeReposts`). */
  reposts: number;
  start: string;
  end: string;
  /** end − start, in seconds: may exceed the window when bursts run into each other. */
  windowSeconds: number;
  /** The earliest post, with its text as posted. */
  example: { account: string; text: string; time: string };
  /** Event ids in time order. */
  posts: string[];
  /** Other keys shared by exactly these posts (the links of a retweeted post): the burst is listed once. */
  alsoKeys: { basis: CoordinationBasis; key: string }[];
}

/**
 * Near-identical text: word shingles compared by Jaccard similarity, with
 * MinHash LSH finding the candidate pairs. See near-duplicates.ts for why
 * these numbers.
 */
export interface NearDuplicateOptions {
  /** Words per shingle. */
  shingleWords: number;
  /** Shingle-set Jaccard similarity at or above which two texts are near-identical. */
  minJaccard: number;
  /** Shorter texts are only ever matched exactly: a few words leave too few shingles to compare. */
  minWords: number;
  /** LSH bands × rows = MinHash values per text. */
  bands: number;
  rows: number;
}

export interface CoordinationOptions {
  /** Distinct accounts a burst needs. */
  minAccounts: number;
  /** Posts of one key at most this far apart (inclusive) share a window. */
  windowSeconds: number;
  /**
   * Whether plain reposts take part. A retweet is the platform's own
   * amplification and is usually studied apart from copy-paste posting;
   * groups report how many of their posts are reposts either way.
   */
  includeReposts: boolean;
  /** Texts with fewer words (after cleaning) form no text groups: "lol" or "Wow!" is no message. */
  minTextWords: number;
  /** false: exact text only. */
  nearDuplicate: NearDuplicateOptions | false;
}

export const DEFAULT_NEAR_DUPLICATE: Readonly<NearDuplicateOptions> = Object.freeze({ shingleWords: 2, minJaccard: 0.6, minWords: 6, bands: 20, rows: 3 });

export const DEFAULT_COORDINATION_OPTIONS: Readonly<CoordinationOptions> = Object.freeze({
  minAccounts: 3,
  windowSeconds: 60,
  includeReposts: true,
  minTextWords: 4,
  nearDuplicate: DEFAULT_NEAR_DUPLICATE,
});

/**
 * Options with the defaults filled in, or a DomainError naming the bad one.
 *
 * @example
 * resolveOptions({ windowSeconds: 300, nearDuplicate: { minJaccard: 0.5 } }).nearDuplicate; // { shingleWords: 2, minJaccard: 0.5, minWords: 6, bands: 20, rows: 3 }
 * resolveOptions({ minAccounts: 1 }); // throws DomainError invalid_coordination_options
 */
export function resolveOptions(options: Partial<Omit<CoordinationOptions, 'nearDuplicate'>> & { nearDuplicate?: Partial<NearDuplicateOptions> | false } = {}): CoordinationOptions {
  const near = options.nearDuplicate === false ? false : { ...DEFAULT_NEAR_DUPLICATE, ...options.nearDuplicate };
  const resolved: CoordinationOptions = { ...DEFAULT_COORDINATION_OPTIONS, ...options, nearDuplicate: near };
  const bad = (name: string, rule: string) => new DomainError('invalid_coordination_options', `${name} must be ${rule}.`);
  if (!Number.isInteger(resolved.minAccounts) || resolved.minAccounts < 2) throw bad('minAccounts', 'an integer of at least 2');
  if (!Number.isFinite(resolved.windowSeconds) || resolved.windowSeconds < 0) throw bad('windowSeconds', 'a number of seconds ≥ 0');
  if (!Number.isInteger(resolved.minTextWords) || resolved.minTextWords < 1) throw bad('minTextWords', 'an integer of at least 1');
  if (near) {
    if (!Number.isInteger(near.shingleWords) || near.shingleWords < 1) throw bad('nearDuplicate.shingleWords', 'an integer of at least 1');
    if (!(near.minJaccard > 0 && near.minJaccard <= 1)) throw bad('nearDuplicate.minJaccard', 'in (0, 1]');
    if (!Number.isInteger(near.minWords) || near.minWords < near.shingleWords) throw bad('nearDuplicate.minWords', 'an integer of at least shingleWords');
    if (!Number.isInteger(near.bands) || near.bands < 1 || !Number.isInteger(near.rows) || near.rows < 1) throw bad('nearDuplicate.bands and rows', 'integers of at least 1');
  }
  return resolved;
}

/** The options detectCoordination takes: any subset of CoordinationOptions, nearDuplicate partly or false. */
export type CoordinationOptionsInput = Parameters<typeof resolveOptions>[0];
