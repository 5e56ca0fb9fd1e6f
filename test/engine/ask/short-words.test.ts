// Brands spelled like question words ("AND", "ONLY", "All") are read as brands only where the question
// leaves no other reading ("by AND", "ONLY products"); "men and women", "only for girls" keep their
// grammar, and the brand is offered as the other reading. Counts from the files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { Answer } from '../../../shared/types.ts';
import { tempDir } from '../helpers.ts';
import { askEach, DUMMYJSON_CSV, importedWithoutIndex, MYNTRA_CSV, readCsv } from './ask-each.ts';

interface Case {
  q: string;
  expected: () => number;
  reading: string;
  /** A brand reading offered as the other reading of the question. */
  offered?: string;
}

function check(a: Answer, c: Case): void {
  const n = c.expected();
  expect(n).toBeGreaterThan(0);
  expect(a.answer.split('\n')[0]).toMatch(
    new RegExp(`^${new Intl.NumberFormat('en-US').format(n)} products? `),
  );
  expect(a.reading).toBe(c.reading);
  if (c.offered) expect(a.alternatives.map((x) => x.reading)).toContain(c.offered);
}

describe('short-word brands in the Myntra catalog (AND, ONLY)', () => {
  const rows = readCsv(MYNTRA_CSV);
  const brand = (b: string) => rows.filter((r) => r.ProductBrand.trim() === b).length;
  const gender = (...g: string[]) => rows.filter((r) => g.includes(r.Gender.trim())).length;
  askEach<Case>(
    () => importedWithoutIndex(MYNTRA_CSV),
    [
      { q: 'How many products by AND?', expected: () => brand('AND'), reading: 'counted: brand = AND' },
      {
        q: 'How many ONLY products do we have?',
        expected: () => brand('ONLY'),
        reading: 'counted: brand = ONLY',
      },
      {
        q: 'How many products are there for men and women?',
        expected: () => gender('Men', 'Women'),
        reading: 'counted: Gender = Women | Men',
        offered: 'brand = AND',
      },
      {
        q: 'How many products are only for girls?',
        expected: () => gender('Girls'),
        reading: 'counted: Gender = Girls',
        offered: 'brand = ONLY',
      },
    ],
    check,
  );
});

describe('a short-word brand in the DummyJSON catalog (Essence renamed All)', () => {
  // The real export with one brand renamed, as a shop with a brand called "All" would export it.
  const file = path.join(tempDir(), 'products.csv');
  fs.writeFileSync(file, fs.readFileSync(DUMMYJSON_CSV, 'utf8').replace(/,Essence,/g, ',All,'));
  const rows = readCsv(file);
  askEach<Case>(
    () => importedWithoutIndex(file),
    [
      {
        q: 'How many beauty products are there in all?',
        expected: () => rows.filter((r) => r.category === 'beauty').length,
        reading: 'counted: category = beauty',
        offered: 'brand = All',
      },
      {
        q: 'How many products by All?',
        expected: () => rows.filter((r) => r.brand === 'All').length,
        reading: 'counted: brand = All',
      },
    ],
    check,
  );
});
