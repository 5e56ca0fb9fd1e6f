import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineRestarted, JobFinished } from '../../../shared/types.ts';
import type { EngineWorker } from '../../../electron/engine/worker-client.ts';
import { startEngineWorker } from '../../../electron/engine/worker-client.ts';
import { createDispatcher } from '../../../electron/engine/dispatch.ts';
import { productId, writeCatalogCsv } from '../../reliability/lib/catalog-gen.ts';
import { HERMES_CSV } from '../../engine/helpers.ts';

const workerPath = new URL('../../../electron/engine/worker.ts', import.meta.url);
const fixture = path.resolve(import.meta.dirname, '../../../e2e/fixtures/malformed.csv');

describe('engine worker', () => {
  let engine: EngineWorker | null = null;
  let dataDir = '';

  afterEach(async () => {
    await engine?.close();
    engine = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function start() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-worker-'));
    engine = startEngineWorker({ workerPath, dataDir });
    return engine;
  }

  it('serves engine calls from a worker thread and keeps engine error codes', async () => {
    const worker = start();
    expect(await worker.listCatalogs({})).toEqual([]);
    const created = await worker.createCatalog({ name: 'Spring shoes' });
    expect(created).toMatchObject({ name: 'Spring shoes', products: 0 });
    expect(fs.existsSync(path.join(dataDir, 'catalogs', created.id))).toBe(true);

    const dispatch = createDispatcher(worker);
    const missing = await dispatch('stats', { catalogId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const renamed = await dispatch('renameCatalog', { catalogId: created.id, name: 'Summer shoes' });
    expect(renamed).toMatchObject({ ok: true, value: { id: created.id, name: 'Summer shoes' } });
  });

  it('pushes job events and answers other calls while a job runs', async () => {
    const worker = start();
    const { id } = await worker.createCatalog({ name: 'Mixed' });
    const finished = new Promise<JobFinished>((resolve) => worker.on('jobFinished', resolve));
    const progress: string[] = [];
    worker.on('jobProgress', (p) => progress.push(p.phase));
    const { jobId } = await worker.startImport({ catalogId: id, path: fixture });
    expect((await worker.listCatalogs({})).map((c) => c.id)).toEqual([id]);
    const done = await finished;
    expect(done).toMatchObject({ jobId, catalogId: id, ok: true });
    expect(done.result?.rejected).toBe(5);
    expect(progress.length).toBeGreaterThan(0);
    expect((await worker.rejectedRows({ catalogId: id })).map((r) => r.row).sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('rejects calls once closed instead of hanging', async () => {
    const worker = start();
    await worker.listCatalogs({});
    await worker.close();
    await expect(worker.listCatalogs({})).rejects.toMatchObject({ code: 'internal' });
    engine = null;
  });

  it('reports an engine that cannot start on every call', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-worker-'));
    engine = startEngineWorker({ workerPath, dataDir, modelsDir: path.join(dataDir, 'no-models') });
    await expect(engine.listCatalogs({})).rejects.toThrow(/could not start|not found/);
  });

  describe('after the thread dies', () => {
    const flaky = new URL('./fixtures/flaky-worker.ts', import.meta.url);
    const starts = () => fs.readFileSync(path.join(dataDir, 'starts.log'), 'utf8').trim().split('\n').length;

    it('fails the call in flight with the reason and serves the next one from a new thread', async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-worker-'));
      // The options reach the thread as workerData; the fixture reads its mode there.
      const options = { workerPath: flaky, dataDir, mode: 'crash-on-stats' };
      engine = startEngineWorker(options);
      const finished: JobFinished[] = [];
      const restarted: string[] = [];
      engine.on('jobFinished', (f) => finished.push(f));
      const restartedEvent = new Promise<void>((resolve) =>
        engine!.on('engineRestarted', (r) => {
          restarted.push(r.reason);
          expect(r.resumed).toEqual(['c']);
          resolve();
        }),
      );
      expect(await engine.listCatalogs({})).toEqual([]);
      await engine.startImport({ catalogId: 'c', path: fixture });
      await expect(engine.stats({ catalogId: 'c' })).rejects.toThrow(/engine stopped: simulated crash/);
      // The job the dead thread was running ends for the screen too, instead of showing progress forever.
      expect(finished).toMatchObject([{ jobId: 'j1', catalogId: 'c', ok: false }]);
      expect(finished[0].error).toMatch(/simulated crash/);
      await restartedEvent;
      expect(restarted).toEqual([expect.stringMatching(/engine stopped: simulated crash/)]);
      expect(await engine.listCatalogs({})).toEqual([]);
      expect(starts()).toBe(2);
    });

    it('stops restarting a thread that keeps dying, and says why on every call', async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-worker-'));
      const options = { workerPath: flaky, dataDir, mode: 'crash-at-start' };
      engine = startEngineWorker(options);
      for (let i = 0; i < 6; i++) {
        await expect(engine.listCatalogs({})).rejects.toThrow(/broken at start/);
      }
      // The first start and three restarts within the minute, then no more.
      expect(starts()).toBe(4);
    });
  });

  describe('the real engine after its thread dies', () => {
    const crashing = new URL('./fixtures/crashing-engine.ts', import.meta.url);
    const PRODUCTS = 2500;

    function startCrashing(crashOn: 'embedding' | 'search') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-worker-'));
      engine = startEngineWorker({ workerPath: crashing, dataDir, crashOn } as Parameters<
        typeof startEngineWorker
      >[0]);
      return engine;
    }

    const nextFinished = (worker: EngineWorker) =>
      new Promise<JobFinished>((resolve) => {
        const off = worker.on('jobFinished', (f) => {
          off();
          resolve(f);
        });
      });

    it('dies mid-index, and the new thread takes the job up again and embeds every product once', async () => {
      const worker = startCrashing('embedding');
      const csv = path.join(dataDir, 'catalog.csv');
      await writeCatalogCsv(csv, PRODUCTS);
      const { id } = await worker.createCatalog({ name: 'Autumn' });
      const restarted = new Promise<EngineRestarted>((resolve) => worker.on('engineRestarted', resolve));
      const firstEnd = nextFinished(worker);
      const { jobId } = await worker.startImport({ catalogId: id, path: csv });
      const ended = await firstEnd;
      expect(ended).toMatchObject({
        jobId,
        ok: false,
        error: expect.stringMatching(/simulated crash mid-index/),
      });
      const secondEnd = nextFinished(worker);
      expect(await restarted).toEqual({ reason: expect.stringMatching(/mid-index/), resumed: [id] });
      const resumed = await secondEnd;
      expect(resumed).toMatchObject({ ok: true, catalogId: id });
      expect(resumed.jobId).not.toBe(jobId);
      // The first thread stored at least one batch; the new one embedded only the rest.
      expect(resumed.result!.embedded).toBeGreaterThan(0);
      expect(resumed.result!.embedded).toBeLessThan(PRODUCTS);
      const stats = await worker.stats({ catalogId: id });
      expect(stats).toMatchObject({ products: PRODUCTS, embedded: PRODUCTS });
      expect(stats.vectorIndex).toMatchObject({ vectors: PRODUCTS });
      const hits = await worker.search({
        catalogId: id,
        query: productId(1234),
        mode: 'hybrid',
        limit: 10,
        filters: {},
      });
      expect(hits.hits[0]?.id).toBe(productId(1234));
    }, 300_000);

    it('dies mid-search: that search fails with the reason, the next one finds the catalog as it was', async () => {
      const worker = startCrashing('search');
      const { id } = await worker.createCatalog({ name: 'Hermes' });
      const done = nextFinished(worker);
      await worker.startImport({ catalogId: id, path: HERMES_CSV });
      expect(await done).toMatchObject({ ok: true });
      const restarted = new Promise<EngineRestarted>((resolve) => worker.on('engineRestarted', resolve));
      await expect(
        worker.search({ catalogId: id, query: 'scarf', mode: 'hybrid', limit: 10, filters: {} }),
      ).rejects.toThrow(/simulated crash mid-search/);
      // Nothing was running, so nothing is taken up again.
      expect(await restarted).toEqual({ reason: expect.stringMatching(/mid-search/), resumed: [] });
      const after = await worker.search({
        catalogId: id,
        query: 'scarf',
        mode: 'hybrid',
        limit: 10,
        filters: {},
      });
      expect(after.hits.length).toBeGreaterThan(0);
      expect(await worker.stats({ catalogId: id })).toMatchObject({ products: 99, embedded: 99 });
    }, 300_000);
  });
});
