import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { runIndex } from '../../../electron/engine/jobs/index-job.ts';
import { getMeta } from '../../../electron/engine/store/database.ts';
import { HERMES_CSV, countingModels, importInto, meter, tempDir } from '../helpers.ts';

describe('runIndex', () => {
  it('saves the ANN index less often as it grows, and ends with a save that covers every vector', async () => {
    const { models } = countingModels();
    const catalog = CatalogService.open(path.join(tempDir(), 'c'), models, { create: true });
    await importInto(catalog, HERMES_CSV, { index: false });
    const saves = vi.spyOn(catalog.handle, 'checkpointIndex');
    const embedder = await models.indexEmbedder();
    try {
      const outcome = await runIndex(catalog.handle, embedder, { batchSize: 4, checkpointEvery: 4 }, meter());
      expect(outcome.embedded).toBe(99);
    } finally {
      await embedder.close();
    }
    // Every 4 vectors would be 25 saves; a quarter of the index once that is more leaves far fewer.
    expect(saves.mock.calls.length).toBeGreaterThan(3);
    expect(saves.mock.calls.length).toBeLessThan(15);
    expect(catalog.handle.ann.size).toBe(99);
    expect(getMeta(catalog.handle.writer, 'index_seq')).toBe(getMeta(catalog.handle.writer, 'embed_seq'));
    catalog.close();
  }, 120_000);
});
