import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../electron/engine/catalog-models.ts';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { loadEmbedder } from '../../electron/engine/embed/load-embedder.ts';
import { defaultModelsDir } from '../../electron/engine/embed/models-dir.ts';
import { NEXT_INDEX_FILE, STAGING_FILE } from '../../electron/engine/jobs/reembed-job.ts';
import { ModelRegistry } from '../../electron/engine/model-store/model-registry.ts';
import { writeTinyStExport } from '../helpers/tiny-st-model.ts';
import { E2E_PRODUCTS, myntraSlice, wordsOf } from '../helpers/reembed-fixtures.ts';
import { importInto, meter, tempDir } from './helpers.ts';
import type { JobProgress } from '../../shared/types.ts';
import { answerQuestion } from '../../electron/engine/ask/answer.ts';
import { BUILT_IN } from './ask/ask-each.ts';

const TINY = 'tiny-bert';
const MYNTRA_ROWS = 2500;

describe('re-embedding a catalog with another model', () => {
  let root: string;
  let registry: ModelRegistry;
  let myntra: string;
  /** A catalog of the Myntra slice embedded with the default model, copied for each test that changes one. */
  let seeded: string;

  const copyOfSeeded = (name: string) => {
    const dir = path.join(root, name);
    fs.cpSync(seeded, dir, { recursive: true });
    return dir;
  };
  const ids = async (service: CatalogService, query: string) =>
    (await service.search({ query, mode: 'semantic', limit: 10, filters: {} })).hits.map((h) => h.id);

  beforeAll(async () => {
    root = tempDir('shelfscope-reembed-');
    myntra = myntraSlice(root, MYNTRA_ROWS);
    registry = new ModelRegistry({ bundledDir: defaultModelsDir(), dataDir: path.join(root, 'data') });
    const src = path.join(root, 'tiny-export');
    writeTinyStExport(src, { words: wordsOf(E2E_PRODUCTS, myntra), hidden: 32 });
    await registry.add(src, { name: TINY });
    seeded = path.join(root, 'seeded');
    const service = openCatalog(seeded, registry, { create: true, name: 'Myntra' });
    await importInto(service, myntra);
    service.close();
  }, 300_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('re-embeds the e2e catalog with the added model, searches with it, and swaps back', async () => {
    const dir = path.join(root, 'e2e-catalog');
    let service = openCatalog(dir, registry, { create: true, name: 'Hermes' });
    await importInto(service, E2E_PRODUCTS);
    expect(service.stats()).toMatchObject({
      model: 'use-lite-int8',
      dimensions: 512,
      products: 99,
      embedded: 99,
    });
    const query = 'retro sunglasses for the beach';
    const before = await ids(service, query);

    const result = await service.reembed(registry.provider(TINY), 'job-1', meter());
    expect(result).toMatchObject({ model: TINY, embedded: 99, resumed: 0, swapped: true });
    const stats = service.stats();
    expect(stats).toMatchObject({ model: TINY, dimensions: 32, embedded: 99 });
    expect(stats.vectorIndex).toMatchObject({ vectors: 99, expected: 99, consistent: true });
    expect(fs.existsSync(path.join(dir, STAGING_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dir, NEXT_INDEX_FILE))).toBe(false);

    // The expected ranking, worked out with the tiny model alone: every product's embedding text
    // against the query, exactly, in float32 — the engine's answer comes from its new index.
    const db = new Database(path.join(dir, 'catalog.sqlite'), { readonly: true });
    const texts = db.prepare('SELECT id, embed_text AS text FROM products').all() as {
      id: string;
      text: string;
    }[];
    db.close();
    const embedder = await loadEmbedder(registry.dirOf(TINY));
    const [q, ...vectors] = await embedder.embed([query, ...texts.map((t) => t.text)]);
    await embedder.close();
    const scored = texts
      .map((t, i) => ({ id: t.id, score: vectors[i].reduce((s, x, d) => s + x * q[d], 0) }))
      .sort((a, b) => b.score - a.score);
    const withTiny = await ids(service, query);
    expect(withTiny[0]).toBe(scored[0].id);
    expect(new Set(withTiny.slice(0, 5))).toEqual(new Set(scored.slice(0, 5).map((s) => s.id)));
    const hybrid = await service.search({ query: 'sunglasses', mode: 'hybrid', limit: 5, filters: {} });
    expect(hybrid.hits[0].id).toBe('RSG8901');
    expect(registry.catalogsUsing(TINY)).toEqual([{ dir: path.resolve(dir), name: 'Hermes' }]);
    expect(() => registry.remove(TINY)).toThrow(
      `"${TINY}" is used by "Hermes": re-embed that catalog with another model first`,
    );

    // Reopened, it keeps the model it was re-embedded with: nothing is embedded again.
    service.close();
    service = openCatalog(dir, registry);
    expect(service.stats()).toMatchObject({ model: TINY, dimensions: 32, embedded: 99 });
    expect(await ids(service, query)).toEqual(withTiny);

    const back = await service.reembed(registry.provider('use-lite-int8'), 'job-2', meter());
    expect(back).toMatchObject({ model: 'use-lite-int8', embedded: 99, swapped: true });
    expect(service.stats()).toMatchObject({ model: 'use-lite-int8', dimensions: 512, embedded: 99 });
    expect(await ids(service, query)).toEqual(before);
    expect(registry.catalogsUsing(TINY)).toEqual([]);
    service.close();
  });

  it('keeps answering on the current vectors while it runs; a cancel leaves the catalog as it was, and a new run resumes', async () => {
    const dir = copyOfSeeded('cancelled');
    const service = openCatalog(dir, registry);
    const query = 'black printed trolley bag';
    const before = await ids(service, query);
    const abort = new AbortController();
    const during: string[][] = [];
    let searching: Promise<void> | null = null;
    const events: JobProgress[] = [];
    const watched = meter(events);
    const update = watched.update.bind(watched);
    // A search between two batches of the re-embed, then a cancel once the first batch is staged.
    watched.update = (done, total, force, message) => {
      update(done, total, force, message);
      if (done >= 1024 && !searching) {
        searching = ids(service, query).then((found) => {
          during.push(found);
          abort.abort();
        });
      }
    };
    const cancelled = await service.reembed(registry.provider(TINY), 'job-c', watched, abort.signal);
    await searching;
    expect(cancelled.swapped).toBe(false);
    expect(cancelled.embedded).toBeGreaterThanOrEqual(1024);
    expect(cancelled.embedded).toBeLessThan(MYNTRA_ROWS);
    expect(during).toEqual([before]);
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(service.stats()).toMatchObject({ model: 'use-lite-int8', dimensions: 512, embedded: MYNTRA_ROWS });
    expect(await ids(service, query)).toEqual(before);
    expect(fs.existsSync(path.join(dir, STAGING_FILE))).toBe(true);

    const resumed = await service.reembed(registry.provider(TINY), 'job-r', meter());
    expect(resumed).toMatchObject({
      swapped: true,
      resumed: cancelled.embedded,
      embedded: MYNTRA_ROWS - cancelled.embedded,
    });
    expect(service.stats()).toMatchObject({ model: TINY, dimensions: 32, embedded: MYNTRA_ROWS });
    expect(service.stats().vectorIndex).toMatchObject({ vectors: MYNTRA_ROWS, consistent: true });
    service.close();
  });

  it('answers questions during a re-embed as it did before it, and the same figures after the swap', async () => {
    const dir = copyOfSeeded('asked');
    const service = openCatalog(dir, registry);
    const questions = [
      'How many products are for women?',
      'What is the average price of watches?',
      'Which black trolley bags do we have?',
    ];
    const askAll = () =>
      Promise.all(
        questions.map(async (q) => {
          const { answer, citations, reading } = await answerQuestion(service, q, BUILT_IN);
          return { answer, citations, reading };
        }),
      );
    const before = await askAll();
    const during: Awaited<ReturnType<typeof askAll>>[] = [];
    let asking: Promise<void> | null = null;
    const watched = meter();
    const update = watched.update.bind(watched);
    watched.update = (done, total, force, message) => {
      update(done, total, force, message);
      if (done >= 1024 && !asking) asking = askAll().then((answers) => void during.push(answers));
    };
    // The next batch waits for the answers, so they are given while the job runs, before the swap.
    const tiny = registry.provider(TINY);
    const waiting: ModelProvider = {
      ...tiny,
      async indexEmbedder() {
        const inner = await tiny.indexEmbedder();
        return {
          ...inner,
          embed: async (texts, opts) => {
            await asking;
            return inner.embed(texts, opts);
          },
          close: () => inner.close(),
        };
      },
    };
    const result = await service.reembed(waiting, 'job-a', watched);
    expect(result.swapped).toBe(true);
    expect(during).toEqual([before]);
    // Counts and averages come from SQL: the model behind the vectors does not change them.
    const after = await askAll();
    expect(after.slice(0, 2).map((a) => a.answer)).toEqual(before.slice(0, 2).map((a) => a.answer));
    expect(after[2].citations.length).toBeGreaterThan(0);
    service.close();
  });

  it('never leaves the catalog half re-embedded when the model fails partway', async () => {
    const dir = copyOfSeeded('failing');
    const service = openCatalog(dir, registry);
    const query = 'cotton kurta for women';
    const before = await ids(service, query);
    const real = registry.provider(TINY);
    let calls = 0;
    // The model breaks on its second batch, as a model that passed its checks could on some input.
    const failing: ModelProvider = {
      ...real,
      async indexEmbedder() {
        const inner = await real.indexEmbedder();
        return {
          ...inner,
          embed: (texts, opts) =>
            ++calls === 2
              ? Promise.reject(new Error('Non-zero status code returned while running MatMul'))
              : inner.embed(texts, opts),
          close: () => inner.close(),
        };
      },
    };
    await expect(service.reembed(failing, 'job-f', meter())).rejects.toThrow(
      'Non-zero status code returned while running MatMul',
    );
    expect(service.stats()).toMatchObject({ model: 'use-lite-int8', dimensions: 512, embedded: MYNTRA_ROWS });
    expect(service.stats().vectorIndex).toMatchObject({ vectors: MYNTRA_ROWS, consistent: true });
    expect(await ids(service, query)).toEqual(before);
    service.close();
  });

  it('finishes a swap that a crash interrupted between its commit and the index rename', async () => {
    const dir = copyOfSeeded('crash-after-commit');
    const oldIndex = fs.readFileSync(path.join(dir, 'vectors.usearch'));
    const oldManifest = fs.readFileSync(path.join(dir, 'manifest.json'));
    let service = openCatalog(dir, registry);
    await service.reembed(registry.provider(TINY), 'job-s', meter());
    const query = 'men blue denim jeans';
    const expected = await ids(service, query);
    service.close();
    // The state a crash right after the commit leaves: the new index still under its temporary name,
    // the old index and manifest.json in place, the rename recorded as pending.
    fs.renameSync(path.join(dir, 'vectors.usearch'), path.join(dir, NEXT_INDEX_FILE));
    fs.writeFileSync(path.join(dir, 'vectors.usearch'), oldIndex);
    fs.writeFileSync(path.join(dir, 'manifest.json'), oldManifest);
    const db = new Database(path.join(dir, 'catalog.sqlite'));
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('ann_swap', ?)").run(NEXT_INDEX_FILE);
    db.close();

    service = openCatalog(dir, registry);
    expect(service.stats()).toMatchObject({ model: TINY, dimensions: 32, embedded: MYNTRA_ROWS });
    expect(service.stats().vectorIndex.consistent).toBe(true);
    expect(fs.existsSync(path.join(dir, NEXT_INDEX_FILE))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).model.name).toBe(TINY);
    expect(await ids(service, query)).toEqual(expected);
    service.close();
  });

  it('never searches an index with a model of other dimensions', async () => {
    const dir = copyOfSeeded('dimensions');
    const tiny = registry.provider(TINY);
    // A provider that says it is the catalog's model but embeds queries with another one.
    const mislabelled: ModelProvider = { ...tiny, identity: registry.defaultProvider().identity };
    let service = CatalogService.open(dir, mislabelled);
    await expect(
      service.search({ query: 'red dress', mode: 'semantic', limit: 5, filters: {} }),
    ).rejects.toThrow(
      "use-lite-int8 gives 32-d vectors, the catalog's index holds 512-d ones: re-embed the catalog with it first",
    );
    service.close();
    // Opened with another model outright, the catalog drops its vectors and is embedded again.
    service = CatalogService.open(dir, tiny);
    expect(service.stats()).toMatchObject({ model: TINY, dimensions: 32, embedded: 0 });
    service.close();
  });
});
