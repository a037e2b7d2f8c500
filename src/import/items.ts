import type { Post } from './post.ts';

/**
 * A record that did not become a post: where it was (`line` in line-based
 * files; `at`, a path like `messages[12]`, in whole JSON documents, whose
 * line is null) and why.
 */
export type Rejection = { line: number | null; reason: string; at?: string };

/** What an import yields for each record, in file order. */
export type ImportItem =
  /** A post; `warnings` name fields that were damaged and left empty or repaired (a bad date, bad UTF-8). */
  | { post: Post; line: number | null; warnings?: string[] }
  | { rejected: Rejection }
  /** A record that is valid but not a post (a like, a Telegram service message), counted by `kind`. */
  | { skipped: { line: number | null; kind: string } };

/** What a format module makes of one record: a record may hold several posts (a Twitter API page). */
export type Mapped = { post: Post; warnings?: string[] } | { rejected: string } | { skipped: string };

/** A record turned down, with a reason. */
export const reject = (reason: string): Mapped => ({ rejected: reason });

/** A finished post with the warnings gathered while reading it (undefined ones dropped). */
export function accepted(post: Post, ...warnings: Array<string | undefined | null>): Mapped {
  const present = warnings.filter((w): w is string => Boolean(w));
  return present.length > 0 ? { post, warnings: present } : { post };
}
