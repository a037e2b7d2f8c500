import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFingerprintParts, fingerprintText, type TextFingerprint } from '../../src/domain/fingerprint.ts';
import { scanWords, tokenizeText } from '../../src/domain/normalise.ts';
import { WasmWords } from '../../src/domain/wasm-words.ts';
import { Winnower } from '../../src/domain/winnow.ts';
import { WordSink } from '../../src/domain/word-sink.ts';
import { createNodeWasmWords } from '../../src/fingerprint-wasm/node.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

/**
 * The WebAssembly word loops (src/fingerprint-wasm) must give exactly what
 * the JavaScript gives: the same normalised bytes, word offsets and hashes,
 * fingerprints and SimHash, so that stored fingerprints never depend on
 * which path computed them. And words.wasm must be what its source builds.
 */

const root = join(import.meta.dirname, '../..');
const wasmPath = join(root, 'src/fingerprint-wasm/words.wasm');
const { compile } = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly;

/** Copying text in through Buffer (as on Node) and through the plain loop (anywhere else). */
const viaBuffer = await createNodeWasmWords();
const viaLoop = new WasmWords(await compile(readFileSync(wasmPath)));

const js = createFingerprintParts();
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function tokens(text: string, words?: WasmWords) {
  const sink = new WordSink(16, 64);
  if (words) scanWords(text, sink, words.ascii);
  else {
    const w = tokenizeText(text);
    return { normalised: [...w.normalised], start: [...w.start], end: [...w.end], hashA: [...w.hashA], hashB: [...w.hashB] };
  }
  const n = sink.count;
  const slice = (a: Uint32Array) => [...a.subarray(0, n)];
  return { normalised: [...sink.bytes.subarray(0, sink.length)], start: slice(sink.start), end: slice(sink.end), hashA: slice(sink.hashA), hashB: slice(sink.hashB) };
}

const plain = (fp: TextFingerprint) => ({
  textSha256: fp.textSha256,
  simhash: fp.simhash,
  words: fp.words,
  hashes: [...fp.passages.hashes],
  positions: [...fp.passages.words],
  offsets: [...fp.passages.offsets],
});

async function expectSameFingerprint(text: string): Promise<void> {
  const expected = plain(await fingerprintText(text, sha, js));
  expect(plain(await fingerprintText(text, sha, viaBuffer.fingerprintParts()))).toEqual(expected);
  expect(plain(await fingerprintText(text, sha, viaLoop.fingerprintParts()))).toEqual(expected);
}

/** Characters of every class the tokeniser tells apart, ASCII most often (as in real text). */
const character = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') },
  { weight: 5, arbitrary: fc.constantFrom(' ', ' ', '\n', '\t', ',', '.', '-', "'", '"', '(', '@', '#', '_', '/', '\0', '\x7f') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0x24f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('’', '“', '—', '\u00a0', '\u2003', '\u200b', 'é', 'ß', 'ẞ', 'ς', 'ﬁ', 'Å', 'İ', '½', '\u0301', '\ufe0f', '東', 'ｶ', 'ﾞ', 'ไ', 'ก', '한', 'Ж', '😀', '\ud800', '\udc00', '\ufffd') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const text = (maxLength: number) => fc.array(character, { maxLength, size: 'max' }).map((cs) => cs.join(''));

const WORDS = 'The memo Transfer of 40000 to Castellan Ltd a I approved'.split(' ');

/** Deterministic pseudo-random ASCII words (mulberry32), some longer than 8 bytes, now and then a word with an accent. */
function longText(seed: number, chars: number, accents: boolean): string {
  const next = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const r = next();
    const word = r < 0.02 ? 'X'.repeat(9 + Math.floor(next() * 40)) : WORDS[Math.floor(next() * WORDS.length)]!;
    const part = accents && r > 0.995 ? `${word}é${word}` : word;
    parts.push(part, next() < 0.9 ? ' ' : next() < 0.5 ? ',\n' : '  ');
    length += part.length + 2;
  }
  return parts.join('');
}

describe('the WebAssembly word loops', () => {
  it('are what `npm run build:wasm` builds from their source', () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:wasm']!;
    const [command, ...args] = script.split(' ');
    expect(command).toBe('asc');
    const dir = mkdtempSync(join(tmpdir(), 'leakline-wasm-'));
    try {
      const out = join(dir, 'words.wasm');
      const outAt = args.indexOf('-o') + 1;
      expect(outAt).toBeGreaterThan(0);
      args[outAt] = out;
      execFileSync(join(root, 'node_modules/.bin/asc'), args, { cwd: root, stdio: 'pipe' });
      expect(Buffer.compare(readFileSync(out), readFileSync(wasmPath))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give the same words, offsets and hashes as the JavaScript on any text', () => {
    fc.assert(
      fc.property(text(200), (t) => {
        const expected = tokens(t);
        expect(tokens(t, viaBuffer)).toEqual(expected);
        expect(tokens(t, viaLoop)).toEqual(expected);
      }),
      { numRuns: 1_500 },
    );
  });

  it('give the same fingerprints, SimHash and normalised text on any text', async () => {
    await fc.assert(
      fc.asyncProperty(text(400), async (t) => expectSameFingerprint(t)),
      { numRuns: 500 },
    );
  });

  it('agree on long texts that cross pieces, windows and blocks, with and without characters past ASCII', async () => {
    for (const [seed, chars, accents] of [
      [1, 70_000, false],
      [2, 150_000, true],
      [3, 33_000, true],
    ] as const) {
      const t = longText(seed, chars, accents);
      expect(tokens(t, viaBuffer)).toEqual(tokens(t));
      await expectSameFingerprint(t);
    }
    // a word longer than a piece, words ending exactly where pieces do, and a text of one word
    await expectSameFingerprint(`${'a'.repeat(40_000)} b ${'Cd '.repeat(30_000)}ée ${'x'.repeat(32_767)} y`);
    for (const n of [1, 7, 8, 9, 63, 64, 65, 32_767, 32_768, 32_769]) await expectSameFingerprint('A'.repeat(n));
  });

  it('keep the rightmost of equal k-grams, as the JavaScript does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'C'), { maxLength: 3_000, size: 'max' }), async (ws) => expectSameFingerprint(ws.join(' '))),
      { numRuns: 200 },
    );
    await expectSameFingerprint('a b '.repeat(5_000));
  });

  it('agree one text after another, as ingest calls them', async () => {
    for (const t of ['', '  ', 'one', 'one two three four five', longText(4, 5_000, true), 'Zürich — “quoted” text', longText(5, 40_000, false), 'a b c d e f g h i j k l m']) {
      await expectSameFingerprint(t);
    }
  });
});

describe('WasmWinnower', () => {
  it('keeps the fingerprints Winnower keeps, however the words are split into windows', () => {
    fc.assert(
      fc.property(
        // few distinct words, so that k-grams repeat and windows hold ties
        fc.integer({ min: 1, max: 6 }).chain((kinds) => fc.array(fc.nat(kinds - 1), { maxLength: 6_000, size: 'max' })),
        fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 8, size: 'max' }),
        (ids, sizes) => {
          const n = ids.length;
          const hashA = Uint32Array.from(ids, (id) => Math.imul(id + 1, 0x9e3779b1));
          const hashB = Uint32Array.from(ids, (id) => Math.imul(id + 7, 0x85ebca6b));
          const start = Uint32Array.from(ids, (_, i) => i * 3);
          const reference = new Winnower();
          reference.reset();
          reference.add(hashA, hashB, start, n);
          const winnower = viaLoop.winnower;
          winnower.reset();
          for (let i = 0, k = 0; i < n; k++) {
            const size = Math.min(sizes[k % sizes.length]!, n - i);
            winnower.add(hashA.subarray(i, i + size), hashB.subarray(i, i + size), start.subarray(i, i + size), size);
            i += size;
          }
          const a = reference.finish();
          const b = winnower.finish();
          expect([...b.hashes]).toEqual([...a.hashes]);
          expect([...b.words]).toEqual([...a.words]);
          expect([...b.offsets]).toEqual([...a.offsets]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ingest', () => {
  it('fingerprints with the WebAssembly loops on Node, and gets what the JavaScript ones give', async () => {
    const { ingestFingerprintParts } = await import('../../src/ingest/fingerprint-parts.ts');
    const parts = await ingestFingerprintParts();
    expect(parts?.winnower.constructor.name).toBe('WasmWinnower');
    const text = 'The transfer of forty thousand euros from the harbour fund — “approved” on Thursday — was completed after the donors asked to stay anonymous. '.repeat(40);
    expect(await fingerprintText(text, undefined, parts)).toEqual(await fingerprintText(text, undefined, createFingerprintParts()));
  });
});
