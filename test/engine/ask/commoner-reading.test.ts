// A word that names both a category and an attribute value, asked of the real Myntra catalog with a
// category column filled from each name's last word (as feeds built from titles do: 3 products end in
// "Black", 9 in "Men"): "black products" are the 1,640 whose colour is Black, not the category Black,
// which is offered as the other reading; a cue ("Black category") asks for the category. Expected
// figures are computed here from the file.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../electron/engine/ask/answer.ts';
import type { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { tempDir } from '../helpers.ts';
import { BUILT_IN, importedWithoutIndex, MYNTRA_CSV, readCsv } from './ask-each.ts';

const rows: Record<string, string>[] = readCsv(MYNTRA_CSV).map((r) => ({
  ...r,
  Category: r.ProductName.trim().split(/\s+/).pop() ?? '',
}));
const count = new Intl.NumberFormat('en-US');
const where = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
const same = (a: string, b: string) => a.trim().toLowerCase() === b.toLowerCase();

describe('a word naming a category and a commoner attribute value (Myntra, category from the name)', () => {
  const file = path.join(tempDir(), 'myntra-with-category.csv');
  fs.writeFileSync(file, stringify(rows, { header: true }));
  let catalog: CatalogService;
  beforeAll(async () => {
    catalog = await importedWithoutIndex(file);
  }, 60_000);
  afterAll(() => catalog.close());
  const blackCategory = where((r) => same(r.Category, 'black'));
  const black = where((r) => same(r.PrimaryColor, 'black'));

  it('holds the two readings the test is about', () => {
    expect(blackCategory).toBe(3);
    expect(where((r) => same(r.Category, 'men'))).toBe(9);
    expect(black).toBeGreaterThan(blackCategory);
  });

  it('counts the colour, names its reading and offers the category', async () => {
    const a = await answerQuestion(catalog, 'How many black products are there?', BUILT_IN);
    expect(a.answer.split('\n')[0]).toBe(`${count.format(black)} products with PrimaryColor Black.`);
    expect(a.reading).toBe('counted: PrimaryColor = Black');
    const other = a.alternatives.find((x) => x.reading.startsWith('category = '));
    expect(other?.question).toMatch(/^How many black category products are there\?$/i);
    const asked = await answerQuestion(catalog, other!.question, BUILT_IN);
    expect(asked.answer.split('\n')[0]).toMatch(new RegExp(`^${blackCategory} products in black\\.$`, 'i'));
    expect(asked.reading).toMatch(/^counted: category = black$/i);
  });

  it('compares genders, not the categories Men and Women', async () => {
    const a = await answerQuestion(catalog, 'Are there more products for men or women?', BUILT_IN);
    const [men, women] = ['Men', 'Women'].map((g) => where((r) => r.Gender.trim() === g));
    expect(a.reading).toBe('compared (count): Gender = Men vs Gender = Women');
    expect(a.answer.split('\n')[0]).toBe(
      `More products with Gender Women: ${count.format(women)}, against ${count.format(men)} products with Gender Men.`,
    );
  });

  it('counts two attribute values together off the attribute index', async () => {
    const a = await answerQuestion(catalog, 'How many black products for men are there?', BUILT_IN);
    const n = where((r) => same(r.PrimaryColor, 'black') && r.Gender.trim() === 'Men');
    expect(a.answer.split('\n')[0]).toBe(
      `${count.format(n)} products with Gender Men, with PrimaryColor Black.`,
    );
  });

  it('reads the category where the question names it one', async () => {
    const a = await answerQuestion(catalog, 'How many products are in the Men category?', BUILT_IN);
    expect(a.answer.split('\n')[0]).toBe('9 products in Men.');
  });
});
