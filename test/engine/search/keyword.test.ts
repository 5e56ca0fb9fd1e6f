import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import type { TermGroup } from '../../../electron/engine/search/analyze.ts';
import {
  BM25,
  RANK_MATCHES,
  keywordSearch,
  rankThenFilter,
} from '../../../electron/engine/search/keyword.ts';
import { filterSql } from '../../../electron/engine/search/filter-sql.ts';
import { HERMES_CSV, importInto, tempDir } from '../helpers.ts';

describe('keyword search on the Hermes catalog', () => {
  const dir = path.join(tempDir(), 'hermes');
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(dir, createModelProvider(), { create: true, name: 'Hermes' });
    await importInto(catalog, HERMES_CSV, { index: false });
  }, 60_000);

  afterAll(() => catalog.close());

  describe('ranking by FTS5 alone, then testing the filter', () => {
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

  describe('tiers', () => {
    // "leather", allowing "suede" as a synonym: Hermes has leather products and no suede ones.
    const leather: TermGroup[] = [{ alternatives: [['leather'], ['suede']], prefix: false }];

    /** The match expressions keywordSearch runs, in order. */
    function searchTracingMatches(limit: number) {
      const db = catalog.handle.reader;
      const prepare = db.prepare.bind(db);
      const matches: string[] = [];
      const spy = vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
        const stmt = prepare(sql);
        const all = stmt.all.bind(stmt);
        stmt.all = (...args: unknown[]) => {
          matches.push(String(args[0]));
          return all(...args);
        };
        return stmt;
      });
      try {
        return { hits: keywordSearch(db, leather, filterSql({}), limit), matches };
      } finally {
        spy.mockRestore();
      }
    }

    it('skips the synonym tier when the words as typed fill every place, and ranks as if it had run', () => {
      const asTyped = catalog.handle.reader.prepare(RANK_MATCHES).all('leather', 100) as { rowid: number }[];
      expect(asTyped.length).toBeGreaterThan(4);
      const limit = asTyped.length - 1;

      const { hits, matches } = searchTracingMatches(limit);
      expect(matches).toEqual(['"leather"']);
      expect(hits.map((h) => h.rowid)).toEqual(asTyped.slice(0, limit).map((r) => r.rowid));
      // The band the first of two tiers gets: best 1, worst 0.5.
      expect(hits[0].score).toBe(1);
      expect(hits[limit - 1].score).toBe(0.5);
    });

    it('runs the synonym tier when the words as typed leave places', () => {
      const { matches } = searchTracingMatches(100);
      expect(matches).toEqual(['"leather"', '(("leather" OR "suede")) NOT ("leather")']);
    });
  });
});
