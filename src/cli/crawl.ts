import { z } from 'zod';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { normaliseUrl } from '../domain/url.ts';
import { createNodeRuntime } from '../entry/node.ts';
import { fetchJobId } from '../queue/job-ids.ts';
import type { ObservedSighting } from '../spread/observe.ts';
import { flag, printJson } from './args.ts';
import { waitForJobs } from './wait.ts';

interface FetchOutcome {
  url: string;
  finalUrl: string;
  sightings: ObservedSighting[];
  followed: string[];
}

/** `leakline crawl <url…> --depth N`: fetches pages, matches them, follows links into classified domains. */
export async function runCrawl({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  if (positionals.length === 0) throw new DomainError('usage', 'Give one or more URLs: leakline crawl https://news.example/article --depth 1');
  const depth = values.depth === undefined ? 0 : flag(z.coerce.number().int().min(0).max(5), values.depth, 'depth');
  const urls = positionals.map((u) => {
    const url = normaliseUrl(u);
    if (!url) throw new DomainError('usage', `"${u}" is not an http(s) URL.`);
    return url;
  });
  const runtime = await createNodeRuntime(config);
  try {
    const ids: string[] = [];
    for (const url of urls) {
      const jobId = await fetchJobId(url);
      await runtime.enqueuer.enqueue('fetch-page', { url, depth: 0, maxDepth: depth }, { jobId, force: Boolean(values.force) });
      ids.push(jobId);
    }
    const jobs = await waitForJobs(runtime, ids, {
      follow: async (job) => (job.status === 'completed' ? Promise.all(((job.result as FetchOutcome).followed ?? []).map((u) => fetchJobId(u))) : []),
    });
    const pages = jobs.map((j) => ({
      url: (j.payload as { url: string }).url,
      status: j.status,
      error: j.error,
      finalUrl: j.status === 'completed' ? (j.result as FetchOutcome).finalUrl : null,
      sightings: j.status === 'completed' ? (j.result as FetchOutcome).sightings : [],
    }));
    if (values.json) printJson(pages);
    else {
      for (const p of pages) {
        const found = p.sightings.map((s) => s.kind).join(', ');
        console.log(p.status === 'completed' ? `${p.url}: ${p.sightings.length ? `${p.sightings.length} sighting(s): ${found}` : 'no leak content'}` : `${p.url}: failed: ${p.error}`);
      }
    }
    return pages.some((p) => p.status === 'failed') && pages.every((p) => p.status === 'failed') ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
