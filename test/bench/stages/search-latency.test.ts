import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureFtsAllWords } from '../../../bench/stages/search-latency.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { HERMES_CSV, importInto, tempDir } from '../../engine/helpers.ts';

describe('measureFtsAllWords', () => {
  let catalog: CatalogService;

  beforeAll(async () => {
    catalog = CatalogService.open(path.join(tempDir(), 'hermes'), createModelProvider(), { create: true });
    await importInto(catalog, HERMES_CSV, { index: false });
  }, 60_000);

  afterAll(() => catalog.close());

  it('counts the products every word of each query matches, and times ranking and walking them', async () => {
    const count = (match: string) =>
      catalog.handle.reader
        .prepare('SELECT count(*) FROM products_fts WHERE products_fts MATCH ?')
        .pluck()
        .get(match) as number;
    const queries = ['leather', 'winter wool', 'winter', '!!!'];
    const fts = await measureFtsAllWords(catalog.handle.reader, queries);

    // A query without a word is not an FTS5 statement: three are timed, and the median is the middle count.
    const counts = [count('"leather"'), count('"winter" AND "wool"'), count('"winter"')];
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(fts.matchesP50).toBe([...counts].sort((a, b) => a - b)[1]);
    expect(fts.ranked.n).toBe(3);
    expect(fts.walked.n).toBe(3);
  });
});
