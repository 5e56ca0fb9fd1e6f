// Asks a list of questions of one real catalog, each checked as its own test.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, it } from 'vitest';
import { answerQuestion } from '../../../electron/engine/ask/answer.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { Answer, Settings } from '../../../shared/types.ts';
import { countingModels, importInto, tempDir } from '../helpers.ts';

export const EXPORTS = path.resolve(import.meta.dirname, '../../../e2e/fixtures/exports');
const DATASETS = '/work/shared/datasets';
export const MYNTRA_CSV = path.join(DATASETS, 'myntra-fashion-catalog/myntra_products_catalog.csv');
export const DUMMYJSON_CSV = path.join(DATASETS, 'dummyjson-products/products_flat.csv');
export const WOO_CSV = path.join(EXPORTS, 'woocommerce-products.csv');
export const BUILT_IN: Settings = { llmEndpoint: null, llmModel: null, llmTimeoutMs: 5_000 };

export function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** A fresh catalog holding `file`, imported without embedding. */
export async function importedWithoutIndex(file: string): Promise<CatalogService> {
  const catalog = CatalogService.open(path.join(tempDir(), 'c'), countingModels().models, { create: true });
  await importInto(catalog, file, { index: false });
  return catalog;
}

/** Opens the catalog once, asks every question with the built-in engine, then checks each answer. */
export function askEach<C extends { q: string }>(
  open: () => Promise<CatalogService>,
  cases: C[],
  check: (answer: Answer, c: C) => void,
): void {
  let catalog: CatalogService;
  const answers: Answer[] = [];
  beforeAll(async () => {
    catalog = await open();
    for (const c of cases) answers.push(await answerQuestion(catalog, c.q, BUILT_IN));
  }, 180_000);
  afterAll(() => catalog.close());
  it.each(cases.map((c, i) => [c.q, i] as const))('%s', (_q, i) => check(answers[i], cases[i]));
}
