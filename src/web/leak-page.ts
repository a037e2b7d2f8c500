import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../api/deps.ts';
import type { Timeline } from '../domain/timeline/types.ts';
import { duplicateGroups, listLeakDocuments } from '../store/documents.ts';
import { getLeak } from '../store/leaks.ts';
import { sightingsPerStage } from '../store/overview.ts';
import { listSightings } from '../store/sightings.ts';
import { readTimeline } from '../store/timelines.ts';
import { stageChartData } from './chart-data.ts';
import { documentsSection, DOCUMENTS_PAGE } from './documents-section.ts';
import { formatTime, outLink, plural, timeEl } from './format.ts';
import { sendPage } from './layout.ts';
import { SIGHTINGS_PAGE, sightingsSection } from './sightings-section.ts';
import { parseSightingQuery, storeFilter } from './sightings-filter.ts';
import { stageSummary } from './stage-summary.ts';
import { coordinationSummary } from './coordination-page.ts';

function chartFigure(t: Timeline) {
  const data = stageChartData(t);
  if (!data) return html`<p class="notice">No staged sightings yet: the chart appears with the first one.</p>`;
  const described = t.stages.map((s) => `${s.stage} ${plural(s.sightings, 'source')}`).join(', ');
  return html`<figure class="chart">
    <div class="chart-box" id="stage-chart" data-chart="${JSON.stringify(data)}" role="img"
      aria-label="Sources that carried the leak, cumulated per stage from ${formatTime(t.stages.find((s) => s.firstSeenAt)?.firstSeenAt)} (${described}); transitions marked">
      <p class="fallback muted">The chart is drawn by a script; the stage summary above holds the same facts.</p>
    </div>
    <figcaption>Sources that carried the leak, cumulated per stage, ${data.unit === 'hour' ? 'hour by hour' : 'day by day'} (UTC)${data.log ? ', logarithmic scale' : ''}; shaded bands are coordinated bursts. Dashed lines, numbered on narrow screens:
      <ol class="chart-marks">${data.marks.map((m) => html`<li class="stage-${m.stage}">${m.label}, ${timeEl(new Date(m.t * 1000).toISOString())}</li>`)}</ol></figcaption>
  </figure>`;
}

/** The domains the timeline names (the earliest and most reposted sources of each stage): suggestions for the domain filter, at no cost. */
const suggestedDomains = (t: Timeline) => [...new Set(t.stages.flatMap((s) => [...s.earliest, ...s.mostReposted].map((r) => r.domain).filter((d): d is string => Boolean(d))))].sort();

/** A section filled after the page loads (by the client script), with a plain link when scripts do not run. */
const lazySection = (id: string, title: string, href: string, part: string, what: string) =>
  html`<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>
    <div data-lazy="${href}" data-part="${part}" aria-busy="true"><p><a href="${href}">Show ${what}</a> <span class="muted small">(computed on request)</span></p></div></section>`;

/** `/leaks/:slug`: stage summary, chart, sightings, coordination, anomalies, documents and exports. */
export async function leakPage(c: Context<AppEnv>): Promise<Response> {
  const { db } = c.var.deps;
  const leak = await getLeak(db, c.req.param('slug') ?? '');
  const query = parseSightingQuery((name) => c.req.query(name));
  const docsOffset = Math.max(0, Math.floor(Number(c.req.query('docs') ?? 0)) || 0);
  const [timeline, stageCounts, sightings, documents, groups] = await Promise.all([
    readTimeline(db, leak),
    sightingsPerStage(db, leak.id),
    listSightings(db, leak, storeFilter(query, SIGHTINGS_PAGE)),
    listLeakDocuments(db, leak.id, { limit: DOCUMENTS_PAGE, offset: docsOffset }),
    duplicateGroups(db, leak.id),
  ]);
  const slug = leak.slug;
  const body = html`<div id="leak-live" data-live="leak" data-leak="${slug}">
    <h1>${leak.title ?? slug}</h1>
    <p class="muted"><span class="mono">${slug}</span>${leak.droppedAt ? html` · dropped ${timeEl(leak.droppedAt)}` : ''}${leak.dropUrl ? html` · drop ${outLink(leak.dropUrl)}` : ''}</p>
    <div class="actions" role="group" aria-label="Export">
      <a class="button" href="/api/leaks/${slug}/timeline" download="${slug}-timeline.json">Timeline JSON</a>
      <a class="button" href="/api/leaks/${slug}/timeline?format=csv" download="${slug}-timeline.csv">Timeline CSV</a>
      <a class="button" href="/leaks/${slug}/sightings.json" download>Sightings JSON</a>
      <a class="button" href="/leaks/${slug}/sightings.csv" download>Sightings CSV</a>
    </div>
    <section aria-labelledby="stages-h"><h2 id="stages-h">Stages</h2>${stageSummary(timeline)}</section>
    <section aria-labelledby="chart-h"><h2 id="chart-h">Timeline</h2>${chartFigure(timeline)}</section>
  </div>
  ${sightingsSection(slug, query, { stages: stageCounts, domains: suggestedDomains(timeline) }, sightings, { docs: docsOffset || null })}
  <section id="coordination" aria-labelledby="coordination-h"><h2 id="coordination-h">Coordination groups</h2>${coordinationSummary(slug, timeline.coordinated ?? [], timeline.coordinatedTotal ?? timeline.coordinated?.length ?? 0)}</section>
  ${lazySection('anomalies', 'Dump anomalies', `/leaks/${slug}/anomalies`, 'dump-anomalies', 'documents whose metadata stands out')}
  ${documentsSection(slug, documents, groups.length, docsOffset, query)}`;
  return sendPage(c, { title: leak.title ?? slug, scripts: ['uplot.js', 'leakline.js'] }, body);
}
