import { parseMarkup } from '../domain/parse-markup.ts';
import { visibleText } from '../domain/extract/html-text.ts';
import { parseIsoTime } from './dates.ts';
import { describeType, idAt, isObject, metricsFrom, objectAt, stringAt, textAt, type Json } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost } from './post.ts';
import { isWebLink, uniqueUrls } from './urls.ts';

/**
 * Mastodon statuses as the REST API returns them (a JSON array of statuses,
 * one status per line, or a single status).
 *
 * - Post ids are the status `id`s of the instance the file came from, so
 *   `in_reply_to_id`, `reblog.id` and quotes join on them; `url` (or the
 *   ActivityPub `uri`) is the permalink that identifies a status anywhere.
 * - The account is `acct` with its instance added when local (`user` on
 *   mastodon.social becomes `user@mastodon.social`), the name `display_name`.
 * - `content` is HTML: its visible text, after the content warning
 *   (`spoiler_text`) when there is one; links are the anchors that are not
 *   mentions or hashtags, and the preview card's URL.
 * - A reblog reposts `reblog.id`, and like a retweet it carries the
 *   original's text and links (its own `content` is empty).
 * - A quote is `quote.quoted_status` (Mastodon 4.5), `quote` or `quote_id` (forks).
 */
export const mastodon: PostFormatReader = {
  source: 'json',
  map: (value) => [mapMastodonStatus(value)],
  sniff: (head) => (/"acct"\s*:/.test(head) && /"content"\s*:/.test(head) ? 0.9 : /"favourites_count"|"reblogs_count"/.test(head) ? 0.7 : 0),
};

const METRICS = ['replies_count', 'reblogs_count', 'favourites_count', 'quotes_count'] as const;

export function mapMastodonStatus(status: unknown): Mapped {
  if (!isObject(status)) return reject(`${describeType(status)} where a Mastodon status was expected`);
  const id = idAt(status.id);
  if (!id) return reject('a status without an "id"');
  const account = accountOf(objectAt(status.account));
  if (!account) return reject(`status ${id} has no "account.acct"`);
  const reblog = isObject(status.reblog) ? status.reblog : null;
  const shown = reblog ?? status;
  const content = readContent(shown);
  if ('error' in content) return reject(`status ${id}: ${content.error}`);
  const time = parseIsoTime(status.created_at, 'created_at');

  const post = emptyPost('mastodon', id, account);
  post.accountName = stringAt(objectAt(status.account).display_name);
  post.text = content.text;
  post.createdAt = time.createdAt;
  post.urls = content.links;
  post.repostOf = reblog ? idAt(reblog.id) : null;
  post.quoteOf = quoteOf(shown);
  post.replyTo = idAt(status.in_reply_to_id);
  post.url = [stringAt(status.url), stringAt(status.uri)].find((u) => u && isWebLink(u)) ?? null;
  post.lang = stringAt(shown.language);
  const metrics = metricsFrom(status, METRICS);
  if (metrics) post.metrics = metrics;
  return accepted(post, time.warning);
}

function accountOf(account: Json): string | null {
  const acct = stringAt(account.acct);
  if (!acct || acct.includes('@')) return acct;
  const home = stringAt(account.url);
  try {
    return home ? `${acct}@${new URL(home).hostname}` : acct;
  } catch {
    return acct;
  }
}

function readContent(status: Json): { text: string; links: string[] } | { error: string } {
  const html = textAt(status.content, 'content');
  if ('error' in html) return html;
  const warning = textAt(status.spoiler_text, 'spoiler_text');
  // getElementsByTagName walks with a stack; querySelectorAll recurses and overflows on deeply nested content
  const root = parseMarkup(html.text);
  const body = visibleText(root);
  const text = 'text' in warning && warning.text ? `${warning.text}\n\n${body}` : body;
  const anchors = root.getElementsByTagName('a').filter((a) => !/\bmention\b|\bhashtag\b/.test(a.getAttribute('class') ?? '') && a.getAttribute('rel') !== 'tag');
  const links = [...anchors.map((a) => a.getAttribute('href')), stringAt(objectAt(status.card).url)];
  return { text, links: uniqueUrls(links.filter((l): l is string => Boolean(l) && isWebLink(l!))) };
}

function quoteOf(status: Json): string | null {
  const quote = objectAt(status.quote);
  return idAt(objectAt(quote.quoted_status).id) ?? idAt(quote.id) ?? idAt(status.quote_id);
}
