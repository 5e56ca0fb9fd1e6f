import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPools } from '../../../bench/lib/generate.ts';
import type { ShopifyCounts } from '../../../bench/lib/shopify.ts';
import { generateShopifyProducts, SHOPIFY_COLUMNS, writeShopifyCsv } from '../../../bench/lib/shopify.ts';
import { tempDir } from '../../engine/helpers.ts';
import { expectImportedAsGenerated } from './import-check.ts';
import { SOURCES } from './sample-sources.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/exports/shopify-products.csv');
const pools = buildPools(SOURCES);

describe('the generated Shopify product CSV', () => {
  const dir = tempDir('bench-shopify-');
  const file = path.join(dir, 'shopify.csv');
  let counts: ShopifyCounts;
  let rows: Record<string, string>[];

  beforeAll(async () => {
    ({ counts } = await writeShopifyCsv(file, pools, 600, 5));
    rows = parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[];
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("has the real export's header, column for column", () => {
    const header = fs.readFileSync(FIXTURE, 'utf8').split(/\r?\n/)[0];
    expect(SHOPIFY_COLUMNS.join(',')).toBe(header);
    expect(Object.keys(rows[0])).toEqual([...SHOPIFY_COLUMNS]);
  });

  it('is reproducible from its seed', () => {
    const a = [...generateShopifyProducts(pools, 30, 7)];
    expect([...generateShopifyProducts(pools, 30, 7)]).toEqual(a);
    expect([...generateShopifyProducts(pools, 30, 8)]).not.toEqual(a);
  });

  it('groups 1–6 variant rows (≈ 3 on average) and image-only rows under each handle, as counted', () => {
    expect(rows).toHaveLength(counts.rows);
    const byHandle = new Map<string, Record<string, string>[]>();
    for (const r of rows) byHandle.set(r.Handle, [...(byHandle.get(r.Handle) ?? []), r]);
    expect(byHandle.size).toBe(counts.products);
    let variantRows = 0;
    let variants = 0;
    for (const group of byHandle.values()) {
      const [head, ...rest] = group;
      expect(head.Title).not.toBe('');
      expect(head['Body (HTML)']).toMatch(/^<p>/);
      expect(rest.every((r) => r.Title === '' && r['Body (HTML)'] === '')).toBe(true);
      const variantRowsOf = group.filter((r) => r['Variant Price'] !== '');
      const n = variantRowsOf.length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(6);
      // Image-only rows carry nothing but the handle and an image, after the variants.
      for (const r of group.slice(n)) {
        expect(
          Object.entries(r)
            .filter(([, v]) => v !== '')
            .map(([k]) => k),
        ).toEqual(expect.arrayContaining(['Handle', 'Image Src']));
        expect(r['Variant SKU'] + r['Option1 Value']).toBe('');
      }
      const combos = variantRowsOf.map((r) => [r['Option1 Value'], r['Option2 Value']].join('/'));
      expect(new Set(combos).size).toBe(n);
      if (n === 1) expect([head['Option1 Name'], head['Option1 Value']]).toEqual(['Title', 'Default Title']);
      else expect(['Size', 'Color']).toContain(head['Option1 Name']);
      variantRows += n;
      variants += n === 1 ? 0 : n;
    }
    expect(variantRows).toBe(counts.variantRows);
    expect(variants).toBe(counts.variants);
    expect(counts.variantRows / counts.products).toBeGreaterThan(2.7);
    expect(counts.variantRows / counts.products).toBeLessThan(3.3);
    expect(counts.imageRows).toBeGreaterThan(0);
  });

  it('puts some products on sale and leaves some inventory untracked', () => {
    const onSale = rows.filter((r) => r['Variant Compare At Price'] !== '');
    expect(onSale.length).toBeGreaterThan(0);
    for (const r of onSale)
      expect(Number(r['Variant Compare At Price'])).toBeGreaterThan(Number(r['Variant Price']));
    expect(counts.onSale).toBeGreaterThan(0);
    expect(counts.untracked).toBeGreaterThan(0);
    expect(rows.some((r) => r['Variant Price'] !== '' && r['Variant Inventory Tracker'] === '')).toBe(true);
    expect(rows.some((r) => r['Body (HTML)'].includes('&amp;'))).toBe(true);
  });

  it('imports into a catalog as exactly the products and variants it was generated with', async () => {
    await expectImportedAsGenerated(file, dir, 'shopify', {
      rows: counts.rows,
      products: counts.products,
      variants: counts.variants,
    });
  });
});
