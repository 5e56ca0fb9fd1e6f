import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { getMeta, setMeta } from '../../electron/engine/store/database.ts';
import { ANN_FORMAT } from '../../electron/engine/vector/ann-index.ts';
import { HERMES_CSV, countingModels, importInto, meter, tempDir } from './helpers.ts';

describe('indexing jobs', () => {
  it('cancels at a batch boundary and resumes without embedding anything twice', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models, embeddedTexts } = countingModels();
    // The cancel lands once the first batch is embedded, however fast this machine embeds it.
    const abort = new AbortController();
    const cancelling: ModelProvider = {
      ...models,
      async indexEmbedder() {
        const inner = await models.indexEmbedder();
        return {
          ...inner,
          embed: async (...args: Parameters<typeof inner.embed>) => {
            const vectors = await inner.embed(...args);
            abort.abort();
            return vectors;
          },
        };
      },
    };
    let catalog = CatalogService.open(dir, cancelling, { create: true });
    // Twelve copies of Hermes under new ids: more than one indexing batch (1,024), for a cancel to
    // land in the middle.
    const [header, ...rows] = fs.readFileSync(HERMES_CSV, 'utf8').trimEnd().split('\n');
    const file = path.join(tempDir(), 'triple.csv');
    fs.writeFileSync(
      file,
      [
        header,
        ...Array.from({ length: 12 }, (_, n) => n + 1).flatMap((n) =>
          rows.map((r) => r.replace(/^([A-Z]+\d+),/, `$1-${n},`)),
        ),
      ].join('\n'),
    );
    const imported = await importInto(catalog, file, { index: false });
    expect(imported.embedded).toBe(0);
    expect(catalog.info()).toMatchObject({ products: 1188, embedded: 0 });

    const first = await catalog.index(randomUUID(), meter(), abort.signal);
    const partial = catalog.info().embedded;
    expect(first.embedded).toBe(partial);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(1188);
    catalog.close();

    catalog = CatalogService.open(dir, models);
    const second = await catalog.index(randomUUID(), meter());
    expect(second.embedded).toBe(1188 - partial);
    expect(catalog.info().embedded).toBe(1188);
    expect(embeddedTexts).toHaveLength(1188);
    catalog.close();
  }, 120_000);

  it('rebuilds a lost or stale vector index from SQLite without re-embedding', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models, embeddedTexts } = countingModels();
    let catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const before = await catalog.search({
      query: 'warm winter hat',
      mode: 'semantic',
      limit: 5,
      filters: {},
    });
    catalog.close();

    fs.rmSync(path.join(dir, 'vectors.usearch'));
    fs.writeFileSync(path.join(dir, 'vectors.usearch.tmp-1'), 'torn write left by a crash');
    catalog = CatalogService.open(dir, models);
    expect(catalog.handle.ann.size).toBe(99);
    const after = await catalog.search({ query: 'warm winter hat', mode: 'semantic', limit: 5, filters: {} });
    // Rebuilt from the stored int8 vectors, near-ties deep in the list may swap; the head must not move.
    expect(after.hits.slice(0, 3).map((h) => h.id)).toEqual(before.hits.slice(0, 3).map((h) => h.id));
    expect(embeddedTexts).toHaveLength(99);
    catalog.close();
  }, 120_000);

  it('rebuilds an index file written in an older format (quantization, connectivity) from SQLite', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models, embeddedTexts } = countingModels();
    let catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const indexFile = path.join(dir, 'vectors.usearch');
    const savedAt = fs.statSync(indexFile).mtimeMs;
    const query = { query: 'warm winter hat', mode: 'semantic', limit: 5, filters: {} } as const;
    const before = await catalog.search(query);
    setMeta(catalog.handle.writer, 'ann_format', 'f16-m16');
    catalog.close();

    catalog = CatalogService.open(dir, models);
    expect(getMeta(catalog.handle.writer, 'ann_format')).toBe(ANN_FORMAT);
    expect(fs.statSync(indexFile).mtimeMs).toBeGreaterThan(savedAt);
    expect(catalog.handle.ann.size).toBe(99);
    const after = await catalog.search(query);
    expect(after.hits.slice(0, 3).map((h) => h.id)).toEqual(before.hits.slice(0, 3).map((h) => h.id));
    expect(embeddedTexts).toHaveLength(99);
    catalog.close();
  }, 120_000);

  it('leaves the catalog unchanged when a file fails half-way', async () => {
    const dir = path.join(tempDir(), 'c');
    const { models } = countingModels();
    const catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV, { index: false });
    const lines = fs.readFileSync(HERMES_CSV, 'utf8').trimEnd().split('\n');
    const broken = path.join(tempDir(), 'broken.csv');
    // The first rows are fine and would update products; the unbalanced quote near the end breaks the file.
    fs.writeFileSync(
      broken,
      [
        lines[0],
        ...lines.slice(1, 60).map((l) => l.replace(/,(\d+(\.\d+)?)$/, ',1.00')),
        'ZZZ1,"Broken row,Bags,never closed,1,All,5',
      ].join('\n'),
    );
    await expect(importInto(catalog, broken)).rejects.toThrow(/broken\.csv/);
    expect(catalog.info().products).toBe(99);
    expect(catalog.getProduct('RSG8901')?.price).toBe(26.99);
    catalog.close();
  }, 60_000);
});
