import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What Readability.js's test suite expects of a page's metadata. */
export interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  siteName?: string | null;
}

/** One of Readability.js's test pages: its source and the expected metadata and article HTML. */
export interface ReadabilityPage {
  name: string;
  source: string;
  expected: ExpectedMetadata;
  expectedHtml: string | null;
}

/**
 * Every page folder holding a `source.html` and an `expected-metadata.json`, by name.
 *
 * @example
 * (await loadReadabilityPages(join(corpus, 'readability-test-pages')))[0]?.expected.title;
 */
export async function loadReadabilityPages(dir: string): Promise<ReadabilityPage[]> {
  const pages: ReadabilityPage[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const source = join(dir, name, 'source.html');
    const metadata = join(dir, name, 'expected-metadata.json');
    if (!existsSync(source) || !existsSync(metadata)) continue;
    const expectedPath = join(dir, name, 'expected.html');
    pages.push({
      name,
      source: await readFile(source, 'utf8'),
      expected: JSON.parse(await readFile(metadata, 'utf8')) as ExpectedMetadata,
      expectedHtml: existsSync(expectedPath) ? await readFile(expectedPath, 'utf8') : null,
    });
  }
  return pages;
}
