import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createEngine } from '../../../electron/engine/engine.ts';
import { QUERY_LOG_ROWS } from '../../../electron/engine/insights/query-log.ts';
import type { JobFinished } from '../../../shared/types.ts';
import { countingModels, HERMES_CSV, importInto, tempDir } from '../helpers.ts';

const logged = (catalog: CatalogService) =>
  (catalog.handle.reader.prepare('SELECT count(*) AS n FROM query_log').get() as { n: number }).n;

// Products with one of `words` in their name, category or description, read from the file rather
// than through the engine.
function idsWithWord(...words: string[]): string[] {
  const rows = parse(fs.readFileSync(HERMES_CSV), { columns: true }) as Record<string, string>[];
  return rows
    .filter((r) =>
      `${r.name} ${r.category} ${r.description}`
        .toLowerCase()
        .split(/[^a-z]+/)
        .some((w) => words.includes(w)),
    )
    .map((r) => r.product_id)
    .sort();
}

describe('the query log on the Hermes catalog', () => {
  let catalog: CatalogService;
  beforeAll(async () => {
    catalog = CatalogService.open(path.join(tempDir(), 'c'), countingModels().models, { create: true });
    await importInto(catalog, HERMES_CSV);
  }, 120_000);
  afterAll(() => catalog.close());

  it('shows a zero-result query, offers a catalog term for it, and the synonym made of it fixes it', async () => {
    catalog.clearQueryLog();
    const req = { query: 'Purse', mode: 'keyword' as const, limit: 100, filters: {} };
    expect((await catalog.search(req, { record: true })).total).toBe(0);
    await catalog.search({ ...req, query: 'retro sunglasses' }, { record: true });
    await catalog.search(req, { record: true });

    const report = catalog.insights();
    expect(report.searches).toBe(3);
    expect(report.zeroResult.map((q) => [q.query, q.count])).toEqual([['Purse', 2]]);
    expect(report.top[0]).toMatchObject({ query: 'Purse', count: 2, results: 0 });

    const offered = await catalog.suggestSynonyms('Purse');
    expect(offered.query).toBe('purse');
    // What the catalog calls a purse.
    const term = offered.byEmbedding[0].term;
    expect(['bag', 'bags', 'wallet']).toContain(term);

    catalog.setSynonyms([...catalog.getSynonyms(), [offered.query, term]]);
    const fixed = await catalog.search(req, { record: true });
    expect(fixed.hits.length).toBeGreaterThan(0);
    expect(fixed.hits.map((h) => h.id).sort()).toEqual(
      idsWithWord(term, `${term.replace(/s$/, '')}s`, term.replace(/s$/, '')),
    );
    // Its latest search found products: no longer a zero-result query.
    expect(catalog.insights().zeroResult).toEqual([]);
    catalog.setSynonyms([]);
  }, 120_000);

  it('offers catalog words by spelling for a slip the engine does not repair', async () => {
    // "beanyy": 2 edits from "beanie", more than a 6-letter word's correction allows (1).
    expect((await catalog.search({ query: 'beanyy', mode: 'keyword', limit: 5, filters: {} })).total).toBe(0);
    const offered = await catalog.suggestSynonyms('beanyy');
    expect(offered.bySpelling[0]).toEqual({ term: 'beanie', score: 2, for: 'beanyy' });
  }, 60_000);

  it('records what the engine corrected a query to, the mode, filters and cache layer', async () => {
    catalog.clearQueryLog();
    await catalog.search(
      { query: 'leathr wallet', mode: 'hybrid', limit: 10, filters: { inStock: true } },
      { record: true },
    );
    await catalog.search(
      { query: 'wallet leathr', mode: 'hybrid', limit: 10, filters: { inStock: true } },
      { record: true },
    );
    catalog.queryLog.flush();
    const rows = catalog.handle.reader
      .prepare('SELECT query, mode, filters, corrected_to, cache, result_limit FROM query_log ORDER BY seq')
      .all();
    expect(rows).toEqual([
      {
        query: 'leathr wallet',
        mode: 'hybrid',
        filters: '{"inStock":true}',
        corrected_to: 'leather wallet',
        cache: 'miss',
        result_limit: 10,
      },
      {
        query: 'wallet leathr',
        mode: 'hybrid',
        filters: '{"inStock":true}',
        corrected_to: 'wallet leather',
        cache: 'normalised',
        result_limit: 10,
      },
    ]);
    expect(catalog.insights().cacheHits).toEqual({ miss: 1, exact: 0, normalised: 1, embedding: 0 });
  }, 60_000);

  it('writes after the search has answered, and never inside another transaction on the writer', async () => {
    catalog.clearQueryLog();
    await catalog.search({ query: 'scarf', mode: 'keyword', limit: 5, filters: {} }, { record: true });
    expect(logged(catalog)).toBe(0);
    const writer = catalog.handle.writer;
    writer.exec('BEGIN');
    expect(catalog.queryLog.flush()).toBe(false);
    writer.exec('ROLLBACK');
    expect(catalog.queryLog.flush()).toBe(true);
    expect(logged(catalog)).toBe(1);
  });

  it('logs a query typed letter by letter once, as it stood when the typing paused', async () => {
    catalog.clearQueryLog();
    for (const query of ['le', 'leat', 'leather', 'leather w', 'leather wallet']) {
      await catalog.search({ query, mode: 'hybrid', limit: 5, filters: {} }, { record: true });
    }
    await catalog.search({ query: 'scarf', mode: 'hybrid', limit: 5, filters: {} }, { record: true });
    catalog.queryLog.flush();
    const queries = catalog.handle.reader.prepare('SELECT query FROM query_log ORDER BY seq').pluck().all();
    expect(queries).toEqual(['leather wallet', 'scarf']);
  });

  it('keeps only the newest rows once the log is full', async () => {
    catalog.clearQueryLog();
    const result = await catalog.search({ query: 'tote', mode: 'keyword', limit: 5, filters: {} });
    for (let i = 0; i < QUERY_LOG_ROWS + 25; i++) {
      catalog.queryLog.record({ query: `q${i}x`, mode: 'keyword', limit: 5, result, cache: 'miss' });
    }
    catalog.queryLog.flush();
    expect(logged(catalog)).toBe(QUERY_LOG_ROWS);
    const oldest = catalog.handle.reader
      .prepare('SELECT query FROM query_log ORDER BY seq LIMIT 1')
      .pluck()
      .get();
    expect(oldest).toBe('q25x');
    expect(catalog.clearQueryLog()).toEqual({ cleared: QUERY_LOG_ROWS });
    expect(logged(catalog)).toBe(0);
    expect(catalog.insights()).toMatchObject({ searches: 0, top: [], zeroResult: [], slowest: [] });
  });

  it('feeds the Stats latency chart from the same rows', async () => {
    catalog.clearQueryLog();
    const took: number[] = [];
    // Browsing (an empty query) is a search the chart shows, but not a query the report lists.
    for (const query of ['', 'bag', 'dress', 'jacket']) {
      took.push(
        (await catalog.search({ query, mode: 'keyword', limit: 5, filters: {} }, { record: true })).tookMs,
      );
    }
    // A repeat is answered by the cache: not a search the chart shows.
    await catalog.search({ query: 'bag', mode: 'keyword', limit: 5, filters: {} }, { record: true });
    expect(catalog.stats().recentQueryMs).toEqual(took);
    expect(catalog.insights()).toMatchObject({ searches: 4, distinctQueries: 3 });
    expect(catalog.insights().top.map((q) => q.query)).toEqual(['bag', 'jacket', 'dress']);
  });
});

describe('the query log setting', () => {
  it('turned off in the engine, records nothing; turned on again, records', async () => {
    const engine = await createEngine({ dataDir: tempDir() });
    try {
      const { id } = await engine.createCatalog({ name: 'Hermes' });
      const finished = new Promise<JobFinished>((resolve) => engine.on('jobFinished', resolve));
      await engine.startImport({ catalogId: id, path: HERMES_CSV });
      expect(await finished).toMatchObject({ ok: true });
      const search = (query: string) =>
        engine.search({ catalogId: id, query, mode: 'keyword', limit: 5, filters: {} });

      await engine.setSettings({ queryLog: false });
      await search('scarf');
      await search('no such thing at all');
      expect(await engine.insights({ catalogId: id })).toMatchObject({ logging: false, searches: 0 });

      await engine.setSettings({ queryLog: true });
      await search('wallet');
      expect(await engine.insights({ catalogId: id })).toMatchObject({ logging: true, searches: 1 });
      expect(await engine.clearQueryLog({ catalogId: id })).toEqual({ cleared: 1 });
      expect((await engine.insights({ catalogId: id })).searches).toBe(0);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
