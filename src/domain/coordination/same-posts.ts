import type { CoordinationBasis, CoordinationGroup } from './types.ts';

/** Text first: a burst of copies of one message is best described by the message. */
const RANK: Record<CoordinationBasis, number> = { 'same-text': 0, 'near-text': 1, 'same-link': 2 };

/**
 * Lists each burst once. Retweets of one post share its text and its links,
 * so the same posts form a text group and one link group per link; those are
 * one burst. The group kept is the text one (else the smallest link), and the
 * keys of the others go into its `alsoKeys`, so the burst can still be found
 * by its link.
 *
 * @example
 * mergeSamePosts([linkGroup, textGroup]); // [{ …textGroup, alsoKeys: [{ basis: 'same-link', key: linkGroup.key }] }]
 */
export function mergeSamePosts(groups: readonly CoordinationGroup[]): CoordinationGroup[] {
  const byPosts = new Map<string, CoordinationGroup[]>();
  for (const group of groups) {
    const key = group.posts.join('\u0000');
    const same = byPosts.get(key);
    if (same) same.push(group);
    else byPosts.set(key, [group]);
  }
  const out: CoordinationGroup[] = [];
  for (const same of byPosts.values()) {
    same.sort((a, b) => RANK[a.basis] - RANK[b.basis] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const [kept, ...others] = same;
    out.push({ ...kept!, alsoKeys: others.map((g) => ({ basis: g.basis, key: g.key })) });
  }
  return out;
}
