import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenizeText, type Words } from '../../src/domain/normalise.ts';
import { enronBodies } from '../corpus-text.ts';

/** Fewer words than this and a text is a note, not a document someone would alter and pass on. */
export const MIN_WORDS = 150;

/** A sentence (or a paragraph without sentence punctuation) of a document: [start, end) in characters, trailing space left out. */
export interface Unit {
  start: number;
  end: number;
  /** Words of the document inside it: [firstWord, endWord). */
  firstWord: number;
  endWord: number;
}

export interface BenchDocument {
  index: number;
  collection: 'enron' | 'zyte';
  text: string;
  words: Words;
  units: Unit[];
  /** Case-folded words, to keep a swapped-in name from being one the document already uses. */
  vocabulary: Set<string>;
}

/**
 * Where a sentence ends: sentence punctuation (and closing quotes) before
 * white space and a capital, digit or opening quote, or a blank line. "Jan.
 * 17th" stays whole; "Mr. Smith" splits, which only moves a boundary.
 */
const BOUNDARY = /[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n[ \t>]*\n\s*/g;

function splitUnits(text: string, words: Words): Unit[] {
  const starts = [0];
  for (const m of text.matchAll(BOUNDARY)) starts.push(m.index + m[0].length);
  starts.push(text.length);
  const units: Unit[] = [];
  let w = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    const start = starts[i]!;
    const end = start + text.slice(start, starts[i + 1]).trimEnd().length;
    if (end <= start) continue;
    const firstWord = w;
    while (w < words.count && words.start[w]! < end) w++;
    if (w > firstWord) units.push({ start, end, firstWord, endWord: w });
  }
  return units;
}

function zyteBodies(corpus: string): string[] {
  const truth = JSON.parse(readFileSync(join(corpus, 'zyte-article-extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
  return Object.keys(truth)
    .sort()
    .map((id) => truth[id]!.articleBody ?? '');
}

/** Latin script: sentences split on ". " and names are capitalised, which the scenarios rely on. */
const isLatin = (text: string) => {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.filter((c) => c.codePointAt(0)! <= 0x24f).length > letters.length / 2;
};

/**
 * The benchmark's documents: distinct Enron e-mail bodies (the sample files
 * some messages in several folders) and the Latin-script Zyte article bodies,
 * each with at least MIN_WORDS words.
 */
export async function loadDocuments(corpus: string): Promise<BenchDocument[]> {
  const enron = [...new Set(await enronBodies(corpus))];
  const zyte = zyteBodies(corpus).filter(isLatin);
  const docs: BenchDocument[] = [];
  const add = (text: string, collection: BenchDocument['collection']) => {
    const words = tokenizeText(text);
    if (words.count < MIN_WORDS) return;
    const vocabulary = new Set(text.split(/[^\p{L}\p{N}]+/u).map((w) => w.toLowerCase()));
    docs.push({ index: docs.length, collection, text, words, units: splitUnits(text, words), vocabulary });
  };
  for (const t of enron) add(t, 'enron');
  for (const t of zyte) add(t, 'zyte');
  return docs;
}

export interface Donor {
  doc: number;
  text: string;
}

/**
 * Sentences fit to be planted in another document: 8 to 40 words of prose
 * (a capital first, sentence punctuation last, no addresses, quoting marks
 * or links), white space folded.
 */
export function donorSentences(docs: readonly BenchDocument[]): Donor[] {
  const out: Donor[] = [];
  for (const d of docs) {
    for (const u of d.units) {
      const n = u.endWord - u.firstWord;
      if (n < 8 || n > 40) continue;
      const text = d.text.slice(u.start, u.end).replace(/\s+/g, ' ');
      if (!/^[A-Z][^@>|=<]*[.!?]$/.test(text) || /https?:|www\./.test(text)) continue;
      out.push({ doc: d.index, text });
    }
  }
  return out;
}

/** A capitalised word inside a sentence (not its first word): most often a name. */
export const NAME = /(?<![\p{L}\p{N}])[A-Z][a-z]{2,}(?![\p{L}\p{N}])/gu;

export interface Name {
  doc: number;
  text: string;
}

/** Capitalised words that do not start their sentence, from every document, each once per document. */
export function namePool(docs: readonly BenchDocument[]): Name[] {
  const out: Name[] = [];
  for (const d of docs) {
    const seen = new Set<string>();
    for (const u of d.units) {
      for (const m of d.text.slice(u.start, u.end).matchAll(NAME)) {
        if (m.index === 0 || seen.has(m[0])) continue;
        seen.add(m[0]);
        out.push({ doc: d.index, text: m[0] });
      }
    }
  }
  return out;
}
