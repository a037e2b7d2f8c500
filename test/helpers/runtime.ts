import { dumpLimits, parseConfig } from '../../src/config.ts';
import { fetcherOptionsFromEnv } from '../../src/fetch/fetch-config.ts';
import { createHttpFetcher } from '../../src/fetch/fetcher.ts';
import type { Resolver } from '../../src/fetch/guarded-lookup.ts';
import { parseAllowlist } from '../../src/fetch/ssrf-policy.ts';
import { createWebhookSender } from '../../src/fetch/webhook-sender.ts';
import type { Enqueue } from '../../src/queue/enqueuer.ts';
import { createInProcessEnqueuer, type InProcessEnqueuer } from '../../src/queue/in-process.ts';
import type { Db } from '../../src/store/db.ts';
import { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { createProcessors } from '../../workers/processors/index.ts';

/**
 * The embedded job runner as `leakline serve` builds it, over a test
 * database; the fetcher may reach only the loopback fixture servers named in
 * `env` (LEAKLINE_FETCH_ALLOW), with politeness delays off.
 */
export function inProcessRuntime(db: Db, env: Record<string, string> = {}, resolver?: Resolver): { enqueuer: InProcessEnqueuer; close: () => Promise<void> } {
  const config = parseConfig({ LEAKLINE_FETCH_HOST_DELAY_MS: '0', LEAKLINE_FETCH_ROBOTS: 'false', ...env });
  const fetcher = createHttpFetcher({ ...fetcherOptionsFromEnv(config), ...(resolver ? { resolver } : {}) });
  const webhooks = createWebhookSender({ allowlist: parseAllowlist(config.LEAKLINE_FETCH_ALLOW), userAgent: 'leakline-test', timeoutMs: 5000, ...(resolver ? { resolver } : {}) });
  let enqueuer: InProcessEnqueuer | null = null;
  const enqueue: Enqueue = (name, payload, opts) => enqueuer!.enqueue(name, payload, opts);
  const processors = createProcessors({ db, limits: dumpLimits(config), fetcher, webhooks, spread: new SpreadRuntime(db), enqueue });
  enqueuer = createInProcessEnqueuer({ db, processors });
  const runner = enqueuer;
  return {
    enqueuer: runner,
    close: async () => {
      await runner.close();
      await fetcher.close();
      await webhooks.close();
    },
  };
}
