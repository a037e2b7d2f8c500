import type { Context } from 'hono';
import type { AppEnv } from '../api/deps.ts';
import { getLeak } from '../store/leaks.ts';
import { listSightings, type SightingView } from '../store/sightings.ts';
import { parseSightingQuery, storeFilter } from './sightings-filter.ts';

const CHUNK = 5000;

const COLUMNS: [string, (s: SightingView) => unknown][] = [
  ['id', (s) => s.id],
  ['leak', (s) => s.leak],
  ['stage', (s) => s.stage],
  ['tier', (s) => s.tier],
  ['kind', (s) => s.kind],
  ['similarity', (s) => s.similarity],
  ['url', (s) => s.url],
  ['domain', (s) => s.domain],
  ['account', (s) => s.account],
  ['platform', (s) => s.platform],
  ['title', (s) => s.title],
  ['published_at', (s) => s.publishedAt],
  ['observed_at', (s) => s.observedAt],
  ['document_id', (s) => s.documentId],
  ['document_path', (s) => s.documentPath],
];

/**
 * One CSV cell. Titles and URLs come from hostile pages: a cell starting
 * with = + - @ would run as a formula in a spreadsheet, so it is prefixed
 * with an apostrophe (OWASP's advice for CSV injection).
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `/leaks/:slug/sightings.csv` and `.json`: every sighting that matches the page's filters, streamed in chunks. */
export function exportSightings(format: 'csv' | 'json') {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const { db } = c.var.deps;
    const leak = await getLeak(db, c.req.param('slug') ?? '');
    const query = parseSightingQuery((name) => c.req.query(name));
    const encoder = new TextEncoder();
    let offset = 0;
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === 'csv' ? `${COLUMNS.map(([name]) => name).join(',')}\n` : '['));
        }
        const { items } = await listSightings(db, leak, storeFilter(query, CHUNK, offset));
        const text =
          format === 'csv'
            ? items.map((s) => `${COLUMNS.map(([, get]) => csvCell(get(s))).join(',')}\n`).join('')
            : items.map((s, i) => `${offset + i === 0 ? '' : ','}\n${JSON.stringify(s)}`).join('');
        offset += items.length;
        if (text) controller.enqueue(encoder.encode(text));
        if (items.length < CHUNK) {
          if (format === 'json') controller.enqueue(encoder.encode('\n]\n'));
          controller.close();
        }
      },
    });
    return new Response(body, {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${leak.slug}-sightings.${format}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  };
}
