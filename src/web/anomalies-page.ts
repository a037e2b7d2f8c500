import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../api/deps.ts';
import type { Anomaly } from '../domain/forensics/index.ts';
import { leakAnomalies } from '../store/anomalies.ts';
import { getLeak } from '../store/leaks.ts';
import { sendPage } from './layout.ts';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function anomaly(a: Anomaly) {
  const docs = a.documents.slice(0, 15);
  return html`<li class="panel severity-${a.severity}">
    <p><span class="stage severity">${a.severity}</span> <strong>${a.type}</strong>: ${a.summary}</p>
    <ul class="small">${docs.map((d) => html`<li><a href="/documents/${d.id}" class="mono">${d.path}</a> <span class="muted">${String(d.value)}</span></li>`)}</ul>
    ${a.documents.length > docs.length ? html`<p class="small muted">and ${a.documents.length - docs.length} more documents.</p>` : ''}
  </li>`;
}

/** Documents whose metadata stands out from the rest of the dump, strongest first. */
export function anomaliesSection(anomalies: readonly Anomaly[]) {
  const sorted = [...anomalies].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return html`<div id="dump-anomalies">${sorted.length === 0
    ? html`<p class="muted">Nothing in the documents' metadata stands out (bursts of edits, rare tools, authors, languages, time zones or scripts, dates after the drop).</p>`
    : html`<ol class="groups">${sorted.map(anomaly)}</ol>`}</div>`;
}

/** `/leaks/:slug/anomalies`: computed when asked, like coordination, from every document's metadata. */
export async function anomaliesPage(c: Context<AppEnv>): Promise<Response> {
  const leak = await getLeak(c.var.deps.db, c.req.param('slug') ?? '');
  const anomalies = await leakAnomalies(c.var.deps.db, leak);
  return sendPage(c, { title: `Dump anomalies · ${leak.slug}` }, html`<p><a href="/leaks/${leak.slug}">← ${leak.title ?? leak.slug}</a></p><h1>Dump anomalies</h1>${anomaliesSection(anomalies)}`);
}
