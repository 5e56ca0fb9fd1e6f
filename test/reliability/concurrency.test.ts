// Concurrency: queries during an import see the old catalog or the new one, never a mix; a second import
// into a busy catalog is refused (engine) or waits its turn / is refused clearly (CLI processes); deleting
// a catalog while it indexes cancels the job and leaves the engine working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import type { JobFinished, JobProgress } from '../../shared/types.ts';
import { productId } from './lib/catalog-gen.ts';
import { productDigest } from './lib/inspect-catalog.ts';
import { runCli } from './lib/run-cli.ts';

const HERMES_CSV = path.resolve(import.meta.dirname, '../fixtures/catalog/hermes-products.csv');
const ROWS = 6_000;
const NAMES = ['canvas tote', 'wool scarf', 'rain boots', 'linen shirt', 'leather belt', 'denim jacket'];

/** A catalog whose every product costs `price`; `extra` more products (new ids) at the end. */
function priceCsv(file: string, price: number, extra = 0): void {
  const lines = ['product_id,name,category,price'];
  for (let n = 1; n <= ROWS + extra; n++)
    lines.push(`${productId(n)},${NAMES[n % NAMES.length]} ${n},Bags,${price}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The count an aggregate answer states ("No products …" is zero). */
function countIn(answer: string): number {
  if (/^no\b|\bnone\b/i.test(answer)) return 0;
  const m = /(\d[\d,]*)/.exec(answer);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

function finishedJob(engine: Engine, jobId: string): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = engine.on('jobFinished', (f) => {
      if (f.jobId === jobId) {
        off();
        resolve(f);
      }
    });
  });
}

describe('concurrency', () => {
  let work: string;
  let engine: Engine;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-concurrency-'));
    engine = await createEngine({ dataDir: path.join(work, 'data') });
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers searches and questions during a re-import from the old catalog or the new one, never a mix', async () => {
    const oldFile = path.join(work, 'old.csv');
    const newFile = path.join(work, 'new.csv');
    priceCsv(oldFile, 10);
    priceCsv(newFile, 20, 300);
    const { id } = await engine.createCatalog({ name: 'Consistency' });
    const first = await engine.startImport({ catalogId: id, path: oldFile });
    expect((await finishedJob(engine, first.jobId)).ok).toBe(true);

    const { jobId } = await engine.startImport({ catalogId: id, path: newFile });
    const done = finishedJob(engine, jobId);
    let finished = false;
    void done.then(() => (finished = true));
    const states = new Set<string>();
    let checks = 0;
    while (!finished) {
      const result = await engine.search({
        catalogId: id,
        query: 'boots',
        mode: 'keyword',
        limit: 1000,
        filters: {},
      });
      const prices = new Set(result.hits.map((h) => h.price));
      expect(prices.size, `one search saw prices ${[...prices].join(', ')}`).toBe(1);
      const answer = await engine.ask({ catalogId: id, question: 'how many products cost under $15?' });
      const stats = await engine.stats({ catalogId: id });
      const under15 = countIn(answer.answer);
      // Each answer is one snapshot: every product under $15 (old) or none (new), nothing between.
      expect([ROWS, 0], `"${answer.answer}"`).toContain(under15);
      expect([ROWS, ROWS + 300]).toContain(stats.products);
      states.add(prices.has(10) ? 'old' : 'new');
      checks++;
      // Calls arrive as separate events (IPC messages), which lets the import's own work interleave.
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await done).ok).toBe(true);
    console.info(
      `concurrency: ${checks} search+ask+stats rounds during the re-import saw ${[...states].join(' then ')}`,
    );
    expect(states.has('old')).toBe(true);
    expect(checks).toBeGreaterThan(3);
    const after = await engine.search({
      catalogId: id,
      query: 'boots',
      mode: 'keyword',
      limit: 5,
      filters: {},
    });
    expect(after.hits.every((h) => h.price === 20)).toBe(true);
  }, 300_000);

  it('refuses a second import into a catalog that is busy, with a clear message', async () => {
    const { id } = await engine.createCatalog({ name: 'Busy' });
    const file = path.join(work, 'busy.csv');
    priceCsv(file, 5);
    const { jobId } = await engine.startImport({ catalogId: id, path: file });
    await expect(engine.startImport({ catalogId: id, path: HERMES_CSV })).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/busy with another job/),
    });
    await expect(engine.startIndex({ catalogId: id })).rejects.toMatchObject({ code: 'busy' });
    expect((await finishedJob(engine, jobId)).ok).toBe(true);
    expect((await engine.stats({ catalogId: id })).products).toBe(ROWS);
  }, 300_000);

  it('deleting a catalog while it indexes cancels the job cleanly', async () => {
    const { id } = await engine.createCatalog({ name: 'Doomed' });
    const file = path.join(work, 'doomed.csv');
    priceCsv(file, 7);
    const embedding = new Promise<void>((resolve) => {
      const off = engine.on('jobProgress', (p: JobProgress) => {
        if (p.catalogId === id && p.phase === 'embedding' && p.done > 0) {
          off();
          resolve();
        }
      });
    });
    const { jobId } = await engine.startImport({ catalogId: id, path: file });
    const finished = finishedJob(engine, jobId);
    await embedding;
    expect(await engine.deleteCatalog({ catalogId: id })).toEqual({ deleted: true });
    const outcome = await finished;
    // Stopped early: either the embedding ended at a batch boundary or the job reports its cancellation.
    expect(outcome.ok ? (outcome.result?.embedded ?? ROWS) < ROWS : /cancel/i.test(outcome.error ?? '')).toBe(
      true,
    );
    expect(fs.existsSync(path.join(work, 'data', 'catalogs', id))).toBe(false);
    expect((await engine.listCatalogs({})).map((c) => c.id)).not.toContain(id);
    expect(await engine.currentJob({ catalogId: id }).catch((e: { code: string }) => e.code)).toBe(
      'not-found',
    );
    // The engine carries on: the same name makes a fresh catalog that imports and indexes.
    const again = await engine.createCatalog({ name: 'Doomed' });
    const job = await engine.startImport({ catalogId: again.id, path: HERMES_CSV });
    expect((await finishedJob(engine, job.jobId)).ok).toBe(true);
    expect((await engine.stats({ catalogId: again.id })).embedded).toBe(99);
  }, 300_000);

  it('CLI imports into one catalog folder are serialised, or refused as busy, never interleaved', async () => {
    const catalog = path.join(work, 'cli-catalog');
    const a = path.join(work, 'a.csv');
    const b = path.join(work, 'b.csv');
    priceCsv(a, 3, 14_000);
    priceCsv(b, 4);
    const clean = (file: string) => {
      const dir = path.join(work, `clean-${path.basename(file)}`);
      return runCli(['import', file, '--catalog', dir, '--no-index']).then(() => productDigest(dir));
    };
    // Both start at once: each reads the catalog before either holds the write lock.
    const [runA, runB] = await Promise.all(
      [a, b].map((file) =>
        runCli(['import', file, '--catalog', catalog, '--no-index', '--json'], { timeoutMs: 120_000 }),
      ),
    );
    for (const run of [runA, runB]) {
      expect(run.stderr).not.toMatch(/internal error/);
      if (run.code !== 0) expect(run.stderr).toMatch(/catalog is busy/);
    }
    // Whatever order they ran in, the catalog is exactly one of the two files.
    expect([(await clean(a)).sha256, (await clean(b)).sha256]).toContain(productDigest(catalog).sha256);

    // A writer that holds the catalog past the busy timeout: the CLI says so, and changes nothing.
    const before = productDigest(catalog);
    const locker = new Database(path.join(catalog, 'catalog.sqlite'));
    locker.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await runCli(['import', HERMES_CSV, '--catalog', catalog, '--no-index'], {
        timeoutMs: 60_000,
      });
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/^shelfscope: the catalog is busy/m);
      expect(blocked.stderr).not.toMatch(/internal error/);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(productDigest(catalog)).toEqual(before);
  }, 300_000);
});
