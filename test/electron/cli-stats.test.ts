import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope stats', () => {
  it('says where the last import spent its indexing time', async () => {
    const catalog = path.join(tempDir(), 'hermes');
    expect((await runCli(['import', HERMES_CSV, '--catalog', catalog])).code).toBe(0);
    const run = await runCli(['stats', '--catalog', catalog]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /indexing time: model \d+\.\d s \(\d+ %\), vector index \d+\.\d s \(\d+ %\), storage and saves \d+\.\d s \(\d+ %\)/,
    );
  }, 120_000);
});
