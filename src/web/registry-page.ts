import type { Context } from 'hono';
import { html } from 'hono/html';
import { recordAudit } from '../api/access.ts';
import type { AppEnv } from '../api/deps.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { STAGES, type Stage } from '../domain/stages/registry.ts';
import { deleteDomain, listDomains, upsertDomain, type DomainRow } from '../store/domains.ts';
import { viewerOf } from './access.ts';
import { queryString, stageBadge } from './format.ts';
import { sendPage } from './layout.ts';

const entryForm = (e: Partial<DomainRow>) => html`<form class="filters" method="post" action="/registry" id="entry-form" aria-label="Add or change an entry">
  <div class="field"><label for="entry-pattern">Host or host/path</label><input id="entry-pattern" name="pattern" value="${e.pattern ?? ''}" required maxlength="300" placeholder="pastebin.com or t.me/channel"></div>
  <div class="field"><label for="entry-stage">Stage</label><select id="entry-stage" name="stage" required>${STAGES.map((s) => html`<option value="${s}"${e.stage === s ? html` selected` : ''}>${s}</option>`)}</select></div>
  <div class="field"><label for="entry-tier">News tier</label><select id="entry-tier" name="tier"><option value="">none</option>${[1, 2, 3].map((t) => html`<option value="${t}"${e.tier === t ? html` selected` : ''}>${t}</option>`)}</select></div>
  <div class="field"><label for="entry-label">Label</label><input id="entry-label" name="label" value="${e.label ?? ''}" maxlength="200"></div>
  <div class="field"><label for="entry-platform">Platform</label><input id="entry-platform" name="platform" value="${e.platform ?? ''}" maxlength="100" size="12"></div>
  <button type="submit" class="primary">Save entry</button></form>`;

function row(d: DomainRow, editable: boolean) {
  return html`<tr><td data-label="Pattern" class="mono">${d.pattern}</td><td data-label="Stage">${stageBadge(d.stage)}</td><td data-label="Tier">${d.tier ?? ''}</td>
    <td data-label="Label">${d.label ?? ''}</td><td data-label="Platform">${d.platform ?? ''}</td><td data-label="Origin" class="muted">${d.origin}</td>
    ${editable ? html`<td data-label="Change"><a href="/registry${queryString({ edit: d.pattern })}#entry-form">edit<span class="visually-hidden"> ${d.pattern}</span></a>
      <form class="inline" method="post" action="/registry/delete"><input type="hidden" name="pattern" value="${d.pattern}"><button type="submit" class="danger" aria-label="Remove ${d.pattern}">remove</button></form></td>` : ''}</tr>`;
}

async function render(c: Context<AppEnv>, message: { text: string; error: boolean } | null, status: 200 | 400 | 404 = 200, draft: Partial<DomainRow> = {}) {
  const editable = viewerOf(c).editRegistry;
  const stage = STAGES.find((s) => s === c.req.query('stage'));
  const rows = await listDomains(c.var.deps.db, stage);
  const editing = c.req.query('edit');
  const current = editing ? (rows.find((r) => r.pattern === editing) ?? { pattern: editing }) : draft;
  const body = html`<h1>Stage registry</h1>
  <p class="muted">Which stage each source belongs to: a host (covering its subdomains) or a host and path prefix. News outlets have a tier: 1 national or international, 2 regional or specialist, 3 partisan or state-controlled. Saving an entry re-stages the sources it covers.</p>
  ${message ? html`<p class="notice${message.error ? ' error' : ''}" role="${message.error ? 'alert' : 'status'}">${message.text}</p>` : ''}
  ${editable ? html`<h2>Add or change an entry</h2>${entryForm(current)}` : html`<p class="notice">Changing the registry needs an administrator's role.</p>`}
  <h2>Entries <span class="muted small">${rows.length}</span></h2>
  <form class="filters" method="get" action="/registry" aria-label="Filter entries"><div class="field"><label for="registry-filter-stage">Stage</label><select id="registry-filter-stage" name="stage"><option value="">all</option>${STAGES.map((s) => html`<option value="${s}"${s === stage ? html` selected` : ''}>${s}</option>`)}</select></div><button type="submit">Show</button></form>
  <div class="table-wrap"><table class="cards" id="registry-table"><thead><tr><th scope="col">Pattern</th><th scope="col">Stage</th><th scope="col">Tier</th><th scope="col">Label</th><th scope="col">Platform</th><th scope="col">Origin</th>${editable ? html`<th scope="col">Change</th>` : ''}</tr></thead>
  <tbody>${rows.map((r) => row(r, editable))}</tbody></table></div>`;
  return sendPage(c, { title: 'Stage registry', section: 'registry' }, body, status);
}

const field = (form: Record<string, unknown>, name: string, max: number) => (typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, max) : '');

/** `GET /registry`: the entries, and the form to change them for those allowed to. */
export const registryPage = (c: Context<AppEnv>) => render(c, c.req.query('saved') ? { text: `Saved ${c.req.query('saved')}.`, error: false } : c.req.query('removed') ? { text: `Removed ${c.req.query('removed')}.`, error: false } : null);

/** `POST /registry`: adds or changes an entry, then shows the list again (POST, redirect, GET). */
export async function saveRegistryEntry(c: Context<AppEnv>): Promise<Response> {
  if (!viewerOf(c).editRegistry) throw new DomainError('forbidden', 'Changing the registry needs an administrator role.', { status: 403 });
  const form = await c.req.parseBody();
  const draft = { pattern: field(form, 'pattern', 300), stage: field(form, 'stage', 20), tier: Number(field(form, 'tier', 1)) || null, label: field(form, 'label', 200) || null, platform: field(form, 'platform', 100) || null };
  try {
    if (!STAGES.includes(draft.stage as Stage)) throw new DomainError('invalid_request', `Stage must be one of ${STAGES.join(', ')}.`);
    if (draft.tier !== null && ![1, 2, 3].includes(draft.tier)) throw new DomainError('invalid_request', 'Tier must be 1, 2, 3 or none.');
    const saved = await upsertDomain(c.var.deps.db, { ...draft, stage: draft.stage as Stage });
    await recordAudit(c, 'registry.set', saved.pattern, saved.stage);
    return c.redirect(`/registry${queryString({ saved: saved.pattern })}`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.status >= 500) throw error;
    return render(c, { text: error.message, error: true }, 400, draft);
  }
}

/** `POST /registry/delete`: removes an entry. */
export async function removeRegistryEntry(c: Context<AppEnv>): Promise<Response> {
  if (!viewerOf(c).editRegistry) throw new DomainError('forbidden', 'Changing the registry needs an administrator role.', { status: 403 });
  const pattern = field(await c.req.parseBody(), 'pattern', 300);
  try {
    await deleteDomain(c.var.deps.db, pattern);
    await recordAudit(c, 'registry.remove', pattern);
    return c.redirect(`/registry${queryString({ removed: pattern })}`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.status >= 500) throw error;
    return render(c, { text: error.message, error: true }, 404);
  }
}
