import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { EmbedCallOptions } from '../../../electron/engine/embed/embedder.ts';
import { runIndex } from '../../../electron/engine/jobs/index-job.ts';
import { getMeta } from '../../../electron/engine/store/database.ts';
import { decodeVector } from '../../../electron/engine/vector/codec.ts';
import type { JobProgress } from '../../../shared/types.ts';
import { HERMES_CSV, countingModels, importInto, meter, tempDir } from '../helpers.ts';

describe('runIndex', () => {
  it('saves the ANN index less often as it grows, says so before each save, and ends with a save that covers every vector', async () => {
    // Each save must hold every vector committed so far: the index_seq it records says it does.
    const unsaved: number[] = [];
    const events: JobProgress[] = [];
    const phaseAtSave: string[] = [];
    let saves = 0;
    const { catalog, outcome } = await indexHermes({
      batchSize: 4,
      checkpointEvery: 4,
      events,
      prepare: (c) => {
        const embeddedCount = c.handle.writer.prepare(
          'SELECT count(*) AS n FROM products WHERE embedded_hash = embed_hash',
        );
        const save = c.handle.checkpointIndex.bind(c.handle);
        vi.spyOn(c.handle, 'checkpointIndex').mockImplementation(() => {
          saves++;
          unsaved.push((embeddedCount.get() as { n: number }).n - c.handle.ann.size);
          phaseAtSave.push(events[events.length - 1].phase);
          save();
        });
      },
    });
    expect(outcome).toMatchObject({ embedded: 99 });
    // Every 4 vectors would be 25 saves; a quarter of the index once that is more leaves far fewer.
    expect(saves).toBeGreaterThan(3);
    expect(saves).toBeLessThan(15);
    expect(unsaved.every((n) => n === 0)).toBe(true);
    expect(phaseAtSave.every((phase) => phase === 'saving')).toBe(true);
    expect(getMeta(catalog.handle.writer, 'index_seq')).toBe(getMeta(catalog.handle.writer, 'embed_seq'));
    expectStored(catalog, 99);
  }, 120_000);

  it('gives the ANN index each vector as stored in SQLite, in rowid order', async () => {
    const added: { rowid: number; vector: Float32Array }[] = [];
    const { catalog } = await indexHermes({
      batchSize: 16,
      prepare: (c) => {
        const upsert = c.handle.ann.upsert.bind(c.handle.ann);
        vi.spyOn(c.handle.ann, 'upsert').mockImplementation((rowids, vectors) => {
          const dims = c.handle.ann.dimensions;
          rowids.forEach((rowid, i) =>
            added.push({ rowid, vector: vectors.slice(i * dims, (i + 1) * dims) }),
          );
          upsert(rowids, vectors);
        });
      },
    });
    // HNSW recall depends on insertion order: batches sorted by text length scored lower at 100k.
    const rowids = added.map((a) => a.rowid);
    expect(rowids).toHaveLength(99);
    expect(rowids).toEqual([...rowids].sort((a, b) => a - b));
    const stored = catalog.handle.reader.prepare('SELECT v FROM vectors WHERE rowid = ?');
    for (const { rowid, vector } of added) {
      expect(vector).toEqual(decodeVector((stored.get(rowid) as { v: Buffer }).v));
    }
    catalog.close();
  }, 120_000);

  it('puts every committed vector in the ANN index when embedding fails part-way', async () => {
    const { catalog, outcome } = await indexHermes({
      batchSize: 8,
      beforeBatch: (call) => {
        if (call === 4) throw new Error('model failed');
      },
    });
    expect(outcome).toEqual(new Error('model failed'));
    // Three batches were committed to SQLite; semantic search must see them without a reopen.
    expectStored(catalog, 24);
  }, 120_000);

  it('drops the batch a cancel interrupts and keeps every batch before it', async () => {
    const abort = new AbortController();
    const { catalog, outcome } = await indexHermes({
      batchSize: 40,
      signal: abort.signal,
      // Inside the second batch: the model stops before its next run.
      onProgress: (done) => done > 40 && abort.abort(),
    });
    expect(outcome).toMatchObject({ cancelled: true, embedded: 40 });
    expectStored(catalog, 40);
  }, 120_000);

  it('keeps the batches embedded before a cancel that lands between two', async () => {
    const abort = new AbortController();
    const { catalog, outcome } = await indexHermes({
      batchSize: 8,
      signal: abort.signal,
      beforeBatch: (call) => call === 3 && abort.abort(),
    });
    expect(outcome).toMatchObject({ cancelled: true, embedded: 16 });
    expectStored(catalog, 16);
  }, 120_000);
});

/** The Hermes products embedded so far are in SQLite and in the ANN index; closes the catalog. */
function expectStored(catalog: CatalogService, embedded: number): void {
  expect(catalog.handle.ann.size).toBe(embedded);
  expect(catalog.info()).toMatchObject({ products: 99, embedded });
  catalog.close();
}

/**
 * Indexes the Hermes catalog (99 products) with the real model in batches of `batchSize`, after
 * `prepare` has seen the imported catalog, calling `beforeBatch` ahead of each batch and `onProgress`
 * with the products done after each model run; progress events go to `events`. The outcome is the
 * error if indexing failed.
 */
async function indexHermes(opts: {
  batchSize: number;
  checkpointEvery?: number;
  signal?: AbortSignal;
  events?: JobProgress[];
  prepare?: (catalog: CatalogService) => void;
  beforeBatch?: (call: number) => unknown;
  onProgress?: (done: number) => unknown;
}) {
  const { models } = countingModels();
  const catalog = CatalogService.open(path.join(tempDir(), 'c'), models, { create: true });
  await importInto(catalog, HERMES_CSV, { index: false });
  opts.prepare?.(catalog);
  const inner = await models.indexEmbedder();
  let calls = 0;
  const embedder = {
    ...inner,
    embed: async (texts: string[], callOpts?: EmbedCallOptions) => {
      const batchStart = calls++ * opts.batchSize;
      opts.beforeBatch?.(calls);
      return inner.embed(texts, {
        ...callOpts,
        onProgress: (n) => {
          callOpts?.onProgress?.(n);
          opts.onProgress?.(batchStart + n);
        },
      });
    },
  };
  try {
    const { batchSize, checkpointEvery, signal } = opts;
    const outcome = await runIndex(
      catalog.handle,
      embedder,
      { batchSize, checkpointEvery, signal },
      meter(opts.events),
    ).catch((e: unknown) => e as Error);
    return { catalog, outcome };
  } finally {
    await inner.close();
  }
}
