import type { HTMLElement } from 'node-html-parser';
import { normaliseUrl } from '../url.ts';
import { parseFeedDate } from './feed-date.ts';
import { attr, descendants, foldSpaces, hasClass, htmlText, linksIn, tagOf } from './html.ts';
import type { TelegramForward, TelegramPost } from './types.ts';

/** `data-post` of a message: '<channel>/<id>'. */
const POST_REF = /^([A-Za-z0-9_]{1,64})\/(\d{1,12})$/;

// hashtags link to a search inside the channel ('?q=%23leak'): no page to fetch
const notHashtag = (href: string): boolean => !href.startsWith('?q=');

/**
 * One `.tgme_widget_message` of a channel's web preview as a post, or null
 * when it has no `data-post`. A reply quotes its parent post inside the
 * message (with the same text class, in older markup); the quote is skipped,
 * so only the post's own text and links are read.
 *
 * @example
 * readTelegramPost(widget, 'https://t.me/s/leakwatch'); // { postId: '2841', channel: 'leakwatch', url: 'https://t.me/leakwatch/2841', ... }
 */
export function readTelegramPost(widget: HTMLElement, pageUrl: string): TelegramPost | null {
  const ref = POST_REF.exec(attr(widget, 'data-post').trim());
  if (!ref) return null;
  const channel = ref[1]!;
  const postId = ref[2]!;
  const post: TelegramPost = { postId, channel, url: `https://t.me/${channel}/${postId}`, text: '', publishedAt: null, links: [], views: null, forwardedFrom: null, files: [] };
  const links: string[] = [];
  let textFound = false;
  for (const element of descendants(widget, (el) => !hasClass(el, 'tgme_widget_message_reply'))) {
    if (!textFound && hasClass(element, 'tgme_widget_message_text') && !hasClass(element, 'js-message_reply_text')) {
      textFound = true;
      post.text = htmlText(element);
      links.push(...linksIn(element, pageUrl, notHashtag));
    } else if (hasClass(element, 'tgme_widget_message_link_preview') || hasClass(element, 'url_button')) {
      links.push(attr(element, 'href'));
    } else if (hasClass(element, 'tgme_widget_message_views')) {
      post.views = parseCount(htmlText(element));
    } else if (hasClass(element, 'tgme_widget_message_forwarded_from')) {
      post.forwardedFrom = readForward(element, pageUrl);
    } else if (hasClass(element, 'tgme_widget_message_date')) {
      // the date link holds the post's <time>; a video's duration is a <time> too, without datetime
      const time = [...descendants(element)].find((el) => tagOf(el) === 'time' && attr(el, 'datetime'));
      if (time) post.publishedAt = parseFeedDate(attr(time, 'datetime'));
    } else if (hasClass(element, 'tgme_widget_message_document_title')) {
      const name = htmlText(element);
      if (name) post.files.push(name);
    }
  }
  post.links = [...new Set(links.map((link) => normaliseUrl(link, pageUrl)).filter((link): link is string => link !== null))];
  return post;
}

/** Sender of a forwarded post: a linked channel, or a hidden user named in a span. */
function readForward(element: HTMLElement, pageUrl: string): TelegramForward | null {
  const nameElement = [...descendants(element)].find((el) => hasClass(el, 'tgme_widget_message_forwarded_from_name'));
  const name = nameElement ? htmlText(nameElement) : foldSpaces(htmlText(element).replace(/^forwarded from/i, ''));
  if (!name) return null;
  const href = nameElement && tagOf(nameElement) === 'a' ? attr(nameElement, 'href') : '';
  return { name, url: href ? normaliseUrl(href, pageUrl) : null };
}

/**
 * A count as Telegram abbreviates it, or null when there is none.
 *
 * @example
 * parseCount('1.2K'); // 1200
 * parseCount('2.1M'); // 2100000
 */
export function parseCount(text: string): number | null {
  const m = /^(\d[\d\s,\u00a0]*(?:\.\d+)?)\s*([KMB])?$/i.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]!.replace(/[\s,\u00a0]/g, ''));
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(m[2] ?? '').toUpperCase()] ?? 1;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}
