import { describe, expect, it } from 'vitest';
import { withImportedCsv } from '../helpers.ts';

// 150 short "Laptop ..." accessory titles outrank, by bm25 alone, notebooks whose long descriptions
// mention "laptop" once: the category the query names must still bring the notebooks up.
function catalogCsv(): string {
  const rows = ['product_id,name,category,description,price'];
  for (let i = 0; i < 150; i++) rows.push(`ACC${i},Laptop lock ${i},Security,Cable lock,${10 + i}`);
  const filler =
    'Slim aluminium body with a bright display and a long lasting battery for work and play. '.repeat(6);
  for (let i = 0; i < 3; i++) {
    rows.push(`NB${i},Zenbook ${i} 14 inch,Notebook,"${filler}A light laptop for travel.",${900 + i}`);
  }
  return rows.join('\n');
}

describe('a category named by the query', () => {
  it('brings that category up even when the first bm25 pass is full of other products', async () => {
    await withImportedCsv(catalogCsv(), async (catalog) => {
      for (const query of ['laptop', 'notebook']) {
        const result = await catalog.search({ query, mode: 'keyword', limit: 5, filters: {} });
        expect(
          result.hits.slice(0, 3).map((h) => h.id),
          query,
        ).toEqual(['NB0', 'NB1', 'NB2']);
      }
    });
  }, 60_000);
});
