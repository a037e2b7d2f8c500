import { describe, expect, it } from 'vitest';
import type { CoordinationGroup } from '../../src/domain/coordination/index.ts';
import { summariseBursts } from '../../src/domain/timeline/bursts.ts';

function group(id: string, start: string, seconds: number, accounts: number, size = accounts): CoordinationGroup {
  const end = new Date(Date.parse(start) + seconds * 1000).toISOString();
  return {
    id,
    basis: 'same-text',
    key: id,
    accounts: Array.from({ length: accounts }, (_, i) => `a${i}`),
    size,
    reposts: 0,
    start,
    end,
    windowSeconds: seconds,
    example: { account: 'a0', text: `text of ${id}`, time: start },
    posts: [],
    alsoKeys: [],
  };
}

describe('summariseBursts', () => {
  it('lists the largest bursts in time order and counts them all', () => {
    const groups = [
      group('small', '2024-10-21T09:00:00.000Z', 30, 3),
      group('big', '2024-10-22T09:00:00.000Z', 40, 12),
      group('middle', '2024-10-20T09:00:00.000Z', 50, 5, 9),
      group('middle-fewer-posts', '2024-10-19T09:00:00.000Z', 50, 5, 5),
    ];
    const { coordinated, coordinatedTotal } = summariseBursts(groups, 2);
    expect(coordinatedTotal).toBe(4);
    expect(coordinated.map((g) => g.id)).toEqual(['middle', 'big']);
    expect(coordinated[1]).toEqual({ id: 'big', basis: 'same-text', start: '2024-10-22T09:00:00.000Z', end: '2024-10-22T09:00:40.000Z', accounts: 12, posts: 12, example: 'text of big' });
  });

  it('merges every burst into spans: those less than an hour apart share one', () => {
    const groups = [
      group('c', '2024-10-21T12:00:00.000Z', 60, 3),
      group('a', '2024-10-21T09:00:00.000Z', 60, 3),
      group('b', '2024-10-21T09:59:00.000Z', 120, 4),
      group('inside', '2024-10-21T09:00:10.000Z', 10, 3),
    ];
    expect(summariseBursts(groups, 1).coordinatedSpans).toEqual([
      { start: '2024-10-21T09:00:00.000Z', end: '2024-10-21T10:01:00.000Z', bursts: 3 },
      { start: '2024-10-21T12:00:00.000Z', end: '2024-10-21T12:01:00.000Z', bursts: 1 },
    ]);
  });

  it('gives nothing for no bursts', () => {
    expect(summariseBursts([])).toEqual({ coordinated: [], coordinatedTotal: 0, coordinatedSpans: [] });
  });
});
