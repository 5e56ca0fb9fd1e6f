// How the CLI fails: one quotable line for an unexpected error (the stack only with --debug), and a query
// longer than the contract allows refused before the catalog or the model is touched.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS } from '../../shared/api.ts';
import { tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope errors', () => {
  it('prints an unexpected error as one line, and its stack only with --debug', async () => {
    const catalog = path.join(tempDir(), 'damaged');
    fs.mkdirSync(catalog);
    fs.writeFileSync(path.join(catalog, 'manifest.json'), '{not json');

    const plain = await runCli(['stats', '--catalog', catalog]);
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^shelfscope: internal error: .*JSON/),
      'shelfscope: run again with --debug for the details',
    ]);

    const debug = await runCli(['stats', '--catalog', catalog, '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at .*catalog-handle\.ts/m);
  }, 60_000);

  it('applies the contract bounds to --filter as the app does over IPC', async () => {
    const work = tempDir();
    const filters = Array.from({ length: 21 }, (_, i) => ['--filter', `attr${i}=x`]).flat();
    const run = await runCli(['search', 'boots', '--catalog', work, ...filters]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--filter: attributes: at most 20 filters of this kind/);
  }, 60_000);

  it('refuses a query longer than the contract allows, naming its length and the limit', async () => {
    const work = tempDir();
    const long = await runCli(['search', 'x'.repeat(MAX_QUERY_CHARS + 1), '--catalog', work]);
    expect(long.code).toBe(1);
    expect(long.stderr.trim()).toBe('shelfscope: the query is 1,001 characters; at most 1,000 are searched');

    const file = path.join(work, 'queries.txt');
    fs.writeFileSync(file, `boots\n${'y'.repeat(5000)}\n`);
    const fromFile = await runCli(['search', '--queries', file, '--catalog', work]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain(`query 2 of ${file} is 5,000 characters`);
  }, 60_000);
});
