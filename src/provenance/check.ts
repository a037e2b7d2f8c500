import { compareTexts, prepareText } from '../domain/match/compare.ts';
import { buildChain, type ChainEdge } from '../domain/provenance/chain.ts';
import type { Matcher } from '../match/matcher.ts';
import type { Db } from '../store/db.ts';
import { getDocumentText, lookupFingerprints } from '../store/documents.ts';
import { chainNodes } from '../store/provenance.ts';

export interface CheckMatch {
  leak: string;
  documentId: number;
  kind: string;
  similarity: number;
  /** Share of the checked text found in the document. */
  coverage: number;
  /** Share of the document found in the checked text. */
  documentCoverage: number;
  spans: { checkedStart: number; checkedEnd: number; documentStart: number; documentEnd: number }[];
}

export interface CheckResult {
  matches: CheckMatch[];
  earliest: { url: string; stage: string; seenAt: string } | null;
  chain: ChainEdge[];
  alterations: { type: string; text: string; originalText?: string; checkedStart: number; checkedEnd: number; documentStart: number; documentEnd: number }[];
  /** When nothing matches: the closest documents that share any fingerprint, with their similarity. */
  nearest: { leak: string; documentId: number; similarity: number; matchedWords: number }[];
  words: number;
}

async function slugsOf(db: Db, leakIds: readonly number[]): Promise<Map<number, string>> {
  if (leakIds.length === 0) return new Map();
  const { rows } = await db.$client.execute({ sql: `SELECT id, slug FROM leaks WHERE id IN (${leakIds.map(() => '?').join(',')})`, args: [...leakIds] });
  return new Map(rows.map((r) => [Number(r.id), String(r.slug)]));
}

/**
 * The provenance of a text: every leaked document it carries (kind,
 * similarity, coverage, aligned passages), the earliest known appearance of
 * that content, the chain of sightings that carried it, and the passages
 * inserted, removed or changed against the original. With no match, the
 * nearest documents and how similar they are.
 */
export async function checkText(deps: { db: Db; matcher: Matcher }, text: string): Promise<CheckResult> {
  const prepared = prepareText(text);
  await deps.matcher.refresh();
  const found = await deps.matcher.match(prepared);
  const slugs = await slugsOf(deps.db, [...new Set(found.flatMap((m) => m.leakIds))]);
  const matches: CheckMatch[] = found.flatMap((m) =>
    m.leakIds.map((leakId) => ({ leak: slugs.get(leakId)!, documentId: m.documentId, kind: m.kind, similarity: m.similarity, coverage: m.coverage.checked, documentCoverage: m.coverage.document, spans: m.spans })),
  );
  const best = found[0];
  if (!best) return { matches, earliest: null, chain: [], alterations: [], nearest: await nearest(deps.db, prepared), words: prepared.words.count };

  const leak = await deps.db.$client.execute({ sql: 'SELECT dropped_at FROM leaks WHERE id = ?', args: [best.leakIds[0] ?? 0] });
  const droppedAt = (leak.rows[0]?.dropped_at as string | null) ?? null;
  const nodes = await chainNodes(deps.db, found.map((m) => m.documentId), droppedAt);
  const chain = buildChain(nodes, (await getDocumentText(deps.db, best.documentId)) ?? '');
  const firstDrop = chain.find((e) => e.stage === 'drop') ?? chain[0];
  return {
    matches,
    earliest: firstDrop ? { url: firstDrop.url, stage: firstDrop.stage, seenAt: firstDrop.seenAt } : null,
    chain,
    alterations: best.alterations,
    nearest: [],
    words: prepared.words.count,
  };
}

/** k-grams looked up for "nearest" at most: enough for a long document, bounded for a huge one. */
const NEAREST_KGRAMS = 20_000;

/**
 * Documents sharing any fingerprint, compared with every threshold lifted.
 * Every k-gram of the checked text is looked up (not only its winnowed
 * sample), so a short shared phrase still finds its document.
 */
async function nearest(db: Db, prepared: ReturnType<typeof prepareText>): Promise<CheckResult['nearest']> {
  const hashes = [...new Set(prepared.kgrams)].slice(0, NEAREST_KGRAMS);
  const rows = await lookupFingerprints(db, hashes);
  const shared = new Map<number, number>();
  for (const r of rows) shared.set(r.documentId, (shared.get(r.documentId) ?? 0) + 1);
  const out: CheckResult['nearest'] = [];
  for (const [documentId] of [...shared].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    const text = await getDocumentText(db, documentId);
    if (text === null) continue;
    const c = compareTexts(prepared, prepareText(text), { minMatchedWords: 1, wholeDocumentCoverage: 0.6 });
    const { rows: leakRows } = await db.$client.execute({ sql: 'SELECT DISTINCT l.slug FROM leak_files f JOIN leaks l ON l.id = f.leak_id WHERE f.document_id = ?', args: [documentId] });
    for (const l of leakRows) out.push({ leak: String(l.slug), documentId, similarity: c?.similarity ?? 0, matchedWords: c?.matchedWords ?? 0 });
  }
  return out.sort((a, b) => b.similarity - a.similarity);
}
