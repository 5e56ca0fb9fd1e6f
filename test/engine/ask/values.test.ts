import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../../electron/engine/ask/values.ts';
import { listParts, matchValues } from '../../../electron/engine/ask/values.ts';
import { words } from '../../../electron/engine/ask/words.ts';

const value = (v: string) => ({ value: v, words: words(v), products: 1 });
const season = (v: string, strings: string[], allYear = false) => ({ ...value(v), strings, allYear });

const vocabulary: Vocabulary = {
  categories: [
    "Women's Clothing",
    "Men's Clothing",
    "Kids' Clothing",
    'Accessories',
    "Men's Accessories",
    'Bags',
    "Men's Shoes",
    "Women's Shoes",
  ].map(value),
  brands: ['North Face'].map(value),
  seasons: [
    season('Winter', ['Winter', 'Fall, Winter']),
    season('Fall', ['Fall, Winter']),
    season('Spring', ['Spring, Summer']),
    season('All seasons', ['All seasons'], true),
  ],
  attributes: [{ key: 'color', values: ['Navy Blue', 'Red'].map(value) }],
  options: [],
  currency: null,
};

const match = (q: string) => matchValues(words(q), vocabulary);

describe('matchValues', () => {
  it('matches a category by its exact name, ignoring case, plural and possessive', () => {
    expect(match("average price of men's shoes").categories).toEqual(["Men's Shoes"]);
    expect(match('how many BAGS').categories).toEqual(['Bags']);
  });

  it('lets a head word name every category sharing it', () => {
    expect(match('how many shoes').categories.sort()).toEqual(["Men's Shoes", "Women's Shoes"]);
    expect(match('clothing under 30').categories).toHaveLength(3);
    expect(match('accessories').categories.sort()).toEqual(['Accessories', "Men's Accessories"]);
  });

  it('lets a leading word name the categories it leads', () => {
    expect(match('something for men').categories.sort()).toEqual([
      "Men's Accessories",
      "Men's Clothing",
      "Men's Shoes",
    ]);
  });

  it('leaves a leading word before a named category to the rest of the question', () => {
    expect(match("a men's bag for work").categories).toEqual(['Bags']);
  });

  it('tolerates small typos in longer words, never in question words', () => {
    expect(match('how many accesories').categories).toContain('Accessories');
    expect(match('show me everything').categories).toEqual([]);
  });

  it('reads seasons with their aliases, including all-season products', () => {
    const m = match('warm things for autumn');
    expect(m.seasons).toEqual(['Fall']);
    expect(m.seasonStrings.sort()).toEqual(['All seasons', 'Fall, Winter']);
  });

  it('matches brands and attribute values as whole phrases', () => {
    const m = match('north face jackets in navy blue');
    expect(m.brands).toEqual(['North Face']);
    expect(m.attributes).toEqual([{ key: 'color', values: ['Navy Blue'] }]);
    expect([...m.used].sort()).toEqual([0, 1, 4, 5]);
  });
});

describe('listParts', () => {
  it('reads a list wherever files separate values with , | ; or /', () => {
    expect(listParts('Blue, Green, Red')).toEqual(['Blue, Green, Red', 'Blue', 'Green', 'Red']);
    expect(listParts('beauty|mascara')).toEqual(['beauty|mascara', 'beauty', 'mascara']);
    expect(listParts('Small; Large')).toEqual(['Small; Large', 'Small', 'Large']);
    expect(listParts('cotton/linen')).toEqual(['cotton/linen', 'cotton', 'linen']);
  });

  it('keeps single values, addresses and one-letter parts whole', () => {
    expect(listParts('S; M; L')).toEqual(['S; M; L']);
    expect(listParts('Navy Blue')).toEqual(['Navy Blue']);
    expect(listParts('https://example.com/a/b.jpg')).toEqual(['https://example.com/a/b.jpg']);
  });
});
