import type { DumpLimits } from '../../src/config.ts';
import type { Processors } from '../../src/queue/enqueuer.ts';
import type { Db } from '../../src/store/db.ts';
import { createIngestDumpProcessor } from './ingest-dump.ts';

/** Every job's processor, built once per process around its dependencies. */
export function createProcessors(deps: { db: Db; limits: DumpLimits }): Processors {
  return {
    'ingest-dump': createIngestDumpProcessor(deps),
  };
}
