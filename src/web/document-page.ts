import type { Context } from 'hono';
import { html } from 'hono/html';
import { recordAudit } from '../api/access.ts';
import type { AppEnv } from '../api/deps.ts';
import { buildChain } from '../domain/provenance/chain.ts';
import { getDocument, getDocumentText } from '../store/documents.ts';
import { findLeak } from '../store/leaks.ts';
import { chainNodes } from '../store/provenance.ts';
import { viewerOf, type Viewer } from './access.ts';
import { chainGraph, chainList } from './chain-graph.ts';
import { plural } from './format.ts';
import { formatBytes, sendPage } from './layout.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The leaked text itself, only for those allowed to read it; everyone else is told why it is not shown. */
function leakedText(viewer: Viewer, text: string | null) {
  if (!viewer.readLeakedText) {
    return html`<p class="notice" id="leaked-text-withheld">The full text of this leaked document is not shown: reading it needs the analyst role${viewer.role ? html` (you are signed in as ${viewer.role})` : ''}. Its fingerprints, metadata and spread are above.</p>`;
  }
  return text === null ? html`<p class="muted">No text was extracted from this document.</p>` : html`<pre class="checked-text" id="leaked-text">${text}</pre>`;
}

/** `/documents/:id`: metadata, where it appears, the provenance chain as a graph, and (for allowed roles) its text. */
export async function documentPage(c: Context<AppEnv>): Promise<Response> {
  const { db } = c.var.deps;
  const id = Number(c.req.param('id'));
  const { document, appearances } = await getDocument(db, id);
  const viewer = viewerOf(c);
  // the chain's "quotes its own words" rule needs the document's text; it is read here, never sent unless allowed
  const text = await getDocumentText(db, id);
  const firstLeak = appearances[0] ? await findLeak(db, appearances[0].leak) : undefined;
  const chain = buildChain(await chainNodes(db, [id], firstLeak?.droppedAt ?? null), text ?? '');
  if (viewer.readLeakedText && text !== null) await recordAudit(c, 'document.text', String(id), 'dashboard');
  const meta = Object.entries(document.metadata).filter(([k]) => k !== 'headers');
  const headers = document.metadata.headers;
  const path = appearances[0]?.path ?? null;
  const title = path ? (path.split('/').pop() || path) : `Document ${id}`;
  const body = html`<h1>${title}</h1>
  <p class="muted">${path ? html`<span class="mono">${path}</span> · ` : ''}document ${id}${appearances.length > 1 ? ` · in ${appearances.length} places` : ''}</p>
  <div class="layout-2">
    <section aria-labelledby="meta-h"><h2 id="meta-h">Metadata</h2>
      <div class="table-wrap"><table><tbody>
        <tr><th scope="row">Status</th><td class="status-${document.status}">${document.status} ${document.error ?? ''}</td></tr>
        <tr><th scope="row">Format</th><td>${document.format} (${document.mime ?? 'unknown type'}), ${formatBytes(document.bytes)}</td></tr>
        <tr><th scope="row">sha256</th><td class="mono">${document.sha256 ?? 'not read'}</td></tr>
        <tr><th scope="row">Text sha256</th><td class="mono">${document.textSha256 ?? '—'}</td></tr>
        <tr><th scope="row">SimHash</th><td class="mono">${document.simhash ?? '—'}</td></tr>
        <tr><th scope="row">Words · fingerprints</th><td>${document.words} · ${document.fingerprints}</td></tr>
        ${meta.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${show(v)}</td></tr>`)}
      </tbody></table></div>
      ${headers && typeof headers === 'object' ? html`<details><summary>Mail headers</summary><div class="table-wrap"><table><tbody>${Object.entries(headers as Record<string, unknown>).map(([k, v]) => html`<tr><th scope="row" class="mono">${k}</th><td class="mono">${show(v)}</td></tr>`)}</tbody></table></div></details>` : ''}
    </section>
    <section aria-labelledby="appears-h" class="panel"><h2 id="appears-h">Appears in</h2>
      <ul>${appearances.map((a) => html`<li><a href="/leaks/${a.leak}">${a.leak}</a> <span class="mono">${a.path}</span></li>`)}</ul>
    </section>
  </div>
  <section aria-labelledby="chain-h"><h2 id="chain-h">Provenance</h2>
    ${chain.length === 0
      ? html`<p class="muted">No sighting carries this document yet.</p>`
      : html`<p class="small muted">${plural(chain.length, 'sighting')} that carried this document, oldest first. Each arc comes from a sighting's most likely source; the last line of each box says why.</p>${chainGraph(chain)}<details><summary>The chain as a list</summary>${chainList(chain)}</details>`}
  </section>
  <section aria-labelledby="text-h"><h2 id="text-h">Text</h2>${leakedText(viewer, text)}</section>`;
  return sendPage(c, { title }, body);
}
