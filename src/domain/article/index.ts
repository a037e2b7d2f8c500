export { extractArticle } from './extract-article.ts';
export type { Article, ArticleLink, ExtractOptions } from './types.ts';
