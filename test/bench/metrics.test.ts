import { describe, expect, it } from 'vitest';
import { ndcgAt, percentile, recallAt } from '../../bench/lib/metrics.ts';

describe('relevance metrics', () => {
  const judged = new Map([
    ['a', 3],
    ['b', 2],
    ['c', 0],
    ['d', 1],
  ]);

  it('scores the ideal ranking 1 and a worse one less', () => {
    expect(ndcgAt(['a', 'b', 'd'], judged, 10)).toBeCloseTo(1, 10);
    const swapped = ndcgAt(['b', 'a', 'd'], judged, 10);
    expect(swapped).toBeLessThan(1);
    // DCG of [2,3,1] over the ideal [3,2,1], by hand.
    const dcg = 3 / 1 + 7 / Math.log2(3) + 1 / 2;
    const ideal = 7 + 3 / Math.log2(3) + 1 / 2;
    expect(swapped).toBeCloseTo(dcg / ideal, 10);
  });

  it('counts unjudged documents as irrelevant and queries without relevant documents as 0', () => {
    expect(ndcgAt(['x', 'y'], judged, 10)).toBe(0);
    expect(ndcgAt(['a'], new Map([['a', 0]]), 10)).toBe(0);
  });

  it('computes recall over relevant documents only', () => {
    expect(recallAt(['a', 'c', 'x'], judged, 50)).toBeCloseTo(1 / 3, 10);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });
});
