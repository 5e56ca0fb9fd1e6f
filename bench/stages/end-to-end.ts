// File → searchable in a fresh process, the way a user meets it: `shelfscope import` then a first search.
import fs from 'node:fs';
import path from 'node:path';
import { buildNodeBundle } from '../../scripts/build.ts';
import type { CatalogStats, ImportResult, IndexTiming } from '../../shared/types.ts';
import type { ChildRun } from '../lib/child.ts';
import { runChild } from '../lib/child.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(REPO, 'node_modules/.bin/node');
const BUNDLES = path.join(REPO, 'dist/bench');
const CLI = path.join(BUNDLES, 'shelfscope.mjs');
const COLD_OPEN = path.join(BUNDLES, 'cold-open.mjs');

let bundled: Promise<void> | null = null;
/**
 * The child processes run the engine bundled, as the app ships it (its engine thread runs the esbuild
 * bundle in dist/): from TypeScript source, Node's type stripping alone adds ~36 MB to every process
 * and time to its start. Built once per run, from the sources this run measures.
 */
function bundles(): Promise<void> {
  bundled ??= Promise.all([
    buildNodeBundle(path.join(REPO, 'bin/shelfscope.js'), CLI),
    buildNodeBundle(path.join(REPO, 'bench/cold-open.ts'), COLD_OPEN),
  ]).then(() => undefined);
  return bundled;
}

export interface EndToEnd {
  products: number;
  rejected: number;
  /** Wall time of the `import` process (read, store, embed, index, save), including process start. */
  importProcessMs: number;
  /** Reading + storing rows (SQLite, FTS5), from the engine's own counter. */
  importRowsPerSec: number;
  importMs: number;
  /** Embedding + ANN insertion + checkpoints, texts per second over the whole indexing phase. */
  embedTextsPerSec: number;
  indexMs: number;
  /** A second process opening the catalog and answering its first hybrid query. */
  firstSearchProcessMs: number;
  endToEndMs: number;
  peakRssMb: number;
  /** The import's indexing phase: waiting for the model, ANN insertion, the rest (from the engine). */
  indexTiming?: IndexTiming;
  dbBytes: number;
  indexBytes: number;
}

/** The CLI (bundled) in a child process; a failing command throws with the end of its stderr. */
export async function runCli(args: string[]): Promise<ChildRun> {
  await bundles();
  const run = await runChild(NODE, [CLI, ...args], { cwd: REPO });
  if (run.code !== 0)
    throw new Error(`shelfscope ${args[0]} failed (${run.code}): ${run.stderr.slice(-2000)}`);
  return run;
}

/** `shelfscope import FILE --json` into a new catalog: the process run and the result it printed. */
export async function importChild(
  file: string,
  catalogDir: string,
  more: string[] = [],
): Promise<{ run: ChildRun; result: ImportResult }> {
  fs.rmSync(catalogDir, { recursive: true, force: true });
  const run = await runCli(['import', file, '--catalog', catalogDir, '--json', ...more]);
  return { run, result: JSON.parse(run.stdout.trim().split('\n').pop() as string) as ImportResult };
}

export async function catalogStats(catalogDir: string): Promise<CatalogStats> {
  return JSON.parse((await runCli(['stats', '--catalog', catalogDir, '--json'])).stdout) as CatalogStats;
}

export const firstSearch = (catalogDir: string, query: string) =>
  runCli(['search', '--catalog', catalogDir, '--mode', 'hybrid', '--json', query]);

export async function measureEndToEnd(
  file: string,
  catalogDir: string,
  firstQuery: string,
): Promise<EndToEnd> {
  const { run: imported, result } = await importChild(file, catalogDir);
  const search = await firstSearch(catalogDir, firstQuery);
  const stats = await catalogStats(catalogDir);
  const last = stats.lastImport;
  const products = stats.products;
  const importRowsPerSec = last?.rowsPerSec ?? 0;
  const embedTextsPerSec = last?.embedPerSec ?? 0;
  return {
    products,
    rejected: result.rejected,
    importProcessMs: Math.round(imported.wallMs),
    importRowsPerSec,
    importMs: importRowsPerSec ? Math.round((products / importRowsPerSec) * 1000) : 0,
    embedTextsPerSec,
    indexMs: embedTextsPerSec ? Math.round((stats.embedded / embedTextsPerSec) * 1000) : 0,
    indexTiming: result.indexTiming,
    firstSearchProcessMs: Math.round(search.wallMs),
    endToEndMs: Math.round(imported.wallMs + search.wallMs),
    peakRssMb: Math.max(imported.peakRssMb, search.peakRssMb),
    dbBytes: stats.dbBytes,
    indexBytes: stats.indexBytes,
  };
}

export interface ColdOpen {
  /** Spawn to first hybrid result printed, whole process (Node start, module load, open, embed, search). */
  processMs: number;
  /** Inside the process: catalog open + first result, after modules are loaded. */
  openToFirstResultMs: number;
  openMs: number;
  firstSearchMs: number;
  peakRssMb: number;
}

export async function measureColdOpen(catalogDir: string, query: string): Promise<ColdOpen> {
  await bundles();
  const run = await runChild(NODE, [COLD_OPEN, catalogDir, query], { cwd: REPO });
  if (run.code !== 0) throw new Error(`cold open failed: ${run.stderr.slice(-2000)}`);
  const inner = JSON.parse(run.stdout) as { openMs: number; firstSearchMs: number };
  return {
    processMs: Math.round(run.wallMs),
    openToFirstResultMs: Math.round(inner.openMs + inner.firstSearchMs),
    openMs: Math.round(inner.openMs),
    firstSearchMs: Math.round(inner.firstSearchMs),
    peakRssMb: run.peakRssMb,
  };
}
