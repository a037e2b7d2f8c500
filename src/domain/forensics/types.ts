/** What forensics needs of one ingested document: its identity and the metadata ingest stored. */
export interface DocumentFacts {
  id: number;
  path: string;
  format: string;
  metadata: Record<string, unknown>;
}

export type Severity = 'low' | 'medium' | 'high';

export type AnomalyType =
  | 'modified-burst'
  | 'rare-tool'
  | 'rare-author'
  | 'rare-company'
  | 'rare-language'
  | 'rare-timezone'
  | 'after-drop'
  | 'created-after-modified'
  | 'script-mismatch'
  | 'mixed-script'
  // later detectors add their own names without a change here
  | (string & {});

/** A group of documents whose metadata stands out from the rest of their dump. */
export interface Anomaly {
  type: AnomalyType;
  severity: Severity;
  /** One sentence a researcher can read without the context. */
  summary: string;
  /** The documents concerned, each with the value that made it stand out. */
  documents: { id: number; path: string; value: string }[];
  /** The evidence: the usual values with their counts, the window, the thresholds applied. */
  context: Record<string, unknown>;
}

export interface ForensicsOptions {
  /** When the leak first appeared (ISO-8601); enables the after-drop check and ranks bursts close to it. */
  droppedAt?: string | null;
  /** Statistical checks judge a field only when at least this many documents can be compared. Default 10. */
  minDocuments?: number;
  /** Width of the window a burst must fit in. Default 10 minutes. */
  burstWindowMinutes?: number;
  /** A burst holds at least this many distinct documents... Default 5. */
  burstMinDocuments?: number;
  /** ...and at least this share of the dated ones, so a big mailbox's busy afternoons do not count. Default 0.02. */
  burstShare?: number;
  /** ...and is this unlikely at the dump's average pace (Poisson, corrected for the number of windows). Default 0.001. */
  burstAlpha?: number;
  /** A burst ending this close before the drop is rated high. Default 72 hours. */
  nearDropHours?: number;
  /** One or two values must cover this share of the compared documents for another value to be rare. Default 0.7. */
  dominantShare?: number;
  /** A rare value is held by at most this share of the compared documents... Default 0.05. */
  rareShare?: number;
  /** ...and by at most this many documents. Default 20. */
  rareMaxDocuments?: number;
  /** Names in a script other than the majority's are flagged while they stay under this share. Default 0.1. */
  minorityScriptShare?: number;
  /**
   * Date differences up to this size may be a local time mislabelled as UTC (offsets reach
   * +14:00), so they rate lower than differences no timezone slip explains. Default 14 hours.
   */
  clockSlackHours?: number;
}

export type Settings = Required<Omit<ForensicsOptions, 'droppedAt'>> & { droppedAt: number | null };

export const DEFAULTS: Required<Omit<ForensicsOptions, 'droppedAt'>> = {
  minDocuments: 10,
  burstWindowMinutes: 10,
  burstMinDocuments: 5,
  burstShare: 0.02,
  burstAlpha: 0.001,
  nearDropHours: 72,
  dominantShare: 0.7,
  rareShare: 0.05,
  rareMaxDocuments: 20,
  minorityScriptShare: 0.1,
  clockSlackHours: 14,
};
