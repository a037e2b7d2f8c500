import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';

async function run(lines: unknown[]): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), 'reddit')) items.push(item);
  return items;
}
const posts = (items: ImportItem[]) => items.flatMap((i) => ('post' in i ? [i.post] : []));

// Pushshift RS_2016-10 / RC_2016-10 records, trimmed to the fields that matter
const LINK_SUBMISSION = {
  id: '56nq4x', author: 'leakfollower', created_utc: 1475868000, subreddit: 'WikiLeaks', title: 'Podesta emails, part 1',
  selftext: '', url: 'https://wikileaks.org/podesta-emails/', permalink: '/r/WikiLeaks/comments/56nq4x/podesta_emails_part_1/',
  is_self: false, score: 5120, num_comments: 873,
};
const SELF_SUBMISSION = {
  id: '56nr00', author: 'analyst', created_utc: '1475869000', subreddit: 'politics', title: 'Which emails are real?',
  selftext: 'Compare with the DKIM check at https://dkim.example/verify, then discuss.', is_self: true,
  url: 'https://www.reddit.com/r/politics/comments/56nr00/which_emails_are_real/', permalink: '/r/politics/comments/56nr00/which_emails_are_real/',
};
const COMMENT = {
  id: 'd8kq1zz', author: 'skeptic', body: 'Mirror: [archive](https://archive.example/podesta) (the original is slow)',
  created_utc: 1475868600, link_id: 't3_56nq4x', parent_id: 't3_56nq4x', subreddit: 'WikiLeaks', score: 42,
};
const REPLY = { id: 'd8kq2aa', author: 'leakfollower', body: 'thanks', created_utc: 1475868700, link_id: 't3_56nq4x', parent_id: 't1_d8kq1zz', subreddit: 'WikiLeaks' };
const CROSSPOST = { ...LINK_SUBMISSION, id: '56xyz1', subreddit: 'The_Donald', crosspost_parent: 't3_56nq4x', permalink: '/r/The_Donald/comments/56xyz1/x/' };

describe('reddit import', () => {
  it('tells submissions from comments: fullname ids, title and selftext, linked url, replies by parent_id', async () => {
    const [link, self, comment, reply, crosspost] = posts(await run([LINK_SUBMISSION, SELF_SUBMISSION, COMMENT, REPLY, CROSSPOST]));
    expect(link).toEqual({
      platform: 'reddit', postId: 't3_56nq4x', account: 'leakfollower', text: 'Podesta emails, part 1', createdAt: '2016-10-07T19:20:00.000Z',
      urls: ['https://wikileaks.org/podesta-emails/'], repostOf: null, quoteOf: null, replyTo: null,
      url: 'https://www.reddit.com/r/WikiLeaks/comments/56nq4x/podesta_emails_part_1/', channel: 'WikiLeaks',
      metrics: { score: 5120, num_comments: 873 },
    });
    // a self post's url is its own page: only the links in its text count
    expect(self).toMatchObject({ text: 'Which emails are real?\n\nCompare with the DKIM check at https://dkim.example/verify, then discuss.', urls: ['https://dkim.example/verify'], createdAt: '2016-10-07T19:36:40.000Z' });
    expect(comment).toMatchObject({ postId: 't1_d8kq1zz', replyTo: 't3_56nq4x', urls: ['https://archive.example/podesta'], metrics: { score: 42 } });
    expect(reply).toMatchObject({ replyTo: 't1_d8kq1zz', url: 'https://www.reddit.com/comments/56nq4x/_/d8kq2aa/' });
    expect(crosspost).toMatchObject({ repostOf: 't3_56nq4x', channel: 'The_Donald' });
  });

  it('reads the API\'s { kind, data } wrappers, keeps [deleted] authors, rejects records that are neither', async () => {
    const items = await run([{ kind: 't1', data: { ...COMMENT, author: '[deleted]', body: '[removed]' } }, { id: 'x', author: 'y', created_utc: 1 }, '{"id": "z", "author": "a", "body": "broken"']);
    expect(items[0]).toMatchObject({ post: { account: '[deleted]', text: '[removed]' } });
    expect(items[1]).toEqual({ rejected: { line: 2, reason: 'neither a submission (title, selftext) nor a comment (body)' } });
    expect(items[2]).toMatchObject({ rejected: { line: 3, reason: expect.stringMatching(/^not valid JSON/) } });
  });

  it('leaves an impossible created_utc empty with a warning instead of inventing a time', async () => {
    const items = await run([{ ...COMMENT, created_utc: 'yesterday' }, { ...COMMENT, id: 'c2', created_utc: 0 }]);
    expect(items[0]).toMatchObject({ post: { createdAt: null }, warnings: ['invalid time in created_utc: "yesterday"'] });
    expect(items[1]).toMatchObject({ post: { createdAt: null }, warnings: ['time in created_utc "0" is outside 1990–2100: left empty'] });
  });
});
