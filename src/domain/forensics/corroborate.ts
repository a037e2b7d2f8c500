import type { Anomaly, Severity } from './types.ts';

const LEVELS: readonly Severity[] = ['low', 'medium', 'high'];

/**
 * Raises an anomaly one level when at least two other kinds of anomaly point at
 * most of the same documents. Each signal alone has innocent explanations (a
 * colleague on another laptop, a late-night session); a set of files that is
 * at once rare in tool, foreign in script and dated in a burst has few.
 * Returns new anomalies, strongest first; the corroborating kinds go in `context.corroboratedBy`.
 *
 * @example
 * corroborate(anomalies).filter((a) => a.severity === 'high');
 */
export function corroborate(anomalies: readonly Anomaly[]): Anomaly[] {
  const ids = anomalies.map((a) => new Set(a.documents.map((d) => d.id)));
  const raised = anomalies.map((anomaly, i) => {
    const mine = ids[i]!;
    const kinds = new Set<string>();
    anomalies.forEach((other, j) => {
      if (other.type === anomaly.type || mine.size === 0) return;
      let shared = 0;
      for (const id of mine) if (ids[j]!.has(id)) shared++;
      if (shared >= mine.size / 2) kinds.add(other.type);
    });
    if (kinds.size < 2) return anomaly;
    const level = Math.min(LEVELS.length - 1, LEVELS.indexOf(anomaly.severity) + 1);
    return { ...anomaly, severity: LEVELS[level]!, context: { ...anomaly.context, corroboratedBy: [...kinds].sort() } };
  });
  return raised.sort(
    (a, b) =>
      LEVELS.indexOf(b.severity) - LEVELS.indexOf(a.severity) ||
      b.documents.length - a.documents.length ||
      a.type.localeCompare(b.type) ||
      (a.documents[0]?.id ?? 0) - (b.documents[0]?.id ?? 0),
  );
}
