import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { normaliseUrl } from '../domain/url.ts';
import { createNodeRuntime } from '../entry/node.ts';
import { observe } from '../spread/observe.ts';
import { readPage } from '../spread/read-page.ts';
import { SpreadRuntime } from '../spread/spread-runtime.ts';
import { audit } from '../store/keys.ts';
import { queueTimelines } from '../../workers/processors/build-timeline.ts';
import { isoDateSchema } from '../queue/jobs.ts';
import { flag, printJson } from './args.ts';

/**
 * `leakline import-page <file> --url URL`: a page saved earlier (from a
 * browser, an archive, a colleague) is matched as if it had been fetched
 * from its address, so sources that are gone from the web still count.
 */
export async function runImportPage({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  const [file] = positionals;
  const url = typeof values.url === 'string' ? normaliseUrl(values.url) : null;
  if (!file || !url) throw new DomainError('usage', 'Give the saved page and its address: leakline import-page ./page.html --url https://news.example/story');
  if (!(await stat(file).catch(() => null))?.isFile()) throw new DomainError('not_found', `No file at ${file}.`);
  const body = new Uint8Array(await readFile(file));
  const contentType = /\.html?$/i.test(file) ? 'text/html' : /\.txt$/i.test(file) ? 'text/plain' : null;
  const page = await readPage({ url, status: 200, headers: {}, contentType, charset: null, body, redirects: [], fetchedAt: new Date().toISOString() });
  const claimed = values['published-at'] === undefined ? page.publishedAt : flag(isoDateSchema, values['published-at'], 'published-at');
  const runtime = await createNodeRuntime(config);
  try {
    await audit(runtime.db, { actor: 'cli', role: null, action: 'import-page', target: url, detail: file });
    const spread = await new SpreadRuntime(runtime.db).deps();
    const observed = await observe(spread, { kind: 'page', url, canonicalUrl: page.canonicalUrl, title: page.title, publishedAt: claimed, text: page.text, links: page.links, metadata: { savedFile: file, format: page.format } });
    await queueTimelines(runtime.enqueuer.enqueue, observed.sightings);
    await runtime.inProcess?.idle();
    if (values.json) printJson(observed);
    else console.log(observed.sightings.length ? `${url}: ${observed.sightings.map((s) => s.kind).join(', ')}` : `${url}: no leak content`);
    return 0;
  } finally {
    await runtime.close();
  }
}
