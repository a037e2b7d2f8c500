import { FNV_PRIME, LANE_A_SEED, LANE_B_PRIME, LANE_B_SEED, fmix32 } from '../hash.ts';
import { tokenizeText, type Words } from '../normalise.ts';

/** "RT @user:" (and chains of them): a retweet's text is the original's. */
const RETWEET_PREFIX = /^(?:\s*RT\s+@\w{1,15}:?)+/i;
/** Links, cut-off links ("https://t…") and Twitter's picture links: they differ per post even when the message does not. */
const LINK = /\b(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/gi;
/** A mention is addressing, not message: the same text sent to different people is still the same text. */
const MENTION = /(^|[^\w@])@\w{1,15}/g;
const ENTITY = /&(amp|lt|gt|quot|#39|apos);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/**
 * The message of a post without what varies between copies of it: a leading
 * "RT @user:", links, @mentions and HTML entities. Hashtags stay as words
 * (normalisation drops the '#').
 *
 * @example
 * normaliseText(cleanPostText('RT @a: Podesta &amp; friends @b https://t.co/x #Wikileaks')); // 'podesta friends wikileaks'
 */
export function cleanPostText(text: string): string {
  return text
    .replace(RETWEET_PREFIX, '')
    .replace(LINK, ' ')
    .replace(MENTION, '$1 ')
    .replace(ENTITY, (_, name: string) => ENTITIES[name]!);
}

/**
 * The normalised words of a post's message.
 *
 * @example
 * postWords('RT @a: #DNCLeak is trending https://t.co/x').count; // 3 (dncleak is trending)
 */
export function postWords(text: string): Words {
  return tokenizeText(cleanPostText(text));
}

const toHex32 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/**
 * A 64-bit fingerprint (16 hex digits) of a word sequence: equal for texts
 * whose normalised words are equal.
 *
 * @example
 * textFingerprint(postWords('WikiLeaks: new #Podesta emails https://t.co/a')) ===
 *   textFingerprint(postWords('RT @x: wikileaks NEW podesta emails!')); // true
 */
export function textFingerprint(words: Words): string {
  let a = LANE_A_SEED ^ words.count;
  let b = LANE_B_SEED ^ words.count;
  for (let i = 0; i < words.count; i++) {
    a = Math.imul(a ^ words.hashA[i]!, FNV_PRIME);
    b = Math.imul(b ^ words.hashB[i]!, LANE_B_PRIME);
  }
  return toHex32(fmix32(a)) + toHex32(fmix32(b));
}

/**
 * A 64-bit hash (16 hex digits) of a string's UTF-16 code units, for ids.
 *
 * @example
 * hashString('same-link\u0000https://a.example/\u00002016-10-07T20:45:00.000Z'); // 16 hex digits, always the same
 */
export function hashString(s: string): string {
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, LANE_B_PRIME);
  }
  return toHex32(fmix32(a ^ s.length)) + toHex32(fmix32(b + Math.imul(s.length, 0x9e3779b1)));
}
