import { normaliseUrl } from '../../src/domain/url.ts';
import type { Fetcher } from '../../src/fetch/fetcher.ts';
import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import { fetchJobId } from '../../src/queue/job-ids.ts';
import { observe } from '../../src/spread/observe.ts';
import { readPage } from '../../src/spread/read-page.ts';
import type { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { queueTimelines } from './build-timeline.ts';

/**
 * fetch-page: fetches a page through the guarded fetcher, reads it, matches
 * it against every leak, and follows its links into classified domains (drop
 * sites, platforms, news) up to the requested depth.
 */
export function createFetchPageProcessor(deps: { fetcher: Fetcher; spread: SpreadRuntime; enqueue: Enqueue }): Processor<'fetch-page'> {
  return async (payload) => {
    const spread = await deps.spread.deps();
    const response = await deps.fetcher.fetch(payload.url);
    const page = await readPage(response);
    const observed = await observe(spread, {
      kind: 'page',
      url: response.url,
      canonicalUrl: page.canonicalUrl,
      title: page.title,
      publishedAt: page.publishedAt,
      text: page.text,
      links: page.links,
      metadata: { byline: page.byline, lang: page.lang, siteName: page.siteName, format: page.format, redirects: response.redirects, from: payload.from ?? null },
    });
    await queueTimelines(deps.enqueue, observed.sightings);
    const followed: string[] = [];
    if (payload.depth < payload.maxDepth) {
      for (const link of page.links) {
        const url = normaliseUrl(link.url);
        if (!url || url === normaliseUrl(response.url) || spread.registry.classify(url).stage === 'unclassified') continue;
        await deps.enqueue('fetch-page', { url, depth: payload.depth + 1, maxDepth: payload.maxDepth, from: response.url }, { jobId: await fetchJobId(url) });
        followed.push(url);
      }
    }
    return { url: payload.url, finalUrl: response.url, sourceId: observed.sourceId, sightings: observed.sightings, followed };
  };
}
