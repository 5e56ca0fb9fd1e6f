import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUseLite } from '../../models/build.ts';

describe('models/build.ts', () => {
  let outDir: string;
  let defaultDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'shelfscope-build-'));
    defaultDir = (await buildUseLite()).outDir;
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await rm(`${outDir}-int8`, { recursive: true, force: true });
  });

  it('converts, then skips while the inputs are unchanged', async () => {
    const int8Dir = `${outDir}-int8`;
    expect(await buildUseLite({ outDir })).toEqual({ outDir, int8Dir, built: true });
    expect(await buildUseLite({ outDir })).toEqual({ outDir, int8Dir, built: false });
  });

  it('produces byte-identical output on every build', async () => {
    const [fresh, installed, freshInt8, installedInt8] = await Promise.all([
      readFile(join(outDir, 'model.onnx')),
      readFile(join(defaultDir, 'model.onnx')),
      readFile(join(`${outDir}-int8`, 'model.onnx')),
      readFile(join(`${defaultDir}-int8`, 'model.onnx')),
    ]);
    expect(fresh.length).toBeGreaterThan(20_000_000);
    expect(fresh.equals(installed)).toBe(true);
    // The int8 model keeps the float embedding table, so it is about half the size, not a quarter.
    expect(freshInt8.length).toBeLessThan(fresh.length * 0.6);
    expect(freshInt8.equals(installedInt8)).toBe(true);
  });

  it('rebuilds when the stamp does not match or an output is missing', async () => {
    await writeFile(join(outDir, '.build-stamp'), 'stale');
    expect((await buildUseLite({ outDir })).built).toBe(true);
    await rm(join(outDir, 'vocab.json'));
    expect((await buildUseLite({ outDir })).built).toBe(true);
    await rm(join(`${outDir}-int8`, 'model.onnx'));
    expect((await buildUseLite({ outDir })).built).toBe(true);
    const vocab = JSON.parse(await readFile(join(outDir, 'vocab.json'), 'utf8')) as unknown[];
    expect(vocab).toHaveLength(8000);
  });
});
