// Crash safety: the real CLI is SIGKILLed at seeded random moments while it parses, writes SQLite, embeds
// and saves the vector index. The kills are chained (each resumed run is itself killed), so one 20,000-
// product catalog takes every hit; after each kill the folder is inspected as a fresh process would find it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../electron/engine/models.ts';
import { productId, random, writeCatalogCsv } from './lib/catalog-gen.ts';
import type { CatalogSnapshot } from './lib/inspect-catalog.ts';
import { committedEmbedSeq, latestJob, mapIndex, productDigest, snapshot } from './lib/inspect-catalog.ts';
import { runCli } from './lib/run-cli.ts';
import type { CliRun } from './lib/run-cli.ts';

// Enough for every kill of the plan to land while products are still left to embed (an indexing
// batch is 1,024 products).
const PRODUCTS = 30_000;
const SEED = 20261124;
const HERMES_CSV = path.resolve(import.meta.dirname, '../fixtures/catalog/hermes-products.csv');

type Target = 'reading' | 'embedding' | 'saving' | 'random';

/**
 * The kill plan: units shuffled by the seed, the first always an import being read. A 'saving' kill
 * follows an 'embedding' one, so the resumed run has vectors to catch up and saves the index at once.
 */
function killPlan(rand: () => number): Target[] {
  const units: Target[][] = [
    ...Array.from({ length: 5 }, (): Target[] => ['reading']),
    ...Array.from({ length: 6 }, (): Target[] => ['embedding', 'saving']),
    ...Array.from({ length: 3 }, (): Target[] => ['embedding']),
    ...Array.from({ length: 4 }, (): Target[] => ['random']),
  ];
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [units[i], units[j]] = [units[j], units[i]];
  }
  return ['reading', ...units.flat()];
}

/** Arms the kill for one run; returns a disarm function. */
function arm(target: Target, dir: string, rand: () => number, kill: () => void): () => void {
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));
  let watcher: fs.FSWatcher | null = null;
  const jobBefore = latestJob(dir)?.id;
  const seqBefore = committedEmbedSeq(dir);
  const batches = 1 + Math.floor(rand() * 2);
  const delay = rand();
  const poll = (ready: () => boolean, then: () => void) => {
    const tick = () => (ready() ? then() : later(15, tick));
    tick();
  };
  switch (target) {
    case 'reading':
      // Once this run's import job is on record, its one big transaction is open: parsing and writing.
      poll(
        () => {
          const job = latestJob(dir);
          return job !== null && job.id !== jobBefore && job.state === 'importing';
        },
        () => later(delay * 900, kill),
      );
      break;
    case 'embedding':
      poll(
        () => committedEmbedSeq(dir) >= seqBefore + batches,
        () => later(delay * 300, kill),
      );
      break;
    case 'saving':
      // inotify reports the temp file as the save creates it (or renames it into place): the kill lands
      // inside the save or in the moment after it, before its bookkeeping commits.
      watcher = fs.watch(dir, (_event, name) => {
        if (!name?.startsWith('vectors.usearch.tmp-')) return;
        if (delay < 0.7) kill();
        else later((delay - 0.7) * 30, kill);
      });
      break;
    case 'random':
      later(200 + delay * 4000, kill);
      break;
  }
  return () => {
    timers.forEach(clearTimeout);
    watcher?.close();
  };
}

interface KillRecord {
  target: Target;
  command: string;
  landed: 'import' | 'embedding' | 'index-save' | 'startup-or-between';
}

function classify(before: CatalogSnapshot | null, after: CatalogSnapshot | null): KillRecord['landed'] {
  if (!after) return 'startup-or-between';
  if (after.tornSaves.length > (before?.tornSaves.length ?? 0)) return 'index-save';
  if (after.lastJobState === 'importing' && after.products === (before?.products ?? 0)) return 'import';
  if (after.embedded > (before?.embedded ?? 0)) return 'embedding';
  return 'startup-or-between';
}

/** What must hold in the folder after any kill. */
function checkAfterKill(before: CatalogSnapshot | null, after: CatalogSnapshot | null): void {
  if (!after) return;
  expect(after.integrity).toBe('ok');
  expect([0, PRODUCTS]).toContain(after.products);
  // Vectors and the products' embedded marks are committed together.
  expect(after.vectors).toBe(after.embedded);
  if (after.annSize !== null) expect(after.annSize).toBeLessThanOrEqual(after.vectors);
  // Nothing embedded twice: a committed embedding is never replaced by a later batch.
  let changed = 0;
  for (const [id, seq] of before?.embedSeqById ?? []) if (after.embedSeqById.get(id) !== seq) changed++;
  expect(changed).toBe(0);
}

describe('crash safety (SIGKILL during import, SQLite writes, embedding and index save)', () => {
  let work: string;
  let csv: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-crash-'));
    csv = path.join(work, 'catalog.csv');
    await writeCatalogCsv(csv, PRODUCTS, SEED);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('survives 25 chained kills, resumes, embeds everything exactly once and matches a clean import', async () => {
    const dir = path.join(work, 'crashed');
    const rand = random(SEED);
    const plan = killPlan(rand);
    const kills: KillRecord[] = [];
    let before = snapshot(dir);

    for (const target of plan) {
      const job = latestJob(dir);
      const mustImport = job === null || (target === 'reading' && job.state !== 'importing');
      const command = mustImport || rand() < 0.4 ? ['import', csv] : ['index'];
      let disarm = () => {};
      const run: CliRun = await runCli([...command, '--catalog', dir, '--json'], {
        timeoutMs: 300_000,
        onStart: (kill) => (disarm = arm(target, dir, rand, kill)),
      });
      disarm();
      const after = snapshot(dir);
      if (run.stoppedBy === 'kill') {
        expect(run.signal).toBe('SIGKILL');
        kills.push({ target, command: command[0], landed: classify(before, after) });
      } else {
        // The run beat its kill: it must simply have succeeded.
        expect(run.stderr).not.toMatch(/internal error/);
        expect(run.code).toBe(0);
      }
      checkAfterKill(before, after);
      before = after;
    }

    const landed = (where: KillRecord['landed']) => kills.filter((k) => k.landed === where).length;
    console.info(
      `crash harness: ${kills.length} SIGKILLs survived — import ${landed('import')}, embedding ${landed('embedding')}, index save ${landed('index-save')}, startup/between ${landed('startup-or-between')}`,
    );
    expect(kills.length).toBeGreaterThanOrEqual(20);
    expect(landed('import')).toBeGreaterThanOrEqual(2);
    expect(landed('embedding')).toBeGreaterThanOrEqual(2);
    expect(landed('index-save')).toBeGreaterThanOrEqual(2);

    // The resumed run finishes and embeds exactly what was missing.
    const pending = PRODUCTS - (before?.embedded ?? 0);
    const finish = await runCli(['index', '--catalog', dir, '--json'], { timeoutMs: 600_000 });
    expect(finish.stderr).not.toMatch(/internal error/);
    expect(finish.code).toBe(0);
    expect((JSON.parse(finish.stdout) as { embedded: number }).embedded).toBe(pending);

    const done = snapshot(dir);
    expect(done).not.toBeNull();
    checkAfterKill(before, done);
    expect(done?.products).toBe(PRODUCTS);
    expect(done?.embedded).toBe(PRODUCTS);
    expect(done?.annSize).toBe(PRODUCTS);
    // Saves the kills interrupted left temp files; the next open cleans them up.
    expect(done?.tornSaves).toEqual([]);

    // Re-importing the same file embeds nothing and changes nothing.
    const again = await runCli(['import', csv, '--catalog', dir, '--json'], { timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: PRODUCTS, embedded: 0, rejected: 0 });

    // The crashed catalog holds exactly what a clean import of the file holds.
    const clean = path.join(work, 'clean');
    const cleanRun = await runCli(['import', csv, '--catalog', clean, '--no-index', '--json'], {
      timeoutMs: 120_000,
    });
    expect(cleanRun.code).toBe(0);
    expect(productDigest(dir)).toEqual(productDigest(clean));

    // Every product is in the ANN index and findable by its id.
    const service = CatalogService.open(dir, createModelProvider());
    try {
      const rowids = service.handle.reader.prepare('SELECT rowid FROM products').pluck().all() as number[];
      const ann = mapIndex(path.join(dir, 'vectors.usearch'), service.handle.ann.dimensions);
      const present = ann.contains(BigUint64Array.from(rowids, BigInt)) as boolean[];
      expect(present.filter((p) => !p)).toHaveLength(0);
      const sample = random(SEED + 1);
      for (let i = 0; i < 200; i++) {
        const id = productId(1 + Math.floor(sample() * PRODUCTS));
        const result = await service.search({ query: id, mode: 'keyword', limit: 3, filters: {} });
        expect(result.hits[0]?.id, `search for ${id}`).toBe(id);
      }
    } finally {
      service.close();
    }
  }, 1_200_000);

  it('an import that crashed is not replayed by `index` after a later import succeeded', async () => {
    const dir = path.join(work, 'replay');
    // Import A is killed mid-file; import B (another file) then succeeds.
    const killedA = await runCli(['import', csv, '--catalog', dir, '--no-index'], {
      timeoutMs: 120_000,
      onStart: (kill) => {
        const wait = () =>
          latestJob(dir)?.state === 'importing' ? setTimeout(kill, 200) : setTimeout(wait, 10);
        wait();
      },
    });
    expect(killedA.signal).toBe('SIGKILL');
    const importB = await runCli(['import', HERMES_CSV, '--catalog', dir, '--no-index', '--json'], {
      timeoutMs: 60_000,
    });
    expect(importB.code).toBe(0);
    expect(snapshot(dir)?.products).toBe(99);
    // `index` finishes what is missing; it must not bring back the file of the older, crashed import.
    const index = await runCli(['index', '--catalog', dir, '--json'], { timeoutMs: 300_000 });
    expect(index.code).toBe(0);
    expect(snapshot(dir)?.products).toBe(99);
    expect((JSON.parse(index.stdout) as { embedded: number }).embedded).toBe(99);
  }, 600_000);
});
