// A generated Shopify product CSV (≈ 3 variant rows per product) through the CLI, twice: read + store
// alone (`--no-index`), then file → searchable (import with indexing, then a first search).
import path from 'node:path';
import type { IndexTiming } from '../../shared/types.ts';
import type { Pools } from '../lib/generate.ts';
import type { ShopifyCounts } from '../lib/shopify.ts';
import { writeShopifyCsv } from '../lib/shopify.ts';
import { sizeLabel } from '../lib/sizes.ts';
import { firstSearch } from './end-to-end.ts';
import type { ImportFigures, StageFailure, StageRun } from './platform-import.ts';
import { importVerified, runStage } from './platform-import.ts';

export interface ShopifyImport extends StageRun {
  label: string;
  csvBytes: number;
  generateMs: number;
  /** What the file holds; the import read and stored exactly these products and variants. */
  generated: ShopifyCounts;
  /** `import --no-index`: reading, grouping and storing the rows (SQLite, FTS5). */
  readStore: ImportFigures & { rowsPerSec: number };
  /** `import` with indexing, then a first hybrid search in a second process. */
  searchable: ImportFigures & {
    firstSearchProcessMs: number;
    endToEndMs: number;
    embedded: number;
    indexTiming?: IndexTiming;
  };
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

export function measureShopifyImport(
  pools: Pools,
  products: number,
  seed: number,
): Promise<ShopifyImport | StageFailure> {
  const label = sizeLabel(products);
  return runStage(`shopify ${label}`, async (tmp) => {
    const file = path.join(tmp, `shopify-${label}-seed${seed}.csv`);
    const catalogDir = path.join(tmp, 'catalog');
    log(`shopify ${label}: generating ${file}`);
    const started = performance.now();
    const { bytes, counts } = await writeShopifyCsv(file, pools, products, seed);
    const generateMs = Math.round(performance.now() - started);
    log(`shopify ${label}: ${JSON.stringify({ bytes, ...counts })}; import --no-index`);
    const expected = { rows: counts.rows, products: counts.products, variants: counts.variants };
    const stored = await importVerified(file, catalogDir, expected, ['--no-index']);
    const readStore = {
      ...stored.figures,
      rowsPerSec: Math.round(counts.rows / Math.max(0.001, stored.figures.engineMs / 1000)),
    };
    log(`shopify ${label}: read + store ${JSON.stringify(readStore)}; import with indexing`);
    const indexed = await importVerified(file, catalogDir, expected, []);
    if (indexed.result.embedded !== counts.products)
      throw new Error(`embedded ${indexed.result.embedded} of ${counts.products} products`);
    const search = await firstSearch(catalogDir, 'black t-shirt');
    const searchable = {
      ...indexed.figures,
      peakRssMb: Math.max(indexed.figures.peakRssMb, search.peakRssMb),
      firstSearchProcessMs: Math.round(search.wallMs),
      endToEndMs: Math.round(indexed.figures.processMs + search.wallMs),
      embedded: indexed.result.embedded,
      indexTiming: indexed.result.indexTiming,
    };
    log(`shopify ${label}: file → searchable ${JSON.stringify(searchable)}`);
    return { label, csvBytes: bytes, generateMs, generated: counts, readStore, searchable };
  });
}
