import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One page of the Zyte benchmark: its HTML, URL and human-annotated article text. */
export interface ZytePage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

type Bodies = Record<string, { articleBody?: string; url?: string }>;

/** Prediction files are either `{ id: {...} }` or wrapped as `{ version, output: { id: {...} } }`. */
function unwrap(json: unknown): Bodies {
  const value = json as { output?: unknown };
  const inner = value && typeof value === 'object' && value.output && typeof value.output === 'object' ? value.output : json;
  return (inner ?? {}) as Bodies;
}

/**
 * The pages whose HTML is present (the snapshot holds 121 of the 181), in id order.
 *
 * @example
 * (await loadZytePages(dir)).length; // 121
 */
export async function loadZytePages(dir: string): Promise<ZytePage[]> {
  const truth = unwrap(JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')));
  const files = (await readdir(join(dir, 'html'))).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: ZytePage[] = [];
  for (const file of files) {
    const id = file.slice(0, -'.html.gz'.length);
    const entry = truth[id];
    if (!entry) continue;
    // the pages were saved as UTF-8 by the benchmark's crawler
    const html = new TextDecoder('utf-8').decode(gunzipSync(await readFile(join(dir, 'html', file))));
    pages.push({ id, url: entry.url ?? '', html, truth: entry.articleBody ?? '' });
  }
  return pages;
}

/**
 * Every other extractor's predicted article text, by system name then page id.
 *
 * @example
 * (await loadPeerOutputs(dir)).get('trafilatura')?.get(pageId);
 */
export async function loadPeerOutputs(dir: string): Promise<Map<string, Map<string, string>>> {
  const outputDir = join(dir, 'output');
  const systems = new Map<string, Map<string, string>>();
  for (const file of (await readdir(outputDir)).filter((f) => f.endsWith('.json')).sort()) {
    const bodies = unwrap(JSON.parse(await readFile(join(outputDir, file), 'utf8')));
    systems.set(file.slice(0, -'.json'.length), new Map(Object.entries(bodies).map(([id, v]) => [id, v?.articleBody ?? ''])));
  }
  return systems;
}
