import type { FingerprintParts } from '../domain/fingerprint.ts';
import { createNodeWasmWords } from '../fingerprint-wasm/node.ts';

let parts: Promise<FingerprintParts | undefined> | undefined;

/**
 * The word loops ingest fingerprints with: the WebAssembly ones, compiled
 * once per process, or the JavaScript ones (`undefined`, fingerprintText's
 * default) where WebAssembly cannot be compiled. Both give the same
 * fingerprints; the WebAssembly loops about twice as fast (BENCHMARKS.md).
 */
export function ingestFingerprintParts(): Promise<FingerprintParts | undefined> {
  return (parts ??= createNodeWasmWords().then(
    (words) => words.fingerprintParts(),
    () => undefined,
  ));
}
