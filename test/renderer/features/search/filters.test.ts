import { describe, expect, it } from 'vitest';
import {
  applyFacet,
  applyOption,
  isFacetActionable,
  isFacetActive,
  isOptionActive,
  orderStockFacet,
  priceBandRange,
  setOnSale,
  withoutEmpty,
} from '../../../../renderer/features/search/filters.ts';

describe('priceBandRange', () => {
  it('reads the common ways to write a price band', () => {
    expect(priceBandRange('25–50')).toEqual({ priceMin: 25, priceMax: 50 });
    expect(priceBandRange('$1,000 - $2,500')).toEqual({ priceMin: 1000, priceMax: 2500 });
    expect(priceBandRange('under 25')).toEqual({ priceMax: 25 });
    expect(priceBandRange('< 10')).toEqual({ priceMax: 10 });
    expect(priceBandRange('100+')).toEqual({ priceMin: 100 });
    expect(priceBandRange('unknown')).toBeNull();
  });
});

describe('applyFacet', () => {
  it('toggles categories and brands on and off', () => {
    const once = applyFacet({}, 'category', 'Bags');
    expect(once).toEqual({ categories: ['Bags'] });
    expect(applyFacet(once, 'category', 'Shoes')).toEqual({ categories: ['Bags', 'Shoes'] });
    expect(applyFacet(once, 'category', 'Bags')).toEqual({});
    expect(applyFacet({ inStock: true }, 'brand', 'Acme')).toEqual({ inStock: true, brands: ['Acme'] });
  });

  it('sets and clears a price band, and maps the in-stock facet to the toggle', () => {
    const banded = applyFacet({ priceMin: 5 }, 'price', '25-50');
    expect(banded).toEqual({ priceMin: 25, priceMax: 50 });
    expect(isFacetActive(banded, 'price', '25-50')).toBe(true);
    expect(applyFacet(banded, 'price', '25-50')).toEqual({});
    expect(applyFacet({}, 'price', 'n/a')).toEqual({});
    const stocked = applyFacet({}, 'stock', 'In stock');
    expect(stocked).toEqual({ inStock: true });
    expect(isFacetActive(stocked, 'stock', 'In stock')).toBe(true);
    expect(applyFacet(stocked, 'stock', 'In stock')).toEqual({});
  });

  it('filters the stock facet both ways, one at a time, and never on "unknown"', () => {
    const out = applyFacet({ brands: ['Acme'] }, 'stock', 'out of stock');
    expect(out).toEqual({ brands: ['Acme'], inStock: false });
    expect(isFacetActive(out, 'stock', 'out of stock')).toBe(true);
    expect(isFacetActive(out, 'stock', 'in stock')).toBe(false);
    expect(applyFacet(out, 'stock', 'in stock')).toEqual({ brands: ['Acme'], inStock: true });
    expect(applyFacet(out, 'stock', 'out of stock')).toEqual({ brands: ['Acme'] });
    expect(applyFacet(out, 'stock', 'unknown')).toBe(out);
    expect(isFacetActive({}, 'stock', 'out of stock')).toBe(false);
  });

  it('offers a click only where the contract can filter', () => {
    expect(isFacetActionable('stock', 'in stock')).toBe(true);
    expect(isFacetActionable('stock', 'out of stock')).toBe(true);
    expect(isFacetActionable('stock', 'unknown')).toBe(false);
    expect(isFacetActionable('price', '100+')).toBe(true);
    expect(isFacetActionable('price', 'n/a')).toBe(false);
    expect(isFacetActionable('category', 'Bags')).toBe(true);
  });

  it('drops empty values so the engine sees only real filters', () => {
    expect(withoutEmpty({ categories: [], priceMin: undefined, priceMax: 0 })).toEqual({ priceMax: 0 });
  });
});

describe('variant options and sales', () => {
  it('turns a click on an option value into Filters.options, one value per option', () => {
    const blue = applyOption({ brands: ['Acme'] }, 'Color', 'Blue');
    expect(blue).toEqual({ brands: ['Acme'], options: { Color: 'Blue' } });
    expect(isOptionActive(blue, 'Color', 'Blue')).toBe(true);
    expect(isOptionActive(blue, 'Color', 'Green')).toBe(false);
    // Another option adds to it; another value of the same option replaces it.
    const sized = applyOption(blue, 'Size', 'M');
    expect(sized.options).toEqual({ Color: 'Blue', Size: 'M' });
    expect(applyOption(sized, 'Color', 'Green').options).toEqual({ Color: 'Green', Size: 'M' });
    // Clicking the active value again clears it, and the last one leaves no empty options object.
    expect(applyOption(sized, 'Size', 'M')).toEqual(blue);
    expect(applyOption(blue, 'Color', 'Blue')).toEqual({ brands: ['Acme'] });
  });

  it('sets the on-sale filter and drops it when switched off', () => {
    const onSale = setOnSale({ inStock: true }, true);
    expect(onSale).toEqual({ inStock: true, onSale: true });
    expect(setOnSale(onSale, false)).toEqual({ inStock: true });
  });

  it('orders the stock facet by state, unknown last; only in and out of stock filter', () => {
    const facet = [
      { value: 'unknown', count: 1 },
      { value: 'backorder', count: 2 },
      { value: 'out of stock', count: 3 },
      { value: 'in stock', count: 4 },
      { value: 'preorder', count: 5 },
    ];
    expect(orderStockFacet(facet).map((f) => f.value)).toEqual([
      'in stock',
      'out of stock',
      'preorder',
      'backorder',
      'unknown',
    ]);
    expect(isFacetActionable('stock', 'preorder')).toBe(false);
    expect(applyFacet({}, 'stock', 'backorder')).toEqual({});
  });
});
