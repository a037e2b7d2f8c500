import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { parseFeed, parseFeedDate } from '../../src/domain/feeds/index.ts';

/** The error parseFeed throws for `body`, which must be a bad_feed DomainError. */
function badFeedError(body: string): DomainError {
  try {
    parseFeed(body, 'https://news.example/feed.xml');
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('bad_feed');
    expect((error as DomainError).retryable).toBe(false);
    return error as DomainError;
  }
  throw new Error('parseFeed accepted a body that is no feed');
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel>
  <title>The Ledger &#8211; Politics &amp; Money</title>
  <atom:link href="https://ledger.example/politics/feed/" rel="self" type="application/rss+xml" />
  <link>https://ledger.example/politics/</link>
  <description>Investigations from The Ledger</description>
  <lastBuildDate>Mon, 21 Oct 2024 14:02:11 +0000</lastBuildDate>
  <language>en-GB</language>
  <generator>https://wordpress.org/?v=6.6.2</generator>
  <item>
    <title><![CDATA[Northbridge files: what the leaked "donor" sheets show & don't]]></title>
    <link>/politics/2024/10/21/northbridge-files/?utm_source=rss&amp;utm_medium=rss&amp;utm_campaign=northbridge-files</link>
    <dc:creator><![CDATA[Jo Smith]]></dc:creator>
    <pubDate>Mon, 21 Oct 2024 09:15:00 EST</pubDate>
    <category><![CDATA[Politics]]></category>
    <guid isPermaLink="false">https://ledger.example/?p=48121</guid>
    <description><![CDATA[<p>The files first appeared on <a href="https://paste.example/raw/nb2024?fbclid=IwAR2xYz">a paste site</a> on Sunday evening.</p>
<p>We have verified 40 of them.</p>]]></description>
    <content:encoded><![CDATA[<p>Full story. The <a href="../northbridge-memo.pdf">memo</a>, the <a href="#comments">comments</a>
and <a href="/politics/2024/10/21/northbridge-files/">this page</a> again.</p><script>track()</script>]]></content:encoded>
    <enclosure url="https://cdn.ledger.example/audio/northbridge.mp3" length="9734120" type="audio/mpeg" />
  </item>
  <item>
    <title>Q&amp;A: how we verified the Northbridge files</title>
    <link>https://feeds.feedburner.example/~r/ledger/~3/Xy12/</link>
    <feedburner:origLink>https://ledger.example/politics/2024/10/22/qa-verification/</feedburner:origLink>
    <author>desk@ledger.example (Investigations Desk)</author>
    <pubDate>Tue, 22 Oct 2024 08:00:00 +0200</pubDate>
    <description>Reader questions, answered &amp;mdash; with &lt;b&gt;sources&lt;/b&gt;.</description>
  </item>
  <item>
    <title>Corrections</title>
    <guid>https://ledger.example/politics/corrections/</guid>
    <description>No date on this one.</description>
  </item>
  <item>
    <title>Members-only briefing</title>
    <guid isPermaLink="false">briefing-7731</guid>
    <description>This item has no web page.</description>
  </item>
</channel>
</rss>`;

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(RSS, 'https://ledger.example/politics/feed/');

  it('reads the channel', () => {
    expect(feed.kind).toBe('rss');
    expect(feed.title).toBe('The Ledger – Politics & Money');
    expect(feed.siteUrl).toBe('https://ledger.example/politics/');
  });

  it('reads an item with CDATA, a relative link with tracking parameters and dc:creator', () => {
    expect(feed.items[0]).toEqual({
      id: 'https://ledger.example/?p=48121',
      url: 'https://ledger.example/politics/2024/10/21/northbridge-files/',
      title: 'Northbridge files: what the leaked "donor" sheets show & don\'t',
      publishedAt: '2024-10-21T14:15:00.000Z',
      author: 'Jo Smith',
      summary: 'The files first appeared on a paste site on Sunday evening.\nWe have verified 40 of them.',
      links: [
        // relative to the item's page, not the feed's; the in-page anchor and the item's own URL are not outlinks
        'https://ledger.example/politics/2024/10/21/northbridge-memo.pdf',
        'https://paste.example/raw/nb2024',
        'https://cdn.ledger.example/audio/northbridge.mp3',
      ],
    });
  });

  it('prefers feedburner’s original link, names the author of an RSS author field and strips escaped HTML', () => {
    const item = feed.items[1]!;
    expect(item.url).toBe('https://ledger.example/politics/2024/10/22/qa-verification/');
    expect(item.title).toBe('Q&A: how we verified the Northbridge files');
    expect(item.author).toBe('Investigations Desk');
    expect(item.publishedAt).toBe('2024-10-22T06:00:00.000Z');
    expect(item.summary).toBe('Reader questions, answered — with sources.');
  });

  it('uses a permalink guid as the URL, keeps a missing date null and skips items without a web page', () => {
    expect(feed.items).toHaveLength(3);
    expect(feed.items[2]).toMatchObject({ url: 'https://ledger.example/politics/corrections/', publishedAt: null, author: null, links: [] });
    expect(feed.items.map((item) => item.title)).not.toContain('Members-only briefing');
  });

  it('repairs bare ampersands, the commonest way feeds break XML', () => {
    const sloppy = `<rss version="2.0"><channel><title>Tips & Leaks</title><item><title>Q&A</title><link>https://tips.example/a?x=1&y=2</link></item></channel></rss>`;
    const { title, items } = parseFeed(sloppy, 'https://tips.example/rss');
    expect(title).toBe('Tips & Leaks');
    expect(items[0]).toMatchObject({ title: 'Q&A', url: 'https://tips.example/a?x=1&y=2' });
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel with dc:date and rdf:about', () => {
    const rdf = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://bulletin.example/">
    <title>Bulletin</title>
    <link>https://bulletin.example/</link>
    <items><rdf:Seq><rdf:li rdf:resource="https://bulletin.example/n/88"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://bulletin.example/n/88">
    <title>Dump indexed</title>
    <link>https://bulletin.example/n/88</link>
    <dc:date>2024-10-20T21:04:00+01:00</dc:date>
    <dc:creator>Night desk</dc:creator>
  </item>
</rdf:RDF>`;
    const feed = parseFeed(rdf, 'https://bulletin.example/index.rdf');
    expect(feed).toMatchObject({ kind: 'rss', title: 'Bulletin', siteUrl: 'https://bulletin.example/' });
    expect(feed.items).toEqual([
      { id: 'https://bulletin.example/n/88', url: 'https://bulletin.example/n/88', title: 'Dump indexed', publishedAt: '2024-10-20T20:04:00.000Z', author: 'Night desk', summary: null, links: [] },
    ]);
  });
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://watchdog.example/">
  <title type="html">Watchdog &amp;amp; Friends</title>
  <subtitle>Notes on leaks</subtitle>
  <link rel="self" type="application/atom+xml" href="/atom.xml"/>
  <link rel="alternate" type="text/html" href="/"/>
  <id>tag:watchdog.example,2024:feed</id>
  <updated>2024-10-21T10:00:00Z</updated>
  <author><name>Watchdog staff</name></author>
  <entry xml:base="/notes/2024/">
    <title type="text">First sighting of the Northbridge dump</title>
    <link rel="self" type="application/atom+xml" href="https://watchdog.example/api/entries/51"/>
    <link rel="edit" href="https://watchdog.example/api/entries/51/edit"/>
    <link rel="alternate" type="application/pdf" href="first-sighting.pdf"/>
    <link rel="alternate" type="text/html" href="first-sighting?utm_source=atom#top"/>
    <link rel="enclosure" type="application/zip" length="1048576" href="/files/northbridge-sample.zip"/>
    <id>tag:watchdog.example,2024:51</id>
    <published>2024-10-20T19:20:00-04:00</published>
    <updated>2024-10-21T08:00:00Z</updated>
    <summary type="html"><![CDATA[<p>Posted to <a href="https://paste.example/raw/nb2024">a paste site</a> at 18:35 UTC.</p>]]></summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The <a href="sources/index">source index</a> lists <em>three</em> mirrors &amp; a torrent.</p></div></content>
  </entry>
  <entry>
    <title type="html">&lt;b&gt;Update:&lt;/b&gt; second mirror</title>
    <link href="https://watchdog.example/notes/2024/second-mirror"/>
    <id>tag:watchdog.example,2024:52</id>
    <updated>2024-10-21T09:45:00+02:00</updated>
    <author><name>R. Okafor</name></author>
    <content type="html">&lt;p&gt;Now also on &lt;a href="https://files.example/d/Nb2024?gclid=abc"&gt;files.example&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Undated, with its page as its id</title>
    <id>https://watchdog.example/notes/2024/undated</id>
    <content>Plain text content.</content>
  </entry>
</feed>`;

describe('parseFeed: Atom', () => {
  const feed = parseFeed(ATOM, 'https://watchdog.example/atom.xml');

  it('reads the feed, preferring the HTML alternate link as its site', () => {
    expect(feed).toMatchObject({ kind: 'atom', title: 'Watchdog & Friends', siteUrl: 'https://watchdog.example/' });
    expect(feed.items).toHaveLength(3);
  });

  it('picks the text/html alternate among several link rels and resolves it against xml:base', () => {
    expect(feed.items[0]).toEqual({
      id: 'tag:watchdog.example,2024:51',
      url: 'https://watchdog.example/notes/2024/first-sighting',
      title: 'First sighting of the Northbridge dump',
      publishedAt: '2024-10-20T23:20:00.000Z',
      author: 'Watchdog staff',
      summary: 'Posted to a paste site at 18:35 UTC.',
      links: [
        'https://watchdog.example/notes/2024/sources/index',
        'https://paste.example/raw/nb2024',
        'https://watchdog.example/files/northbridge-sample.zip',
      ],
    });
  });

  it('reads escaped HTML, falls back to updated and to the entry’s own author', () => {
    expect(feed.items[1]).toMatchObject({
      url: 'https://watchdog.example/notes/2024/second-mirror',
      title: 'Update: second mirror',
      publishedAt: '2024-10-21T07:45:00.000Z',
      author: 'R. Okafor',
      summary: 'Now also on files.example.',
      links: ['https://files.example/d/Nb2024'],
    });
  });

  it('reads an Atom feed whose namespace has a prefix', () => {
    const prefixed = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
      <a:entry><a:link href="https://p.example/1"/><a:updated>2024-10-21T09:45:00Z</a:updated>
      <a:content type="html">&lt;p&gt;x &amp;amp; &lt;a href="/y"&gt;y&lt;/a&gt;&lt;/p&gt;</a:content></a:entry></a:feed>`;
    expect(parseFeed(prefixed, 'https://p.example/feed').items).toEqual([
      { id: null, url: 'https://p.example/1', title: null, publishedAt: '2024-10-21T09:45:00.000Z', author: null, summary: 'x & y', links: ['https://p.example/y'] },
    ]);
  });

  it('uses an http id when an entry has no link, and leaves a missing date null', () => {
    expect(feed.items[2]).toMatchObject({ url: 'https://watchdog.example/notes/2024/undated', publishedAt: null, summary: 'Plain text content.' });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads version 1.1 with authors, relative URLs, HTML content and attachments', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Drop Monitor',
      home_page_url: 'https://dropmon.example/',
      feed_url: 'https://dropmon.example/feed.json',
      authors: [{ name: 'Drop Monitor bot' }],
      items: [
        {
          id: 'nb2024',
          url: '/drops/nb2024?utm_source=jsonfeed',
          title: 'Northbridge campaign files',
          content_html: '<p>Seen on <a href="https://paste.example/raw/nb2024">paste.example</a> and <a href="/mirrors/nb2024">our mirror list</a>.</p>',
          date_published: '2024-10-20T18:35:00Z',
          attachments: [{ url: 'https://dropmon.example/files/nb2024-listing.txt', mime_type: 'text/plain' }],
        },
        { id: 7731, external_url: 'https://news.example/2024/10/21/northbridge', title: 'Picked up by news.example', summary: 'First outlet.', authors: [{ name: 'A. Reporter' }] },
        { id: 'no-url', content_text: 'An item without any URL is skipped.' },
        'not an item',
      ],
    });
    const feed = parseFeed(json, 'https://dropmon.example/feed.json');
    expect(feed).toMatchObject({ kind: 'json', title: 'Drop Monitor', siteUrl: 'https://dropmon.example/' });
    expect(feed.items).toEqual([
      {
        id: 'nb2024',
        url: 'https://dropmon.example/drops/nb2024',
        title: 'Northbridge campaign files',
        publishedAt: '2024-10-20T18:35:00.000Z',
        author: 'Drop Monitor bot',
        summary: 'Seen on paste.example and our mirror list.',
        links: ['https://paste.example/raw/nb2024', 'https://dropmon.example/mirrors/nb2024', 'https://dropmon.example/files/nb2024-listing.txt'],
      },
      { id: '7731', url: 'https://news.example/2024/10/21/northbridge', title: 'Picked up by news.example', publishedAt: null, author: 'A. Reporter', summary: 'First outlet.', links: [] },
    ]);
  });

  it('reads version 1 with a single author', () => {
    const feed = parseFeed(
      '{"version":"https://jsonfeed.org/version/1","title":"Old","author":{"name":"Ann"},"items":[{"id":"1","url":"https://old.example/1","date_published":"2019-03-02T10:00:00+01:00"}]}',
      'https://old.example/feed.json',
    );
    expect(feed.items[0]).toMatchObject({ author: 'Ann', publishedAt: '2019-03-02T09:00:00.000Z' });
  });

  it('rejects JSON that is not a JSON Feed, and JSON that does not parse', () => {
    expect(badFeedError('{"data":[1,2,3]}').message).toMatch(/not a JSON Feed/);
    expect(badFeedError('{"version":"https://jsonfeed.org/version/1.1","items":[').message).toMatch(/does not parse/);
  });
});

describe('feed dates', () => {
  it.each([
    ['Mon, 21 Oct 2024 09:15:00 GMT', '2024-10-21T09:15:00.000Z'],
    ['Mon, 21 Oct 2024 09:15:00 EST', '2024-10-21T14:15:00.000Z'],
    ['Mon, 21 Oct 2024 09:15:00 EDT', '2024-10-21T13:15:00.000Z'],
    ['Mon, 21 Oct 2024 09:15:00 PST', '2024-10-21T17:15:00.000Z'],
    ['Mon, 21 Oct 2024 09:15:00 +0200', '2024-10-21T07:15:00.000Z'],
    ['Mon, 21 Oct 2024 09:15:00 -0530', '2024-10-21T14:45:00.000Z'],
    ['21 Oct 2024 09:15 UT', '2024-10-21T09:15:00.000Z'],
    ['Monday, 21-Oct-24 09:15:00 CEST', '2024-10-21T07:15:00.000Z'],
    ['Mon, 1 Sept 2024 09:15:00 Z', '2024-09-01T09:15:00.000Z'],
    ['Mon, 21 Oct 2024', '2024-10-21T00:00:00.000Z'],
    ['2024-10-21T09:15:00Z', '2024-10-21T09:15:00.000Z'],
    ['2024-10-21T09:15:00.250+02:00', '2024-10-21T07:15:00.250Z'],
    ['2024-10-21 09:15:00', '2024-10-21T09:15:00.000Z'],
    ['2024-10-21', '2024-10-21T00:00:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('gives null, never the current time, for missing or unreadable dates', () => {
    for (const junk of ['', '   ', 'yesterday', 'Mon, 31 Feb 2024 09:15:00 GMT', '2024-13-01', 'Mon, 21 Foo 2024 09:15:00 GMT', null, undefined, 1729501200]) {
      expect(parseFeedDate(junk)).toBeNull();
    }
  });

  it('gives an item without any date a null publishedAt', () => {
    const feed = parseFeed('<rss version="2.0"><channel><item><link>https://a.example/1</link><pubDate>sometime soon</pubDate></item></channel></rss>', 'https://a.example/rss');
    expect(feed.items[0]!.publishedAt).toBeNull();
  });
});

describe('parseFeed: bad input', () => {
  it('rejects malformed XML with a bad_feed error that says where', () => {
    expect(badFeedError('<rss version="2.0"><channel><title>Cut off</title><item><title>Half').message).toMatch(/not well-formed XML/);
    expect(badFeedError('<rss><channel><title>Mis-nested</channel></title></rss>').message).toMatch(/line 1/);
  });

  it('rejects an HTML page, an unrelated XML document and an empty body', () => {
    badFeedError('<!doctype html><html><head><title>404</title></head><body><p>Not found</p></body></html>');
    expect(badFeedError('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>').message).toMatch(/root element is <svg>/);
    badFeedError('');
    badFeedError('   \n ');
  });

  it('does not expand DOCTYPE entities (billion laughs) and returns quickly', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol; &lol9;</title><link>https://laughs.example/1</link><description>&lol9;&lol9;&lol9;</description></item>
</channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(laughs, 'https://laughs.example/rss');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(feed.title).toBe('&lol9;');
    expect(feed.items[0]!.title).toBe('&lol; &lol9;');
    expect(feed.items[0]!.summary!.length).toBeLessThan(50);
  });

  it('does not expand a large entity referenced many times (quadratic blowup)', () => {
    const big = 'x'.repeat(9_000);
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${big}">]><rss version="2.0"><channel><title>t</title><item><link>https://q.example/1</link><description>${'&big;'.repeat(20_000)}</description></item></channel></rss>`;
    const feed = parseFeed(body, 'https://q.example/rss');
    expect(feed.items[0]!.summary).not.toContain('xxxx');
  });

  it('reads item HTML nested far too deeply without overflowing the stack', () => {
    const deep = `${'<div>'.repeat(60_000)}<a href="https://deep.example/x">deep</a>${'</div>'.repeat(60_000)}`;
    const body = `<rss version="2.0"><channel><item><link>https://a.example/1</link><description><![CDATA[${deep}]]></description></item></channel></rss>`;
    const feed = parseFeed(body, 'https://a.example/rss');
    expect(feed.items[0]).toMatchObject({ summary: 'deep', links: ['https://deep.example/x'] });
  });
});

describe('parseFeed: size', () => {
  it('parses a feed of 5,000 items', () => {
    const items = Array.from(
      { length: 5_000 },
      (_, i) => `<item><title>Post ${i} &amp; more</title><link>https://big.example/p/${i}?utm_source=rss</link><guid isPermaLink="false">p-${i}</guid><pubDate>Sun, 20 Oct 2024 18:35:00 GMT</pubDate><description><![CDATA[<p>See <a href="/raw/${i}">raw ${i}</a>.</p>]]></description></item>`,
    );
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join('\n')}</channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(body, 'https://big.example/rss');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(feed.items).toHaveLength(5_000);
    expect(feed.items[4_999]).toEqual({
      id: 'p-4999',
      url: 'https://big.example/p/4999',
      title: 'Post 4999 & more',
      publishedAt: '2024-10-20T18:35:00.000Z',
      author: null,
      summary: 'See raw 4999.',
      links: ['https://big.example/raw/4999'],
    });
  });
});
