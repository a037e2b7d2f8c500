import { normaliseText } from '../../src/domain/normalise.ts';
import { NAME, type BenchDocument, type Donor, type Name, type Unit } from './documents.ts';
import { pick, sample } from './random.ts';

/**
 * Words of untouched text kept before the first and after the last
 * alteration: Leakline reports differences inside the aligned stretch only (a
 * copy that starts or stops elsewhere is cut, not altered), and an edge needs
 * a few shared words to be aligned at all.
 */
export const EDGE_WORDS = 10;
/**
 * A unit shorter than MIN is a salutation or a signature line; one longer
 * than MAX is a block the splitter could not cut (a list of addressees, a
 * table, an HTML fragment), not a sentence.
 */
const SENTENCE_WORDS = { min: 3, max: 60 };

/** Replace document characters [at, end) by `text` (an insertion when at = end, a deletion when text is empty). */
export interface Edit {
  at: number;
  end: number;
  text: string;
}

export interface Pools {
  donors: readonly Donor[];
  names: readonly Name[];
}

export interface Scenario {
  name: string;
  /** Re-wrap, re-case and re-punctuate the copy on top of its alterations. */
  reformat: boolean;
  /** The edits for one document, or null when the document offers no place for them. */
  build(doc: BenchDocument, pools: Pools, random: () => number): Edit[] | null;
}

const interior = (doc: BenchDocument, u: Unit) => u.firstWord >= EDGE_WORDS && u.endWord <= doc.words.count - EDGE_WORDS;
const sentences = (doc: BenchDocument) =>
  doc.units.filter((u) => interior(doc, u) && u.endWord - u.firstWord >= SENTENCE_WORDS.min && u.endWord - u.firstWord <= SENTENCE_WORDS.max);

/** A sentence of another document that this one does not already contain (that would be a repeated passage, another test). */
function foreignSentence(doc: BenchDocument, pools: Pools, random: () => number, normalised: () => string): string | null {
  for (let tries = 0; tries < 50; tries++) {
    const d = pick(pools.donors, random);
    if (d.doc !== doc.index && !normalised().includes(normaliseText(d.text))) return d.text;
  }
  return null;
}

/** A capitalised word of another document that this one never uses. */
function foreignName(doc: BenchDocument, pools: Pools, random: () => number): string | null {
  for (let tries = 0; tries < 50; tries++) {
    const n = pick(pools.names, random);
    if (n.doc !== doc.index && !doc.vocabulary.has(n.text.toLowerCase())) return n.text;
  }
  return null;
}

/** Capitalised words inside interior units that do not start them: (character offset, word). */
function nameSites(doc: BenchDocument): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = [];
  for (const u of doc.units) {
    if (!interior(doc, u)) continue;
    for (const m of doc.text.slice(u.start, u.end).matchAll(NAME)) if (m.index > 0) out.push({ at: u.start + m.index, text: m[0] });
  }
  return out;
}

/** Per-document helpers: the normalised text is computed once, and only if a donor sentence is needed. */
function context(doc: BenchDocument, pools: Pools, random: () => number) {
  let normalised: string | undefined;
  const text = () => (normalised ??= normaliseText(doc.text));
  return {
    sentence: () => foreignSentence(doc, pools, random, text),
    name: () => foreignName(doc, pools, random),
  };
}

type Op = 'insert' | 'delete' | 'replace' | 'swap';

/** One operation on one interior unit: inserted before it, it deleted or replaced, or one name in it swapped. */
function operate(op: Op, doc: BenchDocument, u: Unit, pools: Pools, random: () => number): Edit | null {
  const c = context(doc, pools, random);
  if (op === 'insert') {
    const s = c.sentence();
    return s === null ? null : { at: u.start, end: u.start, text: `${s} ` };
  }
  if (op === 'delete') {
    const next = doc.units.find((v) => v.start > u.start);
    return { at: u.start, end: next ? next.start : u.end, text: '' };
  }
  if (op === 'replace') {
    const s = c.sentence();
    return s === null ? null : { at: u.start, end: u.end, text: s };
  }
  const sites = nameSites(doc).filter((n) => n.at > u.start && n.at < u.end);
  const name = c.name();
  if (sites.length === 0 || name === null) return null;
  const site = pick(sites, random);
  return { at: site.at, end: site.at + site.text.length, text: name };
}

const single = (name: string, op: Op, reformat = false): Scenario => ({
  name,
  reformat,
  build(doc, pools, random) {
    const candidates = op === 'swap' ? sentences(doc).filter((u) => nameSites(doc).some((n) => n.at > u.start && n.at < u.end)) : sentences(doc);
    if (candidates.length === 0) return null;
    const e = operate(op, doc, pick(candidates, random), pools, random);
    return e ? [e] : null;
  },
});

/** Every occurrence of one capitalised word that occurs at least twice, all inside the interior. */
const swapEvery: Scenario = {
  name: 'a name swapped, every occurrence (≥ 2)',
  reformat: false,
  build(doc, pools, random) {
    const first = doc.units.find((u) => interior(doc, u));
    const last = doc.units.findLast((u) => interior(doc, u));
    if (!first || !last) return null;
    const byName = new Map<string, number[]>();
    for (const m of doc.text.matchAll(NAME)) byName.set(m[0], [...(byName.get(m[0]) ?? []), m.index]);
    const sites = nameSites(doc);
    const names = [...byName].filter(([text, at]) => at.length >= 2 && sites.some((s) => s.text === text) && at.every((a) => a >= first.start && a < last.end));
    const name = context(doc, pools, random).name();
    if (names.length === 0 || name === null) return null;
    const [text, at] = pick(names, random);
    return at.map((a) => ({ at: a, end: a + text.length, text: name }));
  },
};

/**
 * A share of the sentences altered, each by an operation drawn at random
 * (inserted before, deleted, replaced, a name in it swapped; a swap falls
 * back to a replacement in a sentence without a name). At least one.
 */
const rate = (share: number, reformat = false): Scenario => ({
  name: `${Math.round(share * 100)}% of sentences altered (mixed)${reformat ? ' + formatting noise' : ''}`,
  reformat,
  build(doc, pools, random) {
    const count = Math.max(1, Math.round(share * doc.units.length));
    const edits: Edit[] = [];
    for (const u of sample(sentences(doc), count, random)) {
      const op = pick<Op>(['insert', 'delete', 'replace', 'swap'], random);
      const e = operate(op, doc, u, pools, random) ?? (op === 'swap' ? operate('replace', doc, u, pools, random) : null);
      if (e) edits.push(e);
    }
    return edits.length > 0 ? edits : null;
  },
});

const formattingOnly: Scenario = { name: 'formatting noise only (no alteration)', reformat: true, build: () => [] };

export const SCENARIOS: Scenario[] = [
  formattingOnly,
  single('1 sentence inserted', 'insert'),
  single('1 sentence inserted + formatting noise', 'insert', true),
  single('1 sentence deleted', 'delete'),
  single('1 sentence replaced', 'replace'),
  single('a name swapped, one occurrence', 'swap'),
  swapEvery,
  rate(0.01),
  rate(0.05),
  rate(0.1),
  rate(0.05, true),
];

/** The altered copy as pieces: untouched document text (edit −1) and each edit's new text, in order. */
export function applyEdits(text: string, edits: readonly Edit[]): Array<{ text: string; edit: number }> {
  const order = edits.map((_, i) => i).sort((a, b) => edits[a]!.at - edits[b]!.at || edits[a]!.end - edits[b]!.end);
  const pieces: Array<{ text: string; edit: number }> = [];
  let cursor = 0;
  for (const i of order) {
    const e = edits[i]!;
    pieces.push({ text: text.slice(cursor, e.at), edit: -1 }, { text: e.text, edit: i });
    cursor = e.end;
  }
  pieces.push({ text: text.slice(cursor), edit: -1 });
  return pieces;
}
