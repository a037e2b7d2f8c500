import { readFile } from 'node:fs/promises';
import { WasmWords, type UnitWriter } from '../domain/wasm-words.ts';

/** WebAssembly.compile: Node has it, @types/node does not describe it. */
const { compile } = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly;

/** Buffer's `utf16le` write: a plain copy of a string's code units (little-endian, as WebAssembly reads them). */
const writeUnitsWithBuffer: UnitWriter = (into) => {
  const buffer = Buffer.from(into.buffer, into.byteOffset, into.byteLength);
  return (text) => {
    buffer.write(text, 'utf16le');
  };
};

/**
 * The WebAssembly word loops of fingerprinting on Node: words.wasm (built
 * from words.as.ts by `npm run build:wasm`) compiled and instantiated, with
 * Buffer copying text into it. Build one per process (or per worker thread)
 * and pass its parts to fingerprintText.
 *
 * @example
 * const words = await createNodeWasmWords();
 * await fingerprintText(text, sha256, words.fingerprintParts());
 */
export async function createNodeWasmWords(): Promise<WasmWords> {
  return new WasmWords(await compile(await readFile(new URL('./words.wasm', import.meta.url))), writeUnitsWithBuffer);
}
