// Fingerprint throughput of Leakline against native and npm fuzzy hashers on
// the same real text, in one run. `npm run bench:fingerprint`
// (BENCH_ROUNDS=n to change the five counted rounds; LEAKLINE_CORPUS for the corpus).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import minhash from 'minhash';
import simhashJs from 'simhash-js';
import ssdeepJs from 'ssdeep.js';
import tlshJs from 'tlsh';
import { fingerprintText, type FingerprintParts } from '../src/domain/fingerprint.ts';
import { scanWords, tokenizeText } from '../src/domain/normalise.ts';
import { simhash64 } from '../src/domain/simhash.ts';
import { WordSink } from '../src/domain/word-sink.ts';
import { createNodeWasmWords } from '../src/fingerprint-wasm/node.ts';
import { englishDocuments, englishText, nonLatinText, sliceText, type BenchText } from './corpus-text.ts';
import { describeMachine, markdownTable, writeSection } from './report.ts';
import { formatMBs, runRounds, throughput, type Result, type Subject } from './timing.ts';
import { tokenizeFloor } from './tokenize-floor.ts';

const MiB = 2 ** 20;
const WINDOW = 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUPS = 1;
const SSDEEP = '/usr/bin/ssdeep';
const TLSH = '/usr/bin/tlsh';
const log = (line: string) => process.stderr.write(`${line}\n`);

for (const binary of [SSDEEP, TLSH]) {
  if (!existsSync(binary)) {
    log(`${binary} is missing: the native peers come from Debian (sudo apt-get install ssdeep tlsh-tools), then run again.`);
    process.exit(2);
  }
}

const machine = describeMachine();
// the word loops in WebAssembly, as a Node process builds them; the JavaScript path runs as a reference subject
const wasm = await createNodeWasmWords();
const wasmParts: FingerprintParts = wasm.fingerprintParts();
log(machine);
const english = await englishText(16 * MiB);
const englishSmall = sliceText(english, MiB);
const nonLatin = nonLatinText(16 * MiB);
const { documents } = await englishDocuments();

const dir = mkdtempSync(join(tmpdir(), 'leakline-bench-'));
const files = { english: join(dir, 'english-16MiB.txt'), englishSmall: join(dir, 'english-1MiB.txt'), nonLatin: join(dir, 'non-latin-16MiB.txt') };
writeFileSync(files.english, english.bytes);
writeFileSync(files.englishSmall, englishSmall.bytes);
writeFileSync(files.nonLatin, nonLatin.bytes);

/**
 * Seconds a native hasher takes as a whole process, start-up included.
 * A small bash reads the clock around it: forking this Node process, with
 * hundreds of MB of heap, would itself cost tens of milliseconds and charge
 * them to the hasher.
 */
function timeProcess(command: string, args: string[]): number {
  const script = 's=$EPOCHREALTIME; "$@" || exit $?; e=$EPOCHREALTIME; echo "$s $e" >&2';
  const out = spawnSync('/bin/bash', ['-c', script, 'bash', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const clock = out.stderr.trim().split('\n').pop()!.replaceAll(',', '.').split(' ').map(Number);
  if (out.status !== 0 || !out.stdout.trim() || clock.length !== 2) throw new Error(`${command} ${args.join(' ')} failed: ${out.stderr || out.error}`);
  return clock[1]! - clock[0]!;
}

/** "16 MiB" for a text cut to 16 MiB (a few bytes short when the cut fell inside a character). */
const size = (t: BenchText) => (t.bytes.length > Math.round(t.bytes.length / MiB) * MiB - 4 ? `${Math.round(t.bytes.length / MiB)} MiB` : `${(t.bytes.length / 1e6).toFixed(2)} MB`);

/** Calls per run for inputs that take a few milliseconds, so that one collector pause does not decide a run. */
const callsPerRun = (t: BenchText) => (t.bytes.length <= MiB ? 8 : 1);

/** Node's synchronous sha256, as ingest passes it to fingerprintText. */
const sha256Sync = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function leaklineSubjects(t: BenchText, label: string, withParts: boolean): Subject[] {
  const input = `${size(t)} ${label}`;
  const calls = callsPerRun(t);
  const perRun = calls > 1 ? `; ${calls} calls a run` : '';
  const subjects: Subject[] = [
    {
      name: 'Leakline `fingerprintText` (whole)',
      input,
      bytes: t.bytes.length * calls,
      run: async () => {
        for (let i = 0; i < calls; i++) await fingerprintText(t.text, sha256Sync, wasmParts);
      },
      note: `WebAssembly word loops (src/fingerprint-wasm)${perRun}`,
    },
    {
      name: 'Leakline `fingerprintText`, JavaScript path',
      input,
      bytes: t.bytes.length * calls,
      run: async () => {
        for (let i = 0; i < calls; i++) await fingerprintText(t.text, sha256Sync);
      },
      note: `the same result without WebAssembly (as on Workers)${perRun}`,
    },
  ];
  if (!withParts) return subjects;
  // the parts run on inputs computed once here, as fingerprintText chains them (words stream through a window)
  const words = tokenizeText(t.text);
  const passages = wasm.winnower;
  const winnowAll = () => {
    passages.reset();
    for (let i = 0; i < words.count; i += WINDOW) {
      const n = Math.min(WINDOW, words.count - i);
      passages.add(words.hashA.subarray(i, i + n), words.hashB.subarray(i, i + n), words.start.subarray(i, i + n), n);
    }
    return passages.finish();
  };
  const fingerprints = winnowAll();
  // the window in WebAssembly memory, as fingerprintText's, handed to no winnower
  const sink = new WordSink(wasm.window, 1 << 16, () => {}, wasm.arrays);
  subjects.push(
    { name: '… part: `scanWords` (normalise, split, hash words)', input, bytes: t.bytes.length, run: () => scanWords(t.text, sink, wasm.ascii) },
    { name: '… part: winnowing (k-gram hashes, window minima)', input, bytes: t.bytes.length, run: winnowAll, note: `WasmWinnower; its input copied in ${WINDOW} words at a time` },
    { name: '… part: `simhash64`', input, bytes: t.bytes.length, run: () => simhash64(fingerprints.hashes) },
    {
      name: '… part: sha256 of the normalised text (Node `crypto`)',
      input,
      bytes: t.bytes.length,
      run: () => sha256Sync(words.normalised),
      note: `hashes the ${(words.normalised.length / 1e6).toFixed(1)} MB normalised form; MB/s counted on the original text`,
    },
  );
  return subjects;
}

/** On English only: it reads every code unit past ASCII as a separator, so it would skip most non-Latin text. */
const floorSubject = (t: BenchText, label: string): Subject => ({
  name: 'reference: the least a JS tokeniser must do (`bench/tokenize-floor.ts`)',
  input: `${size(t)} ${label}`,
  bytes: t.bytes.length,
  run: () => tokenizeFloor(t.text),
  note: 'encode to UTF-8 and classify every 4-byte chunk once, writing nothing; not part of Leakline',
});

const nodeSha256 = (t: BenchText, label: string): Subject => ({
  name: 'Node `crypto` sha256 (the floor: one pass over the bytes)',
  input: `${size(t)} ${label}`,
  bytes: t.bytes.length * callsPerRun(t),
  run: () => {
    for (let i = 0; i < callsPerRun(t); i++) createHash('sha256').update(t.bytes).digest('hex');
  },
  ...(callsPerRun(t) > 1 ? { note: `${callsPerRun(t)} calls a run` } : {}),
});

const nativeSubjects = (t: BenchText, file: string, label: string): Subject[] => [
  { name: 'native `ssdeep` 2.14 (Debian, C)', input: `${size(t)} ${label} file`, bytes: t.bytes.length, time: () => timeProcess(SSDEEP, [file]), note: 'whole process, start-up included' },
  { name: 'native `tlsh` (Debian tlsh-tools, C++)', input: `${size(t)} ${label} file`, bytes: t.bytes.length, time: () => timeProcess(TLSH, ['-f', file]), note: 'whole process, start-up included' },
];

const PEER_SSDEEP = 'npm `ssdeep.js` 0.0.3';
const PEER_TLSH = 'npm `tlsh` 1.0.8';
function npmPeerSubjects(t: BenchText, label: string, all: boolean): Subject[] {
  const input = `${size(t)} ${label}`;
  const subjects: Subject[] = [
    { name: PEER_SSDEEP, input, bytes: t.bytes.length, run: () => ssdeepJs.digest(t.bytes), note: 'given the UTF-8 bytes (its fastest input)' },
    { name: PEER_TLSH, input, bytes: t.bytes.length, run: () => tlshJs(t.text) },
  ];
  if (!all) return subjects;
  subjects.push(
    {
      name: 'npm `minhash` 0.0.9',
      input,
      bytes: t.bytes.length,
      // the README's use: one update per word (128 permutations each); splitting into words is counted
      run: () => {
        const m = new minhash.Minhash();
        for (const word of t.text.split(/\s+/)) if (word) m.update(word);
        return m.hashvalues;
      },
      note: 'one `update` per whitespace-separated word, splitting counted',
    },
    { name: 'npm `simhash-js` 1.0.0', input, bytes: t.bytes.length, run: () => new simhashJs.SimHash().hash(t.text), note: 'default 4-character shingles' },
  );
  return subjects;
}

/** Start-up cost of a native process, to show it does not weigh on the 16 MiB runs. */
function processStartMs(): number {
  const times = Array.from({ length: 9 }, () => timeProcess('/bin/echo', ['started']) * 1000);
  return times.sort((a, b) => a - b)[4]!;
}

// check that every peer runs and hashes the bench text before timing anything
for (const s of [...nativeSubjects(englishSmall, files.englishSmall, ''), ...npmPeerSubjects(englishSmall, '', true)]) {
  const seconds = s.time?.();
  const out = s.run?.();
  log(`check ${s.name}: ${seconds !== undefined ? `${(seconds * 1000).toFixed(1)} ms` : String(Array.isArray(out) ? out.slice(0, 2) : out).slice(0, 60)}`);
}

const rounds = { rounds: ROUNDS, warmups: WARMUPS, log: (l: string) => log(`  ${l}`) };
log('English 16 MiB');
const big = await runRounds([...leaklineSubjects(english, 'English', true), floorSubject(english, 'English'), nodeSha256(english, 'English'), ...nativeSubjects(english, files.english, 'English'), ...npmPeerSubjects(english, 'English', false)], rounds);
log('English 1 MiB');
const small = await runRounds([...leaklineSubjects(englishSmall, 'English', false), nodeSha256(englishSmall, 'English'), ...nativeSubjects(englishSmall, files.englishSmall, 'English'), ...npmPeerSubjects(englishSmall, 'English', true)], rounds);
log('English documents one by one');
const perDocumentBytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
const perDocument = await runRounds(
  [
    {
      name: 'Leakline `fingerprintText`, one call per document',
      input: `the ${documents.length} distinct English documents (${(perDocumentBytes / 1e6).toFixed(2)} MB)`,
      bytes: perDocumentBytes,
      run: async () => {
        for (const d of documents) await fingerprintText(d, sha256Sync, wasmParts);
      },
      note: `how ingest calls it: ${Math.round(perDocumentBytes / documents.length)} bytes a document on average; WebAssembly word loops`,
    },
    {
      name: 'Leakline `fingerprintText`, one call per document, JavaScript path',
      input: `the ${documents.length} distinct English documents (${(perDocumentBytes / 1e6).toFixed(2)} MB)`,
      bytes: perDocumentBytes,
      run: async () => {
        for (const d of documents) await fingerprintText(d, sha256Sync);
      },
    },
  ],
  rounds,
);
log('non-Latin 16 MiB');
const other = await runRounds([...leaklineSubjects(nonLatin, 'non-Latin', true), nodeSha256(nonLatin, 'non-Latin'), ...nativeSubjects(nonLatin, files.nonLatin, 'non-Latin').slice(0, 1)], rounds);
const startMs = processStartMs();
rmSync(dir, { recursive: true, force: true });

// ---- report ----
const find = (results: Result[], prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
const ratio = (a: Result, b: Result) => {
  const ta = throughput(a);
  const tb = throughput(b);
  return { best: ta.best / tb.best, median: ta.median / tb.median };
};
const fmtRatio = (r: { best: number; median: number }) => `${r.median.toFixed(2)}× (best runs: ${r.best.toFixed(2)}×)`;
const fastestNpm = (results: Result[]) => results.filter((r) => r.name.startsWith('npm')).sort((a, b) => throughput(b).median - throughput(a).median)[0]!;

const table = (results: Result[]) =>
  markdownTable(
    ['subject', 'input', 'MB/s median', 'MB/s best', 'note'],
    results.map((r) => {
      const t = throughput(r);
      return [r.name, r.input, formatMBs(t.median), formatMBs(t.best), r.note ?? ''];
    }),
  );

const leakBig = find(big, 'Leakline');
const leakSmall = find(small, 'Leakline');
const jsBig = find(big, 'Leakline `fingerprintText`, JavaScript');
const jsSmall = find(small, 'Leakline `fingerprintText`, JavaScript');
const vsSsdeep = ratio(leakBig, find(big, 'native `ssdeep`'));
const vsSsdeepSmall = ratio(leakSmall, find(small, 'native `ssdeep`'));
const peerBig = fastestNpm(big);
const peerSmall = fastestNpm(small);
const vsPeerBig = ratio(leakBig, peerBig);
const vsPeerSmall = ratio(leakSmall, peerSmall);
const vsSha = ratio(leakBig, find(big, 'Node `crypto`'));
const floor = find(big, 'reference');
const tokenizeVsFloor = ratio(find(big, '… part: `scanWords`'), floor);
const floorVsSsdeep = ratio(floor, find(big, 'native `ssdeep`'));
const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');

function shares(results: Result[]): string {
  const parts = results.filter((r) => r.name.startsWith('… part'));
  const total = parts.reduce((sum, r) => sum + r.median, 0);
  const whole = find(results, 'Leakline').median;
  const list = parts.map((r) => `${r.name.replace('… part: ', '')} ${((100 * r.median) / total).toFixed(0)}%`).join(', ');
  return `${list} (the parts' medians add up to ${(total * 1000).toFixed(0)} ms; the whole call took ${(whole * 1000).toFixed(0)} ms)`;
}

const body = `Command: \`npm run bench:fingerprint\` (\`tsx bench/fingerprint.ts\`; \`BENCH_ROUNDS\` sets the counted rounds, default 5; the native peers from Debian: \`apt-get install ssdeep tlsh-tools\`).

Machine: ${machine}.

Text: ${english.source}. Non-Latin text: ${nonLatin.source}.

Method: ${WARMUPS} warm-up round, then ${ROUNDS} counted rounds; every round runs each subject of a table once, in an order that rotates from round to round, so that bursts of load on this shared machine fall on all subjects alike. MB/s counts the UTF-8 bytes of the input (1 MB = 10⁶ bytes); "median" is the median run, "best" the fastest. Native hashers are timed as whole processes on a file holding the same bytes, start-up included and nothing subtracted (starting \`/bin/echo\` that way takes ${startMs.toFixed(1)} ms here). Leakline runs on one core, with Node's synchronous sha256 passed in as ingest passes it.

### English, 16 MiB

${table(big)}

### English, first 1 MiB of the same text (all npm peers; the slow ones only here)

${table(small)}

### English, document by document

${table(perDocument)}

### Non-Latin, 16 MiB

${table(other)}

### Ratios and targets

- Leakline vs native ssdeep, same 16 MiB file: ${fmtRatio(vsSsdeep)}; on the 1 MiB file: ${fmtRatio(vsSsdeepSmall)}. Target "faster than native ssdeep": ${verdict(vsSsdeep.median > 1)}. The JavaScript path alone: ${fmtRatio(ratio(jsBig, find(big, 'native `ssdeep`')))} on 16 MiB, ${fmtRatio(ratio(jsSmall, find(small, 'native `ssdeep`')))} on 1 MiB.
- Leakline vs the fastest npm peer (${peerBig.name}) on 16 MiB: ${fmtRatio(vsPeerBig)}; vs the fastest on the 1 MiB slice (${peerSmall.name}): ${fmtRatio(vsPeerSmall)}. Target "at least 15× the fastest npm peer": ${verdict(Math.min(vsPeerBig.median, vsPeerSmall.median) >= 15)}.
- Leakline vs Node's sha256 over the same bytes: ${fmtRatio(vsSha)}.
- \`scanWords\` runs at ${fmtRatio(tokenizeVsFloor)} the speed of the reference loop, which only encodes the text and classifies every 4-byte chunk once (what any JS tokeniser reading this text must at least do, writing no word); that loop alone runs at ${fmtRatio(floorVsSsdeep)} native ssdeep's speed.

Where Leakline's time goes (share of the parts' medians), English: ${shares(big)}. Non-Latin: ${shares(other)}.
`;

process.stdout.write(`${body}\n`);
writeSection('## Fingerprint throughput', body);
log('BENCHMARKS.md: section "## Fingerprint throughput" written');
