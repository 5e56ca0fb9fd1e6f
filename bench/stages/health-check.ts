// The catalog health pass and the export on a generated catalog, each through the CLI in a child process:
// `shelfscope health --json` (every check, the ANN self-join included) and `shelfscope export` of every
// product to CSV and to XLSX (peak RSS shows whether the export streams).
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult, HealthReport } from '../../shared/health.ts';
import { sizeLabel } from '../lib/sizes.ts';
import { importChild, runCli } from './end-to-end.ts';
import type { StageFailure, StageRun } from './platform-import.ts';
import { runStage } from './platform-import.ts';

export interface ExportRun {
  format: 'csv' | 'xlsx';
  products: number;
  rows: number;
  bytes: number;
  engineMs: number;
  processMs: number;
  peakRssMb: number;
}

export interface HealthCheckRun extends StageRun {
  label: string;
  products: number;
  /** Import with indexing into the catalog checked (reused from an earlier run with --reuse). */
  importMs: number | null;
  health: {
    /** The engine's time for the whole pass, and the whole process (start, open, print) in brackets. */
    engineMs: number;
    processMs: number;
    peakRssMb: number;
    /** Per phase of the pass, from the report. */
    timing: Record<string, number>;
  };
  /** What the pass found in the generated catalog. */
  findings: {
    incompleteFields: number;
    shortDescriptions: number;
    identicalTextGroups: number;
    duplicateClusters: number;
    priceOutliers: number;
    zeroPrices: number;
    inconsistentValueGroups: number;
  };
  exports: ExportRun[];
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function findings(r: HealthReport): HealthCheckRun['findings'] {
  return {
    incompleteFields: r.coverage.filter((c) => c.missing + c.thin > 0).length,
    shortDescriptions: r.shortDescriptions.total,
    identicalTextGroups: r.identicalText.total,
    duplicateClusters: r.duplicates.total,
    priceOutliers: r.priceOutliers.total,
    zeroPrices: r.nonPositivePrices.total,
    inconsistentValueGroups: r.inconsistencies.total,
  };
}

/**
 * Imports `csv` (or reuses the catalog an earlier run imported from it), runs the health pass, then
 * exports every product to CSV and XLSX (variants as rows) into the stage's temp dir.
 */
export function measureHealthCheck(
  csv: string,
  products: number,
  workDir: string,
  reuse: boolean,
): Promise<HealthCheckRun | StageFailure> {
  const label = sizeLabel(products);
  return runStage(`health ${label}`, async (tmp) => {
    const catalogDir = path.join(workDir, `health-catalog-${label}`);
    const imported = path.join(catalogDir, 'bench-health-import.json');
    let importMs: number | null = null;
    if (reuse && fs.existsSync(imported)) {
      log(`health ${label}: reusing ${catalogDir}`);
    } else {
      log(`health ${label}: importing ${csv}`);
      const { run, result } = await importChild(csv, catalogDir);
      if (result.imported !== products)
        throw new Error(`imported ${result.imported} of ${products} products`);
      importMs = Math.round(run.wallMs);
      fs.writeFileSync(imported, JSON.stringify({ csv, importMs }));
    }
    log(`health ${label}: health --json`);
    const run = await runCli(['health', '--catalog', catalogDir, '--json']);
    const report = JSON.parse(run.stdout) as HealthReport;
    const exports: ExportRun[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      log(`health ${label}: export ${format}`);
      const out = path.join(tmp, `all.${format}`);
      const exported = await runCli(['export', '--catalog', catalogDir, '--out', out, '--json']);
      const result = JSON.parse(exported.stdout) as ExportResult;
      if (result.products !== products)
        throw new Error(`exported ${result.products} of ${products} products`);
      exports.push({
        format,
        products: result.products,
        rows: result.rows,
        bytes: result.bytes,
        engineMs: result.tookMs,
        processMs: Math.round(exported.wallMs),
        peakRssMb: exported.peakRssMb,
      });
      fs.rmSync(out, { force: true });
    }
    return {
      label,
      products,
      importMs,
      health: {
        engineMs: report.tookMs,
        processMs: Math.round(run.wallMs),
        peakRssMb: run.peakRssMb,
        timing: report.timing,
      },
      findings: findings(report),
      exports,
    };
  });
}
