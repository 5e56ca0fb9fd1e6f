import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InsightsReport } from '../../shared/insights.ts';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope insights', () => {
  const root = tempDir();
  const catalog = path.join(root, 'hermes');
  beforeAll(async () => {
    expect((await runCli(['import', HERMES_CSV, '--catalog', catalog])).code).toBe(0);
  }, 120_000);

  it('reports the searches the CLI made: totals, cache layers, top and zero-result queries; --clear empties it', async () => {
    const queries = path.join(root, 'queries.txt');
    fs.writeFileSync(
      queries,
      ['leather wallet', 'wallet leather', 'zzzqx gadget', 'leather wallet'].join('\n'),
    );
    const search = await runCli(['search', '--catalog', catalog, '--mode', 'keyword', '--queries', queries]);
    expect(search.code, search.stderr).toBe(0);

    const json = await runCli(['insights', '--catalog', catalog, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as InsightsReport;
    expect(report).toMatchObject({ logging: true, searches: 4, distinctQueries: 3 });
    expect(report.cacheHits).toEqual({ miss: 2, exact: 1, normalised: 1, embedding: 0 });
    expect(report.top[0]).toMatchObject({ query: 'leather wallet', count: 2 });
    expect(report.zeroResult.map((q) => q.query)).toEqual(['zzzqx gadget']);

    const text = await runCli(['insights', '--catalog', catalog]);
    expect(text.stdout).toMatch(/^4 searches of 3 queries since \S+; 25 % found nothing;/m);
    expect(text.stdout).toMatch(/^Zero-result queries:\n {2}1\. “zzzqx gadget” ×1, last \S+$/m);

    const cleared = await runCli(['insights', '--catalog', catalog, '--clear']);
    expect(cleared.stdout).toBe('cleared 4 logged searches\n');
    expect((await runCli(['insights', '--catalog', catalog])).stdout).toBe('No searches recorded yet.\n');
  }, 120_000);

  it('records nothing when the settings next to the catalog turn the log off', async () => {
    fs.writeFileSync(path.join(root, 'settings.json'), JSON.stringify({ queryLog: false }));
    try {
      await runCli(['search', '--catalog', catalog, 'scarf']);
      const report = JSON.parse(
        (await runCli(['insights', '--catalog', catalog, '--json'])).stdout,
      ) as InsightsReport;
      expect(report).toMatchObject({ logging: false, searches: 0 });
    } finally {
      fs.rmSync(path.join(root, 'settings.json'));
    }
  }, 120_000);
});
