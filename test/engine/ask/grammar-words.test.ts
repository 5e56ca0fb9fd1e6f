// Words that shape a question ("in the Accessories category", "listed under", "tagged", "of type",
// "come in") are its grammar, not words products must contain; list-valued fields ("Blue, Green, Red",
// "beauty|mascara", "simple, downloadable, virtual") match each of their parts. Counts from the files.
import { describe, expect } from 'vitest';
import { askEach, importedWithoutIndex, readCsv, MYNTRA_CSV, DUMMYJSON_CSV, WOO_CSV } from './ask-each.ts';

type Row = Record<string, string>;

interface Case {
  q: string;
  expected: () => number;
  reading: string;
}

const count = new Intl.NumberFormat('en-US');
const parts = (value: string | undefined, separator: RegExp) =>
  (value ?? '').split(separator).map((p) => p.trim().toLowerCase());

function check(a: { answer: string; reading: string; route: string }, c: Case): void {
  const n = c.expected();
  expect(n).toBeGreaterThan(0);
  expect(a.route).toBe('aggregate');
  expect(a.answer.split('\n')[0]).toMatch(new RegExp(`^${count.format(n)} products? `));
  expect(a.reading).toBe(c.reading);
}

describe('grammar words and list values in the DummyJSON catalog', () => {
  const rows = readCsv(DUMMYJSON_CSV);
  const tagged = (t: string) => rows.filter((r) => parts(r.tags, /\|/).includes(t)).length;
  const inCategory = (c: string) => rows.filter((r) => r.category === c).length;
  askEach(
    () => importedWithoutIndex(DUMMYJSON_CSV),
    [
      {
        q: 'How many products are in the groceries category?',
        expected: () => inCategory('groceries'),
        reading: 'counted: category = groceries',
      },
      {
        q: 'Which products are listed under furniture?',
        expected: () => inCategory('furniture'),
        reading: 'listed: category = furniture',
      },
      {
        q: 'How many products are tagged cricket?',
        expected: () => tagged('cricket'),
        reading: 'counted: tags = cricket',
      },
      {
        q: 'How many items are tagged with kitchen tools?',
        expected: () => tagged('kitchen tools'),
        reading: 'counted: tags = kitchen tools',
      },
    ],
    check,
  );
});

describe('grammar words and list values in a WooCommerce export', () => {
  const products = readCsv(WOO_CSV).filter((r) => r.Type !== 'variation');
  const attribute = (r: Row, name: string) =>
    [1, 2].flatMap((n) =>
      r[`Attribute ${n} name`] === name ? parts(r[`Attribute ${n} value(s)`], /,/) : [],
    );
  askEach(
    () => importedWithoutIndex(WOO_CSV),
    [
      {
        q: 'How many products are in the Accessories category?',
        expected: () => products.filter((r) => r.Categories === 'Clothing > Accessories').length,
        reading: 'counted: category = Clothing > Accessories',
      },
      {
        q: 'How many products are listed under Clothing?',
        expected: () => products.filter((r) => r.Categories.split(' > ')[0] === 'Clothing').length,
        reading: 'counted: category = Clothing',
      },
      {
        q: 'How many items come in red?',
        expected: () => products.filter((r) => attribute(r, 'Color').includes('red')).length,
        reading: 'counted: option Color = Red',
      },
      {
        q: 'How many products are of type downloadable?',
        expected: () => products.filter((r) => parts(r.Type, /,/).includes('downloadable')).length,
        reading: 'counted: Type = downloadable',
      },
      {
        q: 'How many products are of type simple?',
        expected: () => products.filter((r) => parts(r.Type, /,/).includes('simple')).length,
        reading: 'counted: Type = simple',
      },
    ],
    check,
  );
});

describe('a field named like a category in the Myntra catalog', () => {
  const rows = readCsv(MYNTRA_CSV);
  askEach(
    () => importedWithoutIndex(MYNTRA_CSV),
    [
      {
        q: 'How many products are in the Women category?',
        expected: () => rows.filter((r) => r.Gender.trim() === 'Women').length,
        reading: 'counted: Gender = Women',
      },
    ],
    check,
  );
});
