import { comparable, count, formatDuration, formatTime, textOf, timeOf } from './facts.ts';
import type { Anomaly, DocumentFacts, Settings } from './types.ts';

interface Item {
  time: number;
  docs: { doc: DocumentFacts; field: string }[];
}

/**
 * Groups of documents dated within a few minutes of each other in a dump that
 * otherwise spans far longer: how a batch of files prepared just before a
 * release shows among files written over months. A group counts when it is
 * large in absolute terms, large as a share of the dump (a busy mailbox has
 * busy afternoons), and improbable at the dump's average pace.
 *
 * @example
 * findBursts(docs, settings)[0]?.summary; // '6 documents were last modified within 3 minutes (…)'
 */
export function findBursts(docs: readonly DocumentFacts[], s: Settings): Anomaly[] {
  const items = datedItems(docs);
  const n = items.length;
  if (n < s.minDocuments) return [];
  const window = s.burstWindowMinutes * 60_000;
  const span = items[n - 1]!.time - items[0]!.time;
  const need = Math.max(s.burstMinDocuments, Math.ceil(s.burstShare * n));
  const expected = (n * window) / Math.max(span, window);
  // testing every window is many tests: a Bonferroni factor keeps the chance of any false burst under alpha
  const windows = Math.max(1, span / window);

  const clusters: { first: number; last: number; p: number }[] = [];
  for (let i = 0, j = 0; i < n; i++) {
    j = Math.max(j, i);
    while (j + 1 < n && items[j + 1]!.time - items[i]!.time <= window) j++;
    const size = j - i + 1;
    if (size < need) continue;
    const p = Math.min(1, windows * poissonTail(size, expected));
    if (p >= s.burstAlpha) continue;
    const open = clusters[clusters.length - 1];
    // overlapping windows are one burst that lasted longer than a window
    if (open && i <= open.last) {
      open.last = j;
      open.p = Math.min(open.p, p);
    } else clusters.push({ first: i, last: j, p });
  }

  return clusters.map(({ first, last, p }) => {
    const members = items.slice(first, last + 1);
    const from = members[0]!.time;
    const to = members[members.length - 1]!.time;
    const entries = members.flatMap((m) => m.docs);
    const fields = new Set(entries.map((e) => e.field));
    const verb = verbFor(entries);
    const gap = s.droppedAt === null ? null : s.droppedAt - to;
    const near = gap !== null && gap <= s.nearDropHours * 3_600_000;
    const when = gap === null ? '' : gap < 0 ? ', after the leak was published' : `, ${formatDuration(gap)} before the leak was published`;
    return {
      type: 'modified-burst',
      severity: near ? 'high' : 'medium',
      summary:
        `${count(entries.length, 'document')} were ${verb} within ${formatDuration(to - from)} (${formatTime(from)} to ${formatTime(to)})${when}, ` +
        `while the dump's ${count(n, 'dated item')} over ${formatDuration(span)} average ${expected.toPrecision(2)} per ${s.burstWindowMinutes} minutes.`,
      documents: entries.map(({ doc, field }) => ({ id: doc.id, path: doc.path, value: `${field} ${new Date(timeOf(doc.metadata, field)!).toISOString()}` })),
      context: {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        distinctItems: members.length,
        fields: [...fields],
        windowMinutes: s.burstWindowMinutes,
        threshold: need,
        expectedPerWindow: expected,
        pValue: p,
        datedItems: n,
        dumpSpan: { from: new Date(items[0]!.time).toISOString(), to: new Date(items[n - 1]!.time).toISOString() },
        ...(gap === null ? {} : { hoursBeforeDrop: Math.round(gap / 36_000) / 100 }),
      },
    };
  });
}

function verbFor(entries: Item['docs']): string {
  if (entries.every((e) => e.field === 'modified')) return 'last modified';
  if (entries.every((e) => e.doc.format === 'email')) return 'sent';
  return entries.every((e) => e.field === 'created') ? 'created' : 'dated';
}

/**
 * One time per document, the latest edit it records; copies of one item (the
 * same message filed in three folders) share time, author and tool, and count once.
 */
function datedItems(docs: readonly DocumentFacts[]): Item[] {
  const items = new Map<string, Item>();
  for (const doc of docs) {
    for (const field of ['modified', 'created', 'date']) {
      const time = timeOf(doc.metadata, field);
      if (time === null) continue;
      const key = [time, textOf(doc.metadata, 'author'), textOf(doc.metadata, 'creator')].map((v) => comparable(String(v))).join('|');
      const item = items.get(key) ?? { time, docs: [] };
      item.docs.push({ doc, field });
      items.set(key, item);
      break;
    }
  }
  return [...items.values()].sort((a, b) => a.time - b.time);
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed upward so tiny tails keep their precision. */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // at or below the mean the tail is at least about one half: never evidence of a burst
  if (k <= lambda) return 1;
  let logTerm = -lambda + k * Math.log(lambda);
  for (let i = 2; i <= k; i++) logTerm -= Math.log(i);
  let sum = 0;
  for (let i = k; i < k + 10_000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term <= sum * 1e-15) break;
    logTerm += Math.log(lambda / (i + 1));
  }
  return Math.min(1, sum);
}
