import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding models/<name>/: SHELFSCOPE_MODELS_DIR when set (the packaged app points it at its
 * resources), otherwise the `models/` beside the nearest package.json above this file, which finds the
 * repo's folder both from the sources and from the esbuild bundles in dist/.
 */
export function defaultModelsDir(): string {
  if (process.env.SHELFSCOPE_MODELS_DIR) return process.env.SHELFSCOPE_MODELS_DIR;
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'))) return join(dir, 'models');
  }
  return join(here, '../../../models');
}
