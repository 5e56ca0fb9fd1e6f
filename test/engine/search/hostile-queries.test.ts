// Queries as a careless or hostile user types them: FTS5 operators and unbalanced quotes, right-to-left
// scripts and emoji, the longest query the contract allows. Each one answers in every mode, never throws.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { methods } from '../../../shared/api.ts';
import type { SearchMode } from '../../../shared/types.ts';
import { EXPORTS } from '../catalog/profiles/read-export.ts';
import { countingModels, importInto, tempDir } from '../helpers.ts';

const MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];
/** The longest query the contract lets through IPC. */
const LONGEST = 1000;

const HOSTILE = [
  'AND OR NEAR( * ^ "',
  '"unbalanced hoodie',
  'NEAR(hoodie logo, 2)',
  'hoodie -logo',
  'name:hoodie OR {col}: ^x',
  'hoodie*',
  '*',
  '""',
  "'); DROP TABLE products; --",
  'كنزة بغطاء رأس hoodie',
  'סווטשירט hoodie',
  '🧥 hoodie 👕🏽 ‮',
  'ho\u0000odie',
  'hoodie '.repeat(200).slice(0, LONGEST),
];

describe('hostile queries against a real catalog', () => {
  const dir = tempDir();
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(path.join(dir, 'woo'), countingModels().models, { create: true });
    await importInto(catalog, `${EXPORTS}woocommerce-products.csv`);
  }, 120_000);

  afterAll(() => catalog.close());

  it('the longest query case is exactly what the contract allows, and one character more is refused', () => {
    const search = methods.search.input;
    expect(search.safeParse({ catalogId: 'x', query: HOSTILE.at(-1) }).success).toBe(true);
    expect(search.safeParse({ catalogId: 'x', query: 'x'.repeat(LONGEST + 1) }).success).toBe(false);
  });

  for (const query of HOSTILE) {
    it(`answers ${JSON.stringify(query.slice(0, 40))} in every mode`, async () => {
      for (const mode of MODES) {
        const result = await catalog.search({ query, mode, limit: 5, filters: {} });
        expect(result.hits.length).toBeLessThanOrEqual(5);
        for (const hit of result.hits) expect(catalog.getProduct(hit.id)).not.toBeNull();
      }
    });
  }

  it('still finds the hoodies when the words around them are operators or other scripts', async () => {
    for (const query of ['"unbalanced hoodie', 'كنزة بغطاء رأس hoodie', '🧥 hoodie 👕🏽 ‮', 'hoodie*']) {
      const result = await catalog.search({ query, mode: 'keyword', limit: 5, filters: {} });
      expect(result.hits[0]?.name, query).toMatch(/hoodie/i);
    }
  });
});
