import { agree, count, formatDuration, formatTime, timeOf } from './facts.ts';
import type { Anomaly, DocumentFacts, Settings } from './types.ts';

/** Date fields that record an act on the document; any of them after the drop is out of place. */
const ACT_FIELDS = ['modified', 'created', 'date', 'lastPrinted'] as const;

/**
 * Documents dated after the leak was published: a file cannot have been in a
 * dump before it was last written. Within the clock slack (a local time
 * written as UTC) it may be a mislabelled zone, so it rates medium; beyond,
 * high. Not statistical: one document is enough.
 *
 * @example
 * findAfterDrop(docs, { ...settings, droppedAt: Date.parse('2017-05-05T18:35:00Z') })[0]?.type; // 'after-drop'
 */
export function findAfterDrop(docs: readonly DocumentFacts[], s: Settings): Anomaly[] {
  const drop = s.droppedAt;
  if (drop === null) return [];
  const slack = s.clockSlackHours * 3_600_000;
  const late: { doc: DocumentFacts; field: string; time: number }[] = [];
  for (const doc of docs) {
    let latest: { field: string; time: number } | null = null;
    for (const field of ACT_FIELDS) {
      const time = timeOf(doc.metadata, field);
      if (time !== null && time > drop && (!latest || time > latest.time)) latest = { field, time };
    }
    if (latest) late.push({ doc, ...latest });
  }
  const beyond = late.filter((l) => l.time - drop > slack);
  const within = late.filter((l) => l.time - drop <= slack);
  const group = (list: typeof late, severity: 'medium' | 'high'): Anomaly[] => {
    if (list.length === 0) return [];
    const last = list.reduce((max, l) => Math.max(max, l.time), drop);
    const hedge = severity === 'medium' ? `, within ${s.clockSlackHours} hours, so possibly a local time recorded as UTC` : '';
    return [
      {
        type: 'after-drop',
        severity,
        summary: `${count(list.length, 'document')} ${agree(list.length, 'carries', 'carry')} a date after the leak was published (${formatTime(drop)}), the latest ${formatDuration(last - drop)} after it${hedge}.`,
        documents: list.map(({ doc, field, time }) => ({ id: doc.id, path: doc.path, value: `${field} ${new Date(time).toISOString()}` })),
        context: { droppedAt: new Date(drop).toISOString(), latest: new Date(last).toISOString(), clockSlackHours: s.clockSlackHours },
      },
    ];
  };
  return [...group(beyond, 'high'), ...group(within, 'medium')];
}

/**
 * Documents created after their last modification. Tools that write local
 * time as UTC, and copies that reset a creation date, produce small or
 * systematic inversions, so inversions within the clock slack rate low and
 * only larger ones medium.
 *
 * @example
 * findCreatedAfterModified([{ id: 1, path: 'a.docx', format: 'docx', metadata: { created: '2024-03-02T10:00:00Z', modified: '2024-01-05T09:00:00Z' } }], settings)[0]?.severity; // 'medium'
 */
export function findCreatedAfterModified(docs: readonly DocumentFacts[], s: Settings): Anomaly[] {
  const slack = s.clockSlackHours * 3_600_000;
  const inverted: { doc: DocumentFacts; created: number; modified: number }[] = [];
  for (const doc of docs) {
    const created = timeOf(doc.metadata, 'created');
    const modified = timeOf(doc.metadata, 'modified');
    // a minute of slack: some tools write the two stamps a moment apart on the first save
    if (created !== null && modified !== null && created - modified > 60_000) inverted.push({ doc, created, modified });
  }
  const group = (list: typeof inverted, severity: 'low' | 'medium'): Anomaly[] => {
    if (list.length === 0) return [];
    const widest = list.reduce((max, i) => Math.max(max, i.created - i.modified), 0);
    const hedge = severity === 'low' ? `, no more than ${s.clockSlackHours} hours (possibly a timezone slip)` : '';
    return [
      {
        type: 'created-after-modified',
        severity,
        summary: `${count(list.length, 'document')} ${agree(list.length, 'was created after it was', 'were created after they were')} last modified, by up to ${formatDuration(widest)}${hedge}.`,
        documents: list.map(({ doc, created, modified }) => ({
          id: doc.id,
          path: doc.path,
          value: `created ${new Date(created).toISOString()} > modified ${new Date(modified).toISOString()}`,
        })),
        context: { widestHours: Math.round(widest / 36_000) / 100, withBothDates: docs.filter((d) => timeOf(d.metadata, 'created') !== null && timeOf(d.metadata, 'modified') !== null).length },
      },
    ];
  };
  return [...group(inverted.filter((i) => i.created - i.modified > slack), 'medium'), ...group(inverted.filter((i) => i.created - i.modified <= slack), 'low')];
}
