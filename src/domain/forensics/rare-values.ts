import { agree, comparable, languageOf, quote, textOf, utcOffsetOf } from './facts.ts';
import type { Anomaly, DocumentFacts, Settings } from './types.ts';

interface FieldSpec {
  type: string;
  field: string;
  label: string;
  read(doc: DocumentFacts): string | null;
  /**
   * Tools differ by format by nature (a PDF's producer is no e-mail's X-Mailer), so
   * their values are compared within one format, where a missing value is itself
   * the usual value: a tool named only by a handful of messages stands out.
   */
  byFormat: boolean;
}

const field = (type: string, name: string, label: string, byFormat: boolean): FieldSpec => ({
  type,
  field: name,
  label,
  read: (doc) => textOf(doc.metadata, name),
  byFormat,
});

export const RARE_FIELDS: readonly FieldSpec[] = [
  field('rare-tool', 'creator', 'authoring tool (creator)', true),
  field('rare-tool', 'producer', 'PDF producer', true),
  field('rare-tool', 'creatorVersion', 'application version', true),
  field('rare-tool', 'template', 'template', true),
  field('rare-author', 'author', 'author', false),
  field('rare-author', 'lastModifiedBy', 'last editor (lastModifiedBy)', false),
  field('rare-company', 'company', 'company', false),
  { type: 'rare-language', field: 'language', label: 'language', read: (doc) => languageOf(doc.metadata), byFormat: false },
  { type: 'rare-timezone', field: 'utcOffset', label: 'UTC offset', read: (doc) => utcOffsetOf(doc.metadata)?.offset ?? null, byFormat: false },
];

interface Group {
  docs: { doc: DocumentFacts; value: string }[];
  spellings: Map<string, number>;
}

const NOT_SET = '\u0000not set';

/**
 * Values of a field held by a few documents while one or two values cover
 * nearly all the others: a different tool, author, language or timezone in
 * an otherwise uniform dump. A field is judged only with enough documents to
 * compare, a clear usual value, and few one-off values (when one-offs are
 * common, one more is no surprise: the Good–Turing estimate of meeting a new
 * value is the share of values seen once).
 *
 * @example
 * findRareValues(docs, settings).map((a) => a.type); // ['rare-tool']
 */
export function findRareValues(docs: readonly DocumentFacts[], s: Settings, fields = RARE_FIELDS): Anomaly[] {
  const out: Anomaly[] = [];
  for (const spec of fields) {
    if (spec.byFormat) {
      const formats = new Map<string, DocumentFacts[]>();
      for (const doc of docs) {
        const group = formats.get(doc.format) ?? [];
        group.push(doc);
        formats.set(doc.format, group);
      }
      for (const [format, group] of formats) {
        // a field no document of the format fills tells nothing
        if (group.some((doc) => spec.read(doc) !== null)) out.push(...rareIn(group, spec, s, format));
      }
    } else out.push(...rareIn(docs, spec, s, null));
  }
  return out;
}

function rareIn(docs: readonly DocumentFacts[], spec: FieldSpec, s: Settings, format: string | null): Anomaly[] {
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    const value = spec.read(doc);
    if (value === null && format === null) continue;
    const key = value === null ? NOT_SET : comparable(value);
    const group: Group = groups.get(key) ?? { docs: [], spellings: new Map() };
    group.docs.push({ doc, value: value ?? '' });
    if (value !== null) group.spellings.set(value, (group.spellings.get(value) ?? 0) + 1);
    groups.set(key, group);
  }
  const judged = [...groups.values()].reduce((sum, g) => sum + g.docs.length, 0);
  if (judged < s.minDocuments) return [];

  const ranked = [...groups.entries()].sort((a, b) => b[1].docs.length - a[1].docs.length);
  const top = ranked.slice(0, 2);
  const usual = top[0]![1].docs.length >= s.dominantShare * judged ? top.slice(0, 1) : top;
  if (usual.reduce((sum, [, g]) => sum + g.docs.length, 0) < s.dominantShare * judged) return [];
  const oneOffs = ranked.filter(([key, g]) => key !== NOT_SET && g.docs.length === 1).length;
  if (oneOffs > s.rareShare * judged) return [];

  const usualKeys = new Set(usual.map(([key]) => key));
  const usualText = usual.map(([key, g]) => ({ value: key === NOT_SET ? null : spellingOf(g), count: g.docs.length }));
  const where = usualText.map((u) => `${u.count} ${agree(u.count, 'has', 'have')} ${u.value === null ? 'none' : quote(u.value)}`).join(' and ');
  const among = format === null ? 'documents' : `${format} documents`;

  return ranked
    .filter(([key, g]) => key !== NOT_SET && !usualKeys.has(key) && g.docs.length <= s.rareShare * judged && g.docs.length <= s.rareMaxDocuments)
    .map(([, g]) => {
      const value = spellingOf(g);
      return {
        type: spec.type,
        severity: 'low',
        summary: `${g.docs.length} of ${judged} ${among} ${agree(g.docs.length, 'has', 'have')} the ${spec.label} ${quote(value)}, where ${where}.`,
        documents: g.docs.map(({ doc, value: v }) => ({ id: doc.id, path: doc.path, value: v })),
        context: {
          field: spec.field,
          ...(format === null ? {} : { format }),
          value,
          judged,
          usual: usualText,
          distinctValues: ranked.filter(([key]) => key !== NOT_SET).length,
        },
      };
    });
}

function spellingOf(group: Group): string {
  return [...group.spellings.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
