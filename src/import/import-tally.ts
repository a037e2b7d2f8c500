import type { ImportItem, Rejection } from './items.ts';

export type ImportSummary = {
  posts: number;
  rejected: number;
  /** Valid records that are not posts, by kind ("bluesky create app.bsky.feed.like": 12). */
  skipped: Record<string, number>;
  /** Posts kept with a damaged field repaired or left empty. */
  withWarnings: number;
  withoutTime: number;
  withLinks: number;
  reposts: number;
  quotes: number;
  replies: number;
  /** The first rejections, for the `--json` summary and the terminal. */
  rejections: Rejection[];
  warnings: Array<{ line: number | null; postId: string; warnings: string[] }>;
};

/**
 * Counts what an import yielded, for the CLI's progress line and `--json`
 * summary. Keeps at most `keep` rejections and warnings: a file where every
 * line is bad must not fill memory with reasons.
 */
export function createImportTally(keep = 100) {
  const summary: ImportSummary = {
    posts: 0, rejected: 0, skipped: {}, withWarnings: 0, withoutTime: 0, withLinks: 0, reposts: 0, quotes: 0, replies: 0, rejections: [], warnings: [],
  };
  return {
    add(item: ImportItem): void {
      if ('rejected' in item) {
        summary.rejected++;
        if (summary.rejections.length < keep) summary.rejections.push(item.rejected);
      } else if ('skipped' in item) {
        summary.skipped[item.skipped.kind] = (summary.skipped[item.skipped.kind] ?? 0) + 1;
      } else {
        const { post } = item;
        summary.posts++;
        if (post.createdAt === null) summary.withoutTime++;
        if (post.urls.length > 0) summary.withLinks++;
        if (post.repostOf !== null) summary.reposts++;
        if (post.quoteOf !== null) summary.quotes++;
        if (post.replyTo !== null) summary.replies++;
        if (item.warnings) {
          summary.withWarnings++;
          if (summary.warnings.length < keep) summary.warnings.push({ line: item.line, postId: post.postId, warnings: item.warnings });
        }
      }
    },
    summary: (): ImportSummary => summary,
  };
}
