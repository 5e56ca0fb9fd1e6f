// What the platform-export stages share: a generated file in a temp dir, imported through the CLI in a
// child process, its counts held to what was generated, and when and on which code it all ran.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/engine/store/database.ts';
import type { ImportResult } from '../../shared/types.ts';
import type { MachineInfo } from '../lib/machine.ts';
import { gitCommit, machineInfo } from '../lib/machine.ts';
import { catalogStats, importChild, REPO } from './end-to-end.ts';

/** When and on which code a stage ran: an `--only` run adds its stages to an earlier run's results. */
export interface StageRun {
  measuredAt: string;
  commit: string;
  /** The machine, with its 1-minute load average when the stage started. */
  machine: MachineInfo;
  tookSec: number;
}

export interface StageFailure extends StageRun {
  label: string;
  failed: string;
}

/** A stage's runs (one per size), or why it did not run. */
export type StageRuns<T> = { runs: (T | StageFailure)[] } | { skipped: string };

export const isFailure = <T extends object>(r: T | StageFailure): r is StageFailure => 'failed' in r;

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

/**
 * Runs one measurement in a fresh temp dir (removed afterwards, whatever happens) and stamps it with
 * its time, commit and machine load; a failure is kept as the stage's result, with its reason.
 */
export async function runStage<T extends object>(
  label: string,
  measure: (tmp: string) => Promise<T>,
): Promise<(T & StageRun) | StageFailure> {
  const stamp = { measuredAt: new Date().toISOString(), commit: gitCommit(REPO), machine: machineInfo() };
  const started = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-bench-'));
  const tookSec = () => Math.round((performance.now() - started) / 1000);
  try {
    const figures = await measure(tmp);
    return { ...figures, ...stamp, tookSec: tookSec() };
  } catch (e) {
    const failed = (e as Error).message;
    log(`${label} FAILED: ${failed}`);
    return { label, failed, ...stamp, tookSec: tookSec() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface ExportCounts {
  rows: number;
  products: number;
  variants: number;
}

/** Products and variants as stored in the catalog's database. */
export function storedCounts(catalogDir: string): { products: number; variants: number } {
  const db = openDatabase(path.join(catalogDir, 'catalog.sqlite'), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { products: count('products'), variants: count('variants') };
  } finally {
    db.close();
  }
}

/**
 * What the import must have made of a generated file: its rows read, exactly the generated products
 * and variants detected and stored, no row rejected. Returns the differences, empty when all hold.
 */
export function countMismatches(
  expected: ExportCounts,
  result: Pick<ImportResult, 'detection' | 'rejected' | 'rejectedRows'>,
  stored: { products: number; variants: number },
): string[] {
  const out: string[] = [];
  const d = result.detection;
  if (!d) out.push('the import reported no detection');
  for (const key of ['rows', 'products', 'variants'] as const) {
    if (d && d[key] !== expected[key]) out.push(`${key}: generated ${expected[key]}, import read ${d[key]}`);
  }
  for (const key of ['products', 'variants'] as const) {
    if (stored[key] !== expected[key])
      out.push(`${key}: generated ${expected[key]}, catalog holds ${stored[key]}`);
  }
  if (result.rejected > 0) {
    const first = result.rejectedRows.slice(0, 3).map((r) => `row ${r.row} ${r.field}: ${r.reason}`);
    out.push(`${result.rejected} rows rejected (${first.join('; ')})`);
  }
  return out;
}

export interface ImportFigures {
  /** The engine's own time for the import (from its result). */
  engineMs: number;
  /** Spawn to exit of the `shelfscope import` process. */
  processMs: number;
  peakRssMb: number;
  dbBytes: number;
  indexBytes: number;
}

/**
 * `shelfscope import` in a child process, then the counts checked against the generated ones: a
 * mismatch fails the stage (throws, naming every difference).
 */
export async function importVerified(
  file: string,
  catalogDir: string,
  expected: ExportCounts,
  more: string[],
): Promise<{ figures: ImportFigures; result: ImportResult }> {
  const { run, result } = await importChild(file, catalogDir, more);
  const mismatches = countMismatches(expected, result, storedCounts(catalogDir));
  if (mismatches.length) throw new Error(`${path.basename(file)}: ${mismatches.join('; ')}`);
  const stats = await catalogStats(catalogDir);
  return {
    figures: {
      engineMs: Math.round(result.tookMs),
      processMs: Math.round(run.wallMs),
      peakRssMb: run.peakRssMb,
      dbBytes: stats.dbBytes,
      indexBytes: stats.indexBytes,
    },
    result,
  };
}
