import type { DumpLimits } from '../../src/config.ts';
import type { Fetcher } from '../../src/fetch/fetcher.ts';
import type { WebhookSender } from '../../src/fetch/webhook-sender.ts';
import type { Enqueue, Processors } from '../../src/queue/enqueuer.ts';
import type { Db } from '../../src/store/db.ts';
import type { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { createBuildTimelineProcessor } from './build-timeline.ts';
import { createDeliverWebhookProcessor } from './deliver-webhook.ts';
import { createFetchPageProcessor } from './fetch-page.ts';
import { createImportPostsProcessor } from './import-posts.ts';
import { createIngestDumpProcessor } from './ingest-dump.ts';
import { createPollFeedProcessor } from './poll-feed.ts';

export interface ProcessorDeps {
  db: Db;
  limits: DumpLimits;
  fetcher: Fetcher;
  spread: SpreadRuntime;
  /** Where follow-up jobs go (links to follow); may be bound after the processors are built. */
  enqueue: Enqueue;
  webhooks: WebhookSender;
}

/** Every job's processor, built once per process around its dependencies. */
export function createProcessors(deps: ProcessorDeps): Processors {
  return {
    'ingest-dump': createIngestDumpProcessor(deps),
    'fetch-page': createFetchPageProcessor(deps),
    'import-posts': createImportPostsProcessor(deps),
    'poll-feed': createPollFeedProcessor(deps),
    'build-timeline': createBuildTimelineProcessor(deps),
    'deliver-webhook': createDeliverWebhookProcessor(deps),
  };
}
