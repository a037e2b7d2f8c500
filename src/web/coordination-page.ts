import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../api/deps.ts';
import type { CoordinationGroup } from '../domain/coordination/index.ts';
import type { Timeline } from '../domain/timeline/types.ts';
import { leakCoordination } from '../store/coordination.ts';
import { getLeak } from '../store/leaks.ts';
import { formatLag, outLink, plural, secondsBetween, shortUrl, timeEl } from './format.ts';
import { sendPage } from './layout.ts';

const BASIS: Record<string, string> = { 'same-link': 'posted the same link', 'same-text': 'posted the same text', 'near-text': 'posted nearly the same text' };
const RULE = '3 or more accounts posting the same link or (nearly) the same text within a minute';
const SHOWN = 20;

const quote = (account: string | null, text: string) => html`<blockquote class="small">${account ? `@${account}: ` : ''}${text.slice(0, 400)}${text.length > 400 ? '…' : ''}</blockquote>`;

/**
 * The leak page's coordination section, from the bursts the stored timeline
 * keeps (found when it was built): no post is read to draw it.
 */
export function coordinationSummary(slug: string, bursts: Timeline['coordinated'], total: number) {
  const largest = [...bursts].sort((a, b) => b.accounts - a.accounts || b.posts - a.posts || a.start.localeCompare(b.start)).slice(0, SHOWN);
  const items = largest.sort((a, b) => a.start.localeCompare(b.start)).map(
    (b) => html`<li class="panel" data-burst-start="${b.start}" data-burst-end="${b.end}">
      <p><strong>${b.accounts} accounts ${BASIS[b.basis] ?? b.basis}</strong> within ${formatLag(secondsBetween(b.start, b.end) ?? 0)}: ${plural(b.posts, 'post')}, from ${timeEl(b.start)} to ${timeEl(b.end)}.</p>
      ${quote(null, b.example)}</li>`,
  );
  return html`<div id="coordination-groups">${bursts.length === 0
    ? html`<p class="muted">No coordinated bursts: no ${RULE}.</p>`
    : html`<p class="small muted">${plural(total, 'burst')}: ${RULE}. They are shaded on the chart.${total > items.length ? ` The ${items.length} largest:` : ''}</p><ol class="groups">${items}</ol>`}
    <p><a href="/leaks/${slug}/coordination">Every group with its accounts and links</a></p></div>`;
}

function group(g: CoordinationGroup) {
  const shown = g.accounts.slice(0, 30);
  const links = [g, ...g.alsoKeys].filter((k) => k.basis === 'same-link').map((k) => k.key);
  return html`<li class="panel" data-burst-start="${g.start}" data-burst-end="${g.end}">
    <p><strong>${g.accounts.length} accounts ${BASIS[g.basis] ?? g.basis}</strong> within ${formatLag(Math.round(g.windowSeconds))}: ${plural(g.size, 'post')}${g.reposts ? `, ${g.reposts} of them reposts` : ''}, from ${timeEl(g.start)} to ${timeEl(g.end)}.</p>
    ${links.length ? html`<p class="small">${links.length === 1 ? 'Link' : 'Links'}: ${links.map((l, i) => html`${i ? ', ' : ''}${outLink(l, shortUrl(l, 80))}`)}</p>` : ''}
    ${quote(g.example.account, g.example.text)}
    <p class="small muted">Accounts: ${shown.map((a) => `@${a}`).join(', ')}${g.accounts.length > shown.length ? ` and ${g.accounts.length - shown.length} more` : ''}</p>
  </li>`;
}

/**
 * `/leaks/:slug/coordination`: every group with its accounts and links,
 * found among every post of the leak (kept per process once found, as the
 * timeline rebuild finds them; a page of its own, not part of the leak page).
 */
export async function coordinationPage(c: Context<AppEnv>): Promise<Response> {
  const leak = await getLeak(c.var.deps.db, c.req.param('slug') ?? '');
  const groups = await leakCoordination(c.var.deps.db, leak.id);
  return sendPage(
    c,
    { title: `Coordination · ${leak.slug}` },
    html`<p><a href="/leaks/${leak.slug}">← ${leak.title ?? leak.slug}</a></p><h1>Coordination groups</h1>
    <p class="small muted">${plural(groups.length, 'group')}: ${RULE}.</p>
    ${groups.length ? html`<ol class="groups">${groups.slice(0, 500).map(group)}</ol>` : ''}${groups.length > 500 ? html`<p class="small muted">The first 500 are shown; the API has them all: <a href="/api/leaks/${leak.slug}/coordination">/api/leaks/${leak.slug}/coordination</a>.</p>` : ''}`,
  );
}
