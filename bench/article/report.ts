import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SystemRow {
  name: string;
  ours: boolean;
  f1: number;
  precision: number;
  recall: number;
  std: { f1: number; precision: number; recall: number };
  accuracy: number;
}

const fixed = (n: number) => n.toFixed(3);

/**
 * The extractors sorted by F1, best first, ours in bold.
 *
 * @example
 * systemsTable(rows); // '| # | extractor | F1 ± std | …'
 */
export function systemsTable(rows: readonly SystemRow[]): string {
  const lines = ['| # | extractor | F1 ± std | precision ± std | recall ± std | exact |', '| ---: | --- | --- | --- | --- | ---: |'];
  [...rows]
    .sort((a, b) => b.f1 - a.f1)
    .forEach((r, i) => {
      const name = r.ours ? `**${r.name}** ◀` : r.name;
      const cell = (v: number, s: number) => (r.ours ? `**${fixed(v)}** ± ${fixed(s)}` : `${fixed(v)} ± ${fixed(s)}`);
      lines.push(`| ${i + 1} | ${name} | ${cell(r.f1, r.std.f1)} | ${cell(r.precision, r.std.precision)} | ${cell(r.recall, r.std.recall)} | ${fixed(r.accuracy)} |`);
    });
  return lines.join('\n');
}

export interface FieldRow {
  field: string;
  correct: number;
  total: number;
  rule: string;
}

/**
 * One row per metadata field: correct answers, pages with an expected value, accuracy.
 *
 * @example
 * metadataTable([{ field: 'title', correct: 9, total: 10, rule: 'exact' }]);
 */
export function metadataTable(rows: readonly FieldRow[]): string {
  const lines = ['| field | correct | pages | accuracy | compared as |', '| --- | ---: | ---: | ---: | --- |'];
  for (const r of rows) lines.push(`| ${r.field} | ${r.correct} | ${r.total} | ${fixed(r.total ? r.correct / r.total : 0)} | ${r.rule} |`);
  return lines.join('\n');
}

const HEADING = '## Article extraction';

/**
 * Writes `section` (which starts with the `## Article extraction` heading)
 * into the Markdown file, replacing that section if present and leaving every
 * other section as it is. The file is read right before writing, since other
 * benchmarks write their own sections into it.
 *
 * @example
 * writeSection('BENCHMARKS.md', '## Article extraction\n\n| … |');
 */
export function writeSection(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\s*$/, '')}\n\n${section.trim()}\n`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\s*$/, '');
    const after = lines.slice(end).join('\n').replace(/^\s*/, '');
    next = `${before ? `${before}\n\n` : ''}${section.trim()}\n${after ? `\n${after}` : ''}`;
    if (!next.endsWith('\n')) next += '\n';
  }
  writeFileSync(path, next);
}
