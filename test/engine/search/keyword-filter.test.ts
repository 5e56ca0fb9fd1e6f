import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { BM25, rankThenFilter } from '../../../electron/engine/search/keyword.ts';
import { filterSql } from '../../../electron/engine/search/filter-sql.ts';
import { HERMES_CSV, importInto, tempDir } from '../helpers.ts';

describe('ranking by FTS5 alone, then testing the filter', () => {
  const dir = path.join(tempDir(), 'hermes');
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(dir, createModelProvider(), { create: true, name: 'Hermes' });
    await importInto(catalog, HERMES_CSV, { index: false });
  }, 60_000);

  afterAll(() => catalog.close());

  /** What joining every match to its product row returns: the reference. */
  function joined(match: string, where: ReturnType<typeof filterSql>, limit: number) {
    return catalog.handle.reader
      .prepare(
        `SELECT f.rowid AS rowid, ${BM25} AS rank FROM products_fts f JOIN products p ON p.rowid = f.rowid
         WHERE products_fts MATCH ? AND ${where.where} ORDER BY rank LIMIT ?`,
      )
      .all(match, ...where.params, limit);
  }

  it.each([
    ['a broad filter', filterSql({ inStock: true }), 10, 10],
    [
      'a narrow filter that fewer products pass than asked for',
      filterSql({ categories: ['Bags'], priceMax: 40 }),
      4,
      2,
    ],
    ['a filter nothing passes', filterSql({ priceMin: 1e9 }), 5, 0],
  ])('returns what the join returns, in its order, under %s', (_name, filter, limit, found) => {
    const match = 'leather OR winter OR summer OR black';
    const reference = joined(match, filter, limit);
    expect(reference).toHaveLength(found);
    expect(rankThenFilter(catalog.handle.reader, match, filter, limit)).toEqual(reference);
  });
});
