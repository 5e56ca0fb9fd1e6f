import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/types.ts';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

const HEADER = 'product_id,name,category,price';

function csv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  return file;
}

describe('shelfscope import of a file nothing in which can be imported', () => {
  it('exits 1 with the reason last on stderr and the first rejected rows before it', async () => {
    const work = tempDir();
    // Twelve rows, none with a name: more than the ten rejected rows listed.
    const rows = Array.from({ length: 12 }, (_, i) => `N${i + 1},,Bags,${i + 1}`);
    const file = csv(work, 'no-names.csv', rows);
    const run = await runCli(['import', file, '--catalog', path.join(work, 'c')]);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      'shelfscope: no-names.csv: nothing imported: all 12 rows were rejected, the first rejected ones listed above; the catalog is unchanged',
    );
    const listed = lines.filter((l) => l.startsWith('  rejected no-names.csv row '));
    expect(listed).toHaveLength(10);
    expect(listed[0]).toMatch(/^ {2}rejected no-names\.csv row 2, field name: /);
    expect(lines).toContain('  … and 2 more (use --json for all)');
    // The counts still go to stdout, as for any import.
    expect(run.stdout).toMatch(/imported 0, updated 0, unchanged 0, removed 0, rejected 12, embedded 0/);
  }, 60_000);

  it('still prints the whole result with --json, and leaves an existing catalog as it was', async () => {
    const work = tempDir();
    const catalog = path.join(work, 'hermes');
    expect((await runCli(['import', HERMES_CSV, '--catalog', catalog, '--no-index'])).code).toBe(0);
    const file = csv(work, 'broken.csv', ['A1,,Bags,1', ',No id,Bags,1']);
    const run = await runCli(['import', file, '--catalog', catalog, '--no-index', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as ImportResult;
    expect(result).toMatchObject({ imported: 0, updated: 0, unchanged: 0, removed: 0, rejected: 2 });
    expect(result.rejectedRows.map((r) => r.row)).toEqual([2, 3]);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      /^shelfscope: broken\.csv: nothing imported: all 2 rows were rejected/,
    );
    const stats = await runCli(['stats', '--catalog', catalog, '--json']);
    expect((JSON.parse(stats.stdout) as { products: number }).products).toBe(99);
  }, 60_000);

  it('exits 0 when some rows were imported and others rejected', async () => {
    const work = tempDir();
    const file = csv(work, 'partly.csv', ['P1,Canvas tote,Bags,12.50', 'P2,,Bags,3']);
    const run = await runCli(['import', file, '--catalog', path.join(work, 'c'), '--no-index']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported 1, .*rejected 1/);
    expect(run.stdout).toMatch(/ {2}rejected partly\.csv row 3, field name: /);
    expect(run.stderr).not.toMatch(/nothing imported/);
  }, 60_000);
});
