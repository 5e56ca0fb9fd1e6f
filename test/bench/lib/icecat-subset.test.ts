import { describe, expect, it } from 'vitest';
import { selectSubset } from '../../../bench/lib/icecat-subset.ts';

describe('selectSubset', () => {
  const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: String(i), title: `p${i}` }));

  it('keeps every judged product, then fills up in file order', () => {
    const picked = selectSubset(lines, new Set(['7', '9']), 4);
    expect(picked.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['7', '9', '0', '1']);
  });

  it('never drops a judged product to respect the size', () => {
    expect(selectSubset(lines, new Set(['1', '2', '3']), 2)).toHaveLength(3);
  });
});
