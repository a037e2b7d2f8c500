import { markdownTable } from '../report.ts';
import type { Scenario } from './scenarios.ts';
import { rates, type ScenarioTotals } from './score.ts';

/** The issue's target, for a single inserted or replaced sentence. */
const TARGET = { recall: 0.98, precision: 0.95 };
const TARGET_SCENARIOS = ['1 sentence inserted', '1 sentence replaced'];

const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const share = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[sorted.length >> 1]!;
}

/** "100.0% altered", or with the other kinds that came back: "98.9% altered (3 near, 1 excerpt)". */
function kindCell(t: ScenarioTotals, expectsAlteration: boolean): string {
  const expected = expectsAlteration ? ['altered'] : ['exact', 'near'];
  const others = [...t.kinds].filter(([k]) => !expected.includes(k)).map(([k, n]) => `${n} ${k === 'none' ? 'no match' : k}`);
  return `${share(t.expectedKind, t.documents)} ${expected.join('/')}${others.length ? ` (${others.join(', ')})` : ''}`;
}

function row(name: string, t: ScenarioTotals): string[] {
  const r = rates(t);
  return [
    name,
    String(t.documents),
    String(t.trueRegions),
    String(t.reported),
    ratio(r.precision),
    ratio(r.recall),
    ratio(r.f1),
    share(t.exact, t.documents),
    kindCell(t, t.trueRegions > 0),
    median(t.times).toFixed(2),
    Math.max(...t.times).toFixed(2),
  ];
}

const HEADER = ['scenario', 'documents', 'true alterations', 'reported', 'precision', 'recall', 'F1', 'exact', 'kind', 'median ms', 'slowest ms'];

/** The main table, then the same scenarios by collection (e-mails are short and messy, articles long and clean). */
export function alterationTables(scenarios: readonly Scenario[], totals: ReadonlyMap<string, ScenarioTotals>): string {
  const main = scenarios.map((s) => row(s.name, totals.get(s.name)!));
  const byCollection: string[][] = [];
  for (const s of scenarios) {
    for (const [c, label] of [
      ['enron', 'Enron e-mails'],
      ['zyte', 'Zyte articles'],
    ] as const) {
      const t = totals.get(`${s.name}\t${c}`);
      if (t) byCollection.push(row(`${s.name}: ${label}`, t));
    }
  }
  return [markdownTable(HEADER, main), '', '### By collection', '', markdownTable(HEADER, byCollection)].join('\n');
}

/** Whether the issue's targets are met, scenario by scenario. */
export function targetLines(totals: ReadonlyMap<string, ScenarioTotals>): string[] {
  const lines = [`Target: recall ≥ ${TARGET.recall} and precision ≥ ${TARGET.precision} for a single inserted or replaced sentence.`];
  for (const name of TARGET_SCENARIOS) {
    const t = totals.get(name);
    if (!t) continue;
    const r = rates(t);
    const met = (r.recall ?? 0) >= TARGET.recall && (r.precision ?? 0) >= TARGET.precision;
    lines.push(`- ${name}: recall ${ratio(r.recall)}, precision ${ratio(r.precision)}: **${met ? 'met' : 'missed'}**.`);
  }
  return lines;
}
