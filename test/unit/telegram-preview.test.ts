import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { parseCount, parseTelegramPreview } from '../../src/domain/feeds/index.ts';

const PAGE = readFileSync(new URL('../fixtures/telegram/channel.html', import.meta.url), 'utf8');

describe('parseTelegramPreview', () => {
  const preview = parseTelegramPreview(PAGE, 'https://t.me/s/leakwatch');
  const post = (id: string) => preview.posts.find((p) => p.postId === id)!;

  it('reads the channel, its posts in page order and the link to older posts', () => {
    expect(preview.channel).toBe('leakwatch');
    expect(preview.title).toBe('Leak Watch');
    expect(preview.posts.map((p) => p.postId)).toEqual(['2840', '2841', '2842', '2843', '2844']);
    expect(preview.olderUrl).toBe('https://t.me/s/leakwatch?before=2840');
  });

  it('reads a plain text post with its line breaks, date and views; hashtags are not links', () => {
    expect(post('2840')).toEqual({
      postId: '2840',
      channel: 'leakwatch',
      url: 'https://t.me/leakwatch/2840',
      text: '🚨 Quiet evening so far.\nNothing new on the usual boards since Friday & the forums are slow.\n\n#status',
      publishedAt: '2024-10-20T16:10:00.000Z',
      links: [],
      views: 1200,
      forwardedFrom: null,
      files: [],
    });
  });

  it('reads the links of a post pointing at a paste site, with the link preview, normalised and once each', () => {
    expect(post('2841')).toMatchObject({
      text: 'New drop: Northbridge campaign files\nMirror: paste.example/raw/nb2024\nIndex: paste.example/nb2024',
      links: ['https://paste.example/raw/nb2024', 'https://paste.example/nb2024'],
      views: 15300,
      publishedAt: '2024-10-20T18:41:07.000Z',
    });
  });

  it('reads who a forwarded post came from', () => {
    expect(post('2842')).toMatchObject({
      forwardedFrom: { name: 'Dump Mirror', url: 'https://t.me/dumpmirror/517' },
      links: ['https://files.example/d/Nb2024?id=7'],
      views: 845,
    });
  });

  it('names the attached documents of a post', () => {
    expect(post('2843')).toMatchObject({ files: ['northbridge_donors_2024.xlsx'], text: 'Donor list from the set, as posted.', views: 2_100_000 });
  });

  it('reads a reply without the text or links of the post it quotes, and dates it by the post, not the video', () => {
    expect(post('2844')).toMatchObject({
      text: 'First outlet to pick it up: news.example',
      links: ['https://news.example/2024/10/21/northbridge-files'],
      publishedAt: '2024-10-21T09:30:00.000Z',
      views: null,
    });
  });

  it('reads a post forwarded from a hidden sender, whose name is no link', () => {
    const html = `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="leakwatch/2900">
      <div class="tgme_widget_message_bubble">
        <div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;<span class="tgme_widget_message_forwarded_from_name">Anonymous tipster</span></div>
        <div class="tgme_widget_message_text js-message_text" dir="auto">Check the archive.</div>
      </div></div></div>`;
    const [only] = parseTelegramPreview(html, 'https://t.me/s/leakwatch?before=2901').posts;
    expect(only).toMatchObject({ postId: '2900', forwardedFrom: { name: 'Anonymous tipster', url: null }, publishedAt: null, views: null });
  });

  it('gives an empty page (a channel with its preview off, the oldest page) no posts and no older page', () => {
    const empty = parseTelegramPreview('<html><head><meta property="og:title" content="Closed channel"></head><body></body></html>', 'https://t.me/s/closedchan');
    expect(empty).toEqual({ channel: 'closedchan', title: 'Closed channel', posts: [], olderUrl: null });
  });

  it('refuses a page that names no channel', () => {
    expect(() => parseTelegramPreview('<p>hello</p>', 'https://example.org/')).toThrow(DomainError);
  });

  it('survives hostile nesting without overflowing the stack', () => {
    const deep = `<div class="tgme_widget_message" data-post="leakwatch/1"><div class="tgme_widget_message_text">${'<b>'.repeat(50_000)}deep${'</b>'.repeat(50_000)}</div></div>`;
    expect(parseTelegramPreview(deep, 'https://t.me/s/leakwatch').posts[0]!.text).toBe('deep');
  });
});

describe('parseCount', () => {
  it.each([
    ['845', 845],
    ['1.2K', 1200],
    ['15.3K', 15300],
    ['2.1M', 2_100_000],
    ['12 345', 12345],
    ['', null],
    ['views', null],
  ])('reads %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });
});
