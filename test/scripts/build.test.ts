import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobFinished } from '../../shared/types.ts';
import { buildAll, buildNodeBundle } from '../../scripts/build.ts';
import { startEngineWorker } from '../../electron/engine/worker-client.ts';
import { CONTENT_SECURITY_POLICY_META } from '../../electron/window-security.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repo, so the bundles resolve the native modules from its node_modules as they do in dist/.
const distDir = path.join(root, 'dist', `test-build-${process.pid}`);
const requires = (file: string) =>
  [...fs.readFileSync(path.join(distDir, 'electron', file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(
    (m) => m[1],
  );

describe('npm run build', () => {
  beforeAll(() => buildAll(distDir), 120_000);
  afterAll(() => fs.rmSync(distDir, { recursive: true, force: true }));

  it('writes the renderer with the content security policy in its page', () => {
    const html = fs
      .readFileSync(path.join(distDir, 'renderer', 'index.html'), 'utf8')
      .replaceAll('&#39;', "'");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}">`,
    );
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/[^"]+\.js">/);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  });

  it('bundles a preload that a sandbox can load: it requires nothing but electron', () => {
    expect(new Set(requires('preload.cjs'))).toEqual(new Set(['electron']));
  });

  it('leaves native modules out of the main bundle and inlines everything else', () => {
    const external = requires('main.cjs').filter((name) => !name.startsWith('node:'));
    expect(new Set(external)).toEqual(new Set(['electron']));
  });

  it('produces an engine worker that imports, embeds and searches on its own', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-build-'));
    const engine = startEngineWorker({
      workerPath: path.join(distDir, 'electron', 'engine-worker.mjs'),
      dataDir,
      modelsDir: path.join(root, 'models'),
    });
    try {
      const catalog = await engine.createCatalog({ name: 'Bundled' });
      const finished = new Promise<JobFinished>((resolve) => engine.on('jobFinished', resolve));
      await engine.startImport({
        catalogId: catalog.id,
        path: path.join(root, 'e2e', 'fixtures', 'products.csv'),
      });
      expect((await finished).result).toMatchObject({ imported: 99, embedded: 99 });
      const result = await engine.search({
        catalogId: catalog.id,
        query: 'retro sunglasses',
        mode: 'semantic',
        limit: 3,
        filters: {},
      });
      expect(result.hits[0].id).toBe('RSG8901');
    } finally {
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('bundles the CLI into one module that runs from dist (what the benchmarks measure)', async () => {
    const cli = path.join(distDir, 'bench', 'shelfscope.mjs');
    await buildNodeBundle(path.join(root, 'bin/shelfscope.js'), cli);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-build-'));
    const catalog = path.join(dataDir, 'c');
    const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    try {
      run('import', path.join(root, 'e2e', 'fixtures', 'products.csv'), '--catalog', catalog);
      const result = JSON.parse(
        run('search', '--catalog', catalog, '--mode', 'semantic', '--json', 'retro sunglasses'),
      );
      expect(result.hits[0].id).toBe('RSG8901');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
