import { describe, expect, it } from 'vitest';
import { recallAt10 } from '../../../bench/peers/context.ts';

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
