import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { HERMES_CSV, countingModels, importInto, tempDir } from './helpers.ts';

function hermesRows(): string[] {
  return fs.readFileSync(HERMES_CSV, 'utf8').trimEnd().split('\n');
}

describe('catalog service on the Hermes catalog', () => {
  const dir = path.join(tempDir(), 'hermes');
  const { models, embeddedTexts } = countingModels();
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(dir, models, { create: true, name: 'Hermes' });
    const result = await importInto(catalog, HERMES_CSV);
    expect(result).toMatchObject({
      imported: 99,
      updated: 0,
      unchanged: 0,
      removed: 0,
      rejected: 0,
      embedded: 99,
    });
  }, 120_000);

  afterAll(() => catalog.close());

  it('records where the indexing time of an import went: the model, the ANN index, the rest', () => {
    const last = catalog.stats().lastImport;
    const timing = last?.indexTiming;
    expect(timing).toBeDefined();
    if (!last || !timing) return;
    expect(timing.modelMs).toBeGreaterThan(0);
    expect(timing.annMs).toBeGreaterThanOrEqual(0);
    expect(timing.otherMs).toBeGreaterThanOrEqual(0);
    // Parts of the indexing phase, which is part of the whole import.
    expect(timing.modelMs + timing.annMs + timing.otherMs).toBeLessThanOrEqual(last.tookMs + 1);
  });

  it('finds a product by its id however it is typed', async () => {
    for (const query of ['RSG8901', 'rsg 8901', 'RSG-8901', 'rsg-8901']) {
      const result = await catalog.search({ query, mode: 'hybrid', limit: 5, filters: {} });
      expect(result.hits[0]?.id, query).toBe('RSG8901');
    }
  });

  it('ranks the named product first in every mode', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const result = await catalog.search({ query: 'chelsea boots', mode, limit: 5, filters: {} });
      expect(result.hits[0]?.id, mode).toBe('CBT8901');
    }
  });

  it('keeps a result set to what the query is about', async () => {
    const beach = await catalog.search({
      query: 'something for the beach',
      mode: 'hybrid',
      limit: 50,
      filters: {},
    });
    expect(beach.hits[0]?.id).toBe('CBG9876');
    expect(beach.total).toBeLessThan(30);
    const specific = await catalog.search({
      query: 'retro sunglasses',
      mode: 'hybrid',
      limit: 50,
      filters: {},
    });
    expect(specific.hits[0]?.id).toBe('RSG8901');
    expect(specific.total).toBeLessThan(20);
  });

  it('reads two typed words the catalog writes as one word as that word', async () => {
    const backpacks = await catalog.search({ query: 'back pack', mode: 'keyword', limit: 5, filters: {} });
    expect(backpacks.hits.map((h) => h.name)).toEqual(['Leather Backpack', 'Sleek Backpack']);
    // "headband" is only in the Earmuffs' description; "head" and "band" alone match other products.
    const headband = await catalog.search({ query: 'head band', mode: 'hybrid', limit: 5, filters: {} });
    expect(headband.hits[0]?.id).toBe('ERM5432');
  });

  it('understands price filters typed in the query and counts facets over the filtered set', async () => {
    const all = await catalog.search({ query: 'bag', mode: 'keyword', limit: 50, filters: {} });
    const cheap = await catalog.search({ query: 'bag under $40', mode: 'keyword', limit: 50, filters: {} });
    expect(cheap.filters.priceMax).toBe(40);
    expect(cheap.text).toBe('bag');
    expect(cheap.hits.length).toBeGreaterThan(0);
    expect(cheap.hits.every((h) => (h.price ?? Infinity) <= 40)).toBe(true);
    expect(cheap.total).toBeLessThan(all.total);
    const count = (r: typeof all) => r.facets.category.reduce((n, f) => n + f.count, 0);
    expect(count(cheap)).toBe(cheap.total);
    expect(count(all)).toBe(all.total);
  });

  it('filters on stock either way', async () => {
    // Every Hermes product is in stock, so the filter needs a catalog where it has something to drop.
    const dir = tempDir();
    const file = path.join(dir, 'boots.csv');
    fs.writeFileSync(
      file,
      'id,name,category,price,stock\nB1,Leather ankle boots,Boots,90,0\nB2,Suede ankle boots,Boots,80,3\n',
    );
    const boots = CatalogService.open(path.join(dir, 'c'), countingModels().models, { create: true });
    try {
      await importInto(boots, file, { index: false });
      const search = (query: string, filters = {}) =>
        boots.search({ query, mode: 'keyword', limit: 10, filters });
      const out = await search('boots out of stock');
      expect(out.filters.inStock).toBe(false);
      expect(out.hits.map((h) => h.id)).toEqual(['B1']);
      const inStock = await search('boots', { inStock: true });
      expect(inStock.hits.map((h) => h.id)).toEqual(['B2']);
      expect(inStock.facets.stock).toEqual([{ value: 'in stock', count: 1 }]);
      const all = await catalog.search({
        query: 'boots out of stock',
        mode: 'keyword',
        limit: 10,
        filters: {},
      });
      expect(all.hits).toHaveLength(0);
      expect(all.emptyReason).toMatch(/out of stock/);
    } finally {
      boots.close();
    }
  });

  it('returns k results for a selective filter in semantic mode', async () => {
    const result = await catalog.search({
      query: 'something to carry my things',
      mode: 'semantic',
      limit: 10,
      filters: { categories: ['Bags'] },
    });
    expect(result.hits).toHaveLength(10);
    expect(result.hits.every((h) => h.category === 'Bags')).toBe(true);
  });

  it('tolerates typos and explains an empty result', async () => {
    const typo = await catalog.search({ query: 'sunglases', mode: 'keyword', limit: 5, filters: {} });
    expect(typo.corrections).toEqual([{ from: 'sunglases', to: 'sunglasses' }]);
    expect(typo.hits[0]?.id).toBe('RSG8901');
    const none = await catalog.search({ query: 'zzqqxx', mode: 'keyword', limit: 5, filters: {} });
    expect(none.hits).toHaveLength(0);
    expect(none.emptyReason).toMatch(/zzqqxx/);
  });

  it('applies user synonyms at query time without re-indexing', async () => {
    const search = () => catalog.search({ query: 'spectacles', mode: 'keyword', limit: 5, filters: {} });
    expect((await search()).hits.map((h) => h.id)).not.toContain('RSG8901');
    const indexedAt = catalog.info().lastIndexedAt;
    catalog.setSynonyms([['spectacles', 'sunglasses']]);
    expect((await search()).hits[0]?.id).toBe('RSG8901');
    expect(catalog.info().lastIndexedAt).toBe(indexedAt);
    expect(catalog.getSynonyms()).toEqual([['spectacles', 'sunglasses']]);
  });

  it('offers more like this from the stored vector', async () => {
    const similar = await catalog.moreLikeThis('CBT8901', 5);
    expect(similar.hits).toHaveLength(5);
    expect(similar.hits.map((h) => h.id)).not.toContain('CBT8901');
  });

  it('re-imports incrementally: unchanged rows are not re-embedded, removed rows leave search', async () => {
    const before = embeddedTexts.length;
    const again = await importInto(catalog, HERMES_CSV);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 99, removed: 0, embedded: 0 });
    expect(embeddedTexts.length).toBe(before);

    const rows = hermesRows();
    const edited = rows
      .filter((r) => !r.startsWith('SWL2345,'))
      .map((r) => (r.startsWith('CBT8901,') ? r.replace('Chelsea Boots', 'Chelsea Boots Deluxe') : r))
      .map((r) =>
        r.startsWith('VSC6789,') ? r.replace(/,6,"Spring, Fall",23$/, ',9,"Spring, Fall",23') : r,
      );
    const file = path.join(tempDir(), 'edited.csv');
    fs.writeFileSync(file, edited.join('\n'));
    const result = await importInto(catalog, file);
    expect(result).toMatchObject({ imported: 0, updated: 2, unchanged: 96, removed: 1, embedded: 1 });
    expect(result.removedIds).toEqual(['SWL2345']);
    expect(embeddedTexts.slice(before)).toHaveLength(1);
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const wallet = await catalog.search({ query: 'sleek wallet', mode, limit: 50, filters: {} });
      expect(wallet.hits.map((h) => h.id)).not.toContain('SWL2345');
    }
    expect(catalog.getProduct('VSC6789')?.stock).toBe(9);
  });

  it('rejects an id repeated within a re-imported file and keeps its first row', async () => {
    const rows = hermesRows();
    const boots = rows.find((r) => r.startsWith('CBT8901,')) as string;
    const file = path.join(tempDir(), 'repeated.csv');
    fs.writeFileSync(file, [...rows, boots.replace('Chelsea Boots', 'Second Boots')].join('\n'));
    const result = await importInto(catalog, file);
    expect(result).toMatchObject({ imported: 1, updated: 2, unchanged: 96, removed: 0, rejected: 1 });
    expect(result.rejectedRows).toEqual([
      expect.objectContaining({
        file: 'repeated.csv',
        row: rows.length + 1,
        reason: expect.stringMatching(/duplicate id "CBT8901"/),
      }),
    ]);
    expect(catalog.getProduct('CBT8901')?.name).not.toMatch(/Second/);
  });

  it('removes nothing when no row of the file is usable', async () => {
    const file = path.join(tempDir(), 'nameless.csv');
    fs.writeFileSync(file, [hermesRows()[0], 'X1,,Bags,,1,,10', 'X2,,Bags,,1,,12'].join('\n'));
    const result = await importInto(catalog, file, { index: false });
    expect(result).toMatchObject({ imported: 0, rejected: 2, removed: 0 });
    expect(catalog.info().products).toBe(99);
  });

  it('refuses a file with more rejected rows than the limit and than accepted ones, keeping the catalog', async () => {
    const file = path.join(tempDir(), 'mostly-nameless.csv');
    const nameless = Array.from({ length: 100_001 }, (_, i) => `N${i},,Bags,,1,,10`);
    fs.writeFileSync(file, [hermesRows()[0], ...hermesRows().slice(1, 3), ...nameless].join('\n'));
    await expect(importInto(catalog, file, { index: false })).rejects.toThrow(
      /more than 100,000 rows rejected, more than were accepted.*the catalog is unchanged/,
    );
    expect(catalog.info().products).toBe(99);
  });
});
