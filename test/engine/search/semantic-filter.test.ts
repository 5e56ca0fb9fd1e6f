import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { filteredShare, passing } from '../../../electron/engine/search/filter-rows.ts';
import { filterSql } from '../../../electron/engine/search/filter-sql.ts';
import { productVector, semanticSearch } from '../../../electron/engine/search/semantic.ts';
import { dot } from '../../../electron/engine/vector/codec.ts';
import { indexedHermes } from '../helpers.ts';

describe('semantic search under a filter', () => {
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = await indexedHermes();
  }, 120_000);

  afterAll(() => catalog.close());

  it('scans the filtered products exactly once they are no more than the neighbours it would fetch', async () => {
    const [query] = await (await catalog.queryEmbedder()).embed(['a leather backpack for the office']);
    const filter = filterSql({ categories: ["Women's Clothing"] });
    const members = catalog.handle.reader
      .prepare(`SELECT p.rowid AS rowid FROM products p WHERE ${filter.where}`)
      .all(...filter.params) as { rowid: number }[];
    // Hermes has 35 of them among 99 products: the first over-fetch (1.5 × 10 ÷ their share) asks for
    // 43 neighbours, more than there are women's clothes to scan.
    expect(members).toHaveLength(35);
    const ann = vi.spyOn(catalog.handle.ann, 'search');
    const hits = semanticSearch(catalog.handle, query, filter, 10, { exactScanLimit: 5 });
    expect(ann).not.toHaveBeenCalled();
    const exact = members
      .map(({ rowid }) => ({
        rowid,
        similarity: dot(query, productVector(catalog.handle, rowid) as Float32Array),
      }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10);
    expect(hits.map((h) => h.rowid)).toEqual(exact.map((h) => h.rowid));
    ann.mockRestore();
  });

  it('does not count the products of a broad filter: the ANN over-fetch finds enough of them', async () => {
    const [query] = await (await catalog.queryEmbedder()).embed(['a warm winter coat']);
    const filter = filterSql({ inStock: true });
    const prepare = vi.spyOn(catalog.handle.reader, 'prepare');
    const hits = semanticSearch(catalog.handle, query, filter, 10, { exactScanLimit: 5 });
    const counted = prepare.mock.calls.some(([sql]) => /count\(\*\)/.test(sql));
    prepare.mockRestore();
    expect(counted).toBe(false);
    expect(hits).toHaveLength(10);
    const inStock = catalog.handle.reader.prepare('SELECT stock FROM products WHERE rowid = ?');
    for (const h of hits) expect((inStock.get(h.rowid) as { stock: number }).stock).toBeGreaterThan(0);
  });

  it("widens by the share of the query's own neighbours that pass, not blindly twofold", async () => {
    const [query] = await (await catalog.queryEmbedder()).embed(['leather gloves and a wallet']);
    // 55 clothes of 99 products: the first over-fetch takes 27 neighbours, and few of them are clothes,
    // so the next round would need more neighbours than there are clothes: they are scanned exactly.
    const filter = filterSql({ categories: ["Women's Clothing", "Men's Clothing"] });
    const ann = vi.spyOn(catalog.handle.ann, 'search');
    const hits = semanticSearch(catalog.handle, query, filter, 10, { exactScanLimit: 5 });
    expect(ann.mock.calls.map((call) => call[1])).toEqual([27]);
    ann.mockRestore();
    expect(hits).toHaveLength(10);
  });

  it('stops at the first over-fetch once `enough` of its neighbours pass, as hybrid asks', async () => {
    const [query] = await (await catalog.queryEmbedder()).embed(['leather gloves and a wallet']);
    const filter = filterSql({ categories: ["Women's Clothing", "Men's Clothing"] });
    const ann = vi.spyOn(catalog.handle.ann, 'search');
    const hits = semanticSearch(catalog.handle, query, filter, 10, { enough: 1, exactScanLimit: 5 });
    const fetched = ann.mock.results[0].value as { rowid: number }[];
    expect(ann.mock.calls.map((call) => call[1])).toEqual([27]);
    ann.mockRestore();
    // Fewer than the 10 asked for passed (so without `enough` it widened, above): hybrid keeps them.
    const passed = passing(
      catalog.handle.reader,
      filter,
      fetched.map((m) => m.rowid),
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(10);
    expect(hits.map((h) => h.rowid)).toEqual(fetched.filter((m) => passed.has(m.rowid)).map((m) => m.rowid));
  });

  it("estimates a filter's share once per import: every filtered search needs it, often twice", () => {
    const filter = filterSql({ inStock: true, priceMax: 41 });
    const prepare = vi.spyOn(catalog.handle.reader, 'prepare');
    const first = filteredShare(catalog.handle.reader, filter);
    const again = filteredShare(catalog.handle.reader, filter);
    const other = filteredShare(catalog.handle.reader, filterSql({ inStock: true, priceMax: 42 }));
    const estimates = prepare.mock.calls.filter(([sql]) => /avg\(CASE/.test(sql)).length;
    prepare.mockRestore();
    expect(again).toBe(first);
    expect(first).toBeGreaterThan(0);
    expect(other).toBeGreaterThanOrEqual(first);
    expect(estimates).toBe(2);
  });
});
