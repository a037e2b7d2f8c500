import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importPosts } from '../../src/import/import-posts.ts';
import type { ImportItem } from '../../src/import/items.ts';
import { UNKNOWN_ORIGIN } from '../../src/import/post.ts';

async function run(text: string | Buffer, options = {}): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPosts(Readable.from([Buffer.from(text)]), 'ira-csv', options)) items.push(item);
  return items;
}
const posts = (items: ImportItem[]) => items.flatMap((i) => ('post' in i ? [i.post] : []));

const HEADER = 'author_id,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,retweet,account_type,account_category,source_file,matched_keyword';
const ROWS = [
  'TEN_GOP,"BREAKING: #DNCLeaks show the primary was rigged https://t.co/AbCdEf1234",United States,English,2016-07-22 20:26:00,2016-07-22 20:26:00,1200,98000,4500,,0,Right,RightTroll,T/TEN_GOP.csv,#dncleak',
  'Pamela_Moore13,RT @wikileaks: #MacronLeaks searchable archive https://t.co/XyZ0987654,United States,English,2017-05-05 21:13:00,2017-05-05 21:13:00,3000,70000,9000,R,1,Right,RightTroll,P/Pamela_Moore13.csv,#macronleaks',
  'SindyBlossom,Pray for Ukrainians. There was a radiation leak #FukushimaAgain http://t.co/ln9UMoxwtK,United States,English,2015-01-03 19:47:00,2015-01-03 19:47:00,520,88,165,R,1,?,Unknown,S/SindyBlossom.csv,leak',
  'LeroyLovesUSA,".@someone Where are the Mothers of the Movement? #Guccifer2  https://t.co/ByVomLryGF",United States,English,2016-09-13 16:43:00,2016-09-13 16:43:00,10,20,30,Q,1,Right,RightTroll,L/LeroyLovesUSA.csv,guccifer',
  'MaxDementiev,"Ð\u009fÑ\u0080Ð¸Ð²ÐµÑ\u0082 \ufffd leaked ""docs""\nsecond line",Russian Federation,Russian,2017-08-07 09:00:00,2017-08-07 09:00:00,1,2,3,,0,Russian,NonEnglish,M/MaxDementiev.csv,leaked',
];

describe('ira-csv import', () => {
  it('maps the per-author copy: account, UTC minute, links, retweets and quotes', async () => {
    const [dnc, macron, sindy, quote] = posts(await run([HEADER, ...ROWS].join('\n')));
    expect(dnc).toMatchObject({
      platform: 'twitter',
      account: 'TEN_GOP',
      createdAt: '2016-07-22T20:26:00.000Z',
      urls: ['https://t.co/AbCdEf1234'],
      repostOf: null,
      quoteOf: null,
      url: null,
      lang: 'English',
      metrics: { author_followers: 98000, author_following: 1200, author_updates: 4500 },
    });
    expect(dnc!.postId).toMatch(/^ira-[0-9a-f]{24}$/);
    expect(macron).toMatchObject({ account: 'Pamela_Moore13', repostOf: '@wikileaks', createdAt: '2017-05-05T21:13:00.000Z' });
    // flagged R, but this copy does not keep whom it retweeted
    expect(sindy).toMatchObject({ repostOf: UNKNOWN_ORIGIN, urls: ['http://t.co/ln9UMoxwtK'] });
    expect(quote).toMatchObject({ quoteOf: UNKNOWN_ORIGIN, repostOf: null });
  });

  it('keeps mojibake and U+FFFD from the data as they are, and reads a quoted field across lines', async () => {
    const items = await run([HEADER, ...ROWS].join('\r\n'));
    const russian = posts(items)[4]!;
    expect(russian.text).toBe('Ð\u009fÑ\u0080Ð¸Ð²ÐµÑ\u0082 \ufffd leaked "docs"\nsecond line');
    expect(items[4]).not.toHaveProperty('warnings');
  });

  it('gives the same post id on every import and a different one for a different minute', async () => {
    const once = posts(await run([HEADER, ROWS[0]].join('\n')))[0]!.postId;
    const again = posts(await run([HEADER, ROWS[0]].join('\n')))[0]!.postId;
    const later = posts(await run([HEADER, ROWS[0]!.replace('2016-07-22 20:26:00,2016', '2016-07-22 20:27:00,2016')].join('\n')))[0]!.postId;
    expect(again).toBe(once);
    expect(later).not.toBe(once);
  });

  it('reads FiveThirtyEight\'s original columns: tweet ids, US dates, expanded links', async () => {
    const header = 'external_author_id,author,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,account_type,retweet,account_category,new_june_2018,alt_external_id,tweet_id,article_url,tco1_step1,tco2_step1,tco3_step1';
    const row = '906000000,TEN_GOP,Read it https://t.co/AbC,United States,English,10/7/2016 20:45,10/7/2016 20:45,1,2,3,RETWEET,Right,1,RightTroll,0,906000000,785000000000000001,http://twitter.com/905874659358453760/statuses/785000000000000001,https://wikileaks.org/podesta-emails/,,';
    const [post] = posts(await run(`${header}\n${row}\n`));
    expect(post).toMatchObject({
      postId: '785000000000000001',
      account: 'TEN_GOP',
      createdAt: '2016-10-07T20:45:00.000Z',
      urls: ['https://wikileaks.org/podesta-emails/', 'https://t.co/AbC'],
      repostOf: UNKNOWN_ORIGIN,
      url: 'https://twitter.com/TEN_GOP/status/785000000000000001',
    });
  });

  it('rejects a short row and an unclosed quote by line number, and keeps reading', async () => {
    const text = [HEADER, 'onlytwo,fields', 'Bad,"never closed,x,English,2016-01-01 00:00:00', ROWS[0], ROWS[2]].join('\n');
    const items = await run(text);
    expect(items.filter((i) => 'rejected' in i)).toEqual([
      { rejected: { line: 2, reason: '2 fields where the header has 15: skipped' } },
      { rejected: { line: 3, reason: 'a quote opened on line 3 is never closed: line 3 skipped' } },
    ]);
    expect(posts(items).map((p) => p.account)).toEqual(['TEN_GOP', 'SindyBlossom']);
  });

  it('keeps a row with an impossible date, without a time and with a warning', async () => {
    const items = await run([HEADER, ROWS[0]!.replace('2016-07-22 20:26:00,2016', '2016-02-30 20:26:00,2016')].join('\n'));
    expect(items).toEqual([
      expect.objectContaining({ line: 2, post: expect.objectContaining({ createdAt: null }), warnings: ['invalid time in publish_date: "2016-02-30 20:26:00"'] }),
    ]);
  });
});
