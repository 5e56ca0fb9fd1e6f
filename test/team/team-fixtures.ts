// Catalogs for the team tests: real files imported with the real model, published to and pulled from the
// throwaway server through the engine's team modules.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { openTeamCatalog, publishToTeam, syncFromTeam } from '../../electron/engine/team/team-service.ts';
import { DATASETS } from '../engine/catalog/helpers.ts';
import { countingModels, HERMES_CSV, importInto, meter, tempDir } from '../engine/helpers.ts';
import { startPgServer } from './pg-server.ts';

export const MYNTRA_CSV = path.join(DATASETS, 'myntra-fashion-catalog/myntra_products_catalog.csv');
export const SHOPIFY_CSV = path.resolve(
  import.meta.dirname,
  '../../e2e/fixtures/exports/shopify-products.csv',
);

export type Row = Record<string, string>;

export function readCsv(file: string): Row[] {
  return parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[];
}

export function writeCsv(file: string, rows: Row[]): string {
  fs.writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]) }));
  return file;
}

/** The first `n` Myntra products, written to a CSV of their own. */
export function myntraSample(dir: string, n: number): { file: string; rows: Row[] } {
  const rows = readCsv(MYNTRA_CSV).slice(0, n);
  return { file: writeCsv(path.join(dir, 'myntra.csv'), rows), rows };
}

export function newCatalog(dir: string, models: ModelProvider = countingModels().models): CatalogService {
  return CatalogService.open(dir, models, { create: true });
}

export async function importFile(catalog: CatalogService, file: string) {
  return importInto(catalog, file);
}

export function publish(
  catalog: CatalogService,
  server: string,
  name: string,
  extra: { force?: boolean; keepGenerations?: number } = {},
) {
  return publishToTeam(catalog, { server, name, jobId: randomUUID(), ...extra }, meter());
}

export function open(catalog: CatalogService, server: string, name: string) {
  return openTeamCatalog(catalog, { server, name, jobId: randomUUID() }, meter());
}

export function sync(catalog: CatalogService, password?: string, signal?: AbortSignal) {
  return syncFromTeam(catalog, { password, signal, jobId: randomUUID() }, meter());
}

/** A throwaway server with a database "team" holding the Hermes catalog published as "hermes". */
export async function serverWithHermes(dir: string) {
  const pg = await startPgServer();
  await pg.createDatabase('team');
  const url = pg.url({ database: 'team' });
  const source = newCatalog(path.join(dir, 'source'));
  await importFile(source, HERMES_CSV);
  await publish(source, url, 'hermes');
  return { pg, url, source };
}

export const QUERIES = [
  'black trolley bag',
  'women red kurta',
  'running shoes for men',
  'cotton t-shirt',
  'leather wallet',
  'printed saree',
  'DKNY',
  'watch',
];

/** Every query's ranked ids and scores, in every mode: what "the same results" means. */
export async function searchFingerprint(catalog: CatalogService, queries = QUERIES) {
  const out: Record<string, [string, number][]> = {};
  for (const mode of ['hybrid', 'keyword', 'semantic'] as const) {
    for (const query of queries) {
      const r = await catalog.search({ query, mode, limit: 20, filters: {} });
      out[`${mode}:${query}`] = r.hits.map((h) => [h.id, h.score]);
    }
  }
  return out;
}

/**
 * Keyword rankings identical; semantic and hybrid ones sharing at least 8 of their top 10; keyword and
 * semantic scores of shared products within 0.001. USearch adds vectors on several threads, so two HNSW
 * graphs of the same vectors are not identical and approximate search may order near-ties differently;
 * a hybrid score also holds the product's rank in that approximate list, so it may move with it.
 */
export async function expectSameRankings(a: CatalogService, b: CatalogService, queries = QUERIES) {
  const [mine, theirs] = [await searchFingerprint(a, queries), await searchFingerprint(b, queries)];
  for (const [key, hits] of Object.entries(mine)) {
    const other = new Map(theirs[key]);
    if (key.startsWith('keyword:')) {
      expect(
        hits.map((h) => h[0]),
        key,
      ).toEqual(theirs[key].map((h) => h[0]));
    } else {
      const top = (list: [string, number][]) => new Set(list.slice(0, 10).map((h) => h[0]));
      const shared = [...top(hits)].filter((id) => top(theirs[key]).has(id));
      expect(shared.length, key).toBeGreaterThanOrEqual(Math.min(8, top(hits).size));
    }
    if (key.startsWith('hybrid:')) continue;
    for (const [id, score] of hits) {
      const there = other.get(id);
      if (there !== undefined && Math.abs(score - there) > 0.001) {
        throw new Error(`${key}: ${id} scored ${score} here, ${there} there`);
      }
    }
  }
}

/** Every product as the app shows it, variants included, by id. */
export function allProducts(catalog: CatalogService) {
  const ids = catalog.handle.reader.prepare('SELECT id FROM products ORDER BY id').pluck().all() as string[];
  return Object.fromEntries(ids.map((id) => [id, catalog.getProduct(id)]));
}

export function vectorCounts(catalog: CatalogService) {
  const db = catalog.handle.reader;
  return {
    products: db.prepare('SELECT count(*) FROM products').pluck().get() as number,
    storedVectors: db.prepare('SELECT count(*) FROM vectors').pluck().get() as number,
    indexKeys: catalog.handle.ann.size,
    pending: db
      .prepare('SELECT count(*) FROM products WHERE embedded_hash IS NULL OR embedded_hash <> embed_hash')
      .pluck()
      .get() as number,
  };
}

/** Each product's stored vector (int8 + scale, hex) by id. */
export function storedVectors(catalog: CatalogService): Record<string, string> {
  const rows = catalog.handle.reader
    .prepare('SELECT p.id, v.v FROM products p JOIN vectors v ON v.rowid = p.rowid ORDER BY p.id')
    .all() as { id: string; v: Buffer }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.v.toString('hex')]));
}

export { countingModels, tempDir };
