import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { countingModels, HERMES_CSV, importInto, meter, tempDir } from '../helpers.ts';

/**
 * Another process's import records its job, then opens its file and waits for the write lock; in
 * that window its record says 'importing' and must stay so, while a record whose process died is an
 * interrupted import that the next import supersedes and `index` replays.
 */
describe('job records of other processes', () => {
  const sleeper = spawn('sleep', ['120']);
  afterAll(() => sleeper.kill());

  async function deadPid(): Promise<number> {
    const child = spawn('true');
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid!;
  }

  function recordImport(catalog: CatalogService, id: string, ownerPid: number, startedAt: string) {
    catalog.handle.writer
      .prepare(
        "INSERT INTO jobs (id, kind, state, file, options, started_at, owner_pid) VALUES (?, 'import', 'importing', ?, ?, ?, ?)",
      )
      .run(id, HERMES_CSV, JSON.stringify({ file: HERMES_CSV }), startedAt, ownerPid);
  }

  const stateOf = (catalog: CatalogService, id: string) =>
    (catalog.handle.reader.prepare('SELECT state FROM jobs WHERE id = ?').get(id) as { state: string }).state;

  it("a second import leaves a running import's record alone and supersedes a dead one's", async () => {
    const catalog = CatalogService.open(path.join(tempDir(), 'c'), countingModels().models, { create: true });
    try {
      recordImport(catalog, 'running', sleeper.pid!, new Date().toISOString());
      recordImport(catalog, 'crashed', await deadPid(), new Date(Date.now() - 60_000).toISOString());
      const result = await importInto(catalog, HERMES_CSV, { index: false });
      expect(result.imported).toBe(99);
      expect(stateOf(catalog, 'running')).toBe('importing');
      expect(stateOf(catalog, 'crashed')).toBe('failed');
    } finally {
      catalog.close();
    }
  });

  it('`index` replays an import whose process died, never one that is still running', async () => {
    const catalog = CatalogService.open(path.join(tempDir(), 'c'), countingModels().models, { create: true });
    try {
      recordImport(catalog, 'running', sleeper.pid!, new Date().toISOString());
      const idle = await catalog.index('index-1', meter());
      expect(idle.imported).toBe(0);
      expect(stateOf(catalog, 'running')).toBe('importing');
      expect(catalog.handle.reader.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);

      recordImport(catalog, 'crashed', await deadPid(), new Date().toISOString());
      const replayed = await catalog.index('index-2', meter());
      expect(replayed.imported).toBe(99);
      expect(stateOf(catalog, 'crashed')).toBe('failed');
      expect(stateOf(catalog, 'running')).toBe('importing');
    } finally {
      catalog.close();
    }
  }, 120_000);
});
