import { documentExtractors } from '../domain/extract/index.ts';
import type { Extractor } from '../domain/extract/types.ts';
import { createGzipExtractor } from './archives/gzip.ts';
import { createTarExtractor } from './archives/tar.ts';
import { createZipExtractor } from './archives/zip.ts';
import type { DumpBudget } from './budget.ts';

/** The full registry for one dump: document formats plus archives that share the dump's budget. */
export function createExtractors(budget: DumpBudget): Extractor[] {
  return [...documentExtractors, createZipExtractor(budget), createTarExtractor(budget), createGzipExtractor(budget)];
}
