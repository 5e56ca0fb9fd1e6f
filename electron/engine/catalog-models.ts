import fs from 'node:fs';
import path from 'node:path';
import type { ModelIdentity } from './catalog-handle.ts';
import { readManifest } from './catalog-handle.ts';
import type { ModelProvider } from './catalog-service.ts';
import { CatalogService } from './catalog-service.ts';
import { settleSwap } from './jobs/reembed-job.ts';
import type { ModelRegistry } from './model-store/model-registry.ts';
import { openDatabase } from './store/database.ts';

/** The model a catalog folder's vectors belong to, after finishing a swap a crash interrupted. */
export function catalogModel(dir: string): ModelIdentity {
  const db = openDatabase(path.join(dir, 'catalog.sqlite'));
  try {
    return settleSwap(dir, db) ?? readManifest(dir).model;
  } finally {
    db.close();
  }
}

/**
 * The provider for a catalog: its own model when that is installed as it was embedded, otherwise the
 * default one — and opening the catalog with another model re-embeds it rather than mix two spaces.
 */
export function providerForCatalog(dir: string, registry: ModelRegistry): ModelProvider {
  const exists = fs.existsSync(path.join(dir, 'manifest.json'));
  return (exists && registry.providerFor(catalogModel(dir))) || registry.defaultProvider();
}

/** Opens a catalog folder with the model its vectors belong to, and notes which model it uses. */
export function openCatalog(
  dir: string,
  registry: ModelRegistry,
  opts: { create?: boolean; name?: string } = {},
): CatalogService {
  const service = CatalogService.open(dir, providerForCatalog(dir, registry), opts);
  registry.recordCatalog(path.resolve(dir));
  return service;
}
