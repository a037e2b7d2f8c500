import type { DumpLimits } from '../../src/config.ts';
import { ingestDump, withDuplicateGroups } from '../../src/ingest/ingest-dump.ts';
import type { Processor } from '../../src/queue/enqueuer.ts';
import type { Db } from '../../src/store/db.ts';
import { upsertLeak } from '../../src/store/leaks.ts';

/** ingest-dump: creates or updates the leak, then ingests the dump into it. */
export function createIngestDumpProcessor(deps: { db: Db; limits: DumpLimits }): Processor<'ingest-dump'> {
  return async (payload, context) => {
    const leak = await upsertLeak(deps.db, { slug: payload.leak, title: payload.title, droppedAt: payload.droppedAt, dropUrl: payload.dropUrl });
    const summary = await ingestDump(deps.db, {
      leakId: leak.id,
      leakSlug: leak.slug,
      source: payload.source,
      name: payload.name,
      limits: deps.limits,
      onProgress: context.progress,
    });
    return withDuplicateGroups(deps.db, leak.id, summary);
  };
}
