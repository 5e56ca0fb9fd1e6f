import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { SearchRequest } from '../../../electron/engine/search/search-service.ts';
import type { SearchMode } from '../../../shared/types.ts';
import { countingModels, HERMES_CSV, importInto, tempDir } from '../helpers.ts';

const request = (query: string, mode: SearchMode, filters = {}): SearchRequest => ({
  query,
  mode,
  limit: 20,
  filters,
});

describe('the similar-query cache on the Hermes catalog', () => {
  let catalog: CatalogService;
  let dir: string;
  const queryTexts: string[] = [];
  beforeAll(async () => {
    dir = tempDir();
    const { models } = countingModels();
    // The query texts embedded, to see which cache layers answer without embedding.
    const queryEmbedder = async () => {
      const inner = await models.queryEmbedder();
      return Object.assign(Object.create(inner) as typeof inner, {
        embed: (texts: string[], opts?: Parameters<typeof inner.embed>[1]) => {
          queryTexts.push(...texts);
          return inner.embed(texts, opts);
        },
      });
    };
    catalog = CatalogService.open(path.join(dir, 'c'), { ...models, queryEmbedder }, { create: true });
    await importInto(catalog, HERMES_CSV);
  }, 120_000);
  afterAll(() => catalog.close());

  // Uncached: the ranking alone, for the very query the cache answered for another.
  const uncachedIds = async (req: SearchRequest) =>
    (await catalog.tunedSearcher({}).search(req)).hits.map((h) => h.id);

  it('serves reordered, plural, cased and mistyped keyword queries with the ids an uncached search gives', async () => {
    const cache = catalog.cachedSearcher({});
    const first = await cache.search(request('leather backpack', 'keyword'));
    expect(first.layer).toBe('miss');
    expect(first.result.hits.length).toBeGreaterThan(0);
    for (const variant of ['backpack leather', 'Leather Backpacks', 'lether backpack', 'BACKPACK, leather']) {
      const served = await cache.search(request(variant, 'keyword'));
      expect(served.layer, variant).toBe('normalised');
      expect(served.result.query).toBe(variant);
      expect(
        served.result.hits.map((h) => h.id),
        variant,
      ).toEqual(await uncachedIds(request(variant, 'keyword')));
    }
    expect((await cache.search(request('backpack leather', 'keyword'))).layer).toBe('exact');
  }, 120_000);

  it('serves hybrid variants from the cached vector and ranking, without embedding them again', async () => {
    const cache = catalog.cachedSearcher({});
    const first = await cache.search(request('knit beanie', 'hybrid'));
    const cachedIds = first.result.hits.map((h) => h.id);
    // "knit beanei" is read as "knit beanie": the same embedding, so the very ids an uncached search gives.
    const slip = await cache.search(request('knit beanei', 'hybrid'));
    expect(slip.layer).toBe('normalised');
    expect(slip.result.hits.map((h) => h.id)).toEqual(await uncachedIds(request('knit beanei', 'hybrid')));
    // Other order and case: the keyword side ranks the same words alike, and the embedding only breaks
    // its ties, so the cached ranking stands (its relevance on and off: bench/query-cache.ts).
    const embedded = queryTexts.length;
    for (const variant of ['beanie knit', 'Knit Beanie']) {
      const served = await cache.search(request(variant, 'hybrid'));
      expect(served.layer, variant).toBe('normalised');
      expect(served.result.query).toBe(variant);
      expect(served.result.hits.map((h) => h.id)).toEqual(cachedIds);
    }
    expect(queryTexts.length).toBe(embedded);
  }, 120_000);

  it('in semantic mode, orders the shared candidates exactly as the engine orders them for the new query', async () => {
    const cache = catalog.cachedSearcher({});
    await cache.search(request('linen shorts', 'semantic'));
    const served = await cache.search(request('shorts linen', 'semantic'));
    expect(served.layer).toBe('normalised');
    const ids = served.result.hits.map((h) => h.id);
    const full = await uncachedIds({ ...request('shorts linen', 'semantic'), limit: 99 });
    expect(ids).toEqual(full.filter((id) => ids.includes(id)));
  }, 60_000);

  it('shares only between equal filters, and never for a product code', async () => {
    const cache = catalog.cachedSearcher({});
    await cache.search(request('leather tote', 'keyword'));
    expect((await cache.search(request('tote leather', 'keyword', { inStock: true }))).layer).toBe('miss');
    // A filter typed in the text is the same filter given explicitly.
    await cache.search(request('leather tote under $50', 'keyword'));
    expect((await cache.search(request('tote leather', 'keyword', { priceMax: 50 }))).layer).toBe(
      'normalised',
    );
    await cache.search(request('RSG8901', 'keyword'));
    expect((await cache.search(request('rsg 8901', 'keyword'))).layer).toBe('miss');
  }, 60_000);

  it('in semantic mode, serves a word still being typed that reads as a cached query, without embedding it', async () => {
    const cache = catalog.cachedSearcher({});
    const full = await cache.search(request('retro sunglasses', 'semantic'));
    const embedded = queryTexts.length;
    const typing = await cache.search(request('retro sungl', 'semantic'));
    expect(typing.layer).toBe('embedding');
    expect(queryTexts.length).toBe(embedded);
    expect(typing.result.hits.map((h) => h.id)).toEqual(full.result.hits.map((h) => h.id));
    // In hybrid the prefix matches other products than the word it completes to: searched, not shared.
    await cache.search(request('retro sunglasses', 'hybrid'));
    expect((await cache.search(request('retro sungl', 'hybrid'))).layer).toBe('miss');
  }, 60_000);

  it('re-ranks the candidates of a query within the cosine by the new query, as the engine ranks them', async () => {
    // A threshold low enough that these two share; the measured one is higher (bench/query-cache.ts).
    const cache = catalog.cachedSearcher({ cosine: 0.4 });
    const a = request('warm winter scarf', 'semantic');
    const b = request('cozy wool shawl', 'semantic');
    await cache.search(a);
    const served = await cache.search(b);
    expect(served.layer).toBe('embedding');
    const ids = served.result.hits.map((h) => h.id);
    // The engine's order of the same products for b: its full ranking, kept to the served ones.
    const full = (await catalog.tunedSearcher({}).search({ ...b, limit: 99 })).hits.map((h) => h.id);
    expect(ids).toEqual(full.filter((id) => ids.includes(id)));
    expect(new Set(ids)).toEqual(new Set((await catalog.tunedSearcher({}).search(a)).hits.map((h) => h.id)));
  }, 60_000);

  it('forgets everything when the catalog changes: a re-import, a synonym change', async () => {
    const cache = catalog.searcher;
    const req = request('retro sunglasses', 'keyword');
    expect((await cache.search(req)).result.hits[0].id).toBe('RSG8901');
    expect((await cache.search(request('sunglasses retro', 'keyword'))).layer).toBe('normalised');

    const without = path.join(dir, 'without-sunglasses.csv');
    const lines = fs.readFileSync(HERMES_CSV, 'utf8').split('\n');
    fs.writeFileSync(without, lines.filter((l) => !l.startsWith('RSG8901,')).join('\n'));
    await importInto(catalog, without);
    const after = await cache.search(request('sunglasses retro', 'keyword'));
    expect(after.layer).toBe('miss');
    expect(after.result.hits.map((h) => h.id)).not.toContain('RSG8901');
    expect(after.result.hits.map((h) => h.id)).toEqual(
      await uncachedIds(request('sunglasses retro', 'keyword')),
    );

    expect((await cache.search(request('sunglasses retro', 'keyword'))).layer).toBe('exact');
    catalog.setSynonyms([['sunglasses', 'shades']]);
    expect((await cache.search(request('sunglasses retro', 'keyword'))).layer).toBe('miss');
    catalog.setSynonyms([]);
    await importInto(catalog, HERMES_CSV);
  }, 120_000);
});
