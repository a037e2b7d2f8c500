import { describe, expect, it } from 'vitest';
import { bootstrapStd, corpusScores, sameTokens, shingleCounts, tokenize } from '../../bench/article/metric.ts';
import { sameInstant, sameText } from '../../bench/article/metadata-accuracy.ts';

describe('the article-extraction benchmark metric', () => {
  it('tokenizes Unicode words as Python\'s \\w+ does', () => {
    expect(tokenize("It's 4:30 — déjà vu, snake_case, 東京")).toEqual(['It', 's', '4', '30', 'déjà', 'vu', 'snake_case', '東京']);
  });

  it('counts 4-word shingles as a multiset, normalised per page', () => {
    expect(shingleCounts('a b c d e', 'a b c d e')).toEqual([1, 0, 0]);
    expect(shingleCounts('a b c d e', 'a b c d')).toEqual([0.5, 0, 0.5]);
    expect(shingleCounts('a b c d', 'x y z w')).toEqual([0, 0.5, 0.5]);
    // fewer than four tokens make one shorter shingle
    expect(shingleCounts('hello world', 'hello world')).toEqual([1, 0, 0]);
    expect(shingleCounts('', '')).toEqual([0, 0, 0]);
  });

  it('averages precision and recall over the pages where each is defined, F1 from the averages', () => {
    const scores = corpusScores([[1, 0, 0], [0.5, 0.5, 0], [0, 0, 0]]);
    expect(scores.precision).toBeCloseTo(0.75);
    expect(scores.recall).toBeCloseTo(1);
    expect(scores.f1).toBeCloseTo((2 * 0.75) / 1.75);
  });

  it('repeats its bootstrap from the same seed', () => {
    const pages = [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]] as const;
    expect(bootstrapStd(pages, 200, 7)).toEqual(bootstrapStd(pages, 200, 7));
    expect(bootstrapStd(pages, 200, 7).f1).toBeGreaterThan(0);
  });

  it('compares token sequences and metadata values as the report describes', () => {
    expect(sameTokens('Hello, world!', 'Hello world')).toBe(true);
    expect(sameText('Hello  World', 'hello world')).toBe(true);
    expect(sameText('Hello', null)).toBe(false);
    expect(sameInstant('2015-07-10T09:53:00-04:00', '2015-07-10T13:53:00.000Z')).toBe(true);
    expect(sameInstant('2018-04-05T06:00', '2018-04-05T06:00:00.000Z')).toBe(true);
    expect(sameInstant('2024-06-25', '2024-06-25T00:00:00.000Z')).toBe(true);
    expect(sameInstant('2024-06-25', '2024-06-26T00:00:00.000Z')).toBe(false);
  });
});
