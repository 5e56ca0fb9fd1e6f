// Real catalogs and the tiny test model for the re-embed tests: the e2e fixture (100 products) and the
// first rows of the public Myntra catalog (enough for several indexing batches).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const E2E_PRODUCTS = path.resolve(import.meta.dirname, '../../e2e/fixtures/products.csv');
const MYNTRA = '/work/shared/datasets/myntra-fashion-catalog/myntra_products_catalog.csv';

/** Every word of these files: the tiny model's whole-word vocabulary, so catalog words are single tokens. */
export function wordsOf(...files: string[]): string[] {
  const words = new Set<string>();
  for (const file of files)
    for (const w of fs
      .readFileSync(file, 'utf8')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [])
      words.add(w);
  return [...words];
}

/** The header and the first `rows` products of the Myntra catalog, as CSV. */
export function myntraSlice(dir: string, rows: number): string {
  const records = parse(fs.readFileSync(MYNTRA, 'utf8'), { to: rows + 1 }) as string[][];
  const file = path.join(dir, `myntra-${rows}.csv`);
  fs.writeFileSync(file, stringify(records));
  return file;
}
