// The check the platform-export stages make, run in process on a small generated file.
import path from 'node:path';
import { expect } from 'vitest';
import type { ExportCounts } from '../../../bench/stages/platform-import.ts';
import { storedCounts } from '../../../bench/stages/platform-import.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { importInto } from '../../engine/helpers.ts';

/** Imports `file` (no index) into a new catalog in `dir`: exactly the generated counts, nothing rejected. */
export async function expectImportedAsGenerated(
  file: string,
  dir: string,
  platform: string,
  expected: ExportCounts,
): Promise<void> {
  const catalogDir = path.join(dir, 'catalog');
  const catalog = CatalogService.open(catalogDir, createModelProvider(), { create: true });
  try {
    const result = await importInto(catalog, file, { index: false });
    expect(result.rejectedRows).toEqual([]);
    expect(result.detection).toMatchObject({ platform, ...expected });
  } finally {
    catalog.close();
  }
  expect(storedCounts(catalogDir)).toEqual({ products: expected.products, variants: expected.variants });
}
