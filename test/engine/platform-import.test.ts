// Platform exports imported through the engine's facade, as the CLI and the app import them: the
// detection, variants stored and searched, facets and filters, the re-import diff of variants.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { SearchRequest } from '../../electron/engine/search/search-service.ts';
import { detectionLine } from '../../shared/types.ts';
import { EXPORTS, readCsv, writeCsv } from './catalog/profiles/read-export.ts';
import { countingModels, importInto, tempDir } from './helpers.ts';

const SHOPIFY = `${EXPORTS}shopify-products.csv`;
const WOO = `${EXPORTS}woocommerce-products.csv`;

const search = (catalog: CatalogService, query: string, more: Partial<SearchRequest> = {}) =>
  catalog.search({ query, mode: 'hybrid', limit: 10, filters: {}, ...more });

describe('a Shopify export imported into a catalog', () => {
  const dir = tempDir();
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(path.join(dir, 'shop'), countingModels().models, { create: true });
    const result = await importInto(catalog, SHOPIFY);
    expect(result).toMatchObject({ imported: 3, rejected: 0, embedded: 3 });
    expect(detectionLine(result.detection!)).toBe('Shopify product CSV: 17 rows → 3 products, 15 variants');
    expect(result.variantChanges).toEqual({ added: 15, updated: 0, unchanged: 0, removed: 0 });
  }, 120_000);

  afterAll(() => catalog.close());

  it('stores each product with its variants, counted as products', () => {
    expect(catalog.stats().products).toBe(3);
    const shirt = catalog.getProduct('example-shirt');
    expect(shirt?.variants).toHaveLength(12);
    expect(shirt?.variants.find((v) => v.id === 'SRT_COT_122')?.options).toEqual({
      Color: 'Green',
      Size: 'M',
    });
  });

  it('finds the product by a variant SKU and marks that variant', async () => {
    const result = await search(catalog, 'SRT_COT_122');
    expect(result.hits[0]).toMatchObject({
      id: 'example-shirt',
      matchedVariant: 'SRT_COT_122',
      variantCount: 12,
    });
  });

  it('facets the variant options, counting products', async () => {
    const result = await search(catalog, '');
    const size = result.facets.options.find((o) => o.name === 'Size');
    expect(size?.values).toEqual(
      expect.arrayContaining([
        { value: 'M', count: 1 },
        { value: '30', count: 1 },
      ]),
    );
    const filtered = await search(catalog, '', { filters: { options: { Size: '30' } } });
    expect(filtered.hits.map((h) => h.id)).toEqual(['example-pants']);
  });

  it('filters on sale (the hat sells at 17.99, regularly 22.99)', async () => {
    const result = await search(catalog, '', { filters: { onSale: true } });
    expect(result.hits.map((h) => [h.id, h.price, h.compareAtPrice])).toEqual([
      ['example-hat', 17.99, 22.99],
    ]);
  });

  it('re-imports: a changed variant is updated, a missing one removed, the rest left alone', async () => {
    const rows = readCsv(SHOPIFY);
    const col = (name: string) => rows[0].indexOf(name);
    const changed = rows.findIndex((r) => r[col('Variant SKU')] === 'SRT_COT_222');
    rows[changed][col('Variant Price')] = '27';
    const gone = rows.findIndex((r) => r[col('Variant SKU')] === 'SRT_COT_433');
    rows.splice(gone, 1);
    const file = path.join(dir, 'shopify-products.csv');
    fs.writeFileSync(file, writeCsv(rows));

    const result = await importInto(catalog, file, { index: false });
    expect(result).toMatchObject({ imported: 0, updated: 1, unchanged: 2, removed: 0, rejected: 0 });
    expect(result.variantChanges).toEqual({ added: 0, updated: 1, unchanged: 13, removed: 1 });
    const shirt = catalog.getProduct('example-shirt')!;
    expect(shirt.variants.map((v) => v.id)).not.toContain('SRT_COT_433');
    expect(shirt.variants.find((v) => v.id === 'SRT_COT_222')?.price).toBe(27);
    expect(shirt).toMatchObject({ price: 25, priceMax: 27 });
  });

  it('leaves the catalog untouched when no row of the file can be read', async () => {
    const rows = readCsv(SHOPIFY);
    for (const row of rows.slice(1)) row[rows[0].indexOf('Handle')] = '';
    const file = path.join(dir, 'no-handles.csv');
    fs.writeFileSync(file, writeCsv(rows));
    const before = catalog.stats().products;

    const result = await importInto(catalog, file, { index: false });
    expect(result).toMatchObject({ imported: 0, removed: 0, rejected: 17 });
    expect(result.rejectedRows[0]).toEqual({
      file: 'no-handles.csv',
      row: 2,
      field: 'Handle',
      reason: 'the handle is empty',
    });
    expect(catalog.stats().products).toBe(before);
    expect(catalog.getProduct('example-shirt')?.variants).toHaveLength(11);
  });

  it('stages the rows outside the catalog and leaves no scratch file, even one a killed import left', async () => {
    const catalogDir = path.join(dir, 'shop');
    // A pid no process has (above Linux's pid_max): the import that wrote this file is gone.
    const abandoned = path.join(catalogDir, 'import-staging-99999999-1.sqlite');
    fs.writeFileSync(abandoned, 'left by a killed import');
    await importInto(catalog, SHOPIFY, { index: false });
    expect(fs.readdirSync(catalogDir).filter((f) => f.startsWith('import-staging-'))).toEqual([]);
    const tables = catalog.handle.reader
      .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'import_%'")
      .all();
    expect(tables).toEqual([]);
  });
});

describe('a WooCommerce CSV export imported into a catalog', () => {
  it('folds variations into their parent and reads the regular price where nothing is on sale', async () => {
    const catalog = CatalogService.open(path.join(tempDir(), 'woo'), countingModels().models, {
      create: true,
    });
    try {
      const result = await importInto(catalog, WOO, { index: false });
      expect(detectionLine(result.detection!)).toBe(
        'WooCommerce product CSV: 25 rows → 18 products, 7 variants',
      );
      const unpriced = (await search(catalog, '', { limit: 50 })).hits.filter((h) => h.price === null);
      // A grouped product has no price of its own in WooCommerce.
      expect(unpriced.map((h) => h.name)).toEqual(['Logo Collection']);
      const again = await importInto(catalog, WOO, { index: false });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 18, removed: 0 });
      expect(again.variantChanges).toEqual({ added: 0, updated: 0, unchanged: 7, removed: 0 });
    } finally {
      catalog.close();
    }
  });
});
