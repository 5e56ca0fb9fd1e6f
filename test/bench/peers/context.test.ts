import { describe, expect, it } from 'vitest';
import { recallAt10, tieAwareRecallAt10 } from '../../../bench/peers/context.ts';

describe('recallAt10', () => {
  it('is the share of the exact top-10 found, over all queries', () => {
    const exact = [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    ];
    expect(recallAt10(exact, exact)).toBe(1);
    expect(recallAt10([[1, 2, 3, 4, 5, 99, 98, 97, 96, 95], exact[1]], exact)).toBe(0.75);
    expect(recallAt10([[], []], exact)).toBe(0);
  });
});

describe('tieAwareRecallAt10', () => {
  it('accepts an item tied with the exact 10th neighbour and rejects a farther one', () => {
    const exact = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
    // Items 0-9 and 10 are equally close; 11 is farther.
    const sim = (_q: number, i: number) => (i === 11 ? 0.5 : 0.9);
    expect(tieAwareRecallAt10([[0, 1, 2, 3, 4, 5, 6, 7, 8, 10]], exact, sim)).toBe(1);
    expect(tieAwareRecallAt10([[0, 1, 2, 3, 4, 5, 6, 7, 8, 11]], exact, sim)).toBe(0.9);
    expect(recallAt10([[0, 1, 2, 3, 4, 5, 6, 7, 8, 10]], exact)).toBe(0.9);
  });
});
