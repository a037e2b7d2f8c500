import { html } from 'hono/html';

/**
 * A small line of daily counts, drawn on the server as SVG: a thousand rows
 * need no script, and it reads the same without one.
 *
 * @example
 * sparkline([0, 2, 5, 1], 'Sightings per day, 4 days to 2024-10-22: 8 in all, at most 5 a day');
 */
export function sparkline(values: readonly number[], label: string, width = 120, height = 28) {
  if (values.length === 0) return html`<span class="muted small">no activity</span>`;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 2) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(1 + i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return html`<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title><line x1="0" y1="${height - 1}" x2="${width}" y2="${height - 1}"></line><polyline points="${points}"></polyline></svg>`;
}
