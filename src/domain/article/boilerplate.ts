import type { HTMLElement } from 'node-html-parser';
import { attr, tagOf } from './dom.ts';

/**
 * Class and id vocabulary of page furniture, as seen across news sites, blogs
 * and CMS themes. Words are matched whole between `-`, `_`, spaces and case
 * changes, so "ad" does not hit "header" or "shadow".
 */
const word = (alternatives: string) => new RegExp(`(?:^|[^a-z0-9])(?:${alternatives})(?=$|[^a-z0-9])`, 'i');

/** Containers that are almost never the article (removed before scoring). */
const UNLIKELY = word(
  [
    'ads?', 'ad-?(?:break|slot|unit|container|wrapper|banner)', 'adverts?', 'advertisement', 'agegate', 'banner', 'breadcrumbs?',
    'combx', 'comments?', 'comment-\\w+', 'community', 'consent', 'cookies?', 'cookie-\\w+', 'cover-wrap', 'disqus', 'dropdown',
    'footer', 'site-?footer', 'gdpr', 'header', 'site-?header', 'legends', 'menu', 'menu-\\w+', 'modal', 'nav', 'navbar',
    'navigation', 'newsletter', 'outbrain', 'pager', 'pagination', 'popup', 'promo', 'promos', 'related', 'related-\\w+',
    'remark', 'replies', 'rss', 'shoutbox', 'sidebar', 'skyscraper', 'social', 'social-\\w+',
    'sponsor', 'sponsored', 'subscribe', 'subscription', 'supplemental', 'taboola', 'toolbar', 'tool-?bar', 'widget', 'widgets',
    'yom-remote', 'masthead', 'signup', 'sign-?up', 'recommended', 'recommendations?', 'trending', 'most-?(?:popular|read|viewed)',
    'popular', 'newsletter-\\w+', 'paywall', 'login', 'tags', 'tag-?list', 'topics', 'jump-?links?', 'skip-?link',
    'tooltip', 'popover', 'hovercard', 'rollover-\\w+',
  ].join('|'),
);

/** Distinctive words that mark furniture even inside longer names ("jp-relatedposts", "commentlist"). */
const UNLIKELY_PART = /breadcrumb|comment|disqus|footer|newsletter|outbrain|pagination|related|sidebar|skyscraper|social|sponsor|taboola|masthead|shoutbox|cookie|popup|subscri/i;

/** Words that rescue an element the list above would remove ("main-with-sidebar"). */
const MAYBE_CONTENT = /article|body|column|content|main|shadow|story|entry|post|embed|tweet/i;

const POSITIVE = word(
  [
    'article', 'article-\\w+', 'body', '\\w*-?body', 'content', '\\w*-?content', 'entry', 'entry-\\w+', 'hentry', 'h-entry',
    'main', 'page', 'post', 'post-\\w+', 'text', '\\w*-?text', 'blog', 'story', 'story-\\w+', 'prose', 'rich-?text',
  ].join('|'),
);
const NEGATIVE = word(
  [
    'hidden', 'hid', 'banner', 'combx', 'comments?', 'com-', 'contact', 'footer', 'gdpr', 'masthead', 'media', 'meta', 'outbrain',
    'promo', 'related', 'scroll', 'share', 'shoutbox', 'sidebar', 'skyscraper', 'sponsor', 'shopping', 'tags', 'widget',
    'byline', 'author', 'dateline', 'caption', 'credits?', 'newsletter', 'subscribe', 'social', 'recirc', 'teaser', 'more-\\w+',
    'read-?more', 'also', 'see-?also', 'disclaimer', 'copyright', 'print', 'email', 'button', 'btn', 'icon', 'ads?', 'advert\\w*',
  ].join('|'),
);

const KEEP_TAGS = new Set(['html', 'body', 'article', 'main', 'a', 'table', 'tbody', 'tr', 'td', 'th', 'p', 'pre', 'code']);

/**
 * The class and id of an element, with camelCase split into words.
 *
 * @example
 * hintOf(parse('<div class="storyBody" id="main">').firstChild as HTMLElement); // 'story-Body main'
 */
export function hintOf(element: HTMLElement): string {
  return `${attr(element, 'class')} ${attr(element, 'id')}`.replace(/([a-z])([A-Z])/g, '$1-$2');
}

/**
 * True when an element's class or id marks it as page furniture (navigation,
 * comments, sharing, promotions) rather than the article.
 *
 * @example
 * looksUnlikely(parse('<div class="related-stories">').firstChild); // true
 */
export function looksUnlikely(element: HTMLElement): boolean {
  if (KEEP_TAGS.has(tagOf(element))) return false;
  const hint = hintOf(element);
  if (hint.length < 2) return false;
  return (UNLIKELY.test(hint) || UNLIKELY_PART.test(hint)) && !MAYBE_CONTENT.test(hint);
}

/**
 * +25 for class/id words that mark content, −25 for those that mark furniture.
 *
 * @example
 * classWeight(parse('<div class="entry-content">').firstChild); // 25
 */
export function classWeight(element: HTMLElement): number {
  let weight = 0;
  for (const value of [attr(element, 'class'), attr(element, 'id')]) {
    if (!value) continue;
    const hint = value.replace(/([a-z])([A-Z])/g, '$1-$2');
    if (NEGATIVE.test(hint) || UNLIKELY_PART.test(hint)) weight -= 25;
    if (POSITIVE.test(hint)) weight += 25;
  }
  if (/articlebody|text/i.test(attr(element, 'itemprop'))) weight += 25;
  return weight;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
/** Whole class names only: "field-label-hidden" hides a label, not the field. */
const HIDDEN_CLASSES = new Set([
  'hidden', 'hide', 'is-hidden', 'element-hidden', 'element-invisible', 'invisible', 'sr-only', 'visually-hidden', 'visuallyhidden',
  'screen-reader-text', 'screen-reader-only', 'screenreader-only', 'offscreen', 'd-none', 'u-hidden', 'hidden-xs-up', 'a11y-hidden',
]);

/**
 * True when a reader does not see the element: `hidden`, `aria-hidden`,
 * an inline `display:none`, or a screen-reader-only class.
 *
 * @example
 * isHidden(parse('<span class="sr-only">Share</span>').firstChild as HTMLElement); // true
 */
export function isHidden(element: HTMLElement): boolean {
  if (element.hasAttribute('hidden') || attr(element, 'aria-hidden') === 'true') return true;
  const style = attr(element, 'style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  const cls = attr(element, 'class');
  return cls !== '' && cls.toLowerCase().split(/\s+/).some((c) => HIDDEN_CLASSES.has(c));
}

/** Elements whose content is never article text. */
export const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'map',
  'button', 'select', 'input', 'textarea', 'option', 'label', 'nav', 'head', 'title', 'meta', 'link', 'dialog', 'menu',
]);
