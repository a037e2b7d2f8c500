import { createReadStream } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import { createImportTally, type ImportSummary } from '../../src/import/import-tally.ts';
import type { Post } from '../../src/import/post.ts';
import { corpusPath } from '../helpers/corpus.ts';

/**
 * The two IRA tweet files of the shared corpus, read with `--format ira-csv`:
 * every row becomes a post (the counts are SOURCE.md's), each with its
 * account and a UTC time inside the period the data covers.
 */
async function importFile(name: string) {
  const tally = createImportTally();
  const posts: Post[] = [];
  for await (const item of importPosts(createReadStream(corpusPath('ira-tweets', name)), 'ira-csv')) {
    tally.add(item);
    if ('post' in item) posts.push(item.post);
  }
  return { posts, summary: tally.summary() };
}

function report(name: string, posts: Post[], summary: ImportSummary) {
  const ids = new Set(posts.map((p) => p.postId)).size;
  console.log(
    `${name}: ${summary.posts} posts (${ids} distinct ids), ${summary.withLinks} with links, ${summary.reposts} retweets, ` +
      `${summary.quotes} quotes, ${summary.rejected} rejected, ${summary.withWarnings} with warnings`,
  );
}

describe('IRA tweets (corpus)', () => {
  let leak: Awaited<ReturnType<typeof importFile>>;
  let background: Awaited<ReturnType<typeof importFile>>;

  beforeAll(async () => {
    leak = await importFile('leak_keyword_tweets.csv');
    background = await importFile('background_random_sample_20k.csv');
    report('leak_keyword_tweets.csv', leak.posts, leak.summary);
    report('background_random_sample_20k.csv', background.posts, background.summary);
  });

  it('imports all 8,641 leak-keyword tweets, each with an account and a time from 2014-11-30 to 2018-05-24', () => {
    expect(leak.summary).toMatchObject({ posts: 8641, rejected: 0, withWarnings: 0, withoutTime: 0 });
    expect(leak.posts.every((p) => p.account !== '' && p.platform === 'twitter')).toBe(true);
    const times = leak.posts.map((p) => p.createdAt!).sort();
    expect([times[0], times.at(-1)]).toEqual(['2014-11-30T10:32:00.000Z', '2018-05-24T23:54:00.000Z']);
  });

  it('imports all 20,000 background tweets, each with an account and a time within the data\'s 2012–2018', () => {
    expect(background.summary).toMatchObject({ posts: 20_000, rejected: 0, withWarnings: 0, withoutTime: 0 });
    expect(background.posts.every((p) => p.account !== '')).toBe(true);
    // the background sample starts earlier than the leak subset: 7 tweets from 2012
    expect(background.posts.every((p) => p.createdAt! >= '2012-01-01' && p.createdAt! < '2019-01-01')).toBe(true);
    expect(background.posts.filter((p) => p.createdAt! < '2014-01-01')).toHaveLength(7);
  });

  it('finds the t.co links and the retweets the files flag', () => {
    // SOURCE.md: 7,013 leak tweets contain a t.co link; a few of those are cut off ("https://t…") and are no link
    expect(leak.summary.withLinks).toBeGreaterThan(6950);
    expect(leak.summary.withLinks).toBeLessThanOrEqual(7013);
    // post_type R (4,905), plus 6 more that quote "RT @user:" by hand
    expect(leak.summary.reposts).toBe(4911);
    expect(leak.summary.quotes).toBe(65);
    expect(background.summary.reposts).toBe(9808);
  });

  it('gives the first #MacronLeaks tweet the account and time SOURCE.md names', () => {
    const macron = leak.posts.filter((p) => /#macronleaks/i.test(p.text)).sort((a, b) => a.createdAt!.localeCompare(b.createdAt!));
    expect(macron[0]).toMatchObject({ account: 'Pamela_Moore13', createdAt: '2017-05-05T21:13:00.000Z' });
  });
});
