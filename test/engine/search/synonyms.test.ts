import { describe, expect, it } from 'vitest';
import { buildSynonymIndex, DEFAULT_SYNONYMS, singular } from '../../../electron/engine/search/synonyms.ts';
import { terms } from '../../../electron/engine/search/text.ts';

describe('singular', () => {
  it.each([
    ['laptops', 'laptop'],
    ['batteries', 'battery'],
    ['watches', 'watch'],
    ['boxes', 'box'],
    ['dresses', 'dress'],
    ['shoes', 'shoe'],
    ['glass', 'glass'],
    ['wireless', 'wireless'],
    ['status', 'status'],
    ['days', 'day'],
    ['ups', 'ups'],
  ])('%s → %s', (plural, one) => expect(singular(plural)).toBe(one));
});

describe('buildSynonymIndex', () => {
  const index = buildSynonymIndex([
    ['laptop', 'notebook'],
    ['earbuds', 'in-ear headphones', 'earphones'],
    ['headphones', 'headset'],
    ['tee', 't-shirt', 'T shirt'],
    ['sofa', 'couch'],
    ['couch', 'settee'],
  ]);
  const expand = (query: string) => index.expand(terms(query));

  it('offers the other entries of the group, not the matched one', () => {
    expect(expand('laptop')).toEqual([{ start: 0, end: 1, alternatives: [['notebook']] }]);
  });

  it('matches plurals against singular entries', () => {
    expect(expand('cheap laptops')).toEqual([{ start: 1, end: 2, alternatives: [['notebook']] }]);
  });

  it('expands a single word into multi-word alternatives', () => {
    expect(expand('wireless earbuds')).toEqual([
      { start: 1, end: 2, alternatives: [['in', 'ear', 'headphones'], ['earphones']] },
    ]);
  });

  it('prefers the longest phrase over a shorter entry inside it', () => {
    expect(expand('sony in ear headphones')).toEqual([
      { start: 1, end: 4, alternatives: [['earbuds'], ['earphones']] },
    ]);
    expect(expand('sony headphones')).toEqual([{ start: 1, end: 2, alternatives: [['headset']] }]);
  });

  it('matches a hyphenated query against a spaced entry and deduplicates equal spellings', () => {
    expect(expand('white t-shirts')).toEqual([{ start: 1, end: 3, alternatives: [['tee']] }]);
  });

  it('merges the groups a term belongs to', () => {
    expect(expand('couch')[0].alternatives).toEqual([['sofa'], ['settee']]);
  });

  it('returns spans left to right and leaves unknown words out', () => {
    expect(expand('laptop and couch').map(({ start, end }) => [start, end])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(expand('garden hose')).toEqual([]);
  });

  it('folds query terms that were not folded', () => {
    expect(index.expand(['Notebooks'])).toEqual([{ start: 0, end: 1, alternatives: [['laptop']] }]);
  });

  it('ignores empty entries', () => {
    expect(buildSynonymIndex([['--', 'tv', 'television']]).expand(['tv'])).toEqual([
      { start: 0, end: 1, alternatives: [['television']] },
    ]);
  });
});

describe('DEFAULT_SYNONYMS', () => {
  const index = buildSynonymIndex(DEFAULT_SYNONYMS);
  const alternatives = (query: string) =>
    index.expand(terms(query)).flatMap((e) => e.alternatives.map((a) => a.join(' ')));

  it.each([
    ['laptop', 'notebook'],
    ['notebooks', 'laptop'],
    ['earbuds', 'in ear headphones'],
    ['earphones', 'earbuds'],
    ['tee', 't shirt'],
    ['t-shirt', 'tee'],
    ['sneakers', 'trainers'],
    ['sofa', 'couch'],
    ['tvs', 'television'],
    ['smartphone', 'mobile phone'],
    ['mobile phones', 'smartphone'],
    ['hoodie', 'hooded sweatshirt'],
    ['trousers', 'pants'],
    ["men's jackets", 'mens'],
  ])('%s → %s', (query, expected) => expect(alternatives(query)).toContain(expected));

  it('has a broad set of groups whose every entry tokenizes to something', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(60);
    for (const group of DEFAULT_SYNONYMS) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const entry of group) expect(terms(entry).length).toBeGreaterThan(0);
    }
  });

  it('every group expands each of its entries', () => {
    const dead = DEFAULT_SYNONYMS.flat().filter((entry) => index.expand(terms(entry)).length === 0);
    expect(dead).toEqual([]);
  });

  it('leaves words that are only sometimes synonyms alone', () => {
    expect(alternatives('up to date light jacket range')).not.toContain('ups');
    expect(alternatives('light')).toEqual([]);
    expect(alternatives('flat screen')).toEqual([]);
    expect(alternatives('air pump lamp shade')).toEqual(['lighting']);
    expect(alternatives('tempered glass tight fit')).toEqual([]);
  });
});
