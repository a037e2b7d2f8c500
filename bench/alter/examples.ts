import type { Comparison } from '../../src/domain/match/compare.ts';
import type { BenchDocument } from './documents.ts';
import { hits } from './score.ts';
import type { TrueRegion } from './truth.ts';

export interface Example {
  doc: BenchDocument;
  copy: string;
  truth: readonly TrueRegion[];
  comparison: Comparison | null;
}

const clip = (s: string, max = 160) => JSON.stringify(s.length > max ? `${s.slice(0, max / 2)} … ${s.slice(-max / 2)}` : s);

/** A few words either side of a span, the span itself in [brackets]. */
function inContext(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 60), start);
  const after = text.slice(end, end + 60);
  return clip(`${before}[${text.slice(start, end)}]${after}`, 400);
}

/** A failing copy, for a person to read: the true alterations (missed ones marked) and the reported ones (wrong ones marked). */
export function describeExample(scenario: string, e: Example): string {
  const reported = e.comparison?.alterations ?? [];
  const lines = [`--- ${scenario}: document ${e.doc.index} (${e.doc.collection}), kind ${e.comparison?.kind ?? 'no match'}`];
  for (const r of e.truth) {
    const hit = reported.some((a) => hits(a, r));
    lines.push(`  truth ${hit ? '' : '(MISSED) '}${r.type} copy ${inContext(e.copy, r.checkedStart, r.checkedEnd)} / original ${inContext(e.doc.text, r.documentStart, r.documentEnd)}`);
  }
  for (const a of reported) {
    const ok = e.truth.some((r) => hits(a, r));
    lines.push(`  reported ${ok ? '' : '(WRONG) '}${a.type} copy ${inContext(e.copy, a.checkedStart, a.checkedEnd)} / original ${inContext(e.doc.text, a.documentStart, a.documentEnd)}`);
  }
  return lines.join('\n');
}
