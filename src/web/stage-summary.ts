import { html } from 'hono/html';
import type { SightingRef, Timeline } from '../domain/timeline/types.ts';
import { formatLag, outLink, plural, secondsBetween, shortUrl, stageBadge, timeEl } from './format.ts';

const basisNote = (ref: SightingRef | null) =>
  ref ? html` <span class="muted small" title="${ref.basis === 'claimed' ? 'the time the source claims' : 'when Leakline first saw it (no trusted claimed time)'}">(${ref.basis === 'claimed' ? 'claimed' : 'observed'})</span>` : '';

const source = (ref: SightingRef | null) => (ref ? outLink(ref.url, shortUrl(ref.url, 48)) : html`<span class="muted">—</span>`);

/**
 * The stage summary of a leak: for each stage its first and last sighting
 * (and which time was used), how many sightings, domains and accounts, and
 * the lag from the stage before; then when the leak entered the mainstream.
 */
export function stageSummary(t: Timeline) {
  const dropAt = t.stages[0]?.firstSeenAt ?? t.droppedAt;
  const toMainstream = secondsBetween(dropAt, t.enteredMainstreamAt);
  const cards = t.stages.map((s) => {
    const transition = t.transitions.find((x) => x.to === s.stage);
    return html`<div class="panel">
      <h3>${stageBadge(s.stage)} <span class="small" title="the timeline counts a source once, however many of the leak's documents it carries">${plural(s.sightings, 'source')}</span></h3>
      <dl>
        <dt>First</dt><dd>${timeEl(s.firstSeenAt)}${basisNote(s.firstSighting)}</dd>
        <dt>Source</dt><dd>${source(s.firstSighting)}</dd>
        ${transition ? html`<dt>Lag</dt><dd><span class="lag">${formatLag(transition.lagSeconds)}</span> after the first ${transition.from} sighting</dd>` : ''}
        <dt>Last</dt><dd>${timeEl(s.lastSeenAt)}</dd>
        <dt>Spread</dt><dd>${plural(s.domains, 'domain')} · ${plural(s.accounts, 'account')}</dd>
      </dl></div>`;
  });
  const entered = t.enteredMainstreamBy
    ? html`<p><strong>Entered the mainstream</strong> ${timeEl(t.enteredMainstreamAt)}: first article at ${t.enteredMainstreamBy.domain ?? shortUrl(t.enteredMainstreamBy.url)}${toMainstream !== null ? html`, <span class="lag">${formatLag(toMainstream)}</span> after the drop` : ''} (${outLink(t.enteredMainstreamBy.url, 'the article')}).</p>`
    : html`<p><strong>Not in the mainstream yet:</strong> no tier-1 outlet has carried it.</p>`;
  const suspicious = t.suspicious.length
    ? html`<details><summary>${plural(t.suspicious.length, 'claimed time')} set aside or doubted</summary><ul class="small">${t.suspicious.slice(0, 50).map((s) => html`<li>${outLink(s.url, shortUrl(s.url))}: ${s.reason}</li>`)}</ul>${t.suspicious.length > 50 ? html`<p class="small muted">and ${t.suspicious.length - 50} more (see the timeline JSON).</p>` : ''}</details>`
    : '';
  return html`<div class="stages">${cards}</div>${entered}${t.unclassified ? html`<p class="small muted">${t.unclassified} sightings on sources the registry does not classify are not counted in any stage.</p>` : ''}${suspicious}`;
}
