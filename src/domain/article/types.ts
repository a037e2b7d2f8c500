/** A link found in an article's main text, with an absolute URL. */
export interface ArticleLink {
  url: string;
  text: string;
}

/** What a web page says about itself and the article it carries. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO-8601 in UTC. */
  publishedAt: string | null;
  /** ISO-8601 in UTC. */
  modifiedAt: string | null;
  canonicalUrl: string | null;
  /** A BCP 47 tag as the page declares it, e.g. `en` or `pt-BR`. */
  lang: string | null;
  siteName: string | null;
  /** The main text: one paragraph per line, blank lines between blocks. */
  text: string;
  links: ArticleLink[];
}

export interface ExtractOptions {
  /** Where the page was fetched from: resolves relative links and supplies URL dates. */
  url?: string;
}
