import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { rerankBonus } from '../../../electron/engine/search/rerank.ts';
import { FUSION } from '../../../electron/engine/search/search-service.ts';
import { productVector, storedSimilarities } from '../../../electron/engine/search/semantic.ts';
import { dot } from '../../../electron/engine/vector/codec.ts';
import { indexedHermes } from '../helpers.ts';

describe('rerankBonus', () => {
  it('gives the closest candidate the whole weight, the farthest none, the rest in proportion', () => {
    const bonus = rerankBonus(
      new Map([
        [1, 0.2],
        [2, 0.6],
        [3, 0.4],
      ]),
      0.5,
    );
    expect(bonus.get(2)).toBeCloseTo(0.5);
    expect(bonus.get(1)).toBeCloseTo(0);
    expect(bonus.get(3)).toBeCloseTo(0.25);
  });

  it('leaves the order to the words when the model cannot tell the candidates apart', () => {
    const bonus = rerankBonus(
      new Map([
        [7, 0.3],
        [8, 0.3],
      ]),
      0.2,
    );
    expect([...bonus.values()]).toEqual([0.2, 0.2]);
  });

  it('has nothing to give without candidates', () => {
    expect(rerankBonus(new Map(), 0.2).size).toBe(0);
  });
});

describe('hybrid search re-ranks the keyword candidates with the model', () => {
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = await indexedHermes();
  }, 120_000);

  afterAll(() => catalog.close());

  const rowidOf = (id: string) =>
    (catalog.handle.reader.prepare('SELECT rowid FROM products WHERE id = ?').get(id) as { rowid: number })
      .rowid;

  it('scores candidates from their stored vectors, skipping products that have none', async () => {
    const [query] = await (await catalog.queryEmbedder()).embed(['warm winter hat']);
    const rowids = (
      catalog.handle.reader.prepare('SELECT rowid FROM products LIMIT 5').all() as {
        rowid: number;
      }[]
    ).map((r) => r.rowid);
    const sims = storedSimilarities(catalog.handle, query, [...rowids, 999_999]);
    expect([...sims.keys()].sort((a, b) => a - b)).toEqual([...rowids].sort((a, b) => a - b));
    for (const rowid of rowids) {
      const stored = productVector(catalog.handle, rowid) as Float32Array;
      expect(sims.get(rowid)).toBeCloseTo(dot(query, stored), 4);
    }
  });

  it('adds to each keyword candidate the weight times its similarity, normalised over the candidates', async () => {
    // Every candidate on the page (Hermes has fewer than 100 bags), so the normalisation spans them all.
    const req = { query: 'bag', mode: 'hybrid' as const, limit: 100, filters: {} };
    const words = await catalog.tunedSearcher({ fusion: { ...FUSION, rerankWeight: 0 } }).search(req);
    const reranked = await catalog.search(req);
    // The same products: re-ranking reorders what the words found, it finds nothing new.
    expect(new Set(reranked.hits.map((h) => h.id))).toEqual(new Set(words.hits.map((h) => h.id)));
    // Each hit's score rose by the weight times its normalised similarity, computed here from the
    // stored vectors over the same candidates.
    const [query] = await (await catalog.queryEmbedder()).embed([req.query]);
    const sims = new Map(
      words.hits.map((h) => [h.id, dot(query, productVector(catalog.handle, rowidOf(h.id)) as Float32Array)]),
    );
    const ranked = [...sims].sort((a, b) => b[1] - a[1]);
    const [best, worst] = [ranked[0][0], ranked[ranked.length - 1][0]];
    const gain = (id: string) =>
      (reranked.hits.find((h) => h.id === id)?.score ?? 0) -
      (words.hits.find((h) => h.id === id)?.score ?? 0);
    expect(words.hits.length).toBeGreaterThan(2);
    expect(gain(best)).toBeCloseTo(FUSION.rerankWeight, 2);
    expect(gain(worst)).toBeCloseTo(0, 2);
    for (const h of words.hits) expect(gain(h.id)).toBeLessThanOrEqual(gain(best) + 1e-3);
  });

  it('leaves keyword and semantic modes as they were', async () => {
    for (const mode of ['keyword', 'semantic'] as const) {
      const req = { query: 'leather bag', mode, limit: 10, filters: {} };
      const scores = (r: { hits: { id: string; score: number }[] }) => r.hits.map((h) => [h.id, h.score]);
      const without = await catalog.tunedSearcher({ fusion: { ...FUSION, rerankWeight: 0 } }).search(req);
      expect(scores(await catalog.search(req))).toEqual(scores(without));
    }
  });
});
