import { DomainError } from '../errors.ts';
import { findBursts } from './burst.ts';
import { corroborate } from './corroborate.ts';
import { findAfterDrop, findCreatedAfterModified } from './date-order.ts';
import { findRareValues } from './rare-values.ts';
import { findMixedScripts, findScriptMismatches } from './script-mismatch.ts';
import { DEFAULTS, type Anomaly, type DocumentFacts, type ForensicsOptions, type Settings } from './types.ts';

/**
 * Lists the documents of one leak whose metadata stands out from the rest: a
 * burst of files dated within minutes, a tool, author, language, timezone or
 * script few documents share, dates after the drop or a creation after the
 * last edit. A homogeneous dump yields nothing; statistical checks stay
 * silent below `minDocuments` comparable documents.
 *
 * @example
 * const anomalies = findAnomalies(docs, { droppedAt: '2017-05-05T18:35:00Z' });
 * anomalies[0]; // { type: 'modified-burst', severity: 'high', summary: '6 documents were last modified within 3 minutes (…)', … }
 */
export function findAnomalies(docs: readonly DocumentFacts[], options: ForensicsOptions = {}): Anomaly[] {
  const settings = settle(options);
  return corroborate([
    ...findBursts(docs, settings),
    ...findRareValues(docs, settings),
    ...findScriptMismatches(docs, settings),
    ...findMixedScripts(docs),
    ...findAfterDrop(docs, settings),
    ...findCreatedAfterModified(docs, settings),
  ]);
}

function settle({ droppedAt, ...rest }: ForensicsOptions): Settings {
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const settings = { ...DEFAULTS, ...defined, droppedAt: null } as Settings;
  for (const [key, value] of Object.entries(settings)) {
    if (key !== 'droppedAt' && !(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
      throw new DomainError('invalid_option', `${key} must be a non-negative number`);
    }
  }
  if (droppedAt) {
    const time = Date.parse(droppedAt);
    if (Number.isNaN(time)) throw new DomainError('invalid_option', `droppedAt is not a date: ${droppedAt}`);
    settings.droppedAt = time;
  }
  return settings;
}
