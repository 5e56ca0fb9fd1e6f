// Team catalogs on a real PostgreSQL 15 started for the stage: a generated catalog, embedded once on
// the publishing desk (setup, not timed), published with its vectors and opened on a fresh desk with no
// embedding (goal ≤ 60 s at 100k, against a local import's ≈ 100 s); then 1 % of the products change
// in the file, are re-imported and re-published, and the desk syncs (goal ≤ 2 s).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import { openTeamCatalog, publishToTeam, syncFromTeam } from '../../electron/engine/team/team-service.ts';
import { pgUnavailable, startPgServer } from '../../test/team/pg-server.ts';
import type { GeneratedProduct, Pools } from '../lib/generate.ts';
import { generateProducts, writeCatalogCsv } from '../lib/generate.ts';
import { sizeLabel } from '../lib/sizes.ts';
import type { StageFailure, StageRun } from './platform-import.ts';
import { runStage } from './platform-import.ts';

export interface TeamCatalogRun extends StageRun {
  label: string;
  products: number;
  /** Setup, not part of the goal: importing and embedding the catalog on the publishing desk. */
  setupSec: number;
  publish: { sec: number; bytesSent: number; inserted: number };
  open: { sec: number; vectors: number; embedded: number };
  /** Publish + open: from a catalog on one desk to a searchable replica on another. */
  shareSec: number;
  changed: { updated: number; inserted: number; removed: number };
  republish: { sec: number; bytesSent: number; updated: number; inserted: number; removed: number };
  sync: { sec: number; vectors: number; embedded: number };
  /** Search answers on the replica after the sync: the top hit for a changed product's new name. */
  changedProductFound: boolean;
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const quiet = () => new ProgressMeter({ jobId: 'bench', catalogId: 'bench', kind: 'sync' }, () => undefined);
const timed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const value = await run();
  return { value, sec: Math.round((performance.now() - started) / 100) / 10 };
};

/**
 * The 1 % edit: of every 1,000 products, 5 get a new price, 3 a new name (new text, new vector), 1 leaves
 * the file, and 1 new product arrives.
 */
function* editedProducts(pools: Pools, n: number, seed: number): Generator<GeneratedProduct> {
  let i = 0;
  for (const p of generateProducts(pools, n, seed)) {
    const slot = i++ % 1000;
    if (slot < 5) yield { ...p, price: Math.round((p.price + 1.11) * 100) / 100 };
    else if (slot < 8) yield { ...p, name: `${p.name} (team edition ${i})` };
    else if (slot === 8) continue;
    else if (slot === 9) {
      yield p;
      yield { ...p, id: `NEW-${p.id}`, name: `${p.name} refreshed` };
    } else yield p;
  }
}

export async function measureTeamCatalog(
  pools: Pools,
  n: number,
  seed: number,
  models: ModelProvider,
): Promise<TeamCatalogRun | StageFailure> {
  const label = sizeLabel(n);
  return runStage(`team ${label}`, async (tmp) => {
    if (pgUnavailable) throw new Error(pgUnavailable);
    const pg = await startPgServer();
    try {
      await pg.createDatabase('team');
      const url = pg.url({ database: 'team' });
      const csv = path.join(tmp, 'catalog.csv');
      await writeCatalogCsv(csv, generateProducts(pools, n, seed));
      const source = CatalogService.open(path.join(tmp, 'publisher'), models, { create: true });
      const desk = CatalogService.open(path.join(tmp, 'desk'), models, { create: true });
      try {
        log(`team ${label}: importing and embedding on the publishing desk (setup)`);
        const setup = await timed(() => source.importFile({ file: csv, jobId: randomUUID() }, quiet()));
        if (setup.value.embedded !== n) throw new Error(`setup embedded ${setup.value.embedded} of ${n}`);
        const published = await timed(() =>
          publishToTeam(source, { server: url, name: 'bench', jobId: randomUUID() }, quiet()),
        );
        log(`team ${label}: published in ${published.sec} s; opening on a fresh desk`);
        const opened = await timed(() =>
          openTeamCatalog(desk, { server: url, name: 'bench', jobId: randomUUID() }, quiet()),
        );
        if (opened.value.inserted !== n || opened.value.embedded !== 0)
          throw new Error(`open: ${JSON.stringify(opened.value)}`);
        log(`team ${label}: opened in ${opened.sec} s; 1 % changes`);
        const edited = path.join(tmp, 'edited.csv');
        await writeCatalogCsv(edited, editedProducts(pools, n, seed));
        const reimport = await source.importFile({ file: edited, jobId: randomUUID() }, quiet());
        const republished = await timed(() =>
          publishToTeam(source, { server: url, name: 'bench', jobId: randomUUID() }, quiet()),
        );
        const password = new URL(url).password;
        const synced = await timed(() => syncFromTeam(desk, { password, jobId: randomUUID() }, quiet()));
        if (synced.value.mode !== 'changes') throw new Error(`sync pulled ${synced.value.mode}`);
        const probe = await desk.search({ query: 'team edition 7', mode: 'keyword', limit: 1, filters: {} });
        const run = {
          label,
          products: n,
          setupSec: setup.sec,
          publish: {
            sec: published.sec,
            bytesSent: published.value.bytesSent,
            inserted: published.value.inserted,
          },
          open: { sec: opened.sec, vectors: opened.value.vectors, embedded: opened.value.embedded },
          shareSec: Math.round((published.sec + opened.sec) * 10) / 10,
          changed: { updated: reimport.updated, inserted: reimport.imported, removed: reimport.removed },
          republish: {
            sec: republished.sec,
            bytesSent: republished.value.bytesSent,
            updated: republished.value.updated,
            inserted: republished.value.inserted,
            removed: republished.value.removed,
          },
          sync: { sec: synced.sec, vectors: synced.value.vectors, embedded: synced.value.embedded },
          changedProductFound: probe.hits[0]?.name.endsWith('(team edition 7)') ?? false,
        };
        log(`team ${label}: ${JSON.stringify(run)}`);
        return run;
      } finally {
        source.close();
        desk.close();
      }
    } finally {
      pg.destroy();
      fs.rmSync(path.join(tmp, 'catalog.csv'), { force: true });
    }
  });
}
