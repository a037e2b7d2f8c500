import { compareTexts, prepareText, quickFingerprints, DEFAULT_THRESHOLDS, type Comparison, type MatchThresholds, type PreparedText } from '../domain/match/compare.ts';
import { HashFilter } from '../domain/match/hash-filter.ts';
import type { Db } from '../store/db.ts';
import { getDocumentText } from '../store/documents.ts';
import { candidateDocuments, fingerprintPostings } from '../store/sightings.ts';

export interface MatcherOptions extends MatchThresholds {
  /** A fingerprint held by more documents than this is boilerplate (signatures, disclaimers): it seeds no candidates. */
  maxDocumentFrequency: number;
  /** Candidate documents aligned per text, best first by shared fingerprints. */
  maxCandidates: number;
  /** Prepared document texts kept in memory. */
  cacheDocuments: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { ...DEFAULT_THRESHOLDS, maxDocumentFrequency: 50, maxCandidates: 8, cacheDocuments: 2000 };

export interface DocumentMatch extends Comparison {
  documentId: number;
  leakIds: number[];
}

/**
 * Matches texts against the fingerprint index. The index's hashes live in an
 * in-memory filter, so a text that shares no fingerprint with any leak (the
 * overwhelming case for crawled pages and imported posts) is answered without
 * a database query; only texts that do share one are aligned against the
 * candidate documents.
 */
export class Matcher {
  private filter = new HashFilter(1 << 16);
  private stopHashes = new HashFilter(1 << 10);
  private lastDocumentId = 0;
  private loaded = false;
  private readonly cache = new Map<number, PreparedText>();

  constructor(
    private readonly db: Db,
    private readonly options: MatcherOptions = DEFAULT_MATCHER_OPTIONS,
  ) {}

  /**
   * Loads the index into memory: all of it the first time (in hash order, in
   * pages), then only documents added since, whose fingerprints are taken
   * again from their text (the index has no by-document access path).
   */
  async refresh(): Promise<void> {
    if (!this.loaded) await this.loadAll();
    const added: number[] = [];
    for (;;) {
      const docs = await this.db.$client.execute({ sql: 'SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT 200', args: [this.lastDocumentId] });
      if (docs.rows.length === 0) break;
      for (const row of docs.rows) {
        const id = Number(row.id);
        const text = await getDocumentText(this.db, id);
        if (text !== null) {
          const { hashes } = quickFingerprints(text);
          for (let i = 0; i < hashes.length; i++) {
            if (this.filter.add(hashes[i]!)) added.push(hashes[i]!);
          }
        }
        this.lastDocumentId = id;
      }
    }
    // only hashes the new documents brought can have crossed the boilerplate line
    for (let i = 0; i < added.length; i += 500) {
      const chunk = added.slice(i, i + 500);
      const stop = await this.db.$client.execute({
        sql: `SELECT hash FROM fingerprints WHERE hash IN (${chunk.map(() => '?').join(',')}) GROUP BY hash HAVING count(DISTINCT document_id) > ?`,
        args: [...chunk, this.options.maxDocumentFrequency],
      });
      for (const r of stop.rows) this.stopHashes.add(Number(r.hash));
    }
  }

  private async loadAll(): Promise<void> {
    const max = await this.db.$client.execute('SELECT coalesce(max(id), 0) AS id FROM documents');
    const maxId = Number(max.rows[0]!.id);
    let after = -1;
    for (;;) {
      const page = await this.db.$client.execute({
        sql: 'SELECT hash, count(DISTINCT document_id) AS df FROM fingerprints WHERE hash > ? GROUP BY hash ORDER BY hash LIMIT 50000',
        args: [after],
      });
      for (const r of page.rows) {
        const hash = Number(r.hash);
        this.filter.add(hash);
        if (Number(r.df) > this.options.maxDocumentFrequency) this.stopHashes.add(hash);
        after = hash;
      }
      if (page.rows.length < 50000) break;
    }
    this.lastDocumentId = maxId;
    this.loaded = true;
  }

  get indexedHashes(): number {
    return this.filter.size;
  }

  /**
   * Whether a text shares a fingerprint with some leaked document, tested on
   * its hashes alone (no IO, no allocation): false means `match` would find
   * nothing, so the text need not be prepared at all.
   */
  mayMatch(text: string): boolean {
    const { hashes } = quickFingerprints(text);
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      if (this.filter.has(h) && !this.stopHashes.has(h)) return true;
    }
    return false;
  }

  /** The fingerprints of a prepared text that some leaked document also has (no IO). */
  hits(prepared: PreparedText): number[] {
    const out: number[] = [];
    const { hashes, count } = prepared.fingerprints;
    for (let i = 0; i < count; i++) {
      const h = hashes[i]!;
      if (this.filter.has(h) && !this.stopHashes.has(h)) out.push(h);
    }
    return out;
  }

  /** Every leaked document the text carries, aligned, best first. */
  async match(prepared: PreparedText): Promise<DocumentMatch[]> {
    return (await this.matchMany([prepared]))[0]!;
  }

  /**
   * `match` for many texts at once (the posts of an import batch): one read
   * of the index rows of all their hits and one of the candidate documents'
   * leaks and (uncached) texts, where matching them one by one takes two
   * statements per text. Each text gets what `match` alone would give it.
   */
  async matchMany(texts: readonly PreparedText[]): Promise<DocumentMatch[][]> {
    const hits = texts.map((t) => [...new Set(this.hits(t))]);
    const unique = [...new Set(hits.flat())];
    if (unique.length === 0) return texts.map(() => []);
    const postings = new Map<number, number[]>();
    for (const { hash, documentId } of await fingerprintPostings(this.db, unique)) {
      const list = postings.get(hash);
      if (list) list.push(documentId);
      else postings.set(hash, [documentId]);
    }
    const candidates = hits.map((h) => rankCandidates(h, postings, this.options.maxCandidates));
    const ids = [...new Set(candidates.flat())];
    // taken from the cache before reading: another batch may evict them while this one waits
    const prepared = new Map<number, PreparedText>();
    for (const id of ids) {
      const cached = this.document(id, null);
      if (cached) prepared.set(id, cached);
    }
    const documents = await candidateDocuments(this.db, ids.map((id) => ({ id, text: !prepared.has(id) })));
    for (const id of ids) {
      const document = prepared.has(id) ? null : this.document(id, documents.get(id)?.text ?? null);
      if (document) prepared.set(id, document);
    }
    return texts.map((text, i) => {
      const out: DocumentMatch[] = [];
      for (const documentId of candidates[i]!) {
        const document = prepared.get(documentId);
        if (!document) continue;
        const comparison = compareTexts(text, document, this.options);
        if (comparison) out.push({ ...comparison, documentId, leakIds: documents.get(documentId)?.leakIds ?? [] });
      }
      return out.sort((a, b) => b.matchedWords - a.matchedWords);
    });
  }

  /** A candidate document prepared for alignment: from the cache, or from its text just read. */
  private document(id: number, text: string | null): PreparedText | null {
    const cached = this.cache.get(id);
    if (cached) {
      // refresh its place: the map's order is the eviction order
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    if (text === null) return null;
    const prepared = prepareText(text);
    this.cache.set(id, prepared);
    if (this.cache.size > this.options.cacheDocuments) this.cache.delete(this.cache.keys().next().value!);
    return prepared;
  }
}

/**
 * The documents holding the most index rows of a text's hits, best first;
 * ties go to the document met first in hash order, then the lower id.
 */
function rankCandidates(hits: readonly number[], postings: ReadonlyMap<number, readonly number[]>, limit: number): number[] {
  const shared = new Map<number, { rows: number; first: number }>();
  for (const hash of hits) {
    for (const documentId of postings.get(hash) ?? []) {
      const seen = shared.get(documentId);
      if (!seen) shared.set(documentId, { rows: 1, first: hash });
      else {
        seen.rows++;
        if (hash < seen.first) seen.first = hash;
      }
    }
  }
  return [...shared]
    .sort(([a, x], [b, y]) => y.rows - x.rows || x.first - y.first || a - b)
    .slice(0, limit)
    .map(([id]) => id);
}
