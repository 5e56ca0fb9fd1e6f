import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { FUSION } from '../../../electron/engine/search/search-service.ts';
import { HERMES_CSV, importInto, tempDir } from '../helpers.ts';

describe('search tuning (the benchmark sweeps these on one catalog)', () => {
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(tempDir(), createModelProvider(), { create: true });
    await importInto(catalog, HERMES_CSV, { index: false });
  }, 60_000);

  afterAll(() => catalog.close());

  it('keeps unknown words as typed when word repair is off', async () => {
    const req = { query: 'lether bag', mode: 'keyword' as const, limit: 10, filters: {} };
    const repaired = await catalog.search(req);
    expect(repaired.corrections).toEqual([{ from: 'lether', to: 'leather' }]);
    const asTyped = await catalog.tunedSearcher({ repairWords: false }).search(req);
    expect(asTyped.corrections).toEqual([]);
    const ids = (r: typeof repaired) => r.hits.map((h) => h.id);
    expect(ids(asTyped)).not.toEqual(ids(repaired));
  });

  it('ranks with the fusion weights it is given', async () => {
    const req = { query: 'leather bag', mode: 'keyword' as const, limit: 10, filters: {} };
    const scores = (r: { hits: { id: string; score: number }[] }) => r.hits.map((h) => [h.id, h.score]);
    const engine = await catalog.search(req);
    expect(scores(await catalog.tunedSearcher({}).search(req))).toEqual(scores(engine));
    const noPenalty = await catalog
      .tunedSearcher({ fusion: { ...FUSION, nameLengthPenalty: 0 } })
      .search(req);
    expect(scores(noPenalty)).not.toEqual(scores(engine));
  });
});
