export { findAnomalies } from './find-anomalies.ts';
export { findBursts, poissonTail } from './burst.ts';
export { findRareValues, RARE_FIELDS } from './rare-values.ts';
export { findScriptMismatches, findMixedScripts } from './script-mismatch.ts';
export { findAfterDrop, findCreatedAfterModified } from './date-order.ts';
export { corroborate } from './corroborate.ts';
export { scriptOf, mixedScriptWord } from './script.ts';
export { utcOffsetOf, languageOf } from './facts.ts';
export { DEFAULTS, type Anomaly, type AnomalyType, type DocumentFacts, type ForensicsOptions, type Severity } from './types.ts';
