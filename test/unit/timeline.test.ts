import { describe, expect, it } from 'vitest';
import { buildTimeline, formatLag } from '../../src/domain/timeline/build-timeline.ts';
import { timelineCsv } from '../../src/domain/timeline/csv.ts';
import type { TimelineEvent } from '../../src/domain/timeline/types.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
let id = 0;
const event = (e: Partial<TimelineEvent> & Pick<TimelineEvent, 'stage' | 'url'>): TimelineEvent => ({
  id: ++id,
  tier: null,
  kind: 'excerpt',
  domain: new URL(e.url).hostname,
  account: null,
  platform: null,
  publishedAt: null,
  observedAt: '2017-05-07T00:00:00.000Z',
  reposts: null,
  ...e,
});

const events: TimelineEvent[] = [
  event({ stage: 'drop', url: 'https://pastebin.com/raw/a', kind: 'exact', publishedAt: '2017-05-05T18:35:00Z' }),
  event({ stage: 'drop', url: 'https://4chan.org/pol/1', publishedAt: '2017-05-05T18:50:00Z' }),
  event({ stage: 'amplification', url: 'https://twitter.com/a/status/1', account: 'a', publishedAt: '2017-05-05T19:05:00Z', reposts: 120 }),
  event({ stage: 'amplification', url: 'https://twitter.com/b/status/2', account: 'b', publishedAt: '2017-05-05T19:07:00Z', reposts: 3 }),
  event({ stage: 'mainstream', url: 'https://regional.example/story', tier: 2, publishedAt: '2017-05-05T21:00:00Z' }),
  event({ stage: 'mainstream', url: 'https://www.lemonde.fr/article', tier: 1, publishedAt: '2017-05-05T22:47:00Z' }),
  // claims a time before the drop: kept, but placed at its observation and flagged
  event({ stage: 'mainstream', url: 'https://backdated.example/x', tier: 3, publishedAt: '2017-05-01T00:00:00Z' }),
  event({ stage: 'unclassified', url: 'https://blog.example/p' }),
];

describe('buildTimeline', () => {
  const t = buildTimeline('macron-2017', events, '2017-05-05T18:35:00Z', NOW);

  it('summarises each stage with its first and last sighting, counts and the time basis used', () => {
    const [drop, amplification, mainstream] = t.stages;
    expect(drop).toMatchObject({ stage: 'drop', sightings: 2, firstSeenAt: '2017-05-05T18:35:00.000Z', firstSighting: { url: 'https://pastebin.com/raw/a', kind: 'exact', basis: 'claimed' } });
    expect(amplification).toMatchObject({ sightings: 2, accounts: 2, firstSighting: { url: 'https://twitter.com/a/status/1' } });
    expect(amplification!.mostReposted[0]).toMatchObject({ url: 'https://twitter.com/a/status/1', reposts: 120 });
    expect(mainstream).toMatchObject({ sightings: 3, firstSighting: { url: 'https://regional.example/story' } });
    expect(mainstream!.lastSighting).toMatchObject({ url: 'https://backdated.example/x', basis: 'observed' });
  });

  it('gives the lag of each transition and the moment the leak entered the mainstream (first tier-1 outlet)', () => {
    expect(t.transitions.map((x) => [x.from, x.to, x.lagSeconds])).toEqual([
      ['drop', 'amplification', 30 * 60],
      ['amplification', 'mainstream', 115 * 60],
    ]);
    expect(t.enteredMainstreamAt).toBe('2017-05-05T22:47:00.000Z');
    expect(t.enteredMainstreamBy?.url).toBe('https://www.lemonde.fr/article');
  });

  it('flags a claimed time before the drop instead of trusting it', () => {
    expect(t.suspicious).toEqual([expect.objectContaining({ url: 'https://backdated.example/x', reason: expect.stringMatching(/before the leak's first drop/) })]);
    expect(t.unclassified).toBe(1);
  });

  it('counts sightings per hour and per day', () => {
    expect(t.stages[1]!.series.hourly).toEqual([{ at: '2017-05-05T19:00:00.000Z', sightings: 2 }]);
    expect(t.stages[2]!.series.daily.map((d) => d.at)).toEqual(['2017-05-05T00:00:00.000Z', '2017-05-07T00:00:00.000Z']);
  });

  it('exports one CSV row per stage', () => {
    const rows = timelineCsv(t).trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain('amplification,2017-05-05T19:05:00.000Z,claimed');
    expect(rows[3]).toContain(String(115 * 60));
  });

  it('is empty but well formed for a leak with no sightings', () => {
    const empty = buildTimeline('x', [], null, NOW);
    expect(empty.stages.every((s) => s.sightings === 0 && s.firstSighting === null)).toBe(true);
    expect(empty.transitions).toEqual([]);
    expect(empty.enteredMainstreamAt).toBeNull();
  });
});

describe('formatLag', () => {
  it('reads like a person would say it', () => {
    expect(formatLag(15120)).toBe('4 h 12 min');
    expect(formatLag(45)).toBe('45 s');
    expect(formatLag(3 * 86400 + 7200)).toBe('3 d 2 h');
  });
});
