import path from 'node:path';
import { expect } from 'vitest';
import { FIXTURES } from '../helpers.ts';
import { askEach, importedWithoutIndex, readCsv } from './ask-each.ts';

// DummyJSON gives a discount (discountPercentage) instead of a regular price: a product with a discount
// above 0 is on sale. The fixture is a copy of ../shared/datasets/dummyjson-products/products_flat.csv
// (github.com/Ovi/DummyJSON at 55ca918, MIT); the expected counts are read off the file here.
const FILE = path.join(FIXTURES, 'catalog/dummyjson-products.csv');
const rows = readCsv(FILE);
const onSale = rows.filter((r) => Number(r.discountPercentage) > 0);
const groceries = onSale.filter((r) => r.category === 'groceries');
const cheapOnSale = onSale.filter((r) => Number(r.price) < 10);

askEach(
  () => importedWithoutIndex(FILE),
  [
    { q: 'How many products are on sale?', n: onSale.length, says: 'are on sale' },
    { q: 'How many groceries are on sale?', n: groceries.length, says: 'in groceries are on sale' },
    { q: 'How many products on sale cost less than $10?', n: cheapOnSale.length, says: 'on sale' },
  ],
  (a, c) => {
    expect(c.n).toBeGreaterThan(0);
    expect(a.answer.split('\n')[0]).toContain(`${c.n} products`);
    expect(a.answer.split('\n')[0]).toContain(c.says);
    expect(a.reading).toContain('compare-at price > price');
  },
);
