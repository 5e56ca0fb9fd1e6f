import { describe, expect, it } from 'vitest';
import type { Variant } from '../../../../shared/types.ts';
import {
  findVariant,
  optionCells,
  optionNames,
  optionsText,
} from '../../../../renderer/features/product/variants.ts';

const variant = (id: string, options: Record<string, string>, over: Partial<Variant> = {}): Variant => ({
  id,
  options,
  price: 25,
  compareAtPrice: null,
  stock: 0,
  stockState: 'out of stock',
  barcode: null,
  ...over,
});

// The shape of Shopify's example shirt, plus a variant that only names a size.
const shirt = [
  variant('SRT_COT_111', { Color: 'Green', Size: 'S' }),
  variant('SRT_COT_122', { Color: 'Green', Size: 'M' }),
  variant(
    'SRT_COT_211',
    { Color: 'Blue', Size: 'S' },
    { compareAtPrice: 30, stock: 4, stockState: 'in stock' },
  ),
  variant('SRT_ODD', { Size: 'XL', Fit: 'Slim' }),
];

describe('variant table', () => {
  it('has one column per option name, in first-seen order', () => {
    expect(optionNames(shirt)).toEqual(['Color', 'Size', 'Fit']);
    expect(optionNames([])).toEqual([]);
  });

  it('fills each row under those columns, with a dash where a variant lacks the option', () => {
    const names = optionNames(shirt);
    expect(shirt.map((v) => optionCells(v, names))).toEqual([
      ['Green', 'S', '—'],
      ['Green', 'M', '—'],
      ['Blue', 'S', '—'],
      ['—', 'XL', 'Slim'],
    ]);
  });

  it('finds the variant a SKU search matched, and none for an id the product no longer has', () => {
    expect(findVariant(shirt, 'SRT_COT_122')?.options).toEqual({ Color: 'Green', Size: 'M' });
    expect(findVariant(shirt, 'SRT_GONE')).toBeNull();
    expect(findVariant(shirt, null)).toBeNull();
  });

  it("reads a variant's options as words", () => {
    expect(optionsText({ Color: 'Green', Size: 'M' })).toBe('Color Green / Size M');
    expect(optionsText({})).toBe('');
  });
});
