import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import { CatalogService as Service } from '../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../electron/engine/models.ts';
import type { PgServer } from './pg-server.ts';
import { pgUnavailable, startPgServer } from './pg-server.ts';
import type { Row } from './team-fixtures.ts';
import {
  allProducts,
  countingModels,
  importFile,
  myntraSample,
  newCatalog,
  readCsv,
  open,
  publish,
  expectSameRankings,
  SHOPIFY_CSV,
  sync,
  tempDir,
  vectorCounts,
  writeCsv,
} from './team-fixtures.ts';

const SAMPLE = 2000;

describe.skipIf(pgUnavailable !== null)(
  `team catalogs: publish, open, re-publish the diff, sync${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    let pg: PgServer;
    let url: string;
    const dir = tempDir('shelfscope-team-');
    let rows: Row[];
    let file: string;
    let publisher: CatalogService;
    let replica: CatalogService;
    const replicaModels = countingModels();

    /** Every product, every vector in the index, and every ranking as the publisher's. */
    async function expectSameCatalog(replica: CatalogService, publisher: CatalogService) {
      expect(vectorCounts(replica)).toEqual({
        products: SAMPLE,
        storedVectors: SAMPLE,
        indexKeys: SAMPLE,
        pending: 0,
      });
      expect(allProducts(replica)).toEqual(allProducts(publisher));
      await expectSameRankings(replica, publisher);
    }

    beforeAll(async () => {
      pg = await startPgServer();
      await pg.createDatabase('team');
      url = pg.url({ database: 'team' });
      ({ file, rows } = myntraSample(dir, SAMPLE));
      publisher = newCatalog(path.join(dir, 'publisher'));
      await importFile(publisher, file);
    }, 300_000);

    const snapshotRow = async () =>
      (await pg.admin('SELECT generation, keys FROM shelfscope.index_snapshots', [], 'team')).rows[0];

    afterAll(() => {
      publisher?.close();
      replica?.close();
      pg?.destroy();
    });

    it('publishes every product with its vector in generation 1', async () => {
      const r = await publish(publisher, url, 'myntra');
      expect(r).toMatchObject({ generation: 1, inserted: SAMPLE, updated: 0, removed: 0, unchanged: 0 });
      // The ANN index goes along for fresh desks: the very file the publisher searches.
      expect(r.indexBytes).toBe(fs.statSync(publisher.handle.ann.file).size);
      expect(await snapshotRow()).toMatchObject({ generation: '1', keys: String(SAMPLE) });
      const server = await pg.admin<{ n: string; v: string; model: string }>(
        'SELECT count(*) AS n, count(vector) AS v, min(vector_model) AS model FROM shelfscope.products',
        [],
        'team',
      );
      expect(Number(server.rows[0].n)).toBe(SAMPLE);
      expect(Number(server.rows[0].v)).toBe(SAMPLE);
      const m = publisher.handle.manifest.model;
      expect(server.rows[0].model).toBe(`${m.name}@${m.version}/${m.dimensions}`);
      const log = await pg.admin<{ change: string; n: string }>(
        'SELECT change, count(*) AS n FROM shelfscope.changes WHERE generation = 1 GROUP BY change',
        [],
        'team',
      );
      expect(log.rows).toEqual([{ change: 'inserted', n: String(SAMPLE) }]);
    });

    it('opens it on a fresh desk with no embedding, and search gives the same results', async () => {
      replica = newCatalog(path.join(dir, 'replica'), replicaModels.models);
      const r = await open(replica, url, 'myntra');
      expect(r).toMatchObject({
        mode: 'full',
        generation: 1,
        inserted: SAMPLE,
        vectors: SAMPLE,
        fromSnapshot: SAMPLE,
        embedded: 0,
      });
      expect(replicaModels.embeddedTexts).toEqual([]);
      await expectSameCatalog(replica, publisher);
      expect(replica.info().team).toMatchObject({
        name: 'myntra',
        generation: 1,
        role: 'replica',
        offlineSince: null,
      });
      expect(replica.info().team?.server).not.toContain('test-superuser-secret');
    });

    it('a sync with nothing published since pulls nothing', async () => {
      const r = await sync(replica, 'test-superuser-secret');
      expect(r).toMatchObject({ mode: 'none', generation: 1, inserted: 0, updated: 0, removed: 0 });
    });

    it('after 1% of the file changed, re-publishing sends only the diff and sync applies it', async () => {
      // 20 of 2,000 products: 8 get a new price, 4 a new name (their embedding text and vectors change too), 4 leave
      // the file and 4 new ones arrive.
      const edited = rows.map((r) => ({ ...r }));
      const repriced = edited.slice(100, 108);
      for (const r of repriced) r['Price (INR)'] = String(Number(r['Price (INR)']) + 111);
      const redescribed = edited.slice(500, 504);
      for (const r of redescribed) r.ProductName = `${r.ProductName} with a waterproof lining`;
      const removedIds = edited.splice(1500, 4).map((r) => r.ProductID);
      const added = edited.slice(0, 4).map((r, i) => ({
        ...r,
        ProductID: `9${i}00000${i}`,
        ProductName: `${r.ProductName} (new edition ${i})`,
      }));
      const editedFile = writeCsv(path.join(dir, 'myntra-edited.csv'), [...edited, ...added]);

      const reimport = await importFile(publisher, editedFile);
      expect(reimport).toMatchObject({ imported: 4, updated: 12, removed: 4, embedded: 8 });
      const r = await publish(publisher, url, 'myntra');
      expect(r).toMatchObject({
        generation: 2,
        inserted: 4,
        updated: 12,
        removed: 4,
        unchanged: SAMPLE - 16,
        // 16 changes of 2,000 leave generation 1's snapshot good enough: not uploaded again.
        indexBytes: 0,
      });
      const log = await pg.admin<{ change: string; ids: string[] }>(
        'SELECT change, array_agg(id ORDER BY id) AS ids FROM shelfscope.changes WHERE generation = 2 GROUP BY change ORDER BY change',
        [],
        'team',
      );
      const sorted = (ids: string[]) => [...ids].sort();
      expect(log.rows).toEqual([
        { change: 'inserted', ids: sorted(added.map((a) => a.ProductID)) },
        { change: 'removed', ids: sorted(removedIds) },
        { change: 'updated', ids: sorted([...repriced, ...redescribed].map((x) => x.ProductID)) },
      ]);

      const embeddedBefore = replicaModels.embeddedTexts.length;
      const s = await sync(replica, 'test-superuser-secret');
      expect(s).toMatchObject({
        mode: 'changes',
        generation: 2,
        inserted: 4,
        updated: 12,
        removed: 4,
        vectors: 8,
        embedded: 0,
      });
      expect(replicaModels.embeddedTexts.length).toBe(embeddedBefore);
      await expectSameCatalog(replica, publisher);
    });

    it("a fresh desk loads generation 1's snapshot and fixes it up: changed products re-added, removed ones gone", async () => {
      const desk = newCatalog(path.join(dir, 'fresh-after-diff'));
      try {
        const r = await open(desk, url, 'myntra');
        // The 16 products changed in generation 2 come into the graph one by one; the rest were in it.
        expect(r).toMatchObject({ mode: 'full', generation: 2, vectors: SAMPLE, fromSnapshot: SAMPLE - 16 });
        // The 4 removed products' keys were in the snapshot: no search may return them.
        await expectSameCatalog(desk, publisher);
      } finally {
        desk.close();
      }
    });

    it('publishing an unchanged catalog makes no new generation', async () => {
      const r = await publish(publisher, url, 'myntra');
      expect(r).toMatchObject({ generation: 2, inserted: 0, updated: 0, removed: 0, bytesSent: 0 });
    });

    it('synonyms travel with the catalog', async () => {
      publisher.setSynonyms([['trolley', 'suitcase']]);
      expect((await publish(publisher, url, 'myntra')).generation).toBe(3);
      await sync(replica, 'test-superuser-secret');
      expect(replica.getSynonyms()).toEqual([['trolley', 'suitcase']]);
      const hits = await replica.search({ query: 'suitcase', mode: 'keyword', limit: 5, filters: {} });
      expect(hits.hits.length).toBeGreaterThan(0);
    });

    it('a desk with another model embeds the products itself instead of mixing vector spaces', async () => {
      const real = createModelProvider();
      const other = countingModels();
      const renamed = {
        ...other.models,
        identity: { ...real.identity, version: `${real.identity.version}-other` },
      };
      const desk = Service.open(path.join(dir, 'other-model'), renamed, { create: true });
      try {
        const r = await open(desk, url, 'myntra');
        expect(r).toMatchObject({ mode: 'full', inserted: SAMPLE, vectors: 0, embedded: SAMPLE });
        expect(other.embeddedTexts.length).toBe(SAMPLE);
        expect(vectorCounts(desk)).toMatchObject({ products: SAMPLE, indexKeys: SAMPLE, pending: 0 });
      } finally {
        desk.close();
      }
    }, 180_000);

    it('a damaged snapshot is never loaded: the desk builds its index from the vectors', async () => {
      await pg.admin(
        "UPDATE shelfscope.index_snapshot_chunks SET data = overlay(data placing '\\xdeadbeef'::bytea from 100) WHERE seq = 0",
        [],
        'team',
      );
      const desk = newCatalog(path.join(dir, 'damaged-snapshot'));
      try {
        const r = await open(desk, url, 'myntra');
        expect(r).toMatchObject({ mode: 'full', vectors: SAMPLE, fromSnapshot: 0, embedded: 0 });
        await expectSameCatalog(desk, publisher);
      } finally {
        desk.close();
      }
    });

    it('a publisher whose rowids differ re-positions every product and uploads its own snapshot', async () => {
      // Another desk imports the same products in reverse order: every rowid differs from the positions.
      const reversed = writeCsv(
        path.join(dir, 'myntra-reversed.csv'),
        [...readCsv(path.join(dir, 'myntra-edited.csv'))].reverse(),
      );
      const other = newCatalog(path.join(dir, 'reversed-publisher'));
      const desk = newCatalog(path.join(dir, 'fresh-after-reversed'));
      try {
        await importFile(other, reversed);
        const r = await publish(other, url, 'myntra', { force: true });
        expect(r.indexBytes).toBe(fs.statSync(other.handle.ann.file).size);
        const positions = await pg.admin<{ id: string; position: string }>(
          'SELECT id, position FROM shelfscope.products',
          [],
          'team',
        );
        const rowidOf = other.handle.reader.prepare('SELECT rowid FROM products WHERE id = ?').pluck();
        expect(positions.rows.every((p) => Number(p.position) === rowidOf.get(p.id))).toBe(true);
        const opened = await open(desk, url, 'myntra');
        expect(opened).toMatchObject({ vectors: SAMPLE, fromSnapshot: SAMPLE, embedded: 0 });
        await expectSameCatalog(desk, other);
      } finally {
        other.close();
        desk.close();
      }
    }, 120_000);

    it('carries variants: a Shopify export opens with every variant, option and price range', async () => {
      const shop = newCatalog(path.join(dir, 'shop'));
      const shopReplica = newCatalog(path.join(dir, 'shop-replica'));
      try {
        await importFile(shop, SHOPIFY_CSV);
        await publish(shop, url, 'shop');
        await open(shopReplica, url, 'shop');
        const products = allProducts(shopReplica);
        expect(Object.values(products).some((p) => (p?.variants.length ?? 0) > 1)).toBe(true);
        expect(products).toEqual(allProducts(shop));
        const facets = async (c: CatalogService) =>
          (await c.search({ query: '', mode: 'keyword', limit: 50, filters: {} })).facets;
        expect(await facets(shopReplica)).toEqual(await facets(shop));
      } finally {
        shop.close();
        shopReplica.close();
      }
    });
  },
);
