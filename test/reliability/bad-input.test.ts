// Bad input: every file of the generated hostile corpus is imported by the real CLI, in a child process
// with a time limit and a memory ceiling, into a copy of an existing catalog. A refused file must leave
// that catalog exactly as it was; an accepted one must account for every row it did not import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/types.ts';
import { buildCorpus } from './lib/hostile-corpus.ts';
import type { CorpusCase } from './lib/hostile-corpus.ts';
import { productDigest } from './lib/inspect-catalog.ts';
import { runCli } from './lib/run-cli.ts';
import type { CliRun } from './lib/run-cli.ts';

const HERMES_CSV = path.resolve(import.meta.dirname, '../fixtures/catalog/hermes-products.csv');
const MEMORY_CEILING = 1024 ** 3;
const CONCURRENCY = 2;

interface Outcome {
  name: string;
  run: CliRun;
  problems: string[];
}

/** Everything wrong with one run, as readable sentences (empty when the case behaved). */
function judge(c: CorpusCase, run: CliRun, catalogUnchanged: () => boolean): string[] {
  const problems: string[] = [];
  const name = path.basename(c.file);
  if (run.stoppedBy) return [`stopped by the harness (${run.stoppedBy}) after ${run.ms} ms`];
  if (run.signal) return [`died of ${run.signal}`];
  if (/internal error/.test(run.stderr)) problems.push(`internal error: ${run.stderr.slice(0, 300)}`);
  if (run.code === 1) {
    const message = run.stderr.trim().split('\n').pop() ?? '';
    if (!message.startsWith('shelfscope: ') || !message.includes(name))
      problems.push(`refusal does not name the file: "${message.slice(0, 200)}"`);
    if (!catalogUnchanged()) problems.push('the refused import changed the existing catalog');
    if (c.expect.kind === 'import') problems.push(`refused, expected an import: "${message.slice(0, 200)}"`);
    if (c.expect.kind === 'refuse' && !c.expect.message.test(message))
      problems.push(`message "${message.slice(0, 200)}" does not match ${c.expect.message}`);
    return problems;
  }
  if (run.code !== 0) return [...problems, `exit code ${run.code}: ${run.stderr.slice(-300)}`];
  const result = JSON.parse(run.stdout) as ImportResult;
  const accepted = result.imported + result.updated + result.unchanged;
  if (result.rejected !== result.rejectedRows.length) problems.push('rejected count ≠ rejected rows listed');
  for (const r of result.rejectedRows) {
    if (r.file !== name || !(r.row >= 1) || !r.field || !r.reason)
      problems.push(`incomplete rejected-row report ${JSON.stringify(r).slice(0, 200)}`);
  }
  if (accepted === 0 && !catalogUnchanged()) problems.push('a file with no usable row changed the catalog');
  const e = c.expect;
  if (e.kind === 'refuse')
    problems.push(`imported (${accepted} ok, ${result.rejected} rejected), expected ${e.message}`);
  if (e.kind === 'import') {
    if (accepted !== e.accepted || result.rejected !== e.rejected)
      problems.push(
        `imported ${accepted} + rejected ${result.rejected}, expected ${e.accepted} + ${e.rejected}`,
      );
    if (e.rejectedField && result.rejectedRows.some((r) => !e.rejectedField?.test(r.field)))
      problems.push(
        `rejected fields ${result.rejectedRows.map((r) => r.field).join(',')} ≠ ${e.rejectedField}`,
      );
  }
  if (e.kind === 'either' && e.rows !== undefined && accepted + result.rejected !== e.rows)
    problems.push(`accounts for ${accepted} + ${result.rejected} rows of ${e.rows}`);
  return problems;
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe('bad input', () => {
  let work: string;
  let base: string;
  let baseDigest: ReturnType<typeof productDigest>;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-bad-input-'));
    base = path.join(work, 'base-catalog');
    const seeded = await runCli(['import', HERMES_CSV, '--catalog', base, '--no-index', '--json']);
    expect(seeded.code).toBe(0);
    baseDigest = productDigest(base);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('refuses or partly imports every hostile file quickly, within bounded memory, never harming the catalog', async () => {
    const corpusDir = path.join(work, 'corpus');
    fs.mkdirSync(corpusDir);
    const corpus = buildCorpus(corpusDir);
    expect(corpus.length).toBeGreaterThanOrEqual(50);

    const outcomes = await inParallel(corpus, CONCURRENCY, async (c): Promise<Outcome> => {
      const name = path.basename(c.file);
      const catalog = path.join(work, 'catalogs', name);
      fs.cpSync(base, catalog, { recursive: true });
      const run = await runCli(['import', c.file, '--catalog', catalog, '--no-index', '--json'], {
        timeoutMs: c.slow ? 90_000 : 45_000,
        maxRssBytes: MEMORY_CEILING,
      });
      const problems = judge(c, run, () => {
        const now = productDigest(catalog);
        return now.sha256 === baseDigest.sha256 && now.count === baseDigest.count;
      });
      fs.rmSync(catalog, { recursive: true, force: true });
      return { name, run, problems };
    });

    const refused = outcomes.filter((o) => o.run.code === 1).length;
    const bySlowest = [...outcomes].sort((a, b) => b.run.ms - a.run.ms);
    const hungriest = outcomes.reduce((a, b) => (b.run.peakRss > a.run.peakRss ? b : a));
    console.info(
      `bad input: ${outcomes.length} files — ${refused} refused, ${outcomes.length - refused} imported with rejections reported; ` +
        `slowest ${bySlowest
          .slice(0, 4)
          .map((o) => `${o.name} ${o.run.ms} ms`)
          .join(
            ', ',
          )}; largest peak RSS ${hungriest.name} ${Math.round(hungriest.run.peakRss / 1024 ** 2)} MiB`,
    );
    const failures = outcomes
      .filter((o) => o.problems.length)
      .map((o) => `${o.name}: ${o.problems.join('; ')}`);
    expect(failures).toEqual([]);
  }, 600_000);
});
