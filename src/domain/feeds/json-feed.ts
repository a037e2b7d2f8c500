import { z } from 'zod';
import { badFeed } from './bad-feed.ts';
import { parseFeedDate } from './feed-date.ts';
import { authorName, firstUrl, itemLinks, plainText, readHtml } from './item-parts.ts';
import type { Feed, FeedItem } from './types.ts';

// A field of the wrong type is read as missing: one odd field should not cost the whole feed.
const text = z.string().optional().catch(undefined);
const person = z.object({ name: text }).catch({});
const people = z.array(person).optional().catch(undefined);

const itemSchema = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  date_published: text,
  date_modified: text,
  author: person.optional(),
  authors: people,
  attachments: z.array(z.object({ url: text }).catch({})).optional().catch(undefined),
});

const feedSchema = z.object({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/),
  title: text,
  home_page_url: text,
  author: person.optional(),
  authors: people,
  items: z.array(z.unknown()),
});

type JsonItem = z.infer<typeof itemSchema>;

/**
 * Reads a JSON Feed, version 1 or 1.1 (`authors` in 1.1, `author` in 1.0;
 * an item without its own author has the feed's).
 *
 * @example
 * readJsonFeed('{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"/a"}]}', 'https://s.example/feed.json').items[0].url; // 'https://s.example/a'
 */
export function readJsonFeed(body: string, baseUrl: string): Feed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw badFeed(`The feed looks like JSON but does not parse: ${error instanceof Error ? error.message : String(error)}.`, error);
  }
  const parsed = feedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badFeed(`The JSON is not a JSON Feed (${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}); JSON Feeds have a "version" of https://jsonfeed.org/version/1 or 1.1 and an "items" list.`);
  }
  const feed = parsed.data;
  const feedAuthor = nameOf(feed.authors, feed.author);
  const items: FeedItem[] = [];
  for (const raw of feed.items) {
    const item = itemSchema.safeParse(raw);
    const read = item.success ? readItem(item.data, baseUrl, feedAuthor) : null;
    if (read) items.push(read);
  }
  return { kind: 'json', title: plainText(feed.title), siteUrl: firstUrl([feed.home_page_url], baseUrl), items };
}

function readItem(item: JsonItem, baseUrl: string, feedAuthor: string | null): FeedItem | null {
  // external_url is the page an item is about (a linked leak); it stands in when the item has no page of its own
  const url = firstUrl([item.url, item.external_url], baseUrl);
  if (!url) return null;
  const html = readHtml(item.content_html ?? null, url);
  const attachments = (item.attachments ?? []).map((attachment) => firstUrl([attachment.url], baseUrl));
  return {
    id: item.id === undefined ? null : String(item.id),
    url,
    title: plainText(item.title),
    publishedAt: parseFeedDate(item.date_published) ?? parseFeedDate(item.date_modified),
    author: nameOf(item.authors, item.author) ?? feedAuthor,
    summary: plainText(item.summary) ?? html.text ?? plainText(item.content_text),
    links: itemLinks(url, [html.links, [firstUrl([item.external_url], baseUrl)], attachments]),
  };
}

function nameOf(authors: readonly { name?: string | undefined }[] | undefined, author: { name?: string | undefined } | undefined): string | null {
  return authorName(authors?.find((person) => person.name)?.name ?? author?.name);
}
