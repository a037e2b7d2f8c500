import { html } from 'hono/html';
import type { StageCounts } from '../store/overview.ts';
import type { SightingView } from '../store/sightings.ts';
import { outLink, percent, queryString, shortUrl, stageBadge, timeEl } from './format.ts';
import { KIND_OPTIONS, STAGE_OPTIONS, filterParams, type SightingQuery } from './sightings-filter.ts';

export const SIGHTINGS_PAGE = 50;

export interface Facets {
  /** Sightings per stage, counted in SQL. */
  stages: StageCounts;
  /** Domains to suggest in the domain filter (any domain can be typed). */
  domains: string[];
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

function filtersForm(slug: string, q: SightingQuery, f: Facets) {
  return html`<form class="filters" method="get" action="/leaks/${slug}#sightings" aria-label="Filter sightings">
    <div class="field"><label for="sightings-stage">Stage</label><select id="sightings-stage" name="stage">${option('', 'any', !q.stage)}${STAGE_OPTIONS.map((s) => option(s, `${s} (${f.stages[s]})`, q.stage === s))}</select></div>
    <div class="field"><label for="sightings-kind">Kind</label><select id="sightings-kind" name="kind">${option('', 'any', !q.kind)}${KIND_OPTIONS.map((k) => option(k, k, q.kind === k))}</select></div>
    <div class="field"><label for="sightings-domain">Domain</label><input id="sightings-domain" name="domain" value="${q.domain}" list="leak-domains" placeholder="any" autocomplete="off" size="18"></div>
    <datalist id="leak-domains">${f.domains.map((d) => html`<option value="${d}"></option>`)}</datalist>
    <div class="field"><label for="sightings-since">From (UTC)</label><input id="sightings-since" type="datetime-local" name="since" value="${q.since}"></div>
    <div class="field"><label for="sightings-until">To (UTC)</label><input id="sightings-until" type="datetime-local" name="until" value="${q.until}"></div>
    <button type="submit">Show</button>
    ${q.stage || q.kind || q.domain || q.since || q.until ? html`<a href="/leaks/${slug}#sightings">clear filters</a>` : ''}
  </form>`;
}

function coverageOf(s: SightingView): string {
  const c = (s.evidence as { coverage?: { document?: number } }).coverage;
  return typeof c?.document === 'number' ? `, ${percent(c.document)} of the document` : '';
}

function row(s: SightingView) {
  return html`<tr>
    <td data-label="When" class="when">${timeEl(s.publishedAt ?? s.observedAt)}<span class="sub">${s.publishedAt ? html`claimed; seen ${timeEl(s.observedAt)}` : 'when first seen'}</span></td>
    <td data-label="Stage">${stageBadge(s.stage)}${s.tier ? html`<span class="sub">tier ${s.tier}</span>` : ''}</td>
    <td data-label="Source">${outLink(s.url, s.title ?? shortUrl(s.url))}<span class="sub">${[s.domain, s.account ? `@${s.account}` : null, s.platform].filter(Boolean).join(' · ')}</span></td>
    <td data-label="Kind">${s.kind}${s.kind === 'link' ? '' : html`<span class="sub">${percent(s.similarity)} similar${coverageOf(s)}</span>`}</td>
    <td data-label="Document">${s.documentId ? html`<a href="/documents/${s.documentId}" class="mono">${s.documentPath ?? `#${s.documentId}`}</a>` : html`<span class="muted">links to the drop</span>`}</td>
    <td data-label="Evidence"><a href="/api/sightings/${s.id}">evidence</a></td>
  </tr>`;
}

/** The sightings of a leak: filters (a plain GET form), one page of the table, and links to the other pages. */
export function sightingsSection(slug: string, q: SightingQuery, facets: Facets, result: { total: number; items: SightingView[] }, keep: Record<string, string | number | null>) {
  const pages = Math.max(1, Math.ceil(result.total / SIGHTINGS_PAGE));
  const link = (page: number) => `/leaks/${slug}${queryString({ ...keep, ...filterParams(q), page: page === 1 ? null : page })}#sightings`;
  const exportQuery = queryString(filterParams(q));
  const all = facets.stages.drop + facets.stages.amplification + facets.stages.mainstream + facets.stages.unclassified;
  const filtered = Boolean(q.stage || q.kind || q.domain || q.since || q.until);
  return html`<section id="sightings" aria-labelledby="sightings-h">
    <h2 id="sightings-h">Sightings <span class="muted small" id="sightings-total">${filtered ? `${result.total.toLocaleString('en')} of ${all.toLocaleString('en')} match` : all.toLocaleString('en')}</span></h2>
    <p class="small muted">One row per source and leaked document it carries.</p>
    ${filtersForm(slug, q, facets)}
    ${q.problems.length ? html`<p class="notice error" role="alert">Ignored: ${q.problems.join('; ')}.</p>` : ''}
    ${result.items.length === 0
      ? html`<p class="notice">No sightings${q.stage || q.kind || q.domain || q.since || q.until ? ' match these filters' : ' yet'}.</p>`
      : html`<div class="table-wrap"><table class="cards" id="sightings-table"><caption class="visually-hidden">Sightings, page ${q.page} of ${pages}</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Stage</th><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Document</th><th scope="col">Evidence</th></tr></thead>
        <tbody>${result.items.map(row)}</tbody></table></div>`}
    <nav class="pager" aria-label="Pages of sightings">
      ${q.page > 1 ? html`<a href="${link(q.page - 1)}" rel="prev">← previous</a>` : ''}<span>page ${Math.min(q.page, pages)} of ${pages}</span>${q.page < pages ? html`<a href="${link(q.page + 1)}" rel="next">next →</a>` : ''}
      <a class="button" href="/leaks/${slug}/sightings.csv${exportQuery}" download>Sightings CSV</a>
    </nav>
  </section>`;
}
