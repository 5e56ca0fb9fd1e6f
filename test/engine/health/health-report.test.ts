// The health pass on a real catalog (DummyJSON products) with known problems planted into a copy:
// it must report exactly the planted duplicates, outliers, missing values and spellings.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { HealthReport } from '../../../shared/health.ts';
import { HealthOptions } from '../../../shared/health.ts';
import { countingModels, importInto, meter, tempDir } from '../helpers.ts';

const SOURCE = '/work/shared/datasets/dummyjson-products/products_flat.csv';
// Categories of the dataset without near-duplicate listings or outliers of their own (the watches,
// dresses, shoes, vehicles and phones have some: "Rolex Cellini Moonphase" is listed twice).
const CATEGORIES = new Set([
  'beauty',
  'fragrances',
  'furniture',
  'groceries',
  'home-decoration',
  'kitchen-accessories',
  'laptops',
  'skin-care',
  'sports-accessories',
  'sunglasses',
  'tablets',
  'tops',
  'mobile-accessories',
  'womens-bags',
  'womens-jewellery',
  'mens-shirts',
]);

type Row = Record<string, string>;

interface Planted {
  rows: Row[];
  clusters: string[][];
  highOutlier: string;
  lowOutlier: string;
  nonPositive: string[];
  shortDescriptions: string[];
  brandPlaceholders: string[];
}

/** The copy with its problems, and what was planted, written down as it is planted. */
function plant(): Planted {
  const original = parse(fs.readFileSync(SOURCE), { columns: true }) as Row[];
  const rows = original
    .filter((r) => CATEGORIES.has(r.category))
    .map((r): Row => ({ ...r, Color: '', Colour: '', Size: '' }));
  const byCategory = (c: string) => rows.filter((r) => r.category === c);
  const copy = (r: Row, id: string, name: string): Row => ({
    ...r,
    id,
    title: name,
    price: String(Math.round(Number(r.price) * 110) / 100),
    description: `${r.description} Now available.`,
  });
  const [fragrance] = byCategory('fragrances');
  const [sofa] = byCategory('furniture');
  const [laptop] = byCategory('laptops');
  rows.push(
    copy(fragrance, 'dup-1', fragrance.title.toUpperCase()),
    copy(sofa, 'dup-2', `${sofa.title} New`),
    copy(laptop, 'dup-3a', `Refurbished ${laptop.title}`),
    copy(laptop, 'dup-3b', laptop.title.replace(/ /g, ' - ')),
  );
  const kitchen = byCategory('kitchen-accessories');
  const groceries = byCategory('groceries');
  kitchen[3].price = '4999';
  groceries[5].price = '0.01';
  groceries[6].price = '0';
  // A negative price is rejected at import (with its row and reason), so only zero reaches the catalog.
  kitchen[7].price = '0.00';
  const beauty = byCategory('beauty');
  beauty[0].category = beauty[1].category = 'Beauty';
  const sports = byCategory('sports-accessories');
  sports.slice(0, 3).forEach((r) => (r.Colour = 'Red'));
  sports.slice(3, 7).forEach((r) => (r.Color = 'Red'));
  sports.slice(0, 3).forEach((r) => (r.Size = 'XL'));
  sports[3].Size = 'X-Large';
  sports.slice(4, 6).forEach((r) => (r.Size = 'M'));
  const branded = rows.filter((r) => r.brand !== '' && r.id.startsWith('dup') === false);
  branded.slice(0, 3).forEach((r) => (r.brand = ''));
  branded.slice(3, 5).forEach((r) => (r.brand = 'N/A'));
  const short = kitchen.slice(10, 12);
  short.forEach((r) => (r.description = 'Great value.'));
  return {
    rows,
    clusters: [
      [fragrance.id, 'dup-1'],
      [sofa.id, 'dup-2'],
      [laptop.id, 'dup-3a', 'dup-3b'],
    ],
    highOutlier: kitchen[3].id,
    lowOutlier: groceries[5].id,
    nonPositive: [groceries[6].id, kitchen[7].id],
    shortDescriptions: short.map((r) => r.id),
    brandPlaceholders: branded.slice(3, 5).map((r) => r.id),
  };
}

const sortSets = (sets: string[][]) =>
  sets.map((s) => [...s].sort()).sort((a, b) => a[0].localeCompare(b[0]));
const clustersOf = (r: HealthReport) => sortSets(r.duplicates.items.map((c) => c.products.map((p) => p.id)));

describe('catalog health on a planted copy of a real catalog', () => {
  const dir = tempDir('health-');
  const file = path.join(dir, 'products.csv');
  const planted = plant();
  let catalog: CatalogService;
  let report: HealthReport;

  beforeAll(async () => {
    fs.writeFileSync(file, stringify(planted.rows, { header: true }));
    catalog = CatalogService.open(path.join(dir, 'catalog'), countingModels().models, { create: true });
    await importInto(catalog, file);
    report = await catalog.checkHealth(HealthOptions.parse({}), meter());
  }, 180_000);
  afterAll(() => catalog?.close());

  it('finds exactly the planted near-duplicates, side by side with what differs', () => {
    expect(clustersOf(report)).toEqual(sortSets(planted.clusters));
    const laptop = report.duplicates.items.find((c) => c.products.length === 3);
    expect(laptop?.differing).toEqual(expect.arrayContaining(['name', 'price', 'description']));
    expect(laptop?.differing).not.toContain('category');
  });

  it('finds exactly the planted price outliers and zero or negative prices', () => {
    expect(report.priceOutliers.items.map((o) => [o.product.id, o.direction])).toEqual([
      [planted.highOutlier, 'high'],
      [planted.lowOutlier, 'low'],
    ]);
    expect(report.nonPositivePrices.items.map((p) => p.id).sort()).toEqual([...planted.nonPositive].sort());
  });

  it('counts missing and placeholder values per field and attribute as the file has them', () => {
    const field = (name: string) => report.coverage.find((c) => c.field === name);
    const blank = (col: string) => planted.rows.filter((r) => r[col].trim() === '').length;
    expect(field('brand')).toMatchObject({ missing: blank('brand'), thin: planted.brandPlaceholders.length });
    expect(field('description')?.missing).toBe(blank('description'));
    expect(field('Size')).toMatchObject({ source: 'attribute', missing: blank('Size') });
    expect(field('Colour')?.missing).toBe(blank('Colour'));
    const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    const short = planted.rows.filter((r) => words(r.description) > 0 && words(r.description) < 8);
    expect(short.map((r) => r.id).sort()).toEqual([...planted.shortDescriptions].sort());
    expect(report.shortDescriptions.total).toBe(short.length);
    expect(report.identicalText.total).toBe(0);
    // The laptop's two copies were given one description under two names.
    expect(report.sameDescription.items.map((g) => g.products.map((p) => p.id).sort())).toEqual([
      ['dup-3a', 'dup-3b'],
    ]);
  });

  it('groups the planted spellings of one value, with counts', () => {
    expect(report.inconsistencies.items.map(({ scope, values }) => ({ scope, values }))).toEqual([
      {
        scope: 'category',
        values: [
          { value: 'beauty', count: 3 },
          { value: 'Beauty', count: 2 },
        ],
      },
      {
        scope: 'attribute name',
        values: [
          { value: 'Color', count: 4 },
          { value: 'Colour', count: 3 },
        ],
      },
      {
        scope: 'attribute Size',
        values: [
          { value: 'XL', count: 3 },
          { value: 'X-Large', count: 1 },
        ],
      },
    ]);
  });

  it('links each finding to its products through the search filter', async () => {
    const ids = async (health: string) =>
      (await catalog.search({ query: '', mode: 'hybrid', limit: 1000, filters: { health } })).hits
        .map((h) => h.id)
        .sort();
    const cluster = report.duplicates.items[0];
    expect(await ids(cluster.ref)).toEqual(cluster.products.map((p) => p.id).sort());
    expect(await ids('price-outlier')).toEqual([planted.highOutlier, planted.lowOutlier].sort());
    expect(await ids('thin:field:brand')).toEqual([...planted.brandPlaceholders].sort());
    const noBrand = planted.rows.filter((r) => r.brand === '').map((r) => r.id);
    expect(await ids('missing:field:brand')).toEqual(noBrand.sort());
    const sizes = report.inconsistencies.items.find((g) => g.scope === 'attribute Size');
    expect((await ids(sizes?.ref ?? '')).length).toBe(4);
  });

  it('is kept until the catalog changes, and remembers "not duplicates" across re-imports by id', async () => {
    expect(catalog.healthReport()?.computedAt).toBe(report.computedAt);
    const sofa = planted.clusters[1];
    const regrouped = catalog.dismissDuplicates([[sofa[0], sofa[1]]]);
    expect(clustersOf(regrouped as HealthReport)).toEqual(
      sortSets([planted.clusters[0], planted.clusters[2]]),
    );

    const changed = planted.rows.map((r) => (r.id === planted.highOutlier ? { ...r, price: '12.5' } : r));
    fs.writeFileSync(file, stringify(changed, { header: true }));
    await importInto(catalog, file);
    expect(catalog.healthReport()).toBeNull();
    // The stale report's stored members select nothing: their rowids may belong to other products now.
    const stale = await catalog.search({
      query: '',
      mode: 'hybrid',
      limit: 100,
      filters: { health: 'duplicates' },
    });
    expect(stale.total).toBe(0);

    const again = await catalog.checkHealth(HealthOptions.parse({}), meter());
    expect(clustersOf(again)).toEqual(sortSets([planted.clusters[0], planted.clusters[2]]));
    expect(again.duplicates.dismissedPairs).toBe(1);
    expect(again.priceOutliers.items.map((o) => o.product.id)).toEqual([planted.lowOutlier]);
  }, 120_000);

  it('stops when cancelled and keeps the last report', async () => {
    const before = catalog.healthReport();
    const abort = new AbortController();
    abort.abort();
    await expect(catalog.checkHealth(HealthOptions.parse({}), meter(), abort.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(catalog.healthReport()).toEqual(before);
  });
});
