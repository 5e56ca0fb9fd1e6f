import { describe, expect, it } from 'vitest';
import { detectMapping } from '../../../electron/engine/catalog/mapping.ts';
import { parsePrice, parseStock, toProduct } from '../../../electron/engine/catalog/normalize.ts';
import { FIXTURES, readAll } from './helpers.ts';

describe('parsePrice', () => {
  it.each([
    ['$1,299.00', 1299, 'USD'],
    ['1.299,00 €', 1299, 'EUR'],
    ['12.5', 12.5, null],
    ['EUR 12,50', 12.5, 'EUR'],
    ['£5', 5, 'GBP'],
    ['₹1,499', 1499, 'INR'],
    ['JPY 1500', 1500, 'JPY'],
    ['12.99 usd', 12.99, 'USD'],
    ['US$ 3.50', 3.5, 'USD'],
    ['Rs. 499', 499, 'INR'],
    ['1 299,00', 1299, null],
    ['1.299', 1299, null],
    ['0.125', 0.125, null],
    ['  7 ', 7, null],
    [26.99, 26.99, null],
  ])('%s → %s %s', (raw, amount, currency) => {
    expect(parsePrice(raw)).toEqual({ amount, currency });
  });

  it.each(['abc', '12abc', '1,2,3', '$12 EUR', '12-20', true])('%s is invalid', (raw) => {
    expect(parsePrice(raw)).toBe('invalid');
  });

  it.each(['', '  ', 'N/A', '-', null, undefined])('%s is no price', (raw) => {
    expect(parsePrice(raw)).toBeNull();
  });
});

describe('parseStock', () => {
  it.each([
    ['12', 12],
    ['12.0', 12],
    ['1,200', 1200],
    ['1.200', 1200],
    [' 7 ', 7],
    [4, 4],
    ['-3', -3],
  ])('%s → %s', (raw, n) => {
    expect(parseStock(raw)).toBe(n);
  });
  it.each(['abc', '12.5', 4.5, 'in stock'])('%s is invalid', (raw) =>
    expect(parseStock(raw)).toBe('invalid'),
  );
  it.each(['', null, 'n/a'])('%s is no stock', (raw) => expect(parseStock(raw)).toBeNull());
});

describe('toProduct', () => {
  const mapping = {
    id: 'sku',
    name: 'title',
    price: 'Price (INR)',
    stock: 'qty',
    currency: 'cur',
    category: 'cat',
  };
  const rec = (values: Record<string, unknown>, row = 2) => ({ row, values });

  it('maps fields, trims, turns empty strings into null and keeps the other columns as attributes', () => {
    const out = toProduct(
      rec({
        sku: ' A-1 ',
        title: ' Tee ',
        'Price (INR)': '1,499',
        qty: '12.0',
        cat: '',
        colour: ' red ',
        size: '',
        n: 3,
        ok: true,
      }),
      mapping,
      'f.csv',
    );
    expect(out).toEqual({
      product: {
        id: 'A-1',
        name: 'Tee',
        description: null,
        category: null,
        brand: null,
        price: 1499,
        currency: 'INR',
        stock: 12,
        stockState: 'in stock',
        compareAtPrice: null,
        priceMax: null,
        season: null,
        attributes: { colour: 'red', size: null, n: 3, ok: true },
        variants: [],
      },
    });
  });

  it('takes the currency from the value first, then the currency column, then the header', () => {
    const cur = (values: Record<string, unknown>) => {
      const out = toProduct(rec({ sku: '1', title: 't', ...values }), mapping, 'f.csv');
      return 'product' in out ? out.product.currency : out.rejected.reason;
    };
    expect(cur({ 'Price (INR)': '$5', cur: 'eur' })).toBe('USD');
    expect(cur({ 'Price (INR)': '5', cur: 'eur' })).toBe('EUR');
    expect(cur({ 'Price (INR)': '5', cur: '€' })).toBe('EUR');
    expect(cur({ 'Price (INR)': '5' })).toBe('INR');
    expect(cur({ 'Price (INR)': '' })).toBeNull();
  });

  it.each([
    [{ title: 't' }, 'sku', 'the id is empty'],
    [{ sku: '  ', title: 't' }, 'sku', 'the id is empty'],
    [{ sku: 'x'.repeat(501), title: 't' }, 'sku', 'the id is longer than 500 characters'],
    [{ sku: '1', title: '' }, 'title', 'the name is empty'],
    [{ sku: '1', title: 't', 'Price (INR)': 'abc' }, 'Price (INR)', 'price "abc" is not a number'],
    [{ sku: '1', title: 't', 'Price (INR)': '-5' }, 'Price (INR)', 'price "-5" is negative'],
    [{ sku: '1', title: 't', qty: 'lots' }, 'qty', 'stock "lots" is not a whole number'],
    [{ sku: '1', title: 't', qty: '2.5' }, 'qty', 'stock "2.5" is not a whole number'],
  ])('rejects %j: field %s, %s', (values, field, reason) => {
    expect(toProduct(rec(values, 7), mapping, 'f.csv')).toEqual({
      rejected: { file: 'f.csv', row: 7, field, reason },
    });
  });

  it('rejects rows the reader flagged, and says when no column is mapped to id or name', () => {
    expect(
      toProduct(
        { row: 4, values: {}, problem: 'the row has 2 fields but the header has 3' },
        mapping,
        'f.csv',
      ),
    ).toEqual({
      rejected: {
        file: 'f.csv',
        row: 4,
        field: '(row)',
        reason: 'the row has 2 fields but the header has 3',
      },
    });
    expect(
      toProduct({ row: 5, values: {}, problem: 'too big', problemField: 'notes' }, mapping, 'f.csv'),
    ).toMatchObject({
      rejected: { field: 'notes' },
    });
    expect(toProduct(rec({ title: 'x' }), { name: 'title' }, 'f.csv')).toMatchObject({
      rejected: { field: 'id', reason: 'no column is mapped to the product id' },
    });
  });

  it('quotes long bad values shortened', () => {
    const out = toProduct(rec({ sku: '1', title: 't', 'Price (INR)': 'y'.repeat(200) }), mapping, 'f.csv');
    expect('rejected' in out && out.rejected.reason).toBe(`price "${'y'.repeat(57)}..." is not a number`);
  });

  it('imports every Hermes row', async () => {
    const { columns, records } = await readAll(`${FIXTURES}hermes-products.csv`);
    const m = detectMapping(columns);
    const products = records.map((r) => toProduct(r, m, 'hermes-products.csv'));
    expect(products.filter((p) => 'rejected' in p)).toEqual([]);
    expect(products[0]).toEqual({
      product: expect.objectContaining({
        id: 'RSG8901',
        name: 'Retro Sunglasses',
        price: 26.99,
        stock: 1,
        season: 'Spring, Summer',
        category: 'Accessories',
        attributes: {},
      }),
    });
  });
});
