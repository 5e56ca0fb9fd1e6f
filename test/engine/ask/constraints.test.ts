import { describe, expect, it } from 'vitest';
import { LOW_STOCK, parseConstraints } from '../../../electron/engine/ask/constraints.ts';

describe('parseConstraints', () => {
  it.each([
    ['bags under $50', [{ field: 'price', op: '<', value: 50 }], 'bags'],
    [
      'which products have fewer than 3 in stock?',
      [{ field: 'stock', op: '<', value: 3 }],
      'which products have ?',
    ],
    [
      'shoes between 20 and 40 dollars',
      [
        { field: 'price', op: '>=', value: 20 },
        { field: 'price', op: '<=', value: 40 },
      ],
      'shoes',
    ],
    ['how many bags are out of stock?', [{ field: 'stock', op: '<=', value: 0 }], 'how many bags are ?'],
    ['jackets at least €60', [{ field: 'price', op: '>=', value: 60 }], 'jackets'],
    ['items with stock below 4', [{ field: 'stock', op: '<', value: 4 }], 'items with stock'],
    [
      'dresses $40-$60 in stock',
      [
        { field: 'price', op: '>=', value: 40 },
        { field: 'price', op: '<=', value: 60 },
        { field: 'stock', op: '>', value: 0 },
      ],
      'dresses',
    ],
    ['what is running low?', [{ field: 'stock', op: '<=', value: LOW_STOCK }], 'what is ?'],
    ['5 units or more of scarves', [{ field: 'stock', op: '>=', value: 5 }], 'of scarves'],
  ])('%s', (question, comparisons, rest) => {
    const parsed = parseConstraints(question);
    expect(parsed.comparisons).toEqual(comparisons);
    expect(parsed.rest).toBe(rest);
  });

  it('leaves product codes with spaces or dashes alone', () => {
    expect(parseConstraints('is CBT 89-01 in stock').comparisons).toEqual([
      { field: 'stock', op: '>', value: 0 },
    ]);
    expect(parseConstraints('RSG8901 price').comparisons).toEqual([]);
  });
});
