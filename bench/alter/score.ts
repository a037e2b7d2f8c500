import type { Alteration, Comparison } from '../../src/domain/match/compare.ts';
import type { Span, TrueRegion } from './truth.ts';

/**
 * Two passages overlap when they share a word on the copy's side or on the
 * document's side. An empty side (the point where something was inserted or
 * removed) overlaps nothing, which makes the types compatible by
 * construction: a true insertion can only be hit by a reported insertion or
 * change (its new words), a true removal only by a reported removal or change
 * (its missing words), a true change by any of the three.
 */
export const overlaps = (a: Span, b: Span) =>
  (a.checkedStart < b.checkedEnd && b.checkedStart < a.checkedEnd) || (a.documentStart < b.documentEnd && b.documentStart < a.documentEnd);

/** A reported alteration hits a true one when it overlaps any place the true one could be reported at. */
export const hits = (a: Alteration, r: TrueRegion) => r.equivalents.some((e) => overlaps(a, e));

const same = (a: Alteration, r: TrueRegion) =>
  a.type === r.type &&
  r.equivalents.some((e) => a.checkedStart === e.checkedStart && a.checkedEnd === e.checkedEnd && a.documentStart === e.documentStart && a.documentEnd === e.documentEnd);

export interface DocScore {
  trueRegions: number;
  detected: number;
  reported: number;
  /** Reported alterations that overlap a true one. */
  correct: number;
  /** Every true region reported with exactly its type and offsets, and nothing else reported. */
  exact: boolean;
  kind: Comparison['kind'] | 'none';
}

export function scoreComparison(truth: readonly TrueRegion[], comparison: Comparison | null): DocScore {
  const reported = comparison?.alterations ?? [];
  return {
    trueRegions: truth.length,
    detected: truth.filter((r) => reported.some((a) => hits(a, r))).length,
    reported: reported.length,
    correct: reported.filter((a) => truth.some((r) => hits(a, r))).length,
    exact: reported.length === truth.length && truth.every((r, i) => same(reported[i]!, r)),
    kind: comparison?.kind ?? 'none',
  };
}

export interface ScenarioTotals {
  documents: number;
  trueRegions: number;
  detected: number;
  reported: number;
  correct: number;
  exact: number;
  /** Comparisons of the expected kind: altered, or exact/near for a copy with no alteration. */
  expectedKind: number;
  kinds: Map<string, number>;
  /** Milliseconds per comparison, the copy's preparation included. */
  times: number[];
}

export const emptyTotals = (): ScenarioTotals => ({ documents: 0, trueRegions: 0, detected: 0, reported: 0, correct: 0, exact: 0, expectedKind: 0, kinds: new Map(), times: [] });

export function addScore(t: ScenarioTotals, s: DocScore, ms: number): void {
  t.documents++;
  t.trueRegions += s.trueRegions;
  t.detected += s.detected;
  t.reported += s.reported;
  t.correct += s.correct;
  if (s.exact) t.exact++;
  const expected = s.trueRegions > 0 ? s.kind === 'altered' : s.kind === 'exact' || s.kind === 'near';
  if (expected) t.expectedKind++;
  t.kinds.set(s.kind, (t.kinds.get(s.kind) ?? 0) + 1);
  t.times.push(ms);
}

/** Pooled over the documents: precision over reported alterations, recall over true regions. */
export function rates(t: ScenarioTotals): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = t.reported > 0 ? t.correct / t.reported : null;
  const recall = t.trueRegions > 0 ? t.detected / t.trueRegions : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { precision, recall, f1 };
}
