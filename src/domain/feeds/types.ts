/** The syndication format a feed was written in; RSS 1.0 (RDF) reads as 'rss'. */
export type FeedKind = 'rss' | 'atom' | 'json';

/** One entry of a feed, with every URL absolute and normalised (see `normaliseUrl`). */
export interface FeedItem {
  /** The feed's own identifier (guid, Atom id, JSON Feed id); not necessarily a URL. */
  id: string | null;
  url: string;
  title: string | null;
  /** ISO-8601 UTC; null when the feed gives no readable date (never the time of parsing). */
  publishedAt: string | null;
  author: string | null;
  /** Plain text, HTML removed, paragraphs on their own lines. */
  summary: string | null;
  /** Links found in the item's HTML content and summary, plus attachments (enclosures). */
  links: string[];
}

export interface Feed {
  kind: FeedKind;
  title: string | null;
  /** The website the feed belongs to, not the feed's own address. */
  siteUrl: string | null;
  items: FeedItem[];
}

/** Who a forwarded Telegram post came from; `url` is null for hidden senders. */
export interface TelegramForward {
  name: string;
  url: string | null;
}

/** One message of a public Telegram channel as its web preview shows it. */
export interface TelegramPost {
  postId: string;
  channel: string;
  url: string;
  /** Message text with its line breaks. */
  text: string;
  publishedAt: string | null;
  links: string[];
  views: number | null;
  forwardedFrom: TelegramForward | null;
  /** Names of attached documents, as shown (e.g. 'contracts_2024.zip'). */
  files: string[];
}

/** A page of `https://t.me/s/<channel>`, oldest post first as Telegram lists them. */
export interface TelegramPreview {
  channel: string;
  title: string | null;
  posts: TelegramPost[];
  /** The page with the posts before these ones; null on the channel's first page. */
  olderUrl: string | null;
}

/** An outlink of a watched page with the text it was linked from. */
export interface WatchLink {
  url: string;
  text: string;
}
