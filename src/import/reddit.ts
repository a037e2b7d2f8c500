import { parseEpochTime } from './dates.ts';
import { describeType, idAt, isObject, metricsFrom, stringAt, textAt, type Json } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost } from './post.ts';
import { extractUrls, isWebLink, uniqueUrls } from './urls.ts';

/**
 * Reddit dumps in the Pushshift layout (the `RS_*` submissions and `RC_*`
 * comments files, one JSON object per line), also as returned by Reddit's
 * own API `data` objects.
 *
 * - Post ids are Reddit "fullnames": `t3_<id>` for a submission, `t1_<id>`
 *   for a comment, so a comment's `parent_id` (already a fullname) joins
 *   as its `replyTo`, and a crosspost's `crosspost_parent` as `repostOf`.
 * - A submission's text is its title, a blank line, and its selftext; its
 *   links are the linked `url` (not for self posts) and those in the text.
 * - `created_utc` is seconds since 1970 (a number or a string of digits).
 * - The subreddit is the post's channel.
 */
export const reddit: PostFormatReader = {
  source: 'json',
  map: (value) => [mapRedditRecord(value)],
  sniff: (head) => (/"subreddit"\s*:/.test(head) && /"created_utc"\s*:/.test(head) ? 0.95 : /"subreddit"\s*:/.test(head) ? 0.5 : 0),
};

const SUBMISSION_METRICS = ['score', 'num_comments', 'upvote_ratio', 'num_crossposts'] as const;
const COMMENT_METRICS = ['score', 'controversiality'] as const;

export function mapRedditRecord(value: unknown): Mapped {
  if (!isObject(value)) return reject(`${describeType(value)} where a Reddit submission or comment was expected`);
  // the API wraps things as { kind: 't3', data: {...} }
  const record = isObject(value.data) && typeof value.kind === 'string' ? value.data : value;
  const isComment = 'body' in record || (typeof record.name === 'string' && record.name.startsWith('t1_'));
  const isSubmission = 'title' in record || 'selftext' in record || (typeof record.name === 'string' && record.name.startsWith('t3_'));
  if (!isComment && !isSubmission) return reject('neither a submission (title, selftext) nor a comment (body)');
  const id = idAt(record.id)?.replace(/^t[13]_/, '');
  if (!id) return reject('a Reddit record without an "id"');
  const account = stringAt(record.author);
  if (!account) return reject(`${isComment ? 'comment' : 'submission'} ${id} has no "author"`);
  const time = parseEpochTime(record.created_utc, 'created_utc');
  return isComment ? comment(record, id, account, time.createdAt, time.warning) : submission(record, id, account, time.createdAt, time.warning);
}

function submission(record: Json, id: string, account: string, createdAt: string | null, warning?: string): Mapped {
  const title = textAt(record.title, 'title');
  const body = textAt(record.selftext, 'selftext');
  if ('error' in title) return reject(`submission ${id}: ${title.error}`);
  if ('error' in body) return reject(`submission ${id}: ${body.error}`);
  const post = base(record, `t3_${id}`, account, createdAt);
  post.text = body.text ? `${title.text}\n\n${body.text}` : title.text;
  const linked = stringAt(record.url);
  const selfPost = record.is_self === true || (linked !== null && /reddit\.com\/r\/[^/]+\/comments\//.test(linked));
  post.urls = uniqueUrls([!selfPost && linked && isWebLink(linked) ? linked : null, ...extractUrls(post.text)]);
  post.repostOf = stringAt(record.crosspost_parent);
  post.url = permalink(record) ?? `https://www.reddit.com/comments/${id}/`;
  const metrics = metricsFrom(record, SUBMISSION_METRICS);
  if (metrics) post.metrics = metrics;
  return accepted(post, warning);
}

function comment(record: Json, id: string, account: string, createdAt: string | null, warning?: string): Mapped {
  const body = textAt(record.body, 'body');
  if ('error' in body) return reject(`comment ${id}: ${body.error}`);
  const post = base(record, `t1_${id}`, account, createdAt);
  post.text = body.text;
  post.urls = extractUrls(body.text);
  post.replyTo = stringAt(record.parent_id) ?? stringAt(record.link_id);
  const link = stringAt(record.link_id)?.replace(/^t3_/, '');
  post.url = permalink(record) ?? (link ? `https://www.reddit.com/comments/${link}/_/${id}/` : null);
  const metrics = metricsFrom(record, COMMENT_METRICS);
  if (metrics) post.metrics = metrics;
  return accepted(post, warning);
}

function base(record: Json, postId: string, account: string, createdAt: string | null) {
  const post = emptyPost('reddit', postId, account);
  post.createdAt = createdAt;
  post.channel = stringAt(record.subreddit);
  return post;
}

/** Pushshift and the API give `permalink` as a path on reddit.com. */
function permalink(record: Json): string | null {
  const path = stringAt(record.permalink);
  if (!path) return null;
  return path.startsWith('/') ? `https://www.reddit.com${path}` : isWebLink(path) ? path : null;
}
