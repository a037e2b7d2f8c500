import { MAX_BLOCK_WORDS, type AsciiScanner } from './ascii-words.ts';
import type { FingerprintParts } from './fingerprint.ts';
import { separatesWords } from './normalise.ts';
import { simhashOfCounts } from './simhash.ts';
import type { Fingerprints, StreamWinnower } from './winnow.ts';
import { grow, WordSink, type WordArrays } from './word-sink.ts';

/**
 * The part of the WebAssembly JavaScript API used here. Node and Workers both
 * have it; the type libraries this project compiles against (ES2023 and
 * @types/node) do not describe it.
 */
interface WebAssemblyApi {
  Instance: new (module: WasmModule, imports: object) => { exports: object };
}

/** A compiled WebAssembly.Module of words.wasm. */
export type WasmModule = object;

interface WordsExports {
  memory: { buffer: ArrayBuffer };
  layout(): number;
  scan(u: number, from: number, limit: number, at: number, space: number, units: number): number;
  winnowReset(): void;
  winnowAdd(count: number): number;
  winnowSettle(kept: number): number;
  countedBits(): number;
}

/** Bytes of normalised text a fingerprinting sink keeps between texts (as fingerprint.ts). */
const SINK_BYTES = 1 << 16;

/**
 * Writes the UTF-16 code units of a string from the start of `into`, as
 * WebAssembly reads them (little-endian): given where, it returns the writer
 * for a string. The default is a loop over charCodeAt; on Node, Buffer's
 * `utf16le` write is a plain copy and several times faster
 * (src/fingerprint-wasm/node.ts).
 */
export type UnitWriter = (into: Uint16Array) => (text: string) => void;

export const writeUnits: UnitWriter = (into) => (text) => {
  for (let k = 0; k < text.length; k++) into[k] = text.charCodeAt(k);
};

/**
 * The word loops of fingerprinting in WebAssembly (src/fingerprint-wasm/
 * words.as.ts, built into words.wasm): the ASCII fast path of scanWords, the
 * streaming winnower and SimHash's bit counts, giving the same words, hashes,
 * offsets, fingerprints and SimHash as their JavaScript originals
 * (ascii-words.ts, winnow.ts, simhash.ts), faster on mostly-ASCII text (the
 * figures are in BENCHMARKS.md). The module is compiled where the runtime allows it
 * (on Node, src/fingerprint-wasm/node.ts) and handed in; this file is pure
 * and runs wherever WebAssembly does.
 *
 * One instance holds one text at a time: the piece of text being read, a
 * window of words and the winnower's state all live in its memory, which
 * never grows, so the views on it stay valid.
 *
 * @example
 * const words = new WasmWords(module, unitWriter);
 * const fp = await fingerprintText(text, sha256, words.fingerprintParts());
 */
export class WasmWords {
  /** Words the window holds. */
  readonly window: number;
  /** The window's word arrays, in the instance's memory. */
  readonly arrays: WordArrays;
  readonly ascii: WasmAsciiScanner;
  readonly winnower: WasmWinnower;
  private parts: FingerprintParts | null = null;

  constructor(module: WasmModule, unitWriter: UnitWriter = writeUnits) {
    const { Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const exports = new Instance(module, {}).exports as WordsExports;
    const buffer = exports.memory.buffer;
    // where the module keeps things (words.as.ts, layout): the piece's units and their number, the word arrays
    // (hashes, starts, ends) and their length, the normalised bytes of a scan and their room, the fingerprints
    // written by a winnowAdd (hashes, words, offsets), scan's result, SimHash's bit counts, the separator table and its size
    const at = new Int32Array(buffer, exports.layout(), 16);
    const u32 = (offset: number, length: number) => new Uint32Array(buffer, offset, length);
    this.window = at[6]!;
    this.arrays = { hashA: u32(at[2]!, this.window), hashB: u32(at[3]!, this.window), start: u32(at[4]!, this.window), end: u32(at[5]!, this.window) };
    if (this.window < 2 * MAX_BLOCK_WORDS) throw new RangeError('words.wasm has a window too small for ascii-words.ts: rebuild it (npm run build:wasm)');
    markSeparators(new Uint8Array(buffer, at[14]!, at[15]! >> 3), at[15]!);
    const units = new Uint16Array(buffer, at[0]!, at[1]! + 64);
    this.ascii = new WasmAsciiScanner(exports, units, at[1]!, unitWriter(units), this.arrays, new Uint8Array(buffer, at[7]!, at[8]!), new Int32Array(buffer, at[12]!, 3));
    this.winnower = new WasmWinnower(exports, this.arrays, new Float64Array(buffer, at[9]!, this.window), u32(at[10]!, this.window), u32(at[11]!, this.window), new Int32Array(buffer, at[13]!, 64));
  }

  /**
   * What fingerprintText streams a text through: this scanner, a sink whose
   * window is the instance's word arrays, and this winnower, which reads
   * them where they are. Made once per instance.
   */
  fingerprintParts(): FingerprintParts {
    const winnower = this.winnower;
    this.parts ??= { ascii: this.ascii, winnower, sink: new WordSink(this.window, SINK_BYTES, (s) => winnower.add(s.hashA, s.hashB, s.start, s.count), this.arrays) };
    return this.parts;
  }
}

/** Code units past ASCII that the scanner reads as separators when normalise.ts classes them so: Latin-1 and IPA punctuation, General Punctuation, CJK punctuation. */
const SEPARATOR_RANGES = [
  [0x80, 0x2ff],
  [0x2000, 0x206f],
  [0x3000, 0x303f],
] as const;

/** Sets bit c of the scanner's table for each such unit below `limit`. */
function markSeparators(bits: Uint8Array, limit: number): void {
  bits.fill(0);
  for (const [from, to] of SEPARATOR_RANGES) {
    for (let c = from; c <= to && c < limit; c++) if (separatesWords(c)) bits[c >> 3]! |= 1 << (c & 7);
  }
}

/**
 * The ASCII fast path of scanWords in WebAssembly: the same words as
 * `Utf8Piece` (ascii-words.ts). A piece of the text is copied into the
 * instance's memory as UTF-16 code units (no UTF-8 encoding: a character is
 * a unit, so its offset needs no counting); words land in the window in
 * place when the sink's window is the instance's own, and are copied into any
 * other sink, at most MAX_BLOCK_WORDS at a time as the JavaScript path writes
 * them.
 */
export class WasmAsciiScanner implements AsciiScanner {
  /** text[from, to) is in the piece. */
  private text = '';
  private from = 0;
  private to = 0;

  constructor(
    private readonly exports: WordsExports,
    private readonly units: Uint16Array,
    private readonly pieceUnits: number,
    private readonly writeText: (text: string) => void,
    private readonly arrays: WordArrays,
    private readonly out: Uint8Array,
    /** What scan reports besides where it stopped: words written up to, bytes written, whether it stopped at its limit (not at a unit past ASCII). */
    private readonly result: Int32Array,
  ) {}

  reset(): void {
    this.text = '';
    this.from = this.to = 0;
  }

  write(sink: WordSink, text: string, i: number): number {
    const { exports, result, arrays } = this;
    const inPlace = sink.hashA === arrays.hashA;
    for (;;) {
      // a piece from text[i] unless this one holds it with 64 units to spare (or up to the end of the text)
      if (this.text !== text || i < this.from || (i + 64 > this.to && this.to !== text.length)) this.load(text, i);
      // a windowed sink flushes here (between words), a growing one grows
      sink.reserveWords(MAX_BLOCK_WORDS);
      const at = inPlace ? sink.count : 0;
      const room = inPlace ? arrays.hashA.length - at : MAX_BLOCK_WORDS;
      // The zero after a piece that ends the text closes its last word; any other piece stops at its end,
      // where a word may go on into the next. A word takes two units with its separator: units for `room` words.
      const units = this.to - this.from;
      const u = i - this.from;
      const end = this.to === text.length ? units + 1 : units;
      const stop = exports.scan(u, this.from, Math.min(end, u + 2 * (room - 4)), at, sink.length > 0 ? 1 : 0, units);
      const to = result[0]!;
      const bytes = result[1]!;
      if (bytes > 0) {
        sink.reserveBytes(bytes);
        sink.bytes.set(this.out.subarray(0, bytes), sink.length);
        sink.length += bytes;
      }
      if (inPlace) sink.count = to;
      else if (to > 0) copyWords(arrays, sink, to);
      // stopped at a unit past ASCII (or a word running up to one), or nothing read: the general path goes on
      if (stop === i || result[2] === 0) return stop;
      i = stop;
    }
  }

  /** Copies text[i, i + pieceUnits) into the piece, with zeros after it. */
  private load(text: string, i: number): void {
    const to = Math.min(text.length, i + this.pieceUnits);
    this.writeText(i === 0 && to === text.length ? text : text.slice(i, to));
    this.units.fill(0, to - i, to - i + 64);
    this.text = text;
    this.from = i;
    this.to = to;
  }
}

/** Appends the first `n` words of `from` to a sink that has room for them. */
function copyWords(from: WordArrays, sink: WordSink, n: number): void {
  const at = sink.count;
  sink.hashA.set(from.hashA.subarray(0, n), at);
  sink.hashB.set(from.hashB.subarray(0, n), at);
  sink.start.set(from.start.subarray(0, n), at);
  sink.end.set(from.end.subarray(0, n), at);
  sink.count = at + n;
}

/**
 * Winnower (winnow.ts) in WebAssembly: the same fingerprints. Words in the
 * instance's window are read where they are; any others are copied in a
 * window at a time (which overwrites the window: one stream at a time).
 */
export class WasmWinnower implements StreamWinnower {
  private hashes = new Float64Array(256);
  private words = new Uint32Array(256);
  private offsets = new Uint32Array(256);
  private count = 0;

  constructor(
    private readonly exports: WordsExports,
    private readonly arrays: WordArrays,
    private readonly outHashes: Float64Array,
    private readonly outWords: Uint32Array,
    private readonly outOffsets: Uint32Array,
    /** How many kept fingerprints have each bit of their SimHash feature set (valid after countedBits). */
    private readonly ones: Int32Array,
  ) {}

  reset(): void {
    // as Winnower: output buffers kept up to two million fingerprints
    if (this.hashes.length > 1 << 21) {
      this.hashes = new Float64Array(256);
      this.words = new Uint32Array(256);
      this.offsets = new Uint32Array(256);
    }
    this.count = 0;
    this.exports.winnowReset();
  }

  add(hashA: Uint32Array, hashB: Uint32Array, start: Uint32Array, count: number): void {
    const { arrays, exports } = this;
    if (hashA === arrays.hashA && hashB === arrays.hashB && start === arrays.start) {
      this.take(exports.winnowAdd(count));
      return;
    }
    const window = arrays.hashA.length;
    for (let j = 0; j < count; j += window) {
      const n = Math.min(window, count - j);
      arrays.hashA.set(hashA.subarray(j, j + n));
      arrays.hashB.set(hashB.subarray(j, j + n));
      arrays.start.set(start.subarray(j, j + n));
      this.take(exports.winnowAdd(n));
    }
  }

  finish(): Fingerprints {
    const count = this.settle();
    return { hashes: this.hashes.slice(0, count), words: this.words.slice(0, count), offsets: this.offsets.slice(0, count), count };
  }

  keptHashes(): Float64Array {
    return this.hashes.subarray(0, this.settle());
  }

  /** simhash64 of the kept fingerprints, from the bit counts the instance kept as it wrote them. */
  simhash(): string {
    const count = this.settle();
    this.exports.countedBits();
    return simhashOfCounts(this.ones.subarray(0, 32), this.ones.subarray(32, 64), count);
  }

  private settle(): number {
    this.take(this.exports.winnowSettle(this.count));
    return this.count;
  }

  /** Appends the `n` fingerprints the last call wrote. */
  private take(n: number): void {
    if (n === 0) return;
    if (this.count + n > this.hashes.length) {
      const size = Math.max(this.hashes.length * 2, this.count + n);
      this.hashes = grow(this.hashes, size);
      this.words = grow(this.words, size);
      this.offsets = grow(this.offsets, size);
    }
    this.hashes.set(this.outHashes.subarray(0, n), this.count);
    this.words.set(this.outWords.subarray(0, n), this.count);
    this.offsets.set(this.outOffsets.subarray(0, n), this.count);
    this.count += n;
  }
}
