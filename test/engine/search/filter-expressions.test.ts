import { describe, expect, it } from 'vitest';
import { parseFilterExpressions } from '../../../electron/engine/search/filter-expressions.ts';

describe('CLI filter expressions', () => {
  it('reads price bounds, categories, brands, stock and attributes', () => {
    expect(
      parseFilterExpressions([
        'price<50',
        'price>=20',
        'category=Bags',
        'brand=Nike',
        'instock',
        'colour=Red',
      ]),
    ).toEqual({
      priceMax: 50,
      priceMin: 20,
      categories: ['Bags'],
      brands: ['Nike'],
      inStock: true,
      attributes: { colour: 'Red' },
    });
  });

  it('reads on-sale and variant options, keeping the option name as the file writes it', () => {
    expect(parseFilterExpressions(['onsale', 'option.Size=M', 'option.Color=Forest Green'])).toEqual({
      onSale: true,
      options: { Size: 'M', Color: 'Forest Green' },
    });
  });

  it('rejects what it cannot read, naming the expression', () => {
    expect(() => parseFilterExpressions(['price<abc'])).toThrow(/price<abc/);
    expect(() => parseFilterExpressions(['colour>red'])).toThrow(/only price/);
    expect(() => parseFilterExpressions(['nonsense'])).toThrow(/nonsense/);
  });
});
