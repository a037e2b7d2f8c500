import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;

/** Flags that keep Chromium from calling home: no update checks, sync, QUIC or background requests. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const VIEWPORTS = {
  laptop: { viewport: { width: 1366, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);

export interface Watched {
  context: BrowserContext;
  /** Requests a page tried to make to anything but loopback (all refused). */
  outside: string[];
  /** Console errors and uncaught exceptions, CSP violations among them. */
  errors: string[];
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** A browser context that refuses and records every request leaving the machine, and collects page errors. */
export async function watchedContext(browser: Browser, size: keyof typeof VIEWPORTS): Promise<Watched> {
  const context = await browser.newContext({ ...VIEWPORTS[size], locale: 'en-GB', timezoneId: 'UTC' });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (isLoopback(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watchPage(page, errors));
  return { context, outside, errors };
}

function watchPage(page: Page, errors: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}

/** Long pages are cut here: a phone-width registry runs to tens of thousands of pixels, slow to capture and to look at. */
const MAX_SHOT_HEIGHT = 5000;

/** Saves a full-page screenshot (up to MAX_SHOT_HEIGHT) as `<name>-<size>.png` for a person to look at. */
export async function screenshot(page: Page, name: string, size: keyof typeof VIEWPORTS): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}-${size}.png`);
  // page-side code as text: the project's TypeScript has no DOM types
  const { width, height } = await page.evaluate<{ width: number; height: number }>('({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })');
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, MAX_SHOT_HEIGHT) } });
  return path;
}
