import type { Config } from '../config.ts';
import { timelineCsv } from '../domain/timeline/csv.ts';
import { formatLag } from '../domain/timeline/build-timeline.ts';
import type { Timeline } from '../domain/timeline/types.ts';
import { slugSchema } from '../queue/jobs.ts';
import { openDb } from '../store/db.ts';
import { getLeak } from '../store/leaks.ts';
import { readTimeline } from '../store/timelines.ts';
import { flag, printJson } from './args.ts';

const LABEL = { drop: 'Drop', amplification: 'Amplification', mainstream: 'Mainstream' } as const;

/** `leakline timeline <leak> [--json | --csv]`: stage by stage, in the terminal or for scripts. */
export async function runTimeline({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    const timeline = await readTimeline(db, await getLeak(db, flag(slugSchema, positionals[0], 'leak')));
    if (values.json) printJson(timeline);
    else if (values.csv) process.stdout.write(timelineCsv(timeline));
    else console.log(renderTimeline(timeline));
    return 0;
  } finally {
    db.$client.close();
  }
}

/** The terminal view: one block per stage, then the lags between them. */
export function renderTimeline(t: Timeline): string {
  const lines = [`Leak ${t.leak}${t.droppedAt ? `, dropped ${t.droppedAt}` : ''}`];
  for (const s of t.stages) {
    lines.push('');
    if (!s.firstSighting) {
      lines.push(`${LABEL[s.stage]}: not seen yet`);
      continue;
    }
    lines.push(`${LABEL[s.stage]}: ${s.sightings} sighting(s) on ${s.domains} domain(s)${s.accounts ? `, ${s.accounts} account(s)` : ''}`);
    lines.push(`  first  ${s.firstSighting.at} (${s.firstSighting.basis})  ${s.firstSighting.kind.padEnd(8)} ${s.firstSighting.url}`);
    lines.push(`  last   ${s.lastSighting!.at} (${s.lastSighting!.basis})  ${s.lastSighting!.kind.padEnd(8)} ${s.lastSighting!.url}`);
    for (const r of s.mostReposted.slice(0, 3)) lines.push(`  most reposted: ${r.reposts}× ${r.url}`);
  }
  if (t.transitions.length > 0) lines.push('');
  for (const x of t.transitions) lines.push(`${LABEL[x.from]} → ${LABEL[x.to]}: ${formatLag(x.lagSeconds)} (${x.fromSighting.url} → ${x.toSighting.url})`);
  lines.push('', t.enteredMainstreamAt ? `Entered the mainstream ${t.enteredMainstreamAt} (${t.enteredMainstreamBy!.url})` : 'Not in the mainstream yet (no tier-1 news sighting).');
  if (t.coordinated.length > 0) {
    const total = t.coordinatedTotal ?? t.coordinated.length;
    lines.push('', `Coordinated bursts (${total}${total > 10 ? ', the 10 largest' : ''}):`);
    for (const g of [...t.coordinated].sort((a, b) => b.accounts - a.accounts || a.start.localeCompare(b.start)).slice(0, 10)) lines.push(`  ${g.start} ${g.accounts} accounts, ${g.posts} posts in ${Math.round((Date.parse(g.end) - Date.parse(g.start)) / 1000)} s (${g.basis}): "${g.example.slice(0, 100)}"`);
  }
  if (t.suspicious.length > 0) {
    lines.push('', `Times not trusted (${t.suspicious.length}):`);
    for (const x of t.suspicious.slice(0, 10)) lines.push(`  ${x.url}: ${x.reason}`);
  }
  if (t.unclassified > 0) lines.push('', `${t.unclassified} sighting(s) on unclassified domains (add them with leakline domains add).`);
  return lines.join('\n');
}
