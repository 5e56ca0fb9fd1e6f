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
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('converts, then skips while the inputs are unchanged', async () => {
    expect(await buildUseLite({ outDir })).toEqual({ outDir, built: true });
    expect(await buildUseLite({ outDir })).toEqual({ outDir, built: false });
  });

  it('produces byte-identical output on every build', async () => {
    const [fresh, installed] = await Promise.all([
      readFile(join(outDir, 'model.onnx')),
      readFile(join(defaultDir, 'model.onnx')),
    ]);
    expect(fresh.length).toBeGreaterThan(20_000_000);
    expect(fresh.equals(installed)).toBe(true);
  });

  it('rebuilds when the stamp does not match or an output is missing', async () => {
    await writeFile(join(outDir, '.build-stamp'), 'stale');
    expect((await buildUseLite({ outDir })).built).toBe(true);
    await rm(join(outDir, 'vocab.json'));
    expect((await buildUseLite({ outDir })).built).toBe(true);
    const vocab = JSON.parse(await readFile(join(outDir, 'vocab.json'), 'utf8')) as unknown[];
    expect(vocab).toHaveLength(8000);
  });
});
