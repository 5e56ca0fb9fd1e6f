// "Do we have more Sony or Panasonic products?", "Is the average price higher for X or Y?", asked of real
// catalogs: each side counted (or averaged) on its own, the winner named first with both figures.
// Expected figures are computed here from the files.
import { describe, expect } from 'vitest';
import { askEach, importedWithoutIndex, readCsv, MYNTRA_CSV, DUMMYJSON_CSV, WOO_CSV } from './ask-each.ts';

type Row = Record<string, string>;
const count = new Intl.NumberFormat('en-US');

interface Side {
  /** How the answer names the side ("by Puma", "in laptops", "with Gender Girls"). */
  label: string;
  rows: () => Row[];
}

interface Case {
  q: string;
  measure: 'count' | 'avg';
  sides: [Side, Side];
  reading: string;
  price?: (r: Row) => number;
  money?: (n: number) => string;
}

function check(a: { answer: string; reading: string; route: string }, c: Case): void {
  const first = a.answer.split('\n')[0];
  expect(a.route).toBe('comparison');
  expect(a.reading).toBe(c.reading);
  const [x, y] = c.sides.map((s) => ({ label: s.label, rows: s.rows() }));
  if (c.measure === 'count') {
    const [hi, lo] = x.rows.length >= y.rows.length ? [x, y] : [y, x];
    expect(hi.rows.length).not.toBe(lo.rows.length);
    expect(first).toBe(
      `More products ${hi.label}: ${count.format(hi.rows.length)}, against ${count.format(lo.rows.length)} products ${lo.label}.`,
    );
    return;
  }
  const avg = (rows: Row[]) => rows.reduce((s, r) => s + c.price!(r), 0) / rows.length;
  const [hi, lo] = avg(x.rows) >= avg(y.rows) ? [x, y] : [y, x];
  expect(first).toBe(
    `The average price is higher for products ${hi.label}: ${c.money!(avg(hi.rows))}, against ${c.money!(avg(lo.rows))} for products ${lo.label}.`,
  );
}

describe('comparisons of two groups in the Myntra fashion catalog', () => {
  const rows = readCsv(MYNTRA_CSV);
  const brand = (b: string) => () => rows.filter((r) => r.ProductBrand.trim() === b);
  const gender = (g: string) => () => rows.filter((r) => r.Gender.trim() === g);
  const inr = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'INR' });
  askEach(
    () => importedWithoutIndex(MYNTRA_CSV),
    [
      {
        q: 'Do we have more Puma or Nike products?',
        measure: 'count',
        sides: [
          { label: 'by Puma', rows: brand('Puma') },
          { label: 'by Nike', rows: brand('Nike') },
        ],
        reading: 'compared (count): brand = Puma vs brand = Nike',
      },
      {
        q: 'Are there more items for girls or boys?',
        measure: 'count',
        sides: [
          { label: 'with Gender Girls', rows: gender('Girls') },
          { label: 'with Gender Boys', rows: gender('Boys') },
        ],
        reading: 'compared (count): Gender = Girls vs Gender = Boys',
      },
      {
        q: 'Is the average price higher for Nike or Adidas?',
        measure: 'avg',
        sides: [
          { label: 'by Nike', rows: brand('Nike') },
          { label: 'by ADIDAS', rows: brand('ADIDAS') },
        ],
        reading: 'compared (average price): brand = Nike vs brand = ADIDAS',
        price: (r) => Number(r['Price (INR)']),
        money: (n) => inr.format(n),
      },
    ] satisfies Case[],
    check,
  );
});

describe('comparisons of two groups in the DummyJSON catalog', () => {
  const rows = readCsv(DUMMYJSON_CSV);
  const where = (k: string, v: string) => () => rows.filter((r) => r[k] === v);
  const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  askEach(
    () => importedWithoutIndex(DUMMYJSON_CSV),
    [
      {
        q: 'Do we have more Apple or Samsung products?',
        measure: 'count',
        sides: [
          { label: 'by Apple', rows: where('brand', 'Apple') },
          { label: 'by Samsung', rows: where('brand', 'Samsung') },
        ],
        reading: 'compared (count): brand = Apple vs brand = Samsung',
      },
      {
        q: 'Are there fewer fragrances than groceries?',
        measure: 'count',
        sides: [
          { label: 'in fragrances', rows: where('category', 'fragrances') },
          { label: 'in groceries', rows: where('category', 'groceries') },
        ],
        reading: 'compared (count): category = fragrances vs category = groceries',
      },
      {
        q: 'Is the average price higher for laptops or smartphones?',
        measure: 'avg',
        sides: [
          { label: 'in laptops', rows: where('category', 'laptops') },
          { label: 'in smartphones', rows: where('category', 'smartphones') },
        ],
        reading: 'compared (average price): category = laptops vs category = smartphones',
        price: (r) => Number(r.price),
        money: (n) => plain.format(n),
      },
    ] satisfies Case[],
    check,
  );
});

describe('comparisons of two groups in a WooCommerce export', () => {
  const products = readCsv(WOO_CSV).filter((r) => r.Type !== 'variation');
  const under = (c: string) => () => products.filter((r) => r.Categories === c);
  askEach(
    () => importedWithoutIndex(WOO_CSV),
    [
      {
        q: 'Do we have more hoodies or tshirts?',
        measure: 'count',
        sides: [
          { label: 'in Clothing > Hoodies', rows: under('Clothing > Hoodies') },
          { label: 'in Clothing > Tshirts', rows: under('Clothing > Tshirts') },
        ],
        reading: 'compared (count): category = Clothing > Hoodies vs category = Clothing > Tshirts',
      },
    ] satisfies Case[],
    check,
  );
});
