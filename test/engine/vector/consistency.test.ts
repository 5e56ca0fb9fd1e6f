// The vector index against SQLite, with the real USearch index and SQLite in temp dirs: removed products
// leave the index (in memory at the commit, in the file at the next save), a crash between the commit
// and the save is repaired on reopening, and no search can return a product that has no stored vector.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createEngine } from '../../../electron/engine/engine.ts';
import { runImport } from '../../../electron/engine/jobs/import-job.ts';
import { getMeta, setMeta } from '../../../electron/engine/store/database.ts';
import { decodeVector } from '../../../electron/engine/vector/codec.ts';
import { storedVectorCount } from '../../../electron/engine/vector/consistency.ts';
import { mapIndex } from '../../reliability/lib/inspect-catalog.ts';
import { writeCatalogCsv } from '../../reliability/lib/catalog-gen.ts';
import { HERMES_CSV, countingModels, importInto, meter, tempDir } from '../helpers.ts';

const run = promisify(execFile);
const HERMES_LINES = fs.readFileSync(HERMES_CSV, 'utf8').trimEnd().split('\n');

/** A CSV of the Hermes header and the given data rows (0-based, in file order). */
function hermesCsv(dir: string, name: string, rows: number[], extra: string[] = []): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HERMES_LINES[0], ...rows.map((i) => HERMES_LINES[i + 1]), ...extra].join('\n'));
  return file;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** The ids of Hermes data rows `from` to `to` (exclusive, 0-based, in file order). */
const hermesIds = (from: number, to = 99) => HERMES_LINES.slice(from + 1, to + 1).map((l) => l.split(',')[0]);

function rowidsOf(catalog: CatalogService, ids: string[]): number[] {
  const find = catalog.handle.reader.prepare('SELECT rowid FROM products WHERE id = ?').pluck();
  return ids.map((id) => find.get(id) as number);
}

function allIds(catalog: CatalogService): Set<string> {
  return new Set(catalog.handle.reader.prepare('SELECT id FROM products').pluck().all() as string[]);
}

function indexFile(catalog: CatalogService): string {
  return path.join(catalog.handle.dir, 'vectors.usearch');
}

/** The vector index as a fresh process maps the file, without the engine's repairs. */
function fileKeys(catalog: CatalogService) {
  return mapIndex(indexFile(catalog), catalog.handle.ann.dimensions);
}

/** Semantic, hybrid and more-like-this ids for queries aimed at the given product names. */
async function returnedIds(catalog: CatalogService, names: string[], like: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const query of names) {
    for (const mode of ['semantic', 'hybrid'] as const) {
      const result = await catalog.search({ query, mode, limit: 20, filters: {} });
      ids.push(...result.hits.map((h) => h.id));
    }
    const filtered = await catalog.search({
      query,
      mode: 'semantic',
      limit: 20,
      filters: { priceMin: 0 },
    });
    ids.push(...filtered.hits.map((h) => h.id));
  }
  for (const id of like) ids.push(...(await catalog.moreLikeThis(id, 20)).hits.map((h) => h.id));
  return ids;
}

/** A fresh catalog with Hermes imported and embedded, handed to `use` and closed after it. */
async function withHermes(
  use: (catalog: CatalogService, work: string, embeddedTexts: string[]) => Promise<void>,
): Promise<void> {
  const work = tempDir();
  const { models, embeddedTexts } = countingModels();
  const catalog = CatalogService.open(path.join(work, 'c'), models, { create: true });
  try {
    await importInto(catalog, HERMES_CSV);
    await use(catalog, work, embeddedTexts);
  } finally {
    catalog.close();
  }
}

async function expectBootsFirst(catalog: CatalogService): Promise<void> {
  const boots = await catalog.search({ query: 'chelsea boots', mode: 'semantic', limit: 3, filters: {} });
  expect(boots.hits[0]?.id).toBe('CBT8901');
}

function expectConsistent(catalog: CatalogService, products: number): void {
  const health = catalog.stats().vectorIndex;
  expect(health).toMatchObject({ vectors: products, expected: products, consistent: true });
  expect(catalog.handle.ann.size).toBe(catalog.info().products);
}

describe('the vector index follows the catalog', () => {
  it('drops the keys of products a re-import removes: in memory at the commit, in the file at once', async () => {
    const work = tempDir();
    const { models, embeddedTexts } = countingModels();
    let catalog = CatalogService.open(path.join(work, 'c'), models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const hermesRowids = rowidsOf(catalog, hermesIds(0));

    // The issue's case: a 5,000-product catalog replacing Hermes held 5,099 vectors.
    const big = path.join(work, 'big.csv');
    await writeCatalogCsv(big, 5000, 7);
    const replaced = await importInto(catalog, big);
    expect(replaced).toMatchObject({ imported: 5000, removed: 99, embedded: 5000 });
    expectConsistent(catalog, 5000);
    expect(fileKeys(catalog).size()).toBe(5000);
    const replacedRowids = new Set(rowidsOf(catalog, [...allIds(catalog)]));
    // Removed rowids SQLite did not give again must be gone from the index and its file.
    const gone = hermesRowids.filter((r) => !replacedRowids.has(r));
    expect(catalog.handle.ann.contains(gone).filter(Boolean)).toEqual([]);

    // Shrinking with nothing to embed: no index job saves, yet the file must shrink too.
    const small = path.join(work, 'small.csv');
    await writeCatalogCsv(small, 4000, 7);
    const shrunk = await importInto(catalog, small);
    expect(shrunk).toMatchObject({ unchanged: 4000, removed: 1000, embedded: 0 });
    expectConsistent(catalog, 4000);
    expect(fileKeys(catalog).size()).toBe(4000);
    const last = Math.max(...replacedRowids);
    expect(catalog.handle.ann.contains(range(last - 999, last + 1)).filter(Boolean)).toEqual([]);
    expect(embeddedTexts).toHaveLength(99 + 5000);

    catalog.close();
    catalog = CatalogService.open(path.join(work, 'c'), models);
    expectConsistent(catalog, 4000);
    expect(catalog.stats().vectorIndex.lastRepair).toBeNull();
    catalog.close();
  }, 180_000);

  it(
    'never lets a removed product, or a new one under its old rowid, answer a semantic search',
    () =>
      withHermes(async (catalog, work) => {
        // The last ten rows hold the highest rowids, which SQLite gives to the next products inserted.
        const removedIds = hermesIds(89);
        const removedNames = HERMES_LINES.slice(90).map((l) => l.split(',')[1]);
        const removedRowids = rowidsOf(catalog, removedIds);
        await importInto(catalog, hermesCsv(work, 'first89.csv', range(0, 89)));
        const newcomers = range(1, 11).map((n) => `NEW${n},Plain item ${n},Misc,Nothing to say,1,All,1`);
        // Not embedded: under the rowids of the removed products, these have no vector yet.
        await importInto(catalog, hermesCsv(work, 'with-new.csv', range(0, 89), newcomers), { index: false });
        const newRowids = rowidsOf(
          catalog,
          newcomers.map((l) => l.split(',')[0]),
        );
        expect(newRowids.filter((r) => removedRowids.includes(r)).length).toBeGreaterThan(0);
        expect(catalog.handle.ann.contains(newRowids).filter(Boolean)).toEqual([]);
        const returned = await returnedIds(catalog, removedNames, ['RSG8901', 'CBT8901']);
        expect(returned.length).toBeGreaterThan(0);
        expect(returned.filter((id) => removedIds.includes(id) || id.startsWith('NEW'))).toEqual([]);

        // The last guard, with the index wrong on purpose: the newcomers' rowids and a rowid no product has
        // get the vectors of the products the queries aim at; searches still return k stored products.
        const dims = catalog.handle.ann.dimensions;
        const stored = catalog.handle.reader.prepare('SELECT v FROM vectors WHERE rowid = ?').pluck();
        const targets = rowidsOf(catalog, ['RSG8901']);
        const bogus = [...newRowids, 999_999];
        const matrix = new Float32Array(bogus.length * dims);
        bogus.forEach((_, i) =>
          decodeVector(stored.get(targets[0]) as Buffer, matrix.subarray(i * dims, (i + 1) * dims)),
        );
        catalog.handle.ann.upsert(bogus, matrix);
        catalog.searcher.clearCache();
        const guarded = await returnedIds(catalog, ['Retro Sunglasses'], ['RSG8901']);
        expect(guarded.filter((id) => id.startsWith('NEW'))).toEqual([]);
        const semantic = await catalog.search({
          query: 'Retro Sunglasses',
          mode: 'semantic',
          limit: 20,
          filters: {},
        });
        expect(semantic.hits).toHaveLength(20);
        expect((await catalog.moreLikeThis('RSG8901', 12)).hits).toHaveLength(12);
        expect(catalog.stats().vectorIndex).toMatchObject({
          vectors: 89 + 11,
          expected: 89,
          consistent: false,
        });
      }),
    180_000,
  );
});

describe('a crash between the SQLite commit and the index save', () => {
  /** Hermes, embedded and saved, then re-imported with its last 39 rows gone, the index never saved. */
  async function crashAfterShrink(work: string) {
    const { models, embeddedTexts } = countingModels();
    const dir = path.join(work, 'c');
    let catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const removedIds = hermesIds(60);
    const removedRowids = rowidsOf(catalog, removedIds);
    // The import job alone: SQLite commits the removal; no save of the index follows.
    await runImport(catalog.handle, { file: hermesCsv(work, 'first60.csv', range(0, 60)) }, meter());
    expect(catalog.info().products).toBe(60);
    expect(fileKeys(catalog).size()).toBe(99);
    catalog.close();
    return {
      reopen: () => (catalog = CatalogService.open(dir, models)),
      dir,
      removedIds,
      removedRowids,
      embeddedTexts,
    };
  }

  it('takes the removed keys out on reopening, from the removals SQLite committed', async () => {
    const work = tempDir();
    const crash = await crashAfterShrink(work);
    const catalog = crash.reopen();
    try {
      expectConsistent(catalog, 60);
      expect(fileKeys(catalog).size()).toBe(60);
      expect(catalog.handle.ann.contains(crash.removedRowids).filter(Boolean)).toEqual([]);
      expect(crash.embeddedTexts).toHaveLength(99);
    } finally {
      catalog.close();
    }
  }, 120_000);

  it('finds stray keys by their count on reopening even with no removal on record, and removes them', async () => {
    const work = tempDir();
    const crash = await crashAfterShrink(work);
    // What a build before this fix left: the removals' tombstones dropped, their keys still in the file.
    const db = new Database(path.join(crash.dir, 'catalog.sqlite'));
    db.exec('DELETE FROM vector_tombstones');
    db.close();
    const catalog = crash.reopen();
    try {
      expectConsistent(catalog, 60);
      expect(catalog.stats().vectorIndex.lastRepair).toMatchObject({
        scope: 'open',
        strayKeys: 39,
        missingKeys: 0,
        reembed: 0,
        rebuilt: false,
      });
      expect(catalog.handle.ann.contains(crash.removedRowids).filter(Boolean)).toEqual([]);
      expect(fileKeys(catalog).size()).toBe(60);
      const returned = await returnedIds(catalog, ['Chelsea Boots', 'Retro Sunglasses'], ['RSG8901']);
      expect(returned.filter((id) => crash.removedIds.includes(id))).toEqual([]);
    } finally {
      catalog.close();
    }
  }, 120_000);

  it('is repaired on reopening when a child process is killed right after the import commits', async () => {
    const work = tempDir();
    const { models } = countingModels();
    const dir = path.join(work, 'c');
    let catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const removedRowids = rowidsOf(catalog, hermesIds(50));
    const dims = catalog.handle.ann.dimensions;
    catalog.close();
    const file = hermesCsv(work, 'first50.csv', range(0, 50));
    const engine = path.resolve('electron/engine');
    // The real import job in another process, SIGKILLed in the turn its transaction commits.
    const script = `
      const { CatalogService } = await import(${JSON.stringify(`${engine}/catalog-service.ts`)});
      const { createModelProvider } = await import(${JSON.stringify(`${engine}/models.ts`)});
      const { runImport } = await import(${JSON.stringify(`${engine}/jobs/import-job.ts`)});
      const { ProgressMeter } = await import(${JSON.stringify(`${engine}/jobs/progress.ts`)});
      const catalog = CatalogService.open(${JSON.stringify(dir)}, createModelProvider());
      const meter = new ProgressMeter({ jobId: 'x', catalogId: 'x', kind: 'import' }, () => {});
      await runImport(catalog.handle, { file: ${JSON.stringify(file)} }, meter);
      process.kill(process.pid, 'SIGKILL');`;
    const killed = await run(process.execPath, ['--input-type=module', '-e', script]).catch(
      (e: { signal?: string }) => e,
    );
    expect((killed as { signal?: string }).signal).toBe('SIGKILL');
    const raw = new Database(path.join(dir, 'catalog.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM products').pluck().get()).toBe(50);
    raw.close();
    expect(mapIndex(path.join(dir, 'vectors.usearch'), dims).size()).toBe(99);

    catalog = CatalogService.open(dir, models);
    try {
      expectConsistent(catalog, 50);
      expect(catalog.handle.ann.contains(removedRowids).filter(Boolean)).toEqual([]);
      expect(fileKeys(catalog).size()).toBe(50);
    } finally {
      catalog.close();
    }
  }, 120_000);
});

describe('comparing every key with SQLite', () => {
  it('adds missing keys back from the stored vectors on reopening, embedding nothing', async () => {
    const work = tempDir();
    const { models, embeddedTexts } = countingModels();
    const dir = path.join(work, 'c');
    let catalog = CatalogService.open(dir, models, { create: true });
    await importInto(catalog, HERMES_CSV);
    const lost = rowidsOf(catalog, ['RSG8901', 'CBT8901', 'SWL2345']);
    // A file that lost keys yet matches its own record (index_count), so only the count check sees it.
    catalog.handle.ann.remove(lost);
    catalog.handle.ann.save();
    setMeta(catalog.handle.writer, 'index_count', String(catalog.handle.ann.size));
    catalog.close();

    catalog = CatalogService.open(dir, models);
    try {
      expectConsistent(catalog, 99);
      expect(catalog.stats().vectorIndex.lastRepair).toMatchObject({ scope: 'open', missingKeys: 3 });
      expect(catalog.handle.ann.contains(lost)).toEqual([true, true, true]);
      await expectBootsFirst(catalog);
      expect(embeddedTexts).toHaveLength(99);
    } finally {
      catalog.close();
    }
  }, 120_000);

  it(
    'finds in the background what counts cannot: a stray key beside a missing one, a vector lost from SQLite',
    () =>
      withHermes(async (catalog, work, embeddedTexts) => {
        // The last product leaves: its rowid is one SQLite gave a vector, and has none now.
        const [strayRowid] = rowidsOf(catalog, hermesIds(98));
        await importInto(catalog, hermesCsv(work, 'first98.csv', range(0, 98)));
        const [missing, unstored] = rowidsOf(catalog, ['RSG8901', 'SWL2345']);
        const ann = catalog.handle.ann;
        const vector = decodeVector(
          catalog.handle.reader
            .prepare('SELECT v FROM vectors WHERE rowid = ?')
            .pluck()
            .get(missing) as Buffer,
        );
        ann.remove([missing]);
        ann.upsert([strayRowid], vector);
        // SQLite loses a vector its product is still marked embedded with; the index loses the key too.
        catalog.handle.writer.prepare('DELETE FROM vectors WHERE rowid = ?').run(unstored);
        ann.remove([unstored]);
        expect(storedVectorCount(catalog.handle.reader)).toBe(97);
        expect(catalog.stats().vectorIndex).toMatchObject({ vectors: 97, expected: 97, consistent: true });

        const check = await catalog.verifyIndex();
        expect(check).toMatchObject({
          scope: 'full',
          strayKeys: 1,
          missingKeys: 1,
          reembed: 1,
          rebuilt: false,
        });
        expect(ann.contains([missing, strayRowid, unstored])).toEqual([true, false, false]);
        expect(catalog.stats().vectorIndex).toMatchObject({
          vectors: 97,
          expected: 97,
          consistent: true,
          lastVerify: { scope: 'full', strayKeys: 1 },
          lastRepair: { scope: 'full', reembed: 1 },
        });
        expect(catalog.info().embedded).toBe(97);
        expect(fileKeys(catalog).size()).toBe(97);

        const again = await catalog.index('reembed', meter());
        expect(again.embedded).toBe(1);
        expect(embeddedTexts).toHaveLength(100);
        expectConsistent(catalog, 98);
        expect(await catalog.verifyIndex()).toMatchObject({ strayKeys: 0, missingKeys: 0, reembed: 0 });
        expect(getMeta(catalog.handle.writer, 'index_count')).toBe('98');
      }),
    120_000,
  );

  it(
    'rebuilds the index from SQLite when it holds keys beyond any rowid SQLite ever gave a vector',
    () =>
      withHermes(async (catalog, _work, embeddedTexts) => {
        catalog.handle.ann.upsert([10_000_000], new Float32Array(catalog.handle.ann.dimensions).fill(0.1));
        const check = await catalog.verifyIndex();
        expect(check).toMatchObject({ strayKeys: 0, rebuilt: true });
        expectConsistent(catalog, 99);
        expect(catalog.handle.ann.contains([10_000_000])).toEqual([false]);
        expect(fileKeys(catalog).size()).toBe(99);
        await expectBootsFirst(catalog);
        expect(embeddedTexts).toHaveLength(99);
      }),
    120_000,
  );

  it('runs by itself in the engine on opening a catalog, and embeds again what it queued', async () => {
    const dataDir = tempDir();
    let engine = await createEngine({ dataDir });
    const { id } = await engine.createCatalog({ name: 'Hermes' });
    const finished = new Promise((resolve) => engine.on('jobFinished', resolve));
    await engine.startImport({ catalogId: id, path: HERMES_CSV });
    await finished;
    await engine.close();
    const db = new Database(path.join(dataDir, 'catalogs', id, 'catalog.sqlite'));
    db.exec('DELETE FROM vectors WHERE rowid = (SELECT min(rowid) FROM vectors)');
    db.close();

    engine = await createEngine({ dataDir });
    try {
      const reembedded = new Promise((resolve) => engine.on('jobFinished', resolve));
      // Opening: the count check finds one key more than SQLite's vectors, removes it and queues the
      // product for embedding; the background comparison finds nothing more, and an index job embeds it.
      const opened = await engine.stats({ catalogId: id });
      expect(opened.vectorIndex).toMatchObject({
        vectors: 98,
        expected: 98,
        consistent: true,
        lastRepair: { scope: 'open', strayKeys: 1, reembed: 1 },
      });
      expect(await reembedded).toMatchObject({ ok: true, result: { embedded: 1 } });
      const after = await engine.stats({ catalogId: id });
      expect(after).toMatchObject({ products: 99, embedded: 99 });
      expect(after.vectorIndex).toMatchObject({
        vectors: 99,
        expected: 99,
        consistent: true,
        lastVerify: { scope: 'full', strayKeys: 0, missingKeys: 0, reembed: 0 },
      });
    } finally {
      await engine.close();
    }
  }, 120_000);
});
