/** A post placed in time, as the burst finder reads it. */
export interface TimedPost {
  ms: number;
  account: string;
}

/**
 * The bursts in the posts of one key (one link, one text), sorted by time:
 * index ranges [first, last], inclusive.
 *
 * Definition: a window is a set of posts at most `windowSeconds` apart from
 * the first to the last (inclusive). It qualifies when at least `minAccounts`
 * distinct accounts posted in it. A burst is a maximal run of posts covered by
 * qualifying windows that overlap one another. So every post of a burst lies in
 * a window of `windowSeconds` with `minAccounts` accounts, and no two posts in
 * a row are further apart than the window; but a sustained burst (accounts
 * joining minute after minute) stays one burst and can last longer than the
 * window. A steady trickle (one account a minute for an hour, with a 60 s
 * window and 3 accounts) holds no qualifying window and is no burst.
 *
 * Every qualifying window lies inside the window that starts at its first
 * post, so sliding a window start over the posts, with a second pointer for
 * its end and a count per account, finds them all in linear time.
 *
 * @example
 * findBursts([{ ms: 0, account: 'a' }, { ms: 20_000, account: 'b' }, { ms: 50_000, account: 'c' }], 3, 60); // [[0, 2]]
 */
export function findBursts(posts: readonly TimedPost[], minAccounts: number, windowSeconds: number): [number, number][] {
  const span = windowSeconds * 1000;
  const counts = new Map<string, number>();
  const bursts: [number, number][] = [];
  let end = 0; // exclusive end of the window that starts at `start`
  let open: [number, number] | null = null;
  for (let start = 0; start < posts.length; start++) {
    const first = posts[start]!.ms;
    while (end < posts.length && posts[end]!.ms - first <= span) {
      const account = posts[end]!.account;
      counts.set(account, (counts.get(account) ?? 0) + 1);
      end++;
    }
    if (counts.size >= minAccounts) {
      if (open && start <= open[1]) open[1] = end - 1;
      else {
        if (open) bursts.push(open);
        open = [start, end - 1];
      }
    }
    const account = posts[start]!.account;
    const left = counts.get(account)! - 1;
    if (left === 0) counts.delete(account);
    else counts.set(account, left);
  }
  if (open) bursts.push(open);
  return bursts;
}
