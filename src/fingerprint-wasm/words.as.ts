// @ts-nocheck: AssemblyScript (i32, load<T>, v128, memory.data), not TypeScript. `npm run build:wasm` compiles
// this file and the *.as.ts files it imports into words.wasm beside them; test/unit/fingerprint-wasm.test.ts
// checks that the sources and the module have not drifted apart.

/**
 * The word loops of fingerprinting in WebAssembly: the ASCII fast path of
 * src/domain/ascii-words.ts (find the words of an ASCII run, lower-case,
 * copy and hash each one), the streaming winnower of src/domain/winnow.ts
 * (k-gram hashes, the minimum of each window) and the bit counts SimHash is
 * made from (src/domain/simhash.ts). They give the same bytes, offsets,
 * hashes, fingerprints and SimHash as the JavaScript, which stays the
 * reference and the path wherever no module is given;
 * src/domain/wasm-words.ts drives this module.
 *
 * Where the time goes differs from the JavaScript: the text is read as
 * UTF-16 code units (copied in, not encoded to UTF-8: in an ASCII run a
 * character is a byte and its offset needs no counting), 64 at a time, and
 * classified sixteen at a time with SIMD; the k-gram hashes are computed four
 * at a time; and none of the typed-array bounds and type checks the JIT puts
 * in every JavaScript loop remain.
 *
 * Memory is one fixed block (no growth, so the JavaScript views on it stay
 * valid): the piece of text being read, a window of words, the normalised
 * bytes of one call, the winnower's output and counts. `layout()` says where
 * each lies (layout.as.ts). The loops: scan.as.ts, winnow.as.ts,
 * simhash-bits.as.ts.
 */

export { layout } from './layout.as';
export { scan } from './scan.as';
export { countedBits } from './simhash-bits.as';
export { winnowAdd, winnowReset, winnowSettle } from './winnow.as';
