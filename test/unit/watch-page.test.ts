import { describe, expect, it } from 'vitest';
import { extractWatchLinks, newLinks } from '../../src/domain/feeds/index.ts';

const FORUM_INDEX = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Leaks &amp; Databases - DumpBoard</title>
  <link rel="stylesheet" href="/styles/prosilver/theme/stylesheet.css?assets_version=112">
  <link rel="icon" href="/favicon.ico">
  <script src="/assets/javascript/core.js?v=3"></script>
</head>
<body id="phpbb">
  <a href="#start_here" class="skip">Skip to content</a>
  <div class="navbar">
    <a href="./index.php" title="Board index"><img src="/images/logo.png" alt="DumpBoard"></a>
    <a href="./search.php?search_id=newposts">New posts</a>
    <a href="./search.php">Search</a>
    <a href="./ucp.php?mode=login&amp;redirect=viewforum.php%3Ff%3D12">Login</a>
    <a href="./ucp.php?mode=register">Register</a>
    <a href="javascript:void(0);" onclick="toggle()">Quick links</a>
    <a href="mailto:admin@dumpboard.example">Contact</a>
  </div>
  <h2 class="forum-title"><a href="./viewforum.php?f=12">Leaks &amp; Databases</a></h2>
  <ul class="topiclist topics">
    <li class="row">
      <a href="./viewtopic.php?t=8812&amp;sid=1f0e2d" class="topictitle">[LEAK] Northbridge campaign files — 3.1 GB</a>
      by <a href="./memberlist.php?mode=viewprofile&amp;u=431" class="username">nb_drop</a>
      <a href="./viewtopic.php?t=8812&amp;sid=1f0e2d#p99120" title="Go to last post"><img src="/images/icon_topic_latest.svg" alt="Last post"></a>
    </li>
    <li class="row">
      <a href="./viewtopic.php?t=8809" class="topictitle">Register of voters leak (2019), mirrors inside</a>
      <div>Mirror: <a href="https://files.example/d/Rv2019?utm_source=forum" rel="nofollow">files.example/d/Rv2019</a></div>
    </li>
    <li class="row">
      <a href="./viewtopic.php?t=8800" class="topictitle">
        Castellan
        payroll   sample
      </a>
      <a href="./download/file.php?id=301">castellan_payroll_sample.csv</a>
    </li>
  </ul>
  <div class="pagination"><a href="./viewforum.php?f=12&amp;start=25" rel="next">2</a></div>
  <a href="./viewforum.php?f=12#start_here">Top</a>
</body>
</html>`;

describe('extractWatchLinks', () => {
  const links = extractWatchLinks(FORUM_INDEX, 'https://dumpboard.example/forum/viewforum.php?f=12');

  it('lists the outlinks of a forum index with their anchor text, absolute and normalised', () => {
    expect(links).toEqual([
      { url: 'https://dumpboard.example/forum/index.php', text: 'Board index' },
      { url: 'https://dumpboard.example/forum/viewtopic.php?t=8812&sid=1f0e2d', text: '[LEAK] Northbridge campaign files — 3.1 GB' },
      { url: 'https://dumpboard.example/forum/memberlist.php?mode=viewprofile&u=431', text: 'nb_drop' },
      { url: 'https://dumpboard.example/forum/viewtopic.php?t=8809', text: 'Register of voters leak (2019), mirrors inside' },
      { url: 'https://files.example/d/Rv2019', text: 'files.example/d/Rv2019' },
      { url: 'https://dumpboard.example/forum/viewtopic.php?t=8800', text: 'Castellan payroll sample' },
      { url: 'https://dumpboard.example/forum/download/file.php?id=301', text: 'castellan_payroll_sample.csv' },
      { url: 'https://dumpboard.example/forum/viewforum.php?f=12&start=25', text: '2' },
    ]);
  });

  it('drops navigation: same-page anchors, javascript: and mailto:, login, register and search pages, assets', () => {
    const urls = links.map((link) => link.url).join('\n');
    for (const unwanted of ['#start_here', 'javascript', 'mailto', 'search.php', 'mode=login', 'mode=register', '.css', '.ico', '.js']) {
      expect(urls).not.toContain(unwanted);
    }
    // the page itself, reached through a fragment link ("Top"), is not an outlink either
    expect(links.map((link) => link.url)).not.toContain('https://dumpboard.example/forum/viewforum.php?f=12');
  });

  it('reads a paste site archive, keeping documents and honouring <base href>', () => {
    const archive = `<html><head><base href="https://paste.example/"><link rel="stylesheet" href="static/site.css"></head><body>
      <header><a href="/">Paste</a> <a href="/login">Sign in</a> <a href="/signup">Sign up</a> <a href="/archive?lang=en">Archive</a></header>
      <table class="archive">
        <tr><td><a href="raw/nb2024">Untitled</a></td><td>2 min ago</td></tr>
        <tr><td><a href="raw/Xk29aa">donors.csv</a></td><td>9 min ago</td></tr>
        <tr><td><a href="https://paste.example/raw/nb2024#L12">Untitled (line 12)</a></td><td></td></tr>
        <tr><td><a href="files/northbridge-index.pdf">northbridge-index.pdf</a></td><td>1 h ago</td></tr>
        <tr><td><a href="img/preview.png">preview</a></td></tr>
      </table>
    </body></html>`;
    expect(extractWatchLinks(archive, 'https://paste.example/archive')).toEqual([
      { url: 'https://paste.example/', text: 'Paste' },
      { url: 'https://paste.example/archive?lang=en', text: 'Archive' },
      { url: 'https://paste.example/raw/nb2024', text: 'Untitled' },
      { url: 'https://paste.example/raw/Xk29aa', text: 'donors.csv' },
      { url: 'https://paste.example/files/northbridge-index.pdf', text: 'northbridge-index.pdf' },
    ]);
  });

  it('keeps a repeated link once, with the first text that says something', () => {
    const html = '<a href="/t/1"><img src="/i.png"></a><a href="/t/1">Dump thread</a><a href="/t/1">again</a>';
    expect(extractWatchLinks(html, 'https://board.example/')).toEqual([{ url: 'https://board.example/t/1', text: 'Dump thread' }]);
  });

  it('walks deeply nested markup without recursion', () => {
    const html = `${'<div>'.repeat(80_000)}<a href="/deep">deep</a>${'</div>'.repeat(80_000)}`;
    expect(extractWatchLinks(html, 'https://board.example/')).toEqual([{ url: 'https://board.example/deep', text: 'deep' }]);
  });

  it('gives nothing for a page without links', () => {
    expect(extractWatchLinks('<p>No links here.</p>', 'https://board.example/')).toEqual([]);
    expect(extractWatchLinks('', 'https://board.example/')).toEqual([]);
  });
});

describe('newLinks', () => {
  it('returns the links not seen before, in page order, once each', () => {
    const seen = new Set(['https://paste.example/raw/a', 'https://paste.example/raw/b']);
    const current = ['https://paste.example/raw/c', 'https://paste.example/raw/a', 'https://paste.example/raw/d', 'https://paste.example/raw/c'];
    expect(newLinks(current, seen)).toEqual(['https://paste.example/raw/c', 'https://paste.example/raw/d']);
    expect(seen.size).toBe(2);
  });

  it('returns nothing when everything was seen, and everything on a first visit', () => {
    expect(newLinks(['https://x.example/1'], new Set(['https://x.example/1']))).toEqual([]);
    expect(newLinks(['https://x.example/1', 'https://x.example/2'], new Set())).toEqual(['https://x.example/1', 'https://x.example/2']);
  });
});
