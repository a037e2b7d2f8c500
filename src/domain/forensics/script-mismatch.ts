import { agree, count, quote, textOf } from './facts.ts';
import { mixedScriptWord, scriptOf } from './script.ts';
import type { Anomaly, DocumentFacts, Settings } from './types.ts';

/** Fields naming a person, an organisation or a tool: where a foreign hand shows. */
const NAME_FIELDS = ['author', 'lastModifiedBy', 'creator', 'producer', 'company'] as const;

interface Name {
  doc: DocumentFacts;
  field: string;
  value: string;
  script: string;
}

/**
 * Names written in a script other than the dump's usual one: a Cyrillic user
 * name in a French campaign's files. Judged over every name field together,
 * with enough names to call a majority, and only while the other script stays
 * a small minority (a bilingual organisation is not an anomaly).
 *
 * @example
 * findScriptMismatches(docs, settings)[0]?.context.script; // 'Cyrillic'
 */
export function findScriptMismatches(docs: readonly DocumentFacts[], s: Settings): Anomaly[] {
  const names: Name[] = [];
  for (const doc of docs) {
    for (const field of NAME_FIELDS) {
      const value = textOf(doc.metadata, field);
      const script = value === null ? null : scriptOf(withoutAddresses(value)) ?? scriptOf(value);
      if (value !== null && script !== null) names.push({ doc, field, value, script });
    }
  }
  if (names.length < s.minDocuments) return [];
  const tally = new Map<string, Name[]>();
  for (const name of names) {
    const list = tally.get(name.script) ?? [];
    list.push(name);
    tally.set(name.script, list);
  }
  const ranked = [...tally.entries()].sort((a, b) => b[1].length - a[1].length);
  const [usual, usualNames] = ranked[0]!;
  if (usualNames.length < s.dominantShare * names.length) return [];
  const usualPercent = Math.round((100 * usualNames.length) / names.length);

  return ranked
    .slice(1)
    .filter(([, list]) => list.length <= s.minorityScriptShare * names.length)
    .map(([script, list]) => {
      const documents = byDocument(list);
      const example = list[0]!;
      return {
        type: 'script-mismatch',
        severity: 'medium',
        summary:
          `${count(documents.length, 'document')} ${agree(documents.length, 'names', 'name')} a person or tool in ${script} script ` +
          `(${quote(example.value)} as ${example.field}), while ${usualPercent}% of the ${names.length} names in the dump are in ${usual} script.`,
        documents,
        context: { script, usualScript: usual, names: names.length, scripts: Object.fromEntries(ranked.map(([k, v]) => [k, v.length])) },
      };
    });
}

/**
 * Names mixing two scripts inside one word, the mark of look-alike letters.
 * Not statistical: one such name is enough, whatever the size of the dump.
 *
 * @example
 * findMixedScripts([{ id: 1, path: 'a.docx', format: 'docx', metadata: { author: 'Jеan Dupont' } }])[0]?.type; // 'mixed-script'
 */
export function findMixedScripts(docs: readonly DocumentFacts[]): Anomaly[] {
  const found: (Name & { word: string; scripts: string[] })[] = [];
  for (const doc of docs) {
    for (const field of NAME_FIELDS) {
      const value = textOf(doc.metadata, field);
      const mixed = value === null ? null : mixedScriptWord(value);
      if (value !== null && mixed) found.push({ doc, field, value, script: mixed.scripts.join('+'), ...mixed });
    }
  }
  if (found.length === 0) return [];
  const first = found[0]!;
  return [
    {
      type: 'mixed-script',
      severity: 'medium',
      summary: `${count(byDocument(found).length, 'document')} ${agree(byDocument(found).length, 'carries', 'carry')} a name whose words mix scripts (${quote(first.word)} in ${first.field} mixes ${first.scripts.join(' and ')}), a sign of look-alike letters.`,
      documents: byDocument(found),
      context: { words: found.map((f) => ({ id: f.doc.id, field: f.field, word: f.word, scripts: f.scripts })) },
    },
  ];
}

/**
 * A sender's display name without its address: addresses are ASCII by protocol,
 * not by the sender's choice, and would outvote a short name in another script.
 */
function withoutAddresses(value: string): string {
  return value.replace(/<[^>]*>/g, ' ').replace(/\S+@\S+/g, ' ');
}

function byDocument(names: readonly Name[]): Anomaly['documents'] {
  const out = new Map<number, Anomaly['documents'][number]>();
  for (const { doc, field, value } of names) {
    const seen = out.get(doc.id);
    if (seen) seen.value += `; ${field}: ${value}`;
    else out.set(doc.id, { id: doc.id, path: doc.path, value: `${field}: ${value}` });
  }
  return [...out.values()];
}
