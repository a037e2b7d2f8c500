import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/store/keys.ts';
import { tempDb } from '../helpers/temp.ts';
import { launchChromium, screenshot, watchedContext, type Watched } from './browser.ts';
import { FORGED, alteredMemo, buildScenario } from './scenario.ts';
import { startAppServer } from './server.ts';

/**
 * The dashboard in a real Chromium against a running server, over a leak
 * built the way production builds one (ingest, crawl, post import): a
 * person opens the overview, follows a leak, reads its chart, filters its
 * sightings, opens a document and checks an altered copy. Every page is
 * saved at laptop and phone width under test/e2e/screenshots/.
 */
describe('dashboard in Chromium', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let app: Awaited<ReturnType<typeof startAppServer>>;
  let browser: Browser;
  let laptop: Watched;
  let phone: Watched;

  beforeAll(async () => {
    env = await tempDb();
    scenario = await buildScenario(env.db, env.dir);
    app = await startAppServer(env.db, scenario.runtime.enqueuer);
    browser = await launchChromium();
    laptop = await watchedContext(browser, 'laptop');
    phone = await watchedContext(browser, 'phone');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await scenario?.runtime.close();
    await scenario?.server.close();
    await env?.cleanup();
  });

  /** Opens a path in both sizes, saving both screenshots; returns the laptop page to go on with. */
  async function both(path: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<Page> {
    const small = await phone.context.newPage();
    await small.goto(app.url + path);
    await ready(small);
    await screenshot(small, name, 'phone');
    await small.close();
    const page = await laptop.context.newPage();
    await page.goto(app.url + path);
    await ready(page);
    await screenshot(page, name, 'laptop');
    return page;
  }

  it('shows the leaks on the overview, the one that entered the mainstream first, with the transition feed', async () => {
    const page = await both('/', 'overview', (p) => p.locator('#leak-table').waitFor());
    const rows = page.locator('#leak-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-leak')).toBe('northbridge-2024');
    expect(await rows.first().locator('td[data-label="To mainstream"]').innerText()).toBe('11 h 40 min');
    expect(await rows.nth(1).locator('td[data-label="To mainstream"]').innerText()).toBe('not yet');
    expect(await page.locator('#transition-feed').innerText()).toContain('Leak northbridge-2024 entered the mainstream: first article at localhost, 11 h 40 min after the drop.');
    // the page is reachable by keyboard: the first Tab lands on the skip link
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.close();
  });

  it('opens a leak from the overview and draws its stage chart with data and the coordinated burst', async () => {
    const page = await laptop.context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Northbridge campaign files' }).click();
    await page.waitForURL(/\/leaks\/northbridge-2024$/);
    const chart = page.locator('#stage-chart');
    await chart.locator('canvas').waitFor();
    expect(Number(await chart.getAttribute('data-drawn'))).toBeGreaterThan(10);
    // the canvas holds the three stage colours, not a blank plot
    const painted = Number(await page.evaluate(`(() => {
      const canvas = document.querySelector('#stage-chart canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked / (canvas.width * canvas.height);
    })()`));
    expect(painted).toBeGreaterThan(0.01);
    // the coordination section arrives after the page and marks its burst on the chart
    await expect.poll(() => chart.getAttribute('data-bursts'), { timeout: 15_000 }).toBe('1');
    expect(await page.locator('#coordination-groups').innerText()).toContain('5 accounts posted the same text');
    // the post's markup is shown as text, never run
    expect(await page.locator('#coordination-groups').innerText()).toContain('<img src="https://tracker.example/p.png"');
    expect(await page.locator('#coordination-groups img').count()).toBe(0);
    const timeline = (await (await fetch(`${app.url}/api/leaks/northbridge-2024/timeline`)).json()) as { stages: { stage: string; sightings: number }[] };
    for (const s of timeline.stages) expect(await page.locator('.stages').innerText()).toMatch(new RegExp(`${s.stage}\\s+${s.sightings} sources?`));
    await screenshot(page, 'leak', 'laptop');
    await page.close();
    const small = await phone.context.newPage();
    await small.goto(`${app.url}/leaks/northbridge-2024`);
    await small.locator('#stage-chart canvas').waitFor();
    await expect.poll(() => small.locator('#stage-chart').getAttribute('data-bursts'), { timeout: 15_000 }).toBe('1');
    await screenshot(small, 'leak', 'phone');
    await small.close();
  });

  it('filters the sightings by stage with the plain form', async () => {
    const page = await laptop.context.newPage();
    await page.goto(`${app.url}/leaks/northbridge-2024`);
    await page.getByLabel('Stage', { exact: true }).selectOption('mainstream');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/stage=mainstream/);
    const api = async (query: string) => ((await (await fetch(`${app.url}/api/leaks/northbridge-2024/sightings${query}`)).json()) as { total: number }).total;
    const [mainstream, all] = [await api('?stage=mainstream'), await api('')];
    expect(mainstream).toBeGreaterThanOrEqual(2);
    const stages = await page.locator('#sightings-table td[data-label="Stage"] .stage').allInnerTexts();
    expect(stages.length).toBe(mainstream);
    expect(new Set(stages)).toEqual(new Set(['mainstream']));
    expect(await page.locator('#sightings-total').innerText()).toBe(`${mainstream} of ${all} match`);
    await page.locator('#sightings').scrollIntoViewIfNeeded();
    await screenshot(page, 'leak-filtered', 'laptop');
    // the filtered export carries the same rows
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), (await page.getByRole('link', { name: 'Sightings CSV' }).last().getAttribute('href'))!);
    expect(csv.trim().split('\n')).toHaveLength(1 + mainstream);
    await page.close();
  });

  let documentPath = '';

  it("shows a document's provenance graph, and its leaked text on an open local install", async () => {
    const page = await laptop.context.newPage();
    await page.goto(`${app.url}/leaks/northbridge-2024?stage=drop`);
    await page.locator('#sightings-table').getByRole('link', { name: /transfer-memo\.txt$/ }).first().click();
    await page.waitForURL(/\/documents\/\d+$/);
    documentPath = new URL(page.url()).pathname;
    await page.close();
    const doc = await both(documentPath, 'document', (p) => p.locator('#chain-graph').waitFor());
    const nodes = doc.locator('#chain-graph .node');
    expect(await nodes.count()).toBeGreaterThan(10);
    const reasons = (await doc.locator('#chain-graph .edge-label').allTextContents()).join('\n');
    expect(reasons).toContain('links to');
    expect(reasons).toContain('reposts');
    // no key exists yet and the server is on loopback: the install is open, its user an admin
    expect(await doc.locator('#leaked-text').innerText()).toContain('The printer has been paid in cash');
    await doc.close();
  });

  it('checks an altered copy and highlights the forged sentence inline', async () => {
    const page = await both('/check', 'check-form', (p) => p.getByLabel('or paste its text').waitFor());
    await page.getByLabel('or paste its text').fill(alteredMemo());
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('#check-result').waitFor();
    expect(await page.locator('#check-matches').innerText()).toContain('altered');
    const inserted = await page.locator('#altered-text ins').allInnerTexts();
    expect(inserted.join(' ')).toContain(FORGED.replace(/\.$/, ''));
    expect(await page.locator('#check-result').innerText()).toContain('Earliest appearance');
    await page.locator('#check-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'check-result', 'laptop');
    await page.close();
    const small = await phone.context.newPage();
    await small.goto(`${app.url}/check`);
    await small.getByLabel('or paste its text').fill(alteredMemo());
    await small.getByRole('button', { name: 'Check' }).click();
    await small.locator('#altered-text ins').first().waitFor();
    await screenshot(small, 'check-result', 'phone');
    await small.close();
  });

  it('edits the stage registry through its form', async () => {
    const page = await both('/registry', 'registry', (p) => p.locator('#registry-table').waitFor());
    await page.getByLabel('Host or host/path').fill('leaks.example');
    await page.getByLabel('Stage', { exact: true }).first().selectOption('drop');
    await page.getByLabel('Label').fill('leak forum');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL(/saved=leaks\.example/);
    expect(await page.locator('[role="status"]').innerText()).toBe('Saved leaks.example.');
    expect(await page.locator('#registry-table').innerText()).toContain('leaks.example');
    await page.getByRole('button', { name: 'Remove leaks.example' }).click();
    await page.waitForURL(/removed=leaks\.example/);
    expect(await page.locator('#registry-table').innerText()).not.toContain('leaks.example');
    await page.close();
  });

  it('once keys exist, asks for one and shows leaked text to analysts only', async () => {
    const reader = await createApiKey(env.db, 'reader', 'e2e reader');
    const analyst = await createApiKey(env.db, 'analyst', 'e2e analyst');
    // the access check remembers "no keys" for two seconds
    await new Promise((r) => setTimeout(r, 2100));
    const signIn = async (w: Watched, key: string) => {
      const page = await w.context.newPage();
      await page.goto(app.url + documentPath);
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(new RegExp(`${documentPath}$`));
      await page.locator('#chain-graph').waitFor();
      return page;
    };
    const asReader = await signIn(laptop, reader.key);
    expect(await asReader.locator('#leaked-text-withheld').innerText()).toContain('needs the analyst role (you are signed in as reader)');
    expect(await asReader.locator('body').innerText()).not.toContain('The printer has been paid in cash');
    await screenshot(asReader, 'document-reader', 'laptop');
    await asReader.goto(`${app.url}/check`);
    expect(await asReader.locator('main').innerText()).toContain('Checking a document needs the analyst role');
    await asReader.close();
    const asAnalyst = await signIn(phone, analyst.key);
    expect(await asAnalyst.locator('#leaked-text').innerText()).toContain('The printer has been paid in cash');
    await asAnalyst.getByRole('button', { name: 'Sign out' }).click();
    await asAnalyst.waitForURL(/\/login$/);
    await asAnalyst.close();
  });

  it('loaded nothing from outside the machine and logged no error (CSP violations included)', () => {
    expect([...laptop.outside, ...phone.outside]).toEqual([]);
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
  });
});
