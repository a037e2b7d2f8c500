import { html } from 'hono/html';
import { timelineChanges } from '../domain/timeline/transitions.ts';
import type { Timeline } from '../domain/timeline/types.ts';
import type { OverviewLeak } from '../store/overview.ts';
import { timeEl } from './format.ts';

export interface FeedItem {
  leak: string;
  at: string;
  type: string;
  message: string;
}

/**
 * Stage transitions of every leak, newest first, worded as the live events
 * and webhooks word them (the same `timelineChanges`, read from an empty
 * past), so the feed reads the same whether it was loaded or streamed in.
 */
export function transitionFeed(leaks: readonly OverviewLeak[], limit = 30): FeedItem[] {
  const items: FeedItem[] = [];
  for (const leak of leaks) {
    if (!leak.timeline) continue;
    // timelineChanges reads the stages' first sightings, the transitions and the mainstream entry: all in the head
    for (const change of timelineChanges(null, leak.timeline as unknown as Timeline)) {
      const p = change.payload as { firstSighting?: { at: string }; at?: string; message: string };
      const at = p.at ?? p.firstSighting?.at;
      if (at) items.push({ leak: leak.slug, at, type: change.type, message: p.message });
    }
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}

/** The feed as a list; `#transition-feed` is where the live script prepends new events. */
export const feedList = (items: readonly FeedItem[]) =>
  html`<ol class="feed" id="transition-feed" data-live="transitions" aria-live="polite">${items.length === 0
    ? html`<li class="muted">No stage transitions yet.</li>`
    : items.map((i) => html`<li class="feed-${i.type.replace(/[^a-z]/g, '-')}">${timeEl(i.at)}<a href="/leaks/${i.leak}">${i.message}</a></li>`)}</ol>`;
