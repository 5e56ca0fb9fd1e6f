import { describe, expect, it } from 'vitest';
import {
  detectMapping,
  headerCurrency,
  parseMapOverrides,
} from '../../../electron/engine/catalog/mapping.ts';

describe('detectMapping', () => {
  it('maps the Hermes header', () => {
    expect(
      detectMapping(['product_id', 'name', 'category', 'description', 'stock', 'seasons', 'price']),
    ).toEqual({
      id: 'product_id',
      name: 'name',
      category: 'category',
      description: 'description',
      stock: 'stock',
      season: 'seasons',
      price: 'price',
    });
  });

  it('maps the Icecat fields, preferring title over name for the product name', () => {
    const cols = [
      'id',
      'name',
      'title',
      'ean',
      'img_high',
      'date_released',
      'supplier',
      'price',
      'short_description',
      'attr_t_product_type',
      'attr_t_product_colour',
    ];
    expect(detectMapping(cols)).toEqual({
      id: 'id',
      name: 'title',
      description: 'short_description',
      category: 'attr_t_product_type',
      brand: 'supplier',
      price: 'price',
    });
  });

  it('maps the Myntra header, including a price header that names its currency', () => {
    const cols = [
      'ProductID',
      'ProductName',
      'ProductBrand',
      'Gender',
      'Price (INR)',
      'NumImages',
      'Description',
      'PrimaryColor',
    ];
    expect(detectMapping(cols)).toEqual({
      id: 'ProductID',
      name: 'ProductName',
      brand: 'ProductBrand',
      price: 'Price (INR)',
      description: 'Description',
    });
  });

  it('maps the DummyJSON fields, keeping sku as an attribute next to id', () => {
    const cols = [
      'id',
      'title',
      'description',
      'category',
      'price',
      'discountPercentage',
      'rating',
      'stock',
      'brand',
      'sku',
      'tags',
      'weight',
      'dimensions.width',
      'availabilityStatus',
    ];
    const m = detectMapping(cols);
    expect(m).toEqual({
      id: 'id',
      name: 'title',
      description: 'description',
      category: 'category',
      brand: 'brand',
      price: 'price',
      stock: 'stock',
      discountPercent: 'discountPercentage',
    });
  });

  it('matches case- and punctuation-insensitively and never maps one column twice', () => {
    expect(
      detectMapping([
        'Article Number',
        'Product-Name',
        'UNIT_PRICE',
        'Qty',
        'Manufacturer',
        'Currency Code',
        'Product Type',
      ]),
    ).toEqual({
      id: 'Article Number',
      name: 'Product-Name',
      price: 'UNIT_PRICE',
      stock: 'Qty',
      brand: 'Manufacturer',
      currency: 'Currency Code',
      category: 'Product Type',
    });
    expect(detectMapping(['sku', 'item_name', 'Details', 'Vendor', 'inventory', 'Season'])).toEqual({
      id: 'sku',
      name: 'item_name',
      description: 'Details',
      brand: 'Vendor',
      stock: 'inventory',
      season: 'Season',
    });
    expect(detectMapping(['colour', 'size'])).toEqual({});
  });
});

describe('headerCurrency', () => {
  it.each([
    ['Price (INR)', 'INR'],
    ['price_eur', 'EUR'],
    ['Price in USD', 'USD'],
    ['Price [£]', 'GBP'],
    ['cost €', 'EUR'],
    ['price', null],
    ['Colour (RED)', null],
    ['Price (abc)', null],
  ])('%s → %s', (header, code) => {
    expect(headerCurrency(header)).toBe(code);
  });
});

describe('parseMapOverrides', () => {
  it('reads field=column pairs, columns may contain = and spaces', () => {
    expect(parseMapOverrides(['id=SKU', 'name = Product Name', 'price=Price (a=b)'])).toEqual({
      id: 'SKU',
      name: 'Product Name',
      price: 'Price (a=b)',
    });
  });

  it('refuses unknown fields and malformed pairs with a clear message', () => {
    expect(() => parseMapOverrides(['colour=Color'])).toThrow(
      '--map colour=Color: unknown field "colour"; the fields are id, name, description, category, brand, price, currency, stock, season',
    );
    expect(() => parseMapOverrides(['id'])).toThrow('--map id: expected field=column');
    expect(() => parseMapOverrides(['id='])).toThrow(/expected field=column/);
  });
});
