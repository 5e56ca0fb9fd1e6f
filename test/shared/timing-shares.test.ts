import { describe, expect, it } from 'vitest';
import { timingShares } from '../../shared/types.ts';

describe('timingShares', () => {
  it('gives each part of an indexing run in whole percent', () => {
    expect(timingShares({ modelMs: 55_605, annMs: 7_998, otherMs: 1_984 })).toEqual({
      model: 85,
      ann: 12,
      other: 3,
    });
  });

  it('says 0 for a run that took no time, rather than dividing by it', () => {
    expect(timingShares({ modelMs: 0, annMs: 0, otherMs: 0 })).toEqual({ model: 0, ann: 0, other: 0 });
  });
});
