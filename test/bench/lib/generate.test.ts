import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { GeneratedProduct } from '../../../bench/lib/generate.ts';
import { buildPools, CSV_COLUMNS, generateProducts, writeCatalogCsv } from '../../../bench/lib/generate.ts';
import type { SourceProduct } from '../../../bench/lib/sources.ts';

const source = (over: Partial<SourceProduct>): SourceProduct => ({
  origin: 'icecat',
  name: 'Xerox 006R90321 toner cartridge Original Black',
  model: '006R90321',
  brand: 'Xerox',
  category: 'Toner Cartridge',
  description: 'Toner (6 per box) for CopyCentre C65. Fits many copiers.',
  price: 49.95,
  color: 'Black',
  gender: null,
  spec: [['print technology', 'Laser printing']],
  ...over,
});

const SOURCES: SourceProduct[] = [
  source({}),
  source({ name: 'HP 305A toner cartridge Cyan', model: 'CE411A', brand: 'HP', color: 'Cyan', price: 80 }),
  source({
    origin: 'myntra',
    name: 'DKNY Unisex Black Printed Trolley Bag',
    model: null,
    brand: 'DKNY',
    category: 'Trolley Bag',
    description: 'Black printed medium trolley bag, secured with a TSA lock, "four" wheels.',
    gender: 'Unisex',
    spec: [],
    price: 141.5,
  }),
];

describe('generateProducts', () => {
  const pools = buildPools(SOURCES);

  it('is reproducible from its seed', () => {
    const a = [...generateProducts(pools, 50, 7)];
    expect([...generateProducts(pools, 50, 7)]).toEqual(a);
    expect([...generateProducts(pools, 50, 8)]).not.toEqual(a);
  });

  it('makes unique ids and keeps brands, categories and prices from the sources', () => {
    const products = [...generateProducts(pools, 300, 1)];
    expect(new Set(products.map((p) => p.id)).size).toBe(300);
    const brands = new Set(SOURCES.map((s) => s.brand));
    for (const p of products) {
      expect(brands.has(p.brand)).toBe(true);
      expect(p.name.toLowerCase()).toContain(p.brand.toLowerCase());
      expect(SOURCES.map((s) => s.category)).toContain(p.category);
      expect(p.price).toBeGreaterThan(0);
      expect(p.stock).toBeGreaterThanOrEqual(0);
    }
    // Model numbers are redrawn, so generated products are new products, not copies.
    expect(products.some((p) => p.name.includes('toner') && !p.name.includes('006R90321'))).toBe(true);
    expect(products.some((p) => p.stock === 0)).toBe(true);
  });

  it('writes a CSV that a standard parser reads back field for field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gen-'));
    const file = path.join(dir, 'catalog.csv');
    const products = [...generateProducts(pools, 40, 3)];
    const bytes = await writeCatalogCsv(file, products);
    expect(bytes).toBe(fs.statSync(file).size);
    const rows = parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS);
    rows.forEach((row, i) => {
      for (const c of CSV_COLUMNS) expect(row[c]).toBe(String(products[i][c as keyof GeneratedProduct]));
    });
    fs.rmSync(dir, { recursive: true });
  });
});
