import { normaliseUrl } from '../url.ts';
import type { TimedPost } from './bursts.ts';
import { clusterNearTexts, shingleSet } from './near-duplicates.ts';
import { postWords, textFingerprint } from './post-text.ts';
import type { CoordinationOptions, SocialEvent } from './types.ts';

/** An event placed in time. */
export interface Placed extends TimedPost {
  event: SocialEvent;
  repost: boolean;
}

/** A post under one key, with the text fingerprint that tells same-text from near-text groups (null for links). */
export interface Keyed {
  post: Placed;
  fingerprint: string | null;
}

/**
 * Posts (in time order) per normalised link; a post with a link twice counts once.
 *
 * @example
 * byLink(placed).get('https://wikileaks.org/podesta-emails/'); // [{ post, fingerprint: null }, …]
 */
export function byLink(posts: readonly Placed[]): Map<string, Keyed[]> {
  const out = new Map<string, Keyed[]>();
  const normalised = new Map<string, string | null>(); // reposts repeat the same links
  for (const post of posts) {
    const links = new Set<string>();
    for (const url of post.event.urls) {
      let link = normalised.get(url);
      if (link === undefined) normalised.set(url, (link = normaliseUrl(url)));
      if (link !== null) links.add(link);
    }
    for (const link of links) {
      const list = out.get(link);
      if (list) list.push({ post, fingerprint: null });
      else out.set(link, [{ post, fingerprint: null }]);
    }
  }
  return out;
}

/**
 * Posts (in time order) per text cluster: one exact text, or near-identical
 * texts when nearDuplicate is on. Each post keeps its own text's fingerprint.
 *
 * @example
 * byText(placed, resolveOptions()); // [[{ post, fingerprint: '9f3a…' }, …], …]
 */
export function byText(posts: readonly Placed[], opts: CoordinationOptions): Keyed[][] {
  const near = opts.nearDuplicate;
  const textIndex = new Map<string, number>();
  const fingerprints: string[] = [];
  const sets: Uint32Array[] = [];
  const seen = new Map<string, number>(); // raw text → text index, -1 when too short: reposts repeat texts
  const keyed: { post: Placed; text: number }[] = [];
  for (const post of posts) {
    let text = seen.get(post.event.text);
    if (text === undefined) {
      const words = postWords(post.event.text);
      text = -1;
      if (words.count >= opts.minTextWords) {
        const fingerprint = textFingerprint(words);
        text = textIndex.get(fingerprint) ?? -1;
        if (text < 0) {
          text = sets.length;
          textIndex.set(fingerprint, text);
          fingerprints.push(fingerprint);
          sets.push(near && words.count >= near.minWords ? shingleSet(words, near.shingleWords) : EMPTY);
        }
      }
      seen.set(post.event.text, text);
    }
    if (text >= 0) keyed.push({ post, text });
  }
  const cluster = near ? clusterNearTexts(sets, near) : sets.map((_, i) => i);
  const out = new Map<number, Keyed[]>();
  for (const k of keyed) {
    const c = cluster[k.text]!;
    const entry = { post: k.post, fingerprint: fingerprints[k.text]! };
    const list = out.get(c);
    if (list) list.push(entry);
    else out.set(c, [entry]);
  }
  return [...out.values()];
}

const EMPTY = new Uint32Array(0);
