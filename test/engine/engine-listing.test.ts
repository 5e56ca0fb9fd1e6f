import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.ts';
import type { JobFinished } from '../../shared/types.ts';
import { HERMES_CSV, tempDir } from './helpers.ts';

describe('listing catalogs', () => {
  it('reads each catalog without opening it for work; the first search opens it', async () => {
    const dataDir = tempDir();
    const first = await createEngine({ dataDir });
    const { id } = await first.createCatalog({ name: 'Hermes' });
    const finished = new Promise<JobFinished>((resolve) => first.on('jobFinished', resolve));
    await first.startImport({ catalogId: id, path: HERMES_CSV });
    expect(await finished).toMatchObject({ ok: true });
    await first.close();

    // Opening a catalog rebuilds a missing vector index from SQLite; listing must not pay for that.
    const index = path.join(dataDir, 'catalogs', id, 'vectors.usearch');
    fs.rmSync(index);
    const second = await createEngine({ dataDir });
    try {
      expect(await second.listCatalogs({})).toMatchObject([
        { id, name: 'Hermes', products: 99, embedded: 99 },
      ]);
      expect(fs.existsSync(index)).toBe(false);
      const result = await second.search({
        catalogId: id,
        query: 'retro sunglasses',
        mode: 'semantic',
        limit: 5,
        filters: {},
      });
      expect(result.hits[0]?.id).toBe('RSG8901');
      expect(fs.existsSync(index)).toBe(true);
      expect(await second.listCatalogs({})).toMatchObject([{ id, products: 99, embedded: 99 }]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
