import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { GeneratedProduct } from '../../../bench/lib/generate.ts';
import { buildPools, CSV_COLUMNS, generateProducts, writeCatalogCsv } from '../../../bench/lib/generate.ts';
import { SOURCES } from './sample-sources.ts';

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
