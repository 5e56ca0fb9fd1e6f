import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurePipelineOverhead } from '../../../bench/stages/overhead.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { HERMES_CSV, countingModels, importInto, tempDir } from '../../engine/helpers.ts';

describe('measurePipelineOverhead', () => {
  it('runs each index job pass between two bare model passes on the same texts, in a copy of the catalog', async () => {
    const { models, embeddedTexts } = countingModels();
    const dir = path.join(tempDir(), 'catalog');
    const catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    catalog.close();
    const before = fs.readFileSync(path.join(dir, 'catalog.sqlite'));
    embeddedTexts.length = 0;

    const scratch = tempDir();
    const { raw, overhead } = await measurePipelineOverhead(dir, scratch, models, 30, 2);

    expect(overhead.texts).toBe(30);
    expect(overhead.catalogProducts).toBe(99);
    expect(overhead.rounds).toHaveLength(2);
    // Each round's index job re-embedded exactly the sampled products (the bare passes use their own session).
    expect(embeddedTexts).toHaveLength(60);
    expect(new Set(embeddedTexts).size).toBe(30);
    expect(overhead.bareTextsPerSec).toHaveLength(3);
    overhead.rounds.forEach((r, i) => {
      // Compared with the mean time of the bare passes on either side of it.
      const [before, after] = overhead.bareTextsPerSec.slice(i, i + 2);
      expect(r.bareTextsPerSec).toBeGreaterThanOrEqual(Math.min(before, after) - 1);
      expect(r.bareTextsPerSec).toBeLessThanOrEqual(Math.max(before, after) + 1);
      expect(r.bareMs).toBeCloseTo(((30 / before + 30 / after) / 2) * 1000, -1);
      expect(r.pipelineTextsPerSec).toBeGreaterThan(0);
      expect(r.overheadPct).toBeCloseTo((1 - r.pipelineTextsPerSec / r.bareTextsPerSec) * 100, 0);
    });
    expect(raw.texts).toBe(30);
    expect(raw.textsPerSec).toBe(Math.max(...overhead.bareTextsPerSec));
    // The measured catalog is left as it was, and the copy is gone.
    expect(fs.readFileSync(path.join(dir, 'catalog.sqlite')).equals(before)).toBe(true);
    expect(fs.readdirSync(scratch)).toEqual([]);
  }, 120_000);
});
