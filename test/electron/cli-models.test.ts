import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.ts';
import { STAGING_FILE } from '../../electron/engine/jobs/reembed-job.ts';
import type { JobFinished, ModelInfo, ReembedResult, SearchResult } from '../../shared/types.ts';
import { tempDir } from '../engine/helpers.ts';
import { E2E_PRODUCTS, myntraSlice, wordsOf } from '../helpers/reembed-fixtures.ts';
import { writeTinyStExport } from '../helpers/tiny-st-model.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope models and reembed', () => {
  const root = tempDir('shelfscope-cli-models-');
  const dataDir = path.join(root, 'data');
  const env = { SHELFSCOPE_DATA_DIR: dataDir };
  const cli = (args: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(args, { timeoutMs: 240_000, env, ...opts });
  const shop = path.join(dataDir, 'catalogs', 'shop');
  let myntra: string;

  beforeAll(async () => {
    myntra = myntraSlice(root, 2500);
    writeTinyStExport(path.join(root, 'tiny-bert'), { words: wordsOf(E2E_PRODUCTS, myntra) });
    expect((await cli(['import', E2E_PRODUCTS, '--catalog', shop])).code).toBe(0);
  }, 240_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('adds a model from a folder and lists every model with its size, speed and catalogs', async () => {
    const bad = path.join(root, 'not-a-model');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'model.onnx'), 'x');
    const refused = await cli(['models', 'add', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `shelfscope: ${bad} is not a sentence-transformers ONNX export: tokenizer.json is missing`,
    );

    const added = await cli(['models', 'add', path.join(root, 'tiny-bert'), '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout) as ModelInfo).toMatchObject({
      name: 'tiny-bert',
      dimensions: 32,
      pooling: 'mean',
    });
    expect(added.stderr).toMatch(/^done 100% 1\/1/m);

    const listed = await cli(['models', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      /^use-lite-int8 \[built in, default\] {2}512-d {2}13\.5 MB {2}\d+ texts\/s {2}none pooling, 128 tokens {2}used by: shop \(\S+\/catalogs\/shop\)$/m,
    );
    expect(listed.stdout).toMatch(
      /^tiny-bert {2}32-d {2}\d+\.\d MB {2}\d+ texts\/s {2}mean pooling, 64 tokens {2}used by: no catalog$/m,
    );
  }, 240_000);

  it('re-embeds a catalog with the added model, searches with it, refuses to remove it while used, and swaps back', async () => {
    const moved = await cli(['reembed', '--catalog', shop, '--model', 'tiny-bert', '--json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout) as ReembedResult).toMatchObject({
      model: 'tiny-bert',
      embedded: 99,
      swapped: true,
    });
    const search = await cli([
      'search',
      '--catalog',
      shop,
      '--mode',
      'semantic',
      '--json',
      'retro sunglasses',
    ]);
    expect(search.code, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as SearchResult).hits[0].id).toBe('RSG8901');
    const stats = await cli(['stats', '--catalog', shop]);
    expect(stats.stdout).toMatch(/99 products, 99 embedded \(tiny-bert, 32-d\)/);
    const list = JSON.parse((await cli(['models', 'list', '--json'])).stdout) as ModelInfo[];
    expect(list.find((m) => m.name === 'tiny-bert')?.catalogs).toEqual([{ dir: shop, name: 'shop' }]);

    const busy = await cli(['models', 'remove', 'tiny-bert']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(
      '"tiny-bert" is used by "shop": re-embed that catalog with another model first',
    );
    const again = await cli(['reembed', '--catalog', shop, '--model', 'tiny-bert']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the catalog already uses tiny-bert');

    const back = await cli(['reembed', '--catalog', shop, '--model', 'use-lite-int8']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(
      /^re-embedded 99 products with use-lite-int8, \d+ texts\/s, \d+\.\d s; the catalog now searches with it$/m,
    );
    const removed = await cli(['models', 'remove', 'tiny-bert']);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await cli(['models', 'list'])).stdout).not.toContain('tiny-bert');
  }, 240_000);

  it('resumes a re-embed killed mid-way when the app opens the catalog again', async () => {
    expect((await cli(['models', 'add', path.join(root, 'tiny-bert')])).code).toBe(0);
    const big = path.join(dataDir, 'catalogs', 'big');
    expect((await cli(['import', myntra, '--catalog', big])).code).toBe(0);
    // SIGKILL once the first batch is staged: a crash, with no chance to clean up.
    let staged = 0;
    const killed = await cli(['reembed', '--catalog', big, '--model', 'tiny-bert'], {
      onStart(kill) {
        const timer = setInterval(() => {
          try {
            const db = new Database(path.join(big, STAGING_FILE), { readonly: true, fileMustExist: true });
            staged = db.prepare('SELECT count(*) FROM vectors').pluck().get() as number;
            db.close();
          } catch {
            return;
          }
          if (staged > 0) {
            clearInterval(timer);
            kill();
          }
        }, 20);
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(staged).toBeGreaterThan(0);
    const stale = await cli(['stats', '--catalog', big, '--json']);
    expect(JSON.parse(stale.stdout)).toMatchObject({
      model: 'use-lite-int8',
      dimensions: 512,
      embedded: 2500,
    });

    const engine = await createEngine({ dataDir });
    try {
      const finished = new Promise<JobFinished>((resolve) => engine.on('jobFinished', resolve));
      expect((await engine.stats({ catalogId: 'big' })).model).toBe('use-lite-int8');
      const done = await finished;
      expect(done).toMatchObject({
        catalogId: 'big',
        ok: true,
        reembed: { model: 'tiny-bert', swapped: true },
      });
      expect(done.reembed?.resumed).toBeGreaterThanOrEqual(staged);
      expect((done.reembed?.resumed ?? 0) + (done.reembed?.embedded ?? 0)).toBe(2500);
      expect(await engine.stats({ catalogId: 'big' })).toMatchObject({
        model: 'tiny-bert',
        dimensions: 32,
        embedded: 2500,
      });
      const hits = await engine.search({
        catalogId: 'big',
        query: 'black trolley bag',
        mode: 'semantic',
        limit: 5,
        filters: {},
      });
      expect(hits.hits.length).toBe(5);
    } finally {
      await engine.close();
    }
  }, 240_000);
});
