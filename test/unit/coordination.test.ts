import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coordinationNetwork, detectCoordination, findBursts, type SocialEvent } from '../../src/domain/coordination/index.ts';
import { DomainError } from '../../src/domain/errors.ts';

const T0 = Date.parse('2016-10-07T20:45:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let serial = 0;
function post(account: string, seconds: number, text: string, urls: string[] = [], repostOf: string | null = null): SocialEvent {
  return { id: `p${++serial}`, account, time: at(seconds), text, urls, repostOf };
}

const LINK = 'https://wikileaks.org/podesta-emails/emailid/1';
const HEADLINE = 'BREAKING: Podesta emails show the campaign knew about the server all along';

describe('detectCoordination: same link', () => {
  it('groups three accounts posting one link within 60 seconds, whatever its tracking parameters and case', () => {
    const events = [
      post('alice', 0, 'Look at this', [LINK]),
      post('bob', 25, 'Unbelievable', [`${LINK}?utm_source=twitter`]),
      post('carol', 55, 'Share before they delete it', ['HTTPS://WikiLeaks.org/podesta-emails/emailid/1#top']),
    ];
    const groups = detectCoordination(events);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      basis: 'same-link',
      key: LINK,
      accounts: ['alice', 'bob', 'carol'],
      size: 3,
      reposts: 0,
      start: at(0),
      end: at(55),
      windowSeconds: 55,
      example: { account: 'alice', text: 'Look at this', time: at(0) },
      posts: events.map((e) => e.id),
    });
  });

  it('finds nothing when only two accounts post the link', () => {
    expect(detectCoordination([post('alice', 0, 'a', [LINK]), post('bob', 10, 'b', [LINK]), post('bob', 20, 'c', [LINK])])).toEqual([]);
  });

  it('finds nothing when the same three accounts post it minutes apart, and a group once the window is wide enough', () => {
    const events = [post('alice', 0, 'a', [LINK]), post('bob', 300, 'b', [LINK]), post('carol', 600, 'c', [LINK])];
    expect(detectCoordination(events)).toEqual([]);
    expect(detectCoordination(events, { windowSeconds: 600 })).toMatchObject([{ basis: 'same-link', windowSeconds: 600 }]);
  });

  it('does not chain a steady trickle into a group: no 60 s window ever holds three accounts', () => {
    const events = ['a', 'b', 'c', 'd', 'e'].map((account, i) => post(account, i * 45, `post ${i}`, [LINK]));
    expect(detectCoordination(events)).toEqual([]);
  });

  it('keeps a sustained burst as one group, longer than the window, and splits at a quiet gap', () => {
    const burst = ['a', 'b', 'c', 'd', 'e', 'f'].map((account, i) => post(account, i * 30, 'x', [LINK]));
    const later = ['g', 'h', 'i'].map((account, i) => post(account, 3600 + i * 10, 'y', [LINK]));
    const groups = detectCoordination([...burst, ...later]);
    expect(groups.map((g) => [g.size, g.windowSeconds, g.accounts.length])).toEqual([
      [6, 150, 6],
      [3, 20, 3],
    ]);
  });

  it('needs distinct accounts: one account posting three times is no group', () => {
    expect(detectCoordination([0, 5, 10].map((s) => post('alice', s, 'a', [LINK])))).toEqual([]);
  });
});

describe('detectCoordination: same and near-identical text', () => {
  it('groups identical messages whatever their links, mentions, "RT @user:" prefix, case and punctuation', () => {
    const groups = detectCoordination([
      post('alice', 0, `${HEADLINE} https://t.co/aaa`),
      post('bob', 20, `RT @alice: ${HEADLINE.toUpperCase()} https://t.co/bbb`),
      post('carol', 40, `@dave ${HEADLINE}!!!`),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ basis: 'same-text', accounts: ['alice', 'bob', 'carol'], size: 3 });
    expect(groups[0]!.key).toMatch(/^[0-9a-f]{16}$/);
  });

  it('groups near-identical messages with small edits (a junk hashtag, a changed word) as near-text', () => {
    const groups = detectCoordination([
      post('alice', 0, `#alis ${HEADLINE} https://t.co/a1 #lis`),
      post('bob', 10, `#vero ${HEADLINE} https://t.co/b2 #ver`),
      post('carol', 30, HEADLINE.replace('all along', 'all summer')),
      post('dave', 50, HEADLINE.replace('knew', 'always knew')),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ basis: 'near-text', accounts: ['alice', 'bob', 'carol', 'dave'], size: 4 });
  });

  it('finds nothing in unrelated messages posted at the same moment', () => {
    const groups = detectCoordination([
      post('alice', 0, 'The debate tonight was a disaster for everyone on the stage'),
      post('bob', 5, 'Podesta emails show the campaign knew about the private server'),
      post('carol', 10, 'Gas leak forces evacuation of three blocks in downtown Denver'),
      post('dave', 15, 'Wikileaks promises more documents before the election next month'),
    ]);
    expect(groups).toEqual([]);
  });

  it('only matches near-identical texts when near-duplicate detection is on', () => {
    const events = [
      post('alice', 0, `#alis ${HEADLINE} #lis`),
      post('bob', 10, `#vero ${HEADLINE} #ver`),
      post('carol', 20, `#jan ${HEADLINE} #jann`),
    ];
    expect(detectCoordination(events, { nearDuplicate: false })).toEqual([]);
    expect(detectCoordination(events)).toMatchObject([{ basis: 'near-text', size: 3 }]);
  });

  it('lists retweets of one post once, under its text, with its link in alsoKeys', () => {
    const text = `${HEADLINE} https://t.co/abc`;
    const groups = detectCoordination(['alice', 'bob', 'carol'].map((a, i) => post(a, i * 10, text, ['https://t.co/abc'], 'origin')));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ basis: 'same-text', size: 3, reposts: 3, alsoKeys: [{ basis: 'same-link', key: 'https://t.co/abc' }] });
  });

  it('leaves very short texts alone: three accounts saying "Wow!" is no message', () => {
    expect(detectCoordination([post('a', 0, 'Wow!'), post('b', 1, 'wow'), post('c', 2, 'WOW')])).toEqual([]);
  });
});

describe('detectCoordination: options and reposts', () => {
  const three = () => [post('alice', 0, 'a', [LINK]), post('bob', 10, 'b', [LINK]), post('carol', 20, 'c', [LINK])];

  it('takes the number of accounts and the window as options', () => {
    expect(detectCoordination(three(), { minAccounts: 4 })).toEqual([]);
    expect(detectCoordination(three(), { minAccounts: 2 })).toHaveLength(1);
    expect(detectCoordination(three(), { windowSeconds: 15 })).toEqual([]);
    expect(detectCoordination(three(), { windowSeconds: 20 })).toHaveLength(1);
  });

  it('counts reposts in a group and leaves them out when asked', () => {
    const events = [post('alice', 0, HEADLINE), post('bob', 10, HEADLINE, [], 'alice'), post('carol', 20, HEADLINE, [], 'alice'), post('dave', 30, HEADLINE)];
    expect(detectCoordination(events)).toMatchObject([{ basis: 'same-text', size: 4, reposts: 2 }]);
    expect(detectCoordination(events, { includeReposts: false })).toEqual([]);
    expect(detectCoordination(events, { includeReposts: false, minAccounts: 2 })).toMatchObject([{ size: 2, reposts: 0 }]);
  });

  it('refuses thresholds that make no sense', () => {
    expect(() => detectCoordination([], { minAccounts: 1 })).toThrow(DomainError);
    expect(() => detectCoordination([], { windowSeconds: -1 })).toThrow(/windowSeconds/);
    expect(() => detectCoordination([], { nearDuplicate: { minJaccard: 0 } })).toThrow(/minJaccard/);
  });

  it('gives the same groups and ids for the same events in any order, and a new id for a new start', () => {
    const events = [...three(), post('dave', 0, HEADLINE), post('erin', 5, HEADLINE), post('frank', 9, HEADLINE)];
    const groups = detectCoordination(events);
    expect(groups).toHaveLength(2);
    expect(detectCoordination([...events].reverse())).toEqual(groups);
    expect(new Set(groups.map((g) => g.id)).size).toBe(2);
    const moved = detectCoordination(three().map((e) => ({ ...e, time: at(Date.parse(e.time) / 1000 - T0 / 1000 + 3600) })));
    expect(moved[0]!.key).toBe(groups.find((g) => g.basis === 'same-link')!.key);
    expect(moved[0]!.id).not.toBe(groups.find((g) => g.basis === 'same-link')!.id);
  });

  it('skips events whose time does not parse and events seen twice', () => {
    const [a, b, c] = three();
    expect(detectCoordination([a!, b!, { ...c!, time: 'yesterday' }])).toEqual([]);
    expect(detectCoordination([a!, b!, b!])).toEqual([]);
  });
});

describe('findBursts', () => {
  /** The definition, checked the slow way: posts covered by windows of ≥ minAccounts, joined where windows overlap. */
  function bruteForce(posts: { ms: number; account: string }[], minAccounts: number, windowSeconds: number): [number, number][] {
    const windows: [number, number][] = [];
    for (let i = 0; i < posts.length; i++) {
      let j = i;
      while (j + 1 < posts.length && posts[j + 1]!.ms - posts[i]!.ms <= windowSeconds * 1000) j++;
      if (new Set(posts.slice(i, j + 1).map((p) => p.account)).size >= minAccounts) windows.push([i, j]);
    }
    const out: [number, number][] = [];
    for (const w of windows) {
      const last = out.at(-1);
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else out.push([...w]);
    }
    return out;
  }

  it('matches the definition on random timelines', () => {
    const timeline = fc.array(fc.record({ ms: fc.integer({ min: 0, max: 600_000 }), account: fc.constantFrom('a', 'b', 'c', 'd', 'e') }), { maxLength: 40 });
    fc.assert(
      fc.property(timeline, fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 200 }), (raw, minAccounts, windowSeconds) => {
        const posts = [...raw].sort((x, y) => x.ms - y.ms);
        expect(findBursts(posts, minAccounts, windowSeconds)).toEqual(bruteForce(posts, minAccounts, windowSeconds));
      }),
    );
  });
});

describe('coordinationNetwork', () => {
  it('weights each pair of accounts by the groups they share', () => {
    const groups = detectCoordination([
      post('alice', 0, 'a', [LINK]),
      post('bob', 10, 'b', [LINK]),
      post('carol', 20, 'c', [LINK]),
      post('alice', 7200, 'd', ['https://dcleaks.com/']),
      post('bob', 7210, 'e', ['https://dcleaks.com/']),
      post('dave', 7220, 'f', ['https://dcleaks.com/']),
    ]);
    const network = coordinationNetwork(groups);
    expect(network.edges.map((e) => [e.source, e.target, e.weight])).toEqual([
      ['alice', 'bob', 2],
      ['alice', 'carol', 1],
      ['alice', 'dave', 1],
      ['bob', 'carol', 1],
      ['bob', 'dave', 1],
    ]);
    expect(network.edges[0]!.groups).toEqual(groups.map((g) => g.id));
    expect(network.nodes.map((n) => [n.account, n.groups])).toEqual([
      ['alice', 2],
      ['bob', 2],
      ['carol', 1],
      ['dave', 1],
    ]);
  });
});
