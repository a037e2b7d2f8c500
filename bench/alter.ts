/**
 * `npm run bench:alter`: how well `compareTexts` lists the alterations of an
 * altered copy of a leaked document. Altered copies of real documents (Enron
 * e-mails, Zyte articles) are built with known ground truth (sentences
 * inserted, deleted, replaced, names swapped, mixed rates, formatting noise)
 * and Leakline's reported alterations are scored against it.
 *
 * Options (environment): LEAKLINE_CORPUS (the corpus folder, default
 * ../shared/corpus), BENCH_ALTER_SHOW (print that many failing examples per
 * scenario; with BENCH_ALTER_INEXACT=1 also copies whose alterations were
 * found at other offsets than the true ones), BENCH_ALTER_ONLY (run only the scenarios whose name contains it;
 * nothing is written then).
 *
 * Prints Markdown and writes it as the "Alteration detection" section of BENCHMARKS.md.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareTexts, prepareText, type Comparison, type PreparedText } from '../src/domain/match/compare.ts';
import { describeExample, type Example } from './alter/examples.ts';
import { donorSentences, loadDocuments, MIN_WORDS, namePool, type BenchDocument } from './alter/documents.ts';
import { reformatPieces } from './alter/noise.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';
import { alterationTables, targetLines } from './alter/report.ts';
import { applyEdits, EDGE_WORDS, SCENARIOS, type Pools, type Scenario } from './alter/scenarios.ts';
import { addScore, emptyTotals, scoreComparison, type ScenarioTotals } from './alter/score.ts';
import { trueRegions } from './alter/truth.ts';
import { corpusDir } from './corpus-text.ts';
import { describeMachine, writeSection } from './report.ts';

const SEED = 20_240_601;
const SHOW = Number(process.env.BENCH_ALTER_SHOW ?? 0);
const INEXACT = process.env.BENCH_ALTER_INEXACT === '1';
const ONLY = process.env.BENCH_ALTER_ONLY;

/** One altered copy: built, compared (timed, the copy's preparation included), scored. */
function runOne(scenario: Scenario, seed: number, doc: BenchDocument, prepared: PreparedText, pools: Pools) {
  const random = seededRandom(seed);
  const edits = scenario.build(doc, pools, random);
  if (edits === null) return null;
  const pieces = applyEdits(doc.text, edits);
  const texts = scenario.reformat ? reformatPieces(pieces.map((p) => p.text), random) : pieces.map((p) => p.text);
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  texts.forEach((t, i) => {
    const edit = pieces[i]!.edit;
    if (edit >= 0) ranges[edit] = [offset, offset + t.length];
    offset += t.length;
  });
  const copy = texts.join('');
  const started = performance.now();
  const checked = prepareText(copy);
  const comparison: Comparison | null = compareTexts(checked, prepared);
  const ms = performance.now() - started;
  const truth = trueRegions(edits, ranges, checked.words, doc.words);
  return { copy, truth, comparison, score: scoreComparison(truth, comparison), ms };
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!existsSync(join(corpus, 'enron-mail')) || !existsSync(join(corpus, 'zyte-article-extraction'))) {
    console.error(`bench:alter: the corpus is not at ${corpus} (needs enron-mail/ and zyte-article-extraction/): set LEAKLINE_CORPUS to its folder.`);
    process.exitCode = 1;
    return;
  }
  const corpusNote = process.env.LEAKLINE_CORPUS ? `${corpus} (from LEAKLINE_CORPUS)` : `${corpus} (../shared/corpus beside the project)`;
  console.error(`bench:alter: corpus ${corpusNote}`);
  const machine = describeMachine();
  const docs = await loadDocuments(corpus);
  const pools: Pools = { donors: donorSentences(docs), names: namePool(docs) };
  const prepared = docs.map((d) => prepareText(d.text));
  const scenarios = SCENARIOS.filter((s) => !ONLY || s.name.includes(ONLY));

  // one untimed comparison per document first, so that the first scenario's times do not include compiling the code
  for (const d of docs) compareTexts(prepareText(`${d.text} warm-up`), prepared[d.index]!);

  const totals = new Map<string, ScenarioTotals>();
  const total = (key: string) => totals.get(key) ?? totals.set(key, emptyTotals()).get(key)!;
  for (const [si, scenario] of scenarios.entries()) {
    const shown: Example[] = [];
    for (const doc of docs) {
      const r = runOne(scenario, SEED + 1_000_003 * SCENARIOS.indexOf(scenario) + doc.index, doc, prepared[doc.index]!, pools);
      if (!r) continue;
      addScore(total(scenario.name), r.score, r.ms);
      addScore(total(`${scenario.name}\t${doc.collection}`), r.score, r.ms);
      const failed = r.score.detected < r.score.trueRegions || r.score.correct < r.score.reported || (INEXACT && !r.score.exact);
      if (failed && shown.length < SHOW) shown.push({ doc, copy: r.copy, truth: r.truth, comparison: r.comparison });
    }
    console.error(`bench:alter: ${si + 1}/${scenarios.length} ${scenario.name}: ${total(scenario.name).documents} documents`);
    for (const e of shown) console.error(describeExample(scenario.name, e));
  }

  const enron = docs.filter((d) => d.collection === 'enron').length;
  const section = [
    `Command: \`npm run bench:alter\` (\`tsx bench/alter.ts\`; \`BENCH_ALTER_SHOW=n\` prints n failing examples per scenario).`,
    '',
    `Machine: ${machine}.`,
    '',
    `Documents: ${docs.length} real texts from ${corpusNote}: ${enron} distinct Enron e-mail bodies (headers cut off) and ${docs.length - enron} Latin-script Zyte articleBody values, each of at least ${MIN_WORDS} words. Each is compared, as the leaked original, with one altered copy per scenario, built with a seeded PRNG (seed ${SEED}); a scenario skips documents that offer no place for it (no name used twice, say).`,
    '',
    alterationTables(scenarios, totals),
    '',
    'How the copies are made and scored:',
    `- Sentences are split at sentence punctuation before a capital, digit or quote, and at blank lines. Planted sentences come from other documents (8–40 words of prose that the target does not already contain) and go in at a sentence boundary; a deleted, replaced or preceded sentence has 3 to 60 words (a longer unit is a block the splitter could not cut: a list of addressees, a table); a swapped name is a capitalised word that does not start its sentence, replaced by a capitalised word of another document that the target never uses. Alterations stay at least ${EDGE_WORDS} words inside both ends: Leakline reports differences inside the aligned stretch, and a copy that starts or stops elsewhere is cut, not altered. Rates alter max(1, round(rate × sentences)) distinct sentences, each by an operation drawn at random (inserted before it, deleted, replaced, a name in it swapped).`,
    '- Formatting noise: lines re-wrapped at 50–79 columns (a quarter of the copies quoted with "> ", a fifth with CRLF), 30% of paragraph breaks run together, 8% of words re-cased (ASCII), typographic quotes and dashes, 30% of commas dropped. None of it changes a word.',
    '- Truth, per edit, in words: the copy words that came from its new text and the document words it replaced; words equal at both ends of a replacement are trimmed off (they are not altered). Offsets are compared as Leakline reports them: first word start to last word end, and on an empty side the point right after the previous word.',
    '- A reported alteration is correct when it shares a word with a true one, on the copy side (new words) or the document side (missing words). Precision = correct reported / all reported; recall = true alterations sharing a word with some reported one / all true ones, pooled over the documents. Types are compatible through the sides: an empty side shares nothing, so a true insertion counts as found by a reported insertion or change over its words (an insertion that swallowed a neighbouring word is reported as a change), a true removal by a reported removal or change, a true change by any of the three. An insertion or removal whose first words repeat the words after it (or whose last words repeat those before it) leaves the same text wherever along them it sits: every such place counts.',
    '- "exact" is the share of copies whose reported alterations are exactly the true ones: same count, types and all four offsets. Two true alterations reported as one change (a word or two apart, say "Sprint said. Sprint" for "Dempsey said. Dempsey") miss "exact" but count as found for precision and recall. "kind" is the share compared as `altered` (for the noise-only copies: `exact` or `near`, with no alteration). Time per comparison (median and slowest): `prepareText` of the copy plus `compareTexts` against the prepared original, on one core; the originals are prepared once beforehand, as an index holds them.',
    '',
    ...targetLines(totals),
  ].join('\n');
  console.log(section);
  if (ONLY) {
    console.error('bench:alter: BENCH_ALTER_ONLY is set: BENCHMARKS.md left alone');
    return;
  }
  // writeSection reads the file when it writes: sections other benchmarks wrote meanwhile stay
  writeSection('## Alteration detection', section);
  console.error('bench:alter: wrote the "Alteration detection" section of BENCHMARKS.md');
}

await main();
