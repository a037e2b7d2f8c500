import type { Context } from 'hono';
import { html } from 'hono/html';
import { recordAudit } from '../api/access.ts';
import type { AppDeps, AppEnv } from '../api/deps.ts';
import { isDomainError } from '../domain/errors.ts';
import { checkText, type CheckResult } from '../provenance/check.ts';
import { getDocument } from '../store/documents.ts';
import { viewerOf } from './access.ts';
import { alteredText } from './alterations-view.ts';
import { chainGraph, chainList } from './chain-graph.ts';
import { textFromCheckForm } from './check-input.ts';
import { outLink, percent, stageBadge, timeEl } from './format.ts';
import { sendPage } from './layout.ts';

const form = (url = '') => html`<form class="stack" method="post" action="/check" enctype="multipart/form-data" aria-describedby="check-help">
  <p id="check-help" class="muted">Give one of the three. Leakline finds the leaked documents the text carries, where that content first appeared, the chain of sightings that carried it, and what was inserted, removed or changed against the original. Nothing you check is stored.</p>
  <fieldset><legend>What to check</legend>
    <label for="check-file">Upload a file <span class="muted small">(text, HTML, PDF, Word, e-mail, CSV or JSON)</span></label><input id="check-file" type="file" name="file">
    <label for="check-text">or paste its text</label><textarea id="check-text" name="text" rows="8"></textarea>
    <label for="check-url">or give its address</label><input id="check-url" type="url" name="url" value="${url}" placeholder="https://…" inputmode="url">
  </fieldset>
  <div><button type="submit" class="primary">Check</button></div>
</form>`;

const KIND_NOTE: Record<string, string> = {
  exact: 'the same text',
  near: 'the whole document, nothing inserted',
  altered: 'the whole document, with alterations',
  excerpt: 'passages of the document',
  link: 'a link to it',
};

function results(result: CheckResult, text: string, from: string, paths: ReadonlyMap<string, string>) {
  const source = from.charAt(0).toUpperCase() + from.slice(1);
  if (result.matches.length === 0) {
    return html`<section id="check-result" aria-labelledby="result-h"><h2 id="result-h">No match</h2>
      <p>${source} (${result.words} words) carries no passage of a leaked document.</p>
      ${result.nearest.length ? html`<p>Nearest documents:</p><ul>${result.nearest.map((n) => html`<li><a href="/documents/${n.documentId}">document ${n.documentId}</a> in <a href="/leaks/${n.leak}">${n.leak}</a>: ${percent(n.similarity)} similar, ${n.matchedWords} words in common</li>`)}</ul>` : ''}</section>`;
  }
  const counts = ['inserted', 'removed', 'changed'].map((t) => [t, result.alterations.filter((a) => a.type === t).length] as const).filter(([, n]) => n > 0);
  return html`<section id="check-result" aria-labelledby="result-h"><h2 id="result-h">Matches</h2>
    <p>${source} (${result.words} words) carries ${result.matches.length === 1 ? 'a leaked document' : `${result.matches.length} leaked documents`}.</p>
    <div class="table-wrap"><table class="cards" id="check-matches"><thead><tr><th scope="col">Leak</th><th scope="col">Document</th><th scope="col">Kind</th><th scope="col" class="num">Similarity</th><th scope="col" class="num">Of this text</th><th scope="col" class="num">Of the document</th></tr></thead>
    <tbody>${result.matches.map((m) => html`<tr><td data-label="Leak"><a href="/leaks/${m.leak}">${m.leak}</a></td><td data-label="Document"><a href="/documents/${m.documentId}" class="mono">${paths.get(`${m.leak}/${m.documentId}`) ?? `document ${m.documentId}`}</a></td>
      <td data-label="Kind"><strong>${m.kind}</strong><span class="sub">${KIND_NOTE[m.kind] ?? ''}</span></td><td data-label="Similarity" class="num">${percent(m.similarity)}</td><td data-label="Of this text" class="num">${percent(m.coverage)}</td><td data-label="Of the document" class="num">${percent(m.documentCoverage)}</td></tr>`)}</tbody></table></div>
    <h3>Earliest appearance</h3>
    ${result.earliest ? html`<p>${stageBadge(result.earliest.stage)} ${outLink(result.earliest.url)} ${timeEl(result.earliest.seenAt)}</p>` : html`<p class="muted">No sighting of this content is known yet.</p>`}
    <h3>Alterations against the original</h3>
    ${result.alterations.length === 0
      ? html`<p>None: where this copy and the original overlap, they match word for word.</p>`
      : html`<p><strong>${counts.map(([t, n]) => `${n} ${t}`).join(', ')}.</strong> <span class="legend-ins"><ins>inserted in this copy</ins></span> <span class="legend-del"><del>in the original, not here</del></span></p>${alteredText(text, result.alterations)}`}
    <h3>Chain of sightings</h3>
    ${result.chain.length === 0 ? html`<p class="muted">No sighting carried it yet.</p>` : html`${chainGraph(result.chain)}<details><summary>The chain as a list</summary>${chainList(result.chain)}</details>`}
  </section>`;
}

/** Where each matched document sits in its leak, keyed `leak/documentId`: a path says more than an id. */
async function documentPaths(db: AppDeps['db'], result: CheckResult): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const id of new Set(result.matches.map((m) => m.documentId))) {
    for (const a of (await getDocument(db, id)).appearances) if (!paths.has(`${a.leak}/${id}`)) paths.set(`${a.leak}/${id}`, a.path);
  }
  return paths;
}

/** `GET /check`: the form. */
export const checkFormPage = (c: Context<AppEnv>) =>
  sendPage(c, { title: 'Check a document', section: 'check' }, html`<h1>Check a document</h1>${viewerOf(c).check ? form() : notAllowed}`);

const notAllowed = html`<p class="notice" role="status">Checking a document needs the analyst role: it compares the document with the leaked texts. Ask an admin for an analyst key.</p>`;

/** `POST /check`: the same form, followed by what Leakline knows of the document. */
export async function checkResultPage(c: Context<AppEnv>): Promise<Response> {
  const { deps } = c.var;
  const page = (body: Parameters<typeof sendPage>[2], status: 200 | 400 | 413 | 503 = 200) => sendPage(c, { title: 'Check a document', section: 'check' }, body, status);
  if (!deps.matcher) return page(html`<h1>Check a document</h1><p class="notice error" role="alert">This deployment has no matcher: check documents on a Node server of Leakline.</p>`, 503);
  const input = await c.req.parseBody();
  const url = typeof input.url === 'string' ? input.url : '';
  try {
    const { text, source } = await textFromCheckForm(input, deps);
    await recordAudit(c, 'check', null, `${text.length} characters, dashboard`);
    const result = await checkText({ db: deps.db, matcher: deps.matcher }, text);
    return page(html`<h1>Check a document</h1>${results(result, text, source, await documentPaths(deps.db, result))}<h2>Check another</h2>${form()}`);
  } catch (error) {
    if (!isDomainError(error) || error.status >= 500) throw error;
    const status = error.status === 413 ? 413 : 400;
    return page(html`<h1>Check a document</h1><p class="notice error" role="alert">${error.message}</p>${form(url)}`, status);
  }
}
