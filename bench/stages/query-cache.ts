// The result cache at catalog scale: bench/query-cache.ts in a child process (it opens the catalog again
// in fresh processes to time the first query after open) on a copy of a generated catalog, since the
// query log and the prefetch write to the catalog they measure.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/engine/store/database.ts';
import { runChild } from '../lib/child.ts';
import { sizeLabel } from '../lib/sizes.ts';
import { importChild, REPO } from './end-to-end.ts';
import type { StageFailure, StageRun } from './platform-import.ts';
import { runStage } from './platform-import.ts';

export interface QueryCacheRun extends StageRun {
  label: string;
  products: number;
  embedded: number;
  /** Where the catalog came from: imported by this stage (with its time), reused, or prebuilt (--cache-catalog). */
  source: { imported: number | null } | { reused: string } | { prebuilt: string };
  peakRssMb: number;
  /** bench/query-cache.ts's figures: relevance with the cache on and off (first run only), hit latency, first query. */
  figures: Record<string, unknown>;
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const SCRIPT = path.join(REPO, 'bench', 'query-cache.ts');

/** Products, and how many have a vector: a catalog imported without indexing searches by keyword only. */
function counts(catalogDir: string): { products: number; embedded: number } {
  const db = openDatabase(path.join(catalogDir, 'catalog.sqlite'), { readonly: true });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  try {
    return { products: count('products'), embedded: count('vectors') };
  } finally {
    db.close();
  }
}

export interface QueryCacheSource {
  /** A generated CSV and the catalog dir this stage imports it into (or reuses with --reuse). */
  csv?: string;
  catalogDir: string;
  reuse?: boolean;
  /** A catalog someone else built (e.g. 1M products with vectors): copied, never written. */
  prebuilt?: boolean;
}

/**
 * Measures the cache on a copy of the catalog; with `icecatDir`, also the cache-on/off relevance on the
 * Icecat dev queries and their variants.
 */
export function measureQueryCache(
  src: QueryCacheSource,
  icecatDir: string | null,
): Promise<QueryCacheRun | StageFailure> {
  return runStage(`cache ${path.basename(src.catalogDir)}`, async (tmp) => {
    let source: QueryCacheRun['source'];
    const imported = path.join(src.catalogDir, 'bench-cache-import.json');
    if (src.prebuilt) {
      source = { prebuilt: src.catalogDir };
    } else if (src.reuse && fs.existsSync(imported)) {
      source = { reused: src.catalogDir };
    } else {
      log(`cache: importing ${src.csv} into ${src.catalogDir}`);
      const { run } = await importChild(src.csv as string, src.catalogDir);
      source = { imported: Math.round(run.wallMs) };
      fs.writeFileSync(imported, JSON.stringify({ csv: src.csv, importMs: source.imported }));
    }
    const copy = path.join(tmp, 'catalog');
    log(`cache: copying ${src.catalogDir} to ${copy}`);
    fs.cpSync(src.catalogDir, copy, { recursive: true });
    const { products, embedded } = counts(copy);
    const label = sizeLabel(products);
    log(`cache ${label}: ${SCRIPT}`);
    const args = [SCRIPT, '--catalog', copy, ...(icecatDir ? ['--icecat', icecatDir] : [])];
    const run = await runChild(process.execPath, args, { cwd: REPO });
    if (run.code !== 0)
      throw new Error(`bench/query-cache.ts failed (${run.code}): ${run.stderr.slice(-2000)}`);
    const figures = JSON.parse(run.stdout) as Record<string, unknown>;
    return { label, products, embedded, source, peakRssMb: run.peakRssMb, figures };
  });
}
