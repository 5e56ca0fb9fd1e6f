import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultModelsDir } from '../../../electron/engine/embed/models-dir.ts';

describe('defaultModelsDir', () => {
  const saved = process.env.SHELFSCOPE_MODELS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHELFSCOPE_MODELS_DIR;
    else process.env.SHELFSCOPE_MODELS_DIR = saved;
  });

  it("is the repo's models folder", () => {
    delete process.env.SHELFSCOPE_MODELS_DIR;
    const dir = defaultModelsDir();
    expect(dir).toBe(join(import.meta.dirname, '../../../models'));
    expect(existsSync(join(dir, 'use-lite', 'manifest.json'))).toBe(true);
  });

  it('follows SHELFSCOPE_MODELS_DIR', () => {
    process.env.SHELFSCOPE_MODELS_DIR = '/opt/shelfscope/resources/models';
    expect(defaultModelsDir()).toBe('/opt/shelfscope/resources/models');
  });
});
