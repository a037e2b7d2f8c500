import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../api/deps.ts';
import { viewerOf, type Viewer } from './access.ts';
import { assetUrl } from './assets.ts';

export type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

export type Section = 'overview' | 'check' | 'registry' | null;

export interface PageOptions {
  title: string;
  section?: Section;
  /** Assets the page needs besides the stylesheet: chart pages load the chart library and the client script. */
  scripts?: readonly ('uplot.js' | 'leakline.js')[];
  /** Wider than reading width: for the overview's table. */
  wide?: boolean;
}

/**
 * Nothing a page shows may run or load from elsewhere: leaked documents and
 * crawled pages are hostile input. Scripts and styles come only from
 * /assets/ on this server, and forms post only here.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const navLink = (href: string, label: string, current: boolean) => html`<a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a>`;

/** The page shell every dashboard page shares. */
export function layout(options: PageOptions, body: Body, viewer?: Viewer) {
  const { title, section = null, scripts = [], wide = false } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Leakline</title>
<link rel="stylesheet" href="${assetUrl('leakline.css')}">
${scripts.includes('uplot.js') ? html`<link rel="stylesheet" href="${assetUrl('uplot.css')}">` : ''}
${scripts.map((s) => html`<script src="${assetUrl(s)}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Leakline</a>
<nav aria-label="Main">${navLink('/', 'Overview', section === 'overview')}${navLink('/check', 'Check a document', section === 'check')}${navLink('/registry', 'Stage registry', section === 'registry')}<a href="/api/openapi.json">API</a></nav>
${viewer?.signedIn ? html`<form class="signout" method="post" action="/logout"><span class="muted small">${viewer.role}</span> <button type="submit">Sign out</button></form>` : ''}
</header>
<main id="main" tabindex="-1"${wide ? html` class="wide"` : ''}>${body}</main>
</body>
</html>`;
}

/** Sends a page with the headers every page carries. */
export async function sendPage(c: Context<AppEnv>, options: PageOptions, body: Body, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('content-security-policy', CSP);
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
  return c.html(await layout(options, body, viewerOf(c)), status);
}

export const formatBytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
};
