// A 1,000,000-row CSV imports through the real CLI (`--no-index`) with a peak RSS under 1.5 GB: the
// readers stream and the import never holds the file, or all its rows, in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/types.ts';
import { writeCatalogCsv } from './lib/catalog-gen.ts';
import { productDigest } from './lib/inspect-catalog.ts';
import { runCli } from './lib/run-cli.ts';

const ROWS = 1_000_000;
const PEAK_RSS_LIMIT = 1.5 * 1024 ** 3;

describe('a million-row import', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-1m-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('imports 1,000,000 rows with a peak RSS under 1.5 GB', async () => {
    const csv = path.join(work, 'million.csv');
    await writeCatalogCsv(csv, ROWS, 7);
    const catalog = path.join(work, 'catalog');
    const run = await runCli(['import', csv, '--catalog', catalog, '--no-index', '--json'], {
      timeoutMs: 900_000,
      // Stop well past the limit rather than let a regression take the machine down.
      maxRssBytes: 2 * PEAK_RSS_LIMIT,
    });
    console.info(
      `1M-row import: ${(fs.statSync(csv).size / 1024 ** 2).toFixed(0)} MiB file, ${(run.ms / 1000).toFixed(1)} s, peak RSS ${(run.peakRss / 1024 ** 2).toFixed(0)} MiB`,
    );
    expect(run.stoppedBy).toBeNull();
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ImportResult;
    expect(result).toMatchObject({ imported: ROWS, rejected: 0 });
    expect(productDigest(catalog).count).toBe(ROWS);
    expect(run.peakRss).toBeGreaterThan(0);
    expect(run.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
  }, 1_200_000);
});
