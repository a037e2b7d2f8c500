import type { Timeline } from './types.ts';

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The timeline as CSV, one row per stage, for spreadsheets: the fields of
 * the JSON form that a row can hold.
 *
 * @example
 * timelineCsv(t).split('\n')[0]; // 'leak,stage,first_seen_at,…'
 */
export function timelineCsv(t: Timeline): string {
  const header = ['leak', 'stage', 'first_seen_at', 'first_time_basis', 'last_seen_at', 'sightings', 'domains', 'accounts', 'first_url', 'first_kind', 'lag_from_previous_stage_seconds', 'entered_mainstream_at'];
  const rows = t.stages.map((s) => {
    const lag = t.transitions.find((x) => x.to === s.stage)?.lagSeconds ?? null;
    return [t.leak, s.stage, s.firstSeenAt, s.firstSighting?.basis, s.lastSeenAt, s.sightings, s.domains, s.accounts, s.firstSighting?.url, s.firstSighting?.kind, lag, t.enteredMainstreamAt];
  });
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
