import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../api/deps.ts';
import { duplicateGroups, getDocument, listLeakDocuments } from '../store/documents.ts';
import { getLeak, listLeaks } from '../store/leaks.ts';
import { formatBytes, layout } from './layout.ts';

const PAGE = 200;

const metaLine = (m: Record<string, unknown>) =>
  ['author', 'from', 'creator', 'producer', 'created', 'modified', 'date', 'subject', 'title']
    .filter((k) => typeof m[k] === 'string')
    .map((k) => `${k}: ${String(m[k]).slice(0, 80)}`)
    .join(' · ');

/** Server-rendered dashboard pages: leaks, a leak's documents, one document. */
export const webRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const leaks = await listLeaks(c.var.deps.db, { limit: 500 });
    const rows = leaks.map(
      (l) => html`<tr>
        <td><a href="/leaks/${l.slug}">${l.slug}</a></td><td>${l.title ?? ''}</td><td>${l.droppedAt ?? html`<span class="muted">unknown</span>`}</td>
        <td class="num">${l.documents}</td><td class="num">${l.failed}</td><td class="num">${formatBytes(l.bytes)}</td></tr>`,
    );
    const empty = html`<p>No leaks yet. Ingest a dump: <code>npx leakline ingest ./dump.zip --leak my-leak</code></p>`;
    return c.html(
      layout(
        'Leaks',
        html`<h1>Leaks</h1>${leaks.length === 0 ? empty : html`<div class="table-wrap"><table>
          <thead><tr><th>Leak</th><th>Title</th><th>First dropped</th><th class="num">Documents</th><th class="num">Failed</th><th class="num">Size</th></tr></thead>
          <tbody>${rows}</tbody></table></div>`}`,
      ),
    );
  })
  .get('/leaks/:slug', async (c) => {
    const { db } = c.var.deps;
    const leak = await getLeak(db, c.req.param('slug'));
    const offset = Math.max(0, Number(c.req.query('offset') ?? 0) || 0);
    const { total, items } = await listLeakDocuments(db, leak.id, { limit: PAGE, offset });
    const groups = await duplicateGroups(db, leak.id);
    const rows = items.map(
      (d) => html`<tr>
        <td class="mono"><a href="/documents/${d.id}">${d.path}</a></td><td>${d.format}</td>
        <td class="status-${d.status}">${d.status}${d.error ? html`<div class="muted">${d.error}</div>` : ''}</td>
        <td class="num">${d.words}</td><td class="num">${formatBytes(d.bytes)}</td><td class="muted">${metaLine(d.metadata)}</td></tr>`,
    );
    return c.html(
      layout(
        leak.slug,
        html`<h1>${leak.title ?? leak.slug}</h1>
        <p class="muted">${leak.slug}${leak.droppedAt ? ` · dropped ${leak.droppedAt}` : ''}${leak.dropUrl ? html` · <span class="mono">${leak.dropUrl}</span>` : ''}</p>
        <p>${total} documents · ${groups.length} groups of identical texts</p>
        <div class="table-wrap"><table><thead><tr><th>Path</th><th>Format</th><th>Status</th><th class="num">Words</th><th class="num">Size</th><th>Metadata</th></tr></thead>
        <tbody>${rows}</tbody></table></div>
        <nav class="pager">${offset > 0 ? html`<a href="?offset=${Math.max(0, offset - PAGE)}">previous</a>` : ''}${offset + PAGE < total ? html`<a href="?offset=${offset + PAGE}">next</a>` : ''}</nav>`,
      ),
    );
  })
  .get('/documents/:id{[0-9]+}', async (c) => {
    const { document, appearances } = await getDocument(c.var.deps.db, Number(c.req.param('id')));
    const meta = Object.entries(document.metadata).filter(([k]) => k !== 'headers');
    return c.html(
      layout(
        `Document ${document.id}`,
        html`<h1>Document ${document.id}</h1>
        <table><tbody>
          <tr><th>Status</th><td class="status-${document.status}">${document.status} ${document.error ?? ''}</td></tr>
          <tr><th>Format</th><td>${document.format} (${document.mime ?? 'unknown type'}), ${formatBytes(document.bytes)}</td></tr>
          <tr><th>sha256</th><td class="mono">${document.sha256 ?? 'not read'}</td></tr>
          <tr><th>Text sha256</th><td class="mono">${document.textSha256 ?? '—'}</td></tr>
          <tr><th>SimHash</th><td class="mono">${document.simhash ?? '—'}</td></tr>
          <tr><th>Words · fingerprints</th><td>${document.words} · ${document.fingerprints}</td></tr>
          ${meta.map(([k, v]) => html`<tr><th>${k}</th><td>${typeof v === 'string' ? v : JSON.stringify(v)}</td></tr>`)}
        </tbody></table>
        <h2>Appears in</h2>
        <ul>${appearances.map((a) => html`<li><a href="/leaks/${a.leak}">${a.leak}</a> <span class="mono">${a.path}</span></li>`)}</ul>`,
      ),
    );
  });
