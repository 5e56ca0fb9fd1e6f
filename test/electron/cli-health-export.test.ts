import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, HealthReport } from '../../shared/health.ts';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope health and export', () => {
  const dir = tempDir();
  const catalog = path.join(dir, 'hermes');
  beforeAll(async () => {
    expect((await runCli(['import', HERMES_CSV, '--catalog', catalog])).code).toBe(0);
  }, 120_000);

  it('prints the report, as JSON with --json, with the filter that lists each finding', async () => {
    const text = await runCli(['health', '--catalog', catalog]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^99 products checked in \d+\.\d s$/m);
    // The Hermes file has no brand column: every product lacks one.
    expect(text.stdout).toMatch(/^ {2}brand: 99 missing \(100%\) {2}\[health=missing:field:brand\]$/m);
    const json = await runCli(['health', '--catalog', catalog, '--json', '--min-words', '40']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as HealthReport;
    expect(report).toMatchObject({ products: 99, options: { minWords: 40, similarity: 0.9 } });
    const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    const rows = parse(fs.readFileSync(HERMES_CSV), { columns: true }) as Record<string, string>[];
    expect(report.shortDescriptions.total).toBe(
      rows.filter((r) => words(r.description) > 0 && words(r.description) < 40).length,
    );
  }, 120_000);

  it('exports what search lists with the same filters, and refuses bad usage with exit code 2', async () => {
    const out = path.join(dir, 'bags.csv');
    const run = await runCli([
      'export',
      '--catalog',
      catalog,
      '--filter',
      'category=Bags',
      '--filter',
      'price<60',
      '--out',
      out,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ExportResult;
    const search = await runCli([
      'search',
      '--catalog',
      catalog,
      '--filter',
      'category=Bags',
      '--filter',
      'price<60',
      '--limit',
      '1000',
      '--json',
      '',
    ]);
    const hits = (JSON.parse(search.stdout) as { hits: { id: string }[] }).hits.map((h) => h.id);
    const exported = (parse(fs.readFileSync(out), { bom: true, columns: true }) as { id: string }[]).map(
      (r) => r.id,
    );
    expect(exported).toEqual(hits);
    expect(result).toMatchObject({ format: 'csv', products: hits.length });

    expect((await runCli(['export', '--catalog', catalog])).code).toBe(2);
    const bad = await runCli(['export', '--catalog', catalog, '--filter', 'nonsense', '--out', out]);
    expect(bad.code).toBe(2);
    const wrongType = await runCli(['export', '--catalog', catalog, '--out', path.join(dir, 'x.pdf')]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toMatch(/must end in \.csv or \.xlsx/);
  }, 120_000);
});
