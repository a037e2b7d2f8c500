import { findBursts } from './bursts.ts';
import { byLink, byText, type Keyed, type Placed } from './key-posts.ts';
import { hashString } from './post-text.ts';
import { mergeSamePosts } from './same-posts.ts';
import { resolveOptions, type CoordinationBasis, type CoordinationGroup, type CoordinationOptions, type CoordinationOptionsInput, type SocialEvent } from './types.ts';

/**
 * Coordinated amplification: bursts in which at least `minAccounts` distinct
 * accounts post the same link, the same text or near-identical texts within
 * `windowSeconds` (see findBursts for the exact rule). Links are compared
 * normalised (normaliseUrl); texts without their "RT @user:" prefix, links
 * and mentions, normalised (cleanPostText, normaliseText). A text burst is
 * `same-text` when all its posts have one text and `near-text` when they
 * vary; exact and near copies of a message are one cluster, so a burst is
 * never listed under both. One post can be in a link group and a text group;
 * when they hold exactly the same posts (retweets of one post) the burst is
 * listed once, under its text, with the links in `alsoKeys`.
 *
 * Sorted by start, then basis and key; the same events give the same groups
 * and ids in any order.
 *
 * @example
 * detectCoordination([
 *   { id: '1', account: 'a', time: '2016-10-07T20:45:00Z', text: 'Read it', urls: ['https://wikileaks.org/podesta-emails/'] },
 *   { id: '2', account: 'b', time: '2016-10-07T20:45:20Z', text: 'Wow', urls: ['https://wikileaks.org/podesta-emails/?utm_source=tw'] },
 *   { id: '3', account: 'c', time: '2016-10-07T20:45:50Z', text: 'Here', urls: ['https://WikiLeaks.org/podesta-emails/'] },
 * ]); // [{ basis: 'same-link', key: 'https://wikileaks.org/podesta-emails/', accounts: ['a', 'b', 'c'], size: 3, windowSeconds: 50, … }]
 */
export function detectCoordination(events: readonly SocialEvent[], options: CoordinationOptionsInput = {}): CoordinationGroup[] {
  const opts = resolveOptions(options);
  const posts = placePosts(events, opts);
  const groups: CoordinationGroup[] = [];
  for (const [key, members] of byLink(posts)) groups.push(...burstGroups(key, members, opts, () => 'same-link'));
  for (const members of byText(posts, opts)) groups.push(...burstGroups(null, members, opts, textBasis));
  return mergeSamePosts(groups).sort((x, y) => compare(x.start, y.start) || compare(x.basis, y.basis) || compare(x.key, y.key));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const textBasis = (range: Keyed[]): CoordinationBasis => (new Set(range.map((k) => k.fingerprint)).size === 1 ? 'same-text' : 'near-text');

/** Events with a readable time, each id once, sorted by time then id; reposts dropped when asked. */
function placePosts(events: readonly SocialEvent[], opts: CoordinationOptions): Placed[] {
  const seen = new Set<string>();
  const out: Placed[] = [];
  for (const event of events) {
    const ms = Date.parse(event.time);
    const repost = event.repostOf != null && event.repostOf !== '';
    if (Number.isNaN(ms) || seen.has(event.id) || (repost && !opts.includeReposts)) continue;
    seen.add(event.id);
    out.push({ ms, account: event.account, event, repost });
  }
  return out.sort((a, b) => a.ms - b.ms || compare(a.event.id, b.event.id));
}

/** The groups of one key's posts (already in time order); a null key is the smallest text fingerprint in the group. */
function burstGroups(key: string | null, members: Keyed[], opts: CoordinationOptions, basisOf: (range: Keyed[]) => CoordinationBasis): CoordinationGroup[] {
  if (members.length < opts.minAccounts) return [];
  const timed = members.map((m) => m.post);
  return findBursts(timed, opts.minAccounts, opts.windowSeconds).map(([first, last]) => {
    const range = members.slice(first, last + 1);
    const basis = basisOf(range);
    const groupKey = key ?? range.map((m) => m.fingerprint!).reduce((a, b) => (b < a ? b : a));
    const head = range[0]!.post;
    const start = new Date(head.ms).toISOString();
    const endMs = range.at(-1)!.post.ms;
    return {
      id: hashString(`${basis}\u0000${groupKey}\u0000${start}`),
      basis,
      key: groupKey,
      accounts: [...new Set(range.map((m) => m.post.account))].sort(),
      size: range.length,
      reposts: range.filter((m) => m.post.repost).length,
      start,
      end: new Date(endMs).toISOString(),
      windowSeconds: (endMs - head.ms) / 1000,
      example: { account: head.account, text: head.event.text, time: start },
      posts: range.map((m) => m.post.event.id),
      alsoKeys: [],
    };
  });
}
