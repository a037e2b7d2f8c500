import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../api/deps.ts';
import { ACTIVITY_DAYS, overviewLeaks, type OverviewLeak } from '../store/overview.ts';
import { ago, formatLag, plural, queryString, secondsBetween, stageBadge, timeEl } from './format.ts';
import { sendPage } from './layout.ts';
import { currentStage, isAccelerating, rankLeaks } from './overview-rank.ts';
import { sparkline } from './sparkline.ts';
import { feedList, transitionFeed } from './transition-feed.ts';

const PAGE = 100;
const STAGE_FILTERS = ['drop', 'amplification', 'mainstream', 'none'] as const;

/** The drop time lags are counted from: the first drop sighting, else the time the leak was registered as dropped. */
const dropTime = (l: OverviewLeak) => l.firstAt.drop ?? l.droppedAt;

function activityLabel(l: OverviewLeak): string {
  const total = l.activity.reduce((a, b) => a + b, 0);
  return `Sightings per day, ${ACTIVITY_DAYS} days to ${l.lastActivityAt?.slice(0, 10) ?? 'now'}: ${total} in all, at most ${Math.max(0, ...l.activity)} a day`;
}

function row(l: OverviewLeak, now: Date) {
  const stage = currentStage(l.counts);
  const lag = secondsBetween(dropTime(l), l.enteredMainstreamAt);
  return html`<tr data-leak="${l.slug}">
    <td data-label="Leak" class="wide"><a href="/leaks/${l.slug}">${l.title ?? l.slug}</a><span class="sub"><span class="mono">${l.slug}</span> · ${plural(l.documents, 'document')}</span></td>
    <td data-label="Stage">${stageBadge(stage)}${isAccelerating(l) ? html` <span class="rising" title="${l.last24h} sightings in the last 24 h, ${l.previous24h} the day before">▲ accelerating</span>` : ''}</td>
    <td data-label="First drop" class="when">${timeEl(dropTime(l))}</td>
    <td data-label="To mainstream">${lag !== null ? html`<span class="lag">${formatLag(lag)}</span>` : l.enteredMainstreamAt ? timeEl(l.enteredMainstreamAt) : html`<span class="muted">not yet</span>`}</td>
    <td data-label="Sources"><span class="counts" aria-label="${l.counts.drop} drop, ${l.counts.amplification} amplification, ${l.counts.mainstream} mainstream sources">
      <span class="stage-drop" title="drop"><span class="dot"></span>${l.counts.drop}</span><span class="stage-amplification" title="amplification"><span class="dot"></span>${l.counts.amplification}</span><span class="stage-mainstream" title="mainstream"><span class="dot"></span>${l.counts.mainstream}</span></span></td>
    <td data-label="Activity">${sparkline(l.activity, activityLabel(l))}</td>
    <td data-label="Last activity" class="when">${l.lastActivityAt ? html`<time datetime="${l.lastActivityAt}" title="${l.lastActivityAt}">${ago(l.lastActivityAt, now)}</time>` : html`<span class="muted">—</span>`}</td>
  </tr>`;
}

const filtersForm = (stage: string, q: string) => html`<form class="filters" method="get" action="/" role="search" aria-label="Filter leaks">
  <div class="field"><label for="leaks-q">Leak name</label><input id="leaks-q" type="search" name="q" value="${q}" placeholder="slug or title"></div>
  <div class="field"><label for="leaks-stage">Current stage</label><select id="leaks-stage" name="stage"><option value="">any</option>${STAGE_FILTERS.map((s) => html`<option value="${s}"${s === stage ? html` selected` : ''}>${s === 'none' ? 'no sightings' : s}</option>`)}</select></div>
  <button type="submit">Filter</button></form>`;

/** `/`: every leak with its stage, timing and activity, and the feed of stage transitions. */
export async function overviewPage(c: Context<AppEnv>): Promise<Response> {
  const now = new Date();
  const stage = STAGE_FILTERS.find((s) => s === c.req.query('stage')) ?? '';
  const q = (c.req.query('q') ?? '').trim().toLowerCase().slice(0, 100);
  const page = Math.max(1, Math.floor(Number(c.req.query('page') ?? 1)) || 1);
  const all = await overviewLeaks(c.var.deps.db, now);
  const shown = rankLeaks(all).filter(
    (l) => (!stage || (currentStage(l.counts) ?? 'none') === stage) && (!q || l.slug.includes(q) || (l.title ?? '').toLowerCase().includes(q)),
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const rows = shown.slice((page - 1) * PAGE, page * PAGE);
  const link = (p: number) => `/${queryString({ q, stage, page: p === 1 ? null : p })}`;
  const empty = all.length === 0
    ? html`<p class="notice">No leaks yet. Ingest a dump: <code>npx leakline ingest ./dump.zip --leak my-leak</code></p>`
    : html`<p class="notice">No leak matches these filters.</p>`;
  const body = html`<h1>Leaks</h1>
  <p class="muted">${all.length} leaks · ${all.filter((l) => l.enteredMainstreamAt).length} in the mainstream · ${all.filter(isAccelerating).length} accelerating</p>
  <div class="layout-feed">
    <section aria-labelledby="leaks-h">
      <h2 id="leaks-h" class="visually-hidden">All leaks</h2>
      ${filtersForm(stage, q)}
      <p class="small muted">Most recent entry into the mainstream (a first article by a tier-1 outlet), or acceleration toward it, first; then by last activity. Times in UTC.</p>
      ${rows.length === 0 ? empty : html`<div class="table-wrap"><table class="cards" id="leak-table">
        <caption class="visually-hidden">Leaks, ${shown.length} shown</caption>
        <thead><tr><th scope="col">Leak</th><th scope="col">Stage</th><th scope="col">First drop</th><th scope="col">To mainstream</th><th scope="col">Sources <span class="small">(drop · ampl. · main.)</span></th><th scope="col">Activity</th><th scope="col">Last activity</th></tr></thead>
        <tbody>${rows.map((l) => row(l, now))}</tbody></table></div>`}
      ${pages > 1 ? html`<nav class="pager" aria-label="Pages of leaks">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← previous</a>` : ''}<span>page ${page} of ${pages}</span>${page < pages ? html`<a href="${link(page + 1)}" rel="next">next →</a>` : ''}</nav>` : ''}
    </section>
    <aside aria-labelledby="feed-h" class="panel">
      <h2 id="feed-h">Stage transitions</h2>
      ${feedList(transitionFeed(all))}
    </aside>
  </div>`;
  return sendPage(c, { title: 'Leaks', section: 'overview', wide: true }, body);
}
