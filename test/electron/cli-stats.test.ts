import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogStats } from '../../shared/types.ts';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope stats', () => {
  // One imported catalog; the last test damages it.
  const catalog = path.join(tempDir(), 'hermes');
  beforeAll(async () => {
    expect((await runCli(['import', HERMES_CSV, '--catalog', catalog])).code).toBe(0);
  }, 120_000);

  it('says where the last import spent its indexing time', async () => {
    const run = await runCli(['stats', '--catalog', catalog]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /indexing time: model \d+\.\d s \(\d+ %\), vector index \d+\.\d s \(\d+ %\), storage and saves \d+\.\d s \(\d+ %\)/,
    );
  }, 120_000);

  it('compares every key of the vector index with SQLite, and says what it repaired', async () => {
    const clean = await runCli(['stats', '--catalog', catalog]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(
      /^vector index: 99 vectors for 99 stored, consistent \(every key checked \S+\)$/m,
    );

    // A vector SQLite lost, its product still marked embedded: the key has become a stray.
    const db = new Database(path.join(catalog, 'catalog.sqlite'));
    db.exec('DELETE FROM vectors WHERE rowid = 7');
    db.close();
    const repaired = await runCli(['stats', '--catalog', catalog, '--json']);
    expect(repaired.code, repaired.stderr).toBe(0);
    const stats = JSON.parse(repaired.stdout) as CatalogStats;
    expect(stats).toMatchObject({ products: 99, embedded: 98 });
    expect(stats.vectorIndex).toMatchObject({
      vectors: 98,
      expected: 98,
      consistent: true,
      lastRepair: { scope: 'open', strayKeys: 1, missingKeys: 0, reembed: 1, rebuilt: false },
    });
    const text = await runCli(['stats', '--catalog', catalog]);
    expect(text.stdout).toMatch(
      /^vector index: 98 vectors for 98 stored, consistent \(every key checked \S+; last repair \S+ \(open check\): removed 1 stray key \(products no longer in the catalog\), queued 1 product to embed again\)$/m,
    );
  }, 120_000);
});
