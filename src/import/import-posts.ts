import type { Readable } from 'node:stream';
import { z } from 'zod';
import { describeError, DomainError } from '../domain/errors.ts';
import { bluesky } from './bluesky.ts';
import { readCsvRecords } from './csv-records.ts';
import type { PostFormatReader } from './format.ts';
import { genericJsonl } from './generic-jsonl.ts';
import { iraCsv } from './ira-csv.ts';
import type { ImportItem, Mapped } from './items.ts';
import { readJsonRecordBatches } from './json-records.ts';
import { mastodon } from './mastodon.ts';
import { peekStream } from './peek.ts';
import { isPostShaped, PostSchema, type Post } from './post.ts';
import { DEFAULT_MAX_LINE_BYTES } from './read-lines.ts';
import { reddit } from './reddit.ts';
import { telegram } from './telegram.ts';
import { twitterV2 } from './twitter-v2.ts';
import { isDamaged, repairText } from './utf8.ts';

export const postFormats = ['twitter-v2', 'ira-csv', 'telegram', 'reddit', 'bluesky', 'mastodon', 'jsonl'] as const;
export type PostFormat = (typeof postFormats)[number];
/** For the CLI's `--format` flag. */
export const PostFormatSchema = z.enum(postFormats);

/** The format registry: detectFormat asks each entry how well a file fits it. */
export const postFormatReaders: Record<PostFormat, PostFormatReader> = {
  'twitter-v2': twitterV2,
  'ira-csv': iraCsv,
  telegram,
  reddit,
  bluesky,
  mastodon,
  jsonl: genericJsonl,
};

export type ImportOptions = {
  /** A line, CSV row or JSON record larger than this is rejected unread (default 16 MiB). */
  maxRecordBytes?: number;
  /** Called as the input is read, with the bytes read so far (for a progress bar). */
  onProgress?: (progress: { bytes: number }) => void;
};

/**
 * Streams the posts of a file in the given format, in file order and in
 * constant memory. Every record yields exactly one item per post it holds,
 * or a rejection (line number or path, and reason) or a skip; reading goes
 * on after a bad record. Hostile input never makes this throw: only a read
 * error of the input itself, or an unknown format, does.
 *
 * @example
 * for await (const item of importPosts(createReadStream('tweets.jsonl'), 'twitter-v2')) {
 *   if ('post' in item) save(item.post);
 *   else if ('rejected' in item) console.warn(`line ${item.rejected.line}: ${item.rejected.reason}`);
 * }
 */
export async function* importPosts(
  input: Readable | AsyncIterable<Uint8Array | string>,
  format: PostFormat,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  for await (const items of importPostBatches(input, format, options)) yield* items;
}

/**
 * `importPosts`, the items of each slice of input together (of each
 * record, for CSV): one step of the stream for thousands of short posts.
 */
export async function* importPostBatches(
  input: Readable | AsyncIterable<Uint8Array | string>,
  format: PostFormat,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem[]> {
  const reader = postFormatReaders[format];
  if (!reader) throw new DomainError('unknown_post_format', `Unknown post format "${format}": use one of ${postFormats.join(', ')}.`);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const { head, rest } = await peekStream(counting(input, options.onProgress), 4);
  const foreign = foreignEncoding(head);
  if (foreign) {
    yield [{ rejected: { line: null, reason: `the file is ${foreign}, not UTF-8: convert it first (iconv -f ${foreign} -t UTF-8)` } }];
    return;
  }
  if (reader.source === 'csv') {
    for await (const item of readCsvRecords(rest, { maxLineBytes: maxRecordBytes })) {
      if ('rejected' in item) yield [item];
      else yield [...finish(() => reader.map(item.row), item.line, null)];
    }
    return;
  }
  for await (const records of readJsonRecordBatches(rest, { select: reader.select, layout: reader.layout, maxRecordBytes })) {
    const out: ImportItem[] = [];
    for (const item of records) {
      if ('rejected' in item) out.push(item);
      else for (const x of finish(() => reader.map(item.record.value, item.record.context), item.record.line, item.record.at)) out.push(x);
    }
    yield out;
  }
}

/** Turns what a format made of one record into items: damaged text repaired with a warning, every post checked against the schema. */
function* finish(map: () => Mapped[], line: number | null, at: string | null): Generator<ImportItem> {
  const where = at ? `${at}: ` : '';
  let mapped: Mapped[];
  try {
    mapped = map();
  } catch (error) {
    // a format module bug must not end the import: the record is reported instead
    yield { rejected: { line, ...(at ? { at } : {}), reason: `${where}could not be read: ${describeError(error)}` } };
    return;
  }
  for (const m of mapped) {
    if ('skipped' in m) yield { skipped: { line, kind: m.skipped } };
    else if ('rejected' in m) yield { rejected: { line, ...(at ? { at } : {}), reason: `${where}${m.rejected}` } };
    else {
      const warnings = [...(m.warnings ?? [])];
      const post = repairPost(m.post, warnings);
      // zod is asked only about a post of another shape, to say what is wrong with it
      const checked = isPostShaped(post) ? { success: true as const, data: post } : PostSchema.safeParse(post);
      if (!checked.success) {
        const problem = checked.error.issues[0];
        yield { rejected: { line, ...(at ? { at } : {}), reason: `${where}${problem?.path.join('.') ?? 'post'}: ${problem?.message ?? 'invalid'}` } };
      } else yield warnings.length > 0 ? { post: checked.data, line, warnings } : { post: checked.data, line };
    }
  }
}

const TEXT_FIELDS = ['postId', 'account', 'accountName', 'text', 'repostOf', 'quoteOf', 'replyTo', 'url', 'lang', 'channel'] as const;

/** Replaces the marks of undecodable bytes (and broken `\u` escapes) by U+FFFD, naming each field that had them. */
function repairPost(post: Post, warnings: string[]): Post {
  for (const field of TEXT_FIELDS) {
    const value = post[field];
    if (typeof value === 'string' && isDamaged(value)) {
      post[field] = repairText(value);
      warnings.push(`${field} held bytes that are not UTF-8 (or a broken \\u escape): shown as U+FFFD`);
    }
  }
  if (post.urls.some(isDamaged)) {
    post.urls = post.urls.filter((u) => !isDamaged(u));
    warnings.push('links with bytes that are not UTF-8 were left out');
  }
  return post;
}

/** UTF-16 and UTF-32 files announce themselves with a BOM; read as UTF-8 every line would be rejected. */
function foreignEncoding(head: Buffer): string | null {
  if (head[0] === 0xff && head[1] === 0xfe) return head[2] === 0 && head[3] === 0 ? 'UTF-32LE' : 'UTF-16LE';
  if (head[0] === 0xfe && head[1] === 0xff) return 'UTF-16BE';
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return 'UTF-32BE';
  return null;
}

async function* counting(input: AsyncIterable<Uint8Array | string>, onProgress?: ImportOptions['onProgress']): AsyncGenerator<Uint8Array | string> {
  let bytes = 0;
  for await (const chunk of input) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
    onProgress?.({ bytes });
  }
}
