import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { Embedder } from '../../electron/engine/embed/embedder.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import { createModelProvider } from '../../electron/engine/models.ts';
import type { JobProgress } from '../../shared/types.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
export const HERMES_CSV = path.join(FIXTURES, 'catalog/hermes-products.csv');

export function tempDir(prefix = 'shelfscope-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The real model, with a record of every text handed to an indexing embedder. */
export function countingModels(): { models: ModelProvider; embeddedTexts: string[] } {
  const real = createModelProvider();
  const embeddedTexts: string[] = [];
  const models: ModelProvider = {
    identity: real.identity,
    queryEmbedder: real.queryEmbedder,
    async indexEmbedder(): Promise<Embedder> {
      const inner = await real.indexEmbedder();
      return {
        name: inner.name,
        version: inner.version,
        dimensions: inner.dimensions,
        maxTokens: inner.maxTokens,
        async embed(texts, opts) {
          embeddedTexts.push(...texts);
          return inner.embed(texts, opts);
        },
        close: () => inner.close(),
      };
    },
  };
  return { models, embeddedTexts };
}

export function meter(events: JobProgress[] = []): ProgressMeter {
  return new ProgressMeter({ jobId: 'test', catalogId: 'test', kind: 'import' }, (p) => events.push(p));
}

export async function importInto(
  catalog: CatalogService,
  file: string,
  opts: { index?: boolean; signal?: AbortSignal } = {},
) {
  return catalog.importFile({ file, jobId: randomUUID(), ...opts }, meter());
}

/** Imports `csv` (without embedding) into a fresh catalog, runs `use` on it, and closes it. */
export async function withImportedCsv<T>(
  csv: string,
  use: (catalog: CatalogService) => Promise<T>,
): Promise<T> {
  const dir = tempDir();
  const file = path.join(dir, 'catalog.csv');
  fs.writeFileSync(file, csv);
  const catalog = CatalogService.open(path.join(dir, 'c'), countingModels().models, { create: true });
  try {
    await importInto(catalog, file, { index: false });
    return await use(catalog);
  } finally {
    catalog.close();
  }
}

/** A fresh catalog of the Hermes fixture, imported and embedded with the real model. */
export async function indexedHermes(): Promise<CatalogService> {
  const dir = path.join(tempDir(), 'hermes');
  const catalog = CatalogService.open(dir, createModelProvider(), { create: true, name: 'Hermes' });
  await importInto(catalog, HERMES_CSV);
  return catalog;
}
