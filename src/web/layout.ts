import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root { color-scheme: light dark; --fg:#1b1f24; --muted:#5b6470; --line:#d8dde3; --bg:#fff; --accent:#b3261e; --ok:#1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6e9ee; --muted:#9aa4b1; --line:#30363d; --bg:#0d1117; --accent:#ff7b72; --ok:#56d364; } }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
header { display:flex; gap:1rem; align-items:baseline; padding:.8rem 1.2rem; border-bottom:1px solid var(--line); }
header a.brand { font-weight:700; color:var(--accent); text-decoration:none; font-size:1.1rem; }
main { padding:1rem 1.2rem; max-width:1200px; }
table { border-collapse:collapse; width:100%; font-size:.92rem; }
th, td { text-align:left; padding:.35rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.status-ok { color:var(--ok); } .status-failed { color:var(--accent); } .muted { color:var(--muted); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:.85em; word-break:break-all; }
a { color:inherit; }
.table-wrap { overflow-x:auto; }
nav.pager a { margin-right:1rem; }
`;

/** The page shell every dashboard page shares. */
export function layout(title: string, body: Body) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Leakline</title>
<style>${STYLE}</style>
</head>
<body>
<header><a class="brand" href="/">Leakline</a><span class="muted">leaked documents and their spread</span><a href="/api/openapi.json">API</a></header>
<main>${body}</main>
</body>
</html>`;
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
