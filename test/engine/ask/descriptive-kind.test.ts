// "Which jackets are waterproof?" must not answer with a waterproof lip gloss: the kind of product the
// question names is a hard constraint (name or category), the other words rank inside it. Checked
// against the products' names and categories as the files state them.
import path from 'node:path';
import { describe, expect } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { countingModels, importInto, tempDir } from '../helpers.ts';
import { askEach, importedWithoutIndex, readCsv, MYNTRA_CSV, DUMMYJSON_CSV, WOO_CSV } from './ask-each.ts';

interface Case {
  q: string;
  /** What every product cited must be, by the words of its name and category in the file. */
  kind: RegExp;
  reading: string;
  /** Some cited product must say this (name or description): the ranking inside the kind. */
  says?: RegExp;
}

function checkAgainst(byId: () => Map<string, string>) {
  return (a: { answer: string; reading: string; citations: string[]; route: string }, c: Case) => {
    expect(a.route).toBe('descriptive');
    expect(a.citations.length).toBeGreaterThan(0);
    const texts = byId();
    for (const id of a.citations) expect(texts.get(id), a.answer).toMatch(c.kind);
    if (c.says) expect(a.citations.some((id) => c.says!.test(texts.get(id) ?? ''))).toBe(true);
    expect(a.reading).toBe(c.reading);
  };
}

describe('the kind of product in the Myntra catalog', () => {
  const rows = readCsv(MYNTRA_CSV);
  const texts = () => new Map(rows.map((r) => [r.ProductID, `${r.ProductName} ${r.Description}`]));
  askEach(
    () => importedWithoutIndex(MYNTRA_CSV),
    [
      {
        q: 'Which jackets are waterproof?',
        kind: /jacket/i,
        says: /water/i,
        reading: 'described: product type = jackets, ranked by “jackets waterproof”',
      },
      {
        q: 'Do you have waterproof jackets?',
        kind: /jacket/i,
        says: /water/i,
        reading: 'described: product type = jackets, ranked by “waterproof jackets”',
      },
      {
        q: 'Which sarees are good for a wedding?',
        kind: /saree/i,
        reading: 'described: product type = sarees, ranked by “sarees wedding”',
      },
    ],
    checkAgainst(() => new Map([...texts()].map(([id, t]) => [id, t.split(' ').slice(0, 40).join(' ')]))),
  );
});

describe('the kind of product in the DummyJSON catalog, indexed', () => {
  const rows = readCsv(DUMMYJSON_CSV);
  askEach(
    async () => {
      const catalog = CatalogService.open(path.join(tempDir(), 'c'), countingModels().models, {
        create: true,
      });
      await importInto(catalog, DUMMYJSON_CSV, { index: true });
      return catalog;
    },
    [
      {
        q: 'Which watches are waterproof?',
        kind: /watch/i,
        reading: 'described: category = mens-watches | womens-watches, ranked by “waterproof”',
      },
      {
        q: 'Which sunglasses would suit a beach holiday?',
        kind: /sunglass/i,
        reading: 'described: category = sunglasses, ranked by “beach holiday”',
      },
      {
        q: 'Which balls are good for kids?',
        kind: /ball/i,
        reading: 'described: product type = balls, ranked by “balls kids”',
      },
    ],
    checkAgainst(() => new Map(rows.map((r) => [r.id, `${r.title} ${r.category}`]))),
  );
});

describe('the kind of product in a WooCommerce export', () => {
  const rows = readCsv(WOO_CSV);
  askEach(
    () => importedWithoutIndex(WOO_CSV),
    [
      {
        q: 'Which hoodies have a pocket?',
        kind: /Hoodies/,
        says: /pocket/i,
        reading: 'described: category = Clothing > Hoodies, ranked by “pocket”',
      },
    ],
    checkAgainst(() => new Map(rows.map((r) => [r.ID, `${r.Name} ${r.Categories}`]))),
  );
});
