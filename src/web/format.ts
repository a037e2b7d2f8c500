import { html } from 'hono/html';
import { formatLag } from '../domain/timeline/build-timeline.ts';

export { formatLag };

/** "2024-10-20 18:35 UTC"; times are shown in UTC everywhere so that two people compare the same thing. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A `<time>` element, or a dash. */
export const timeEl = (iso: string | null | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? html`<time datetime="${iso}">${formatTime(iso)}</time>` : html`<span class="muted">—</span>`);

/** Seconds between two ISO times, or null. */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) ? Math.round(s) : null;
}

/** "3 h 40 min ago" within two days; the date beyond, where a count of days says less. */
export function ago(iso: string | null, now: Date): string {
  const s = secondsBetween(iso, now.toISOString());
  if (s === null || !iso) return '—';
  if (Math.abs(s) > 2 * 86_400) return new Date(Date.parse(iso)).toISOString().slice(0, 10);
  return s >= 0 ? `${formatLag(s)} ago` : `in ${formatLag(-s)}`;
}

/** "1 domain", "3 domains". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * A link to a URL a source or a user gave, only when it is http(s): a
 * `javascript:` or `data:` URL from a crawled page must never become a
 * clickable link. The target learns nothing about the dashboard.
 */
export function outLink(url: string | null | undefined, text?: string) {
  if (!url) return html`<span class="muted">—</span>`;
  const label = text ?? url;
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noopener noreferrer nofollow" class="mono">${label}</a>` : html`<span class="mono">${label}</span>`;
}

/** A URL shortened for a table cell: host and the start of the path. */
export function shortUrl(url: string, max = 60): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./, '');
  return bare.length > max ? `${bare.slice(0, max - 1)}…` : bare;
}

export const stageBadge = (stage: string | null) => html`<span class="stage stage-${stage ?? 'none'}">${stage ?? 'no sightings'}</span>`;

/** Query string of the given parameters, empty ones left out. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
