import { html } from 'hono/html';
import type { DocumentRow } from '../store/documents.ts';
import { plural, queryString } from './format.ts';
import { formatBytes } from './layout.ts';
import { filterParams, type SightingQuery } from './sightings-filter.ts';

export const DOCUMENTS_PAGE = 50;

const metaLine = (m: Record<string, unknown>) =>
  ['author', 'from', 'creator', 'producer', 'created', 'modified', 'date', 'subject', 'title']
    .filter((k) => typeof m[k] === 'string')
    .map((k) => `${k}: ${String(m[k]).slice(0, 80)}`)
    .join(' · ');

function row(d: DocumentRow) {
  return html`<tr>
    <td data-label="Path" class="wide"><a href="/documents/${d.id}" class="mono">${d.path}</a></td>
    <td data-label="Format">${d.format}</td>
    <td data-label="Status" class="status-${d.status}">${d.status}${d.error ? html`<span class="sub">${d.error}</span>` : ''}</td>
    <td data-label="Words" class="num">${d.words}</td>
    <td data-label="Size" class="num">${formatBytes(d.bytes)}</td>
    <td data-label="Metadata" class="small muted">${metaLine(d.metadata)}</td>
  </tr>`;
}

/** One page of a leak's documents in path order. */
export function documentsSection(slug: string, docs: { total: number; items: DocumentRow[] }, duplicateGroups: number, offset: number, query: SightingQuery) {
  const link = (docsOffset: number) => `/leaks/${slug}${queryString({ ...filterParams(query), page: query.page > 1 ? query.page : null, docs: docsOffset || null })}#documents`;
  return html`<section id="documents" aria-labelledby="documents-h">
    <h2 id="documents-h">Documents</h2>
    <p>${plural(docs.total, 'document')} · ${plural(duplicateGroups, 'group')} of identical texts</p>
    ${docs.items.length === 0 ? html`<p class="muted">No documents on this page.</p>` : html`<div class="table-wrap"><table class="cards">
      <thead><tr><th scope="col">Path</th><th scope="col">Format</th><th scope="col">Status</th><th scope="col" class="num">Words</th><th scope="col" class="num">Size</th><th scope="col">Metadata</th></tr></thead>
      <tbody>${docs.items.map(row)}</tbody></table></div>`}
    <nav class="pager" aria-label="Pages of documents">
      ${offset > 0 ? html`<a href="${link(Math.max(0, offset - DOCUMENTS_PAGE))}" rel="prev">← previous</a>` : ''}
      ${docs.total > 0 ? html`<span>${offset + 1}–${Math.min(docs.total, offset + DOCUMENTS_PAGE)} of ${docs.total}</span>` : ''}
      ${offset + DOCUMENTS_PAGE < docs.total ? html`<a href="${link(offset + DOCUMENTS_PAGE)}" rel="next">next →</a>` : ''}
    </nav>
  </section>`;
}
