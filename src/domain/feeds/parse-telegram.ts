import type { HTMLElement } from 'node-html-parser';
import { DomainError } from '../errors.ts';
import { normaliseUrl } from '../url.ts';
import { attr, descendants, hasClass, htmlText, parseHtml, tagOf } from './html.ts';
import { readTelegramPost } from './telegram-post.ts';
import type { TelegramPost, TelegramPreview } from './types.ts';

const CHANNEL_NAME = /^[A-Za-z0-9_]{3,64}$/;

/**
 * Reads a public Telegram channel's web preview (`https://t.me/s/<channel>`,
 * or a `?before=N` page of it): the channel's title, its posts in page order
 * (oldest first) and the URL of the page before. A channel with its preview
 * turned off gives a page without posts, which is an empty list here.
 *
 * @example
 * const page = parseTelegramPreview(html, 'https://t.me/s/leakwatch');
 * // page.posts[1] → { postId: '2841', url: 'https://t.me/leakwatch/2841', links: ['https://paste.example/raw/nb2024', ...], views: 15300, ... }
 * // page.olderUrl → 'https://t.me/s/leakwatch?before=2840'
 */
export function parseTelegramPreview(html: string, pageUrl: string): TelegramPreview {
  const root = parseHtml(html);
  const widgets: HTMLElement[] = [];
  let olderUrl: string | null = null;
  let prevLink: string | null = null;
  let infoTitle: string | null = null;
  let ogTitle: string | null = null;
  // messages never nest, so their insides are left to readTelegramPost
  for (const element of descendants(root, (el) => !isMessage(el))) {
    if (isMessage(element)) widgets.push(element);
    else if (olderUrl === null && hasClass(element, 'js-messages_more')) olderUrl = olderPage(element, pageUrl);
    else if (tagOf(element) === 'link' && attr(element, 'rel') === 'prev') prevLink = normaliseUrl(attr(element, 'href'), pageUrl);
    else if (infoTitle === null && hasClass(element, 'tgme_channel_info_header_title')) infoTitle = htmlText(element) || null;
    else if (tagOf(element) === 'meta' && attr(element, 'property') === 'og:title') ogTitle = attr(element, 'content').trim() || null;
  }
  const posts = widgets.map((widget) => readTelegramPost(widget, pageUrl)).filter((post): post is TelegramPost => post !== null);
  return { channel: channelOf(pageUrl, posts), title: infoTitle ?? ogTitle, posts, olderUrl: olderUrl ?? prevLink };
}

const isMessage = (element: HTMLElement): boolean => hasClass(element, 'tgme_widget_message') && attr(element, 'data-post') !== '';

/** The "load more" link's target when it leads to older posts (a `data-after` one leads to newer). */
function olderPage(link: HTMLElement, pageUrl: string): string | null {
  const href = attr(link, 'href');
  if (!attr(link, 'data-before') && !/[?&]before=/.test(href)) return null;
  if (href) return normaliseUrl(href, pageUrl);
  const url = new URL(pageUrl);
  url.search = `before=${encodeURIComponent(attr(link, 'data-before'))}`;
  return normaliseUrl(url.href);
}

/** The channel name from the page's URL (`/s/<channel>`), else from its posts. */
function channelOf(pageUrl: string, posts: readonly TelegramPost[]): string {
  let path: string[] = [];
  try {
    path = new URL(pageUrl).pathname.split('/').filter(Boolean);
  } catch {
    // an unusable page URL leaves the posts to name the channel
  }
  const fromUrl = path[0] === 's' ? path[1] : path[0];
  if (fromUrl && CHANNEL_NAME.test(fromUrl)) return fromUrl;
  const fromPosts = posts[0]?.channel;
  if (fromPosts) return fromPosts;
  throw new DomainError('bad_telegram_page', `${pageUrl.slice(0, 200)} is not a Telegram channel preview (expected https://t.me/s/<channel>) and the page names no channel.`, { status: 422 });
}
