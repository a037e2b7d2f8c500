export { parseFeed } from './parse-feed.ts';
export { parseFeedDate } from './feed-date.ts';
export { parseTelegramPreview } from './parse-telegram.ts';
export { parseCount } from './telegram-post.ts';
export { extractWatchLinks, newLinks } from './watch-page.ts';
export { isChromeLink } from './link-filter.ts';
export type { Feed, FeedItem, FeedKind, TelegramForward, TelegramPost, TelegramPreview, WatchLink } from './types.ts';
