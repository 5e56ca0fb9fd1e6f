import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { countingModels, HERMES_CSV, importInto, tempDir } from '../helpers.ts';

describe('prefetch on opening a catalog', () => {
  it('warms the result cache with what the query log says is popular, and nothing else', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models } = countingModels();
    const first = CatalogService.open(dir, models, { create: true });
    await importInto(first, HERMES_CSV);
    const search = (catalog: CatalogService, query: string, record = false) =>
      catalog.search({ query, mode: 'hybrid', limit: 10, filters: { inStock: true } }, { record });
    for (let i = 0; i < 3; i++) await search(first, 'leather backpack', true);
    await search(first, 'scarf', true);
    first.close();

    const reopened = CatalogService.open(dir, models);
    try {
      expect(reopened.searcher.size).toBe(0);
      const outcome = await reopened.prefetch();
      expect(outcome).toMatchObject({ queries: 2 });
      expect(outcome.categories).toBeGreaterThan(0);
      expect(reopened.searcher.size).toBe(2);
      const before = { ...reopened.searcher.hits };
      const served = await reopened.searcher.search({
        query: 'leather backpack',
        mode: 'hybrid',
        limit: 10,
        filters: { inStock: true },
      });
      expect(served.layer).toBe('exact');
      expect(served.result.hits.map((h) => h.id)).toEqual(
        (
          await reopened
            .tunedSearcher({})
            .search({ query: 'leather backpack', mode: 'hybrid', limit: 10, filters: { inStock: true } })
        ).hits.map((h) => h.id),
      );
      expect(reopened.searcher.hits.exact).toBe(before.exact + 1);
      // Prefetch searches are the engine's own: they are not logged as searches people made.
      expect(reopened.insights().searches).toBe(4);
    } finally {
      reopened.close();
    }
  }, 120_000);

  it('stops when told to', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models } = countingModels();
    const catalog = CatalogService.open(dir, models, { create: true });
    try {
      await importInto(catalog, HERMES_CSV, { index: false });
      await catalog.search({ query: 'tote', mode: 'keyword', limit: 5, filters: {} }, { record: true });
      catalog.queryLog.flush();
      catalog.searcher.clearCache();
      expect(await catalog.prefetch(() => true)).toMatchObject({ queries: 0, categories: 0 });
      expect(catalog.searcher.size).toBe(0);
    } finally {
      catalog.close();
    }
  }, 60_000);
});
