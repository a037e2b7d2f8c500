import type { Blob, Extractor } from './types.ts';

/**
 * Picks the extractor that fits a file best, or null when none does (the
 * file is then kept as an `unsupported` document with its byte hash).
 *
 * @example
 * const extractor = pickExtractor([textExtractor, pdfExtractor], blob);
 */
export function pickExtractor(extractors: readonly Extractor[], blob: Blob): Extractor | null {
  let best: Extractor | null = null;
  let bestFit = 0;
  for (const extractor of extractors) {
    const fit = extractor.fit(blob);
    if (fit > bestFit) {
      best = extractor;
      bestFit = fit;
    }
  }
  return best;
}
