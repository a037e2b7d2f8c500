import type { TextBlock } from './render-text.ts';

/** Labels of page widgets that survive inside article containers. */
const UI_LABEL = new RegExp(
  `^(?:${[
    'advert(?:isement)?s?', 'ads?', 'sponsored(?: content)?', 'publicidade', 'anzeige', 'publicité', 'pubblicità', 'publicidad',
    'reklama', 'share(?: this(?: article| story| post)?)?:?', 'sharing is caring!?', 'comments?', '\\d+ comments?',
    'leave a (?:comment|reply)', 'related(?: (?:articles|stories|posts|content|coverage))?:?', 'read more', 'see more', 'more:?',
    'tags?:?', 'this slideshow requires javascript\\.?', 'click to (?:share|print|email).*', 'print', 'email', 'tweet',
    'skip to (?:main )?content', 'back to top', 'continue reading\\.?', 'you may also like\\.*', 'recommended(?: for you)?',
    "don'?t miss", 'trending', 'most popular', 'follow us', 'subscribe', 'sign up', 'caption', 'close', 'like this:?',
    'like loading\\.*', 'loading\\.*', 'image', 'photo', 'video', 'watch', 'listen', 'enlarge(?: image| photo)?', 'expand', 'zoom',
    'view (?:photos?|gallery|slideshow)', 'buy photo',
  ].join('|')})$`,
  'i',
);
/** Slideshow counters: "Image 3 of 5", "1 / 6". */
const COUNTER = /^(?:(?:image|photo|picture|slide|foto|bild)\s*)?\d+\s*(?:of|\/|de|di|von|sur)\s*\d+$/i;
/** A year, a clock time or a numeric date. */
const DATE_LIKE = /\b(?:1[89]|20)\d{2}\b|\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)|all rights reserved/i;
/** Sign-offs that news sites put before or after the story. */
const PROMO = new RegExp(
  `\\b(?:${[
    'subscribe', 'newsletters?', 'sign up', 'signup', 'follow (?:us|him|her|them|@)', 'on twitter', 'on facebook', 'on instagram',
    'share (?:it|this)', 'click here', 'contributed (?:reporting|to this)', 'reporting by', 'editing by', 'additional reporting',
    '(?:e-?mail|reach|contact) [^.]{0,40} at', 'may be reached', 'reading time', 'tempo de leitura', 'lesezeit',
    'temps de lecture', 'min(?:ute)?s? read',
  ].join('|')})\\b`,
  'i',
);

/** "By Jane Doe and John Roe": a byline line. */
const BY_NAMES = /^(?:by|von|par|por|door|di)\s+\p{Lu}/u;
const simple = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const isHeading = (block: TextBlock) => /^h[1-6]$/.test(block.tag);
const linkShare = (block: TextBlock) => block.linkText / block.text.length;

/**
 * Whether a paragraph at the start or end of the article is its furniture: a
 * dateline, a copyright notice, the byline again, a newsletter or follow-us
 * sign-off.
 */
function isEdgeJunk(line: string, heading: boolean, byline: string | null, bylineKey: string): boolean {
  const text = line.trim();
  if (!heading && text.length < 100 && DATE_LIKE.test(text) && !/[.!?]$/.test(text)) return true;
  if (text.length < 200 && COPYRIGHT.test(text)) return true;
  if (bylineKey && text.length < 100 && simple(text).includes(bylineKey)) return true;
  if (BY_NAMES.test(text) && text.length < 80 && !/[.!?]$/.test(text)) return true;
  // "Jane Doe is a correspondent for…": the author's biography
  if (byline && text.length < 400 && text.startsWith(`${byline} `) && /^\S+(?:\s+\S+){0,3}\s+(?:is|was|covers|writes|reports)\b/.test(text)) return true;
  return text.length < 300 && PROMO.test(text);
}

/** Removes furniture lines from the start (`fromEnd` false) or the end of the article, a line at a time. */
function trimEdge(blocks: TextBlock[], fromEnd: boolean, byline: string | null, bylineKey: string): void {
  while (blocks.length > 0) {
    const index = fromEnd ? blocks.length - 1 : 0;
    const block = blocks[index]!;
    const lines = block.text.split('\n');
    const line = fromEnd ? lines.at(-1)! : lines[0]!;
    if (!isEdgeJunk(line, isHeading(block), byline, bylineKey)) return;
    if (lines.length === 1) blocks.splice(index, 1);
    else blocks[index] = { ...block, text: (fromEnd ? lines.slice(0, -1) : lines.slice(1)).join('\n') };
  }
}

/**
 * Drops the paragraphs of an article container that are page furniture:
 * lines that are mostly links, repeats of the headline, widget labels and
 * slideshow counters anywhere; datelines, bylines, copyright and sign-offs
 * at either end.
 *
 * @example
 * filterBlocks([{ text: 'Advertisement', linkText: 0, tag: 'div' }, prose], 'Title', null); // [prose]
 */
export function filterBlocks(blocks: readonly TextBlock[], title: string | null, byline: string | null): TextBlock[] {
  const titleKey = title ? simple(title) : '';
  const bylineKey = byline ? simple(byline) : '';
  const kept = blocks.filter((block) => {
    const text = block.text.trim();
    if (linkShare(block) > 0.7 || !/[\p{L}\p{N}]/u.test(text)) return false;
    if (titleKey && simple(text) === titleKey) return false;
    const label = text.replace(/\s*[:.…]+$/, '');
    return !UI_LABEL.test(label) && !COUNTER.test(text);
  });
  trimEdge(kept, false, byline, bylineKey);
  trimEdge(kept, true, byline, bylineKey);
  return kept;
}
