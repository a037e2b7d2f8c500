import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExtract } from '../../src/cli/extract.ts';

const FIXTURE = new URL('../fixtures/pages/aclu.html', import.meta.url).pathname;
const prose = 'Le mémo a été publié sur un site de dépôt, puis cité par trois journaux en une journée, voilà comment il nous est parvenu.';

let dir = '';
let out: string[] = [];
let err: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leakline-extract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function capture() {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(`${args.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
}

describe('leakline extract', () => {
  it('prints the article of a saved page as JSON', async () => {
    capture();
    expect(await runExtract({ positionals: [FIXTURE], values: { json: true } })).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(Object.keys(json).slice(0, 7)).toEqual(['title', 'byline', 'publishedAt', 'canonicalUrl', 'lang', 'text', 'links']);
    expect(json).toMatchObject({ title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook', byline: 'Daniel Kahn Gillmor', lang: 'en' });
    expect(json.text).toContain("I don't use Facebook.");
  });

  it('prints a readable view without --json', async () => {
    capture();
    expect(await runExtract({ positionals: [FIXTURE], values: {} })).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^Title: +Facebook Is Tracking Me/m);
    expect(text).toMatch(/^By: +Daniel Kahn Gillmor/m);
    expect(text).toContain('https://en.wikipedia.org/wiki/Web_bug');
  });

  it('decodes a page in the charset its <meta> declares', async () => {
    const file = join(dir, 'latin1.html');
    const html = `<html><head><meta charset="iso-8859-1"><title>Mémo</title></head><body><p>${prose}</p></body></html>`;
    writeFileSync(file, Buffer.from(html, 'latin1'));
    capture();
    await runExtract({ positionals: [file], values: { json: true, url: 'https://journal.example/2024/10/21/memo' } });
    const json = JSON.parse(out.join(''));
    expect(json.text).toBe(prose);
    expect(json.publishedAt).toBe('2024-10-21T00:00:00.000Z');
  });

  it('refuses a URL when no fetcher is wired in, and says what to do', async () => {
    capture();
    expect(await runExtract({ positionals: ['https://news.example/story'], values: {} })).toBe(2);
    expect(err.join('\n')).toMatch(/cannot fetch https:\/\/news\.example\/story.*save the page/);
  });

  it('fetches a URL through the fetcher it is given, using the final URL and the Content-Type charset', async () => {
    const fetchUrl = vi.fn(async (url: string) => ({
      url: `${url}?redirected=1`,
      body: new Uint8Array(Buffer.from(`<body><article><p>${prose} <a href="/dump.zip">the dump</a></p></article></body>`, 'latin1')),
      contentType: 'text/html; charset=ISO-8859-1',
    }));
    capture();
    expect(await runExtract({ positionals: ['https://news.example/story'], values: { json: true } }, fetchUrl)).toBe(0);
    expect(fetchUrl).toHaveBeenCalledWith('https://news.example/story');
    const json = JSON.parse(out.join(''));
    expect(json.text).toContain('Le mémo a été publié');
    expect(json.links).toEqual([{ url: 'https://news.example/dump.zip', text: 'the dump' }]);
  });

  it('reports a missing file and rejects bad arguments', async () => {
    capture();
    expect(await runExtract({ positionals: [join(dir, 'nope.html')], values: {} })).toBe(2);
    expect(err.join('\n')).toContain('no readable file');
    await expect(runExtract({ positionals: [], values: {} })).rejects.toThrow(/Give one saved page or URL/);
    await expect(runExtract({ positionals: [FIXTURE], values: { url: 'ftp://x' } })).rejects.toThrow(/--url/);
  });
});
