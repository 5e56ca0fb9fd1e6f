import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import { CatalogService as Service } from '../../electron/engine/catalog-service.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import { readBinding, readPullProgress, writeBinding } from '../../electron/engine/team/binding.ts';
import { pullCatalog } from '../../electron/engine/team/pull.ts';
import { ServerUnreachable } from '../../electron/engine/team/server-errors.ts';
import { parseServerUrl } from '../../electron/engine/team/server-url.ts';
import { HERMES_CSV, countingModels } from '../engine/helpers.ts';
import type { PgServer } from './pg-server.ts';
import { pgUnavailable } from './pg-server.ts';
import {
  allProducts,
  importFile,
  newCatalog,
  open,
  publish,
  readCsv,
  expectSameRankings,
  serverWithHermes,
  storedVectors,
  sync,
  tempDir,
  vectorCounts,
  writeCsv,
} from './team-fixtures.ts';

const NODE = path.resolve(import.meta.dirname, '../../node_modules/.bin/node');
const HERMES_QUERIES = ['sunglasses', 'warm winter coat', 'leather bag', 'running'];
const SECRET = 'test-superuser-secret';

/** A TCP proxy to the server that can drop every connection once this many bytes came back. */
async function dropAfter(
  port: number,
): Promise<{ port: number; cutAfter(bytes: number | null): void; close(): void }> {
  let limit: number | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    let back = 0;
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      back += chunk.length;
      if (limit !== null && back > limit) {
        client.destroy();
        upstream.destroy();
      } else client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cutAfter: (bytes) => {
      limit = bytes;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function bindReplica(catalog: CatalogService, url: string, name: string) {
  writeBinding(catalog.handle.writer, {
    server: parseServerUrl(url).display,
    name,
    generation: 0,
    role: 'replica',
    lastSyncAt: null,
    offlineSince: null,
    lastError: null,
  });
}

describe.skipIf(pgUnavailable !== null)(
  `team catalogs under concurrency and faults${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    let pg: PgServer;
    let url: string;
    const dir = tempDir('shelfscope-team-faults-');
    let source: CatalogService;

    beforeAll(async () => {
      ({ pg, url, source } = await serverWithHermes(dir));
    }, 300_000);

    afterAll(() => {
      source?.close();
      pg?.destroy();
    });

    const snapshotBytes = async () =>
      Number(
        (
          await pg.admin<{ b: string }>(
            'SELECT coalesce(sum(bytes), 0) AS b FROM shelfscope.index_snapshots',
            [],
            'team',
          )
        ).rows[0].b,
      );

    /** A pull in pages of 10 through the proxy; what it threw. */
    const pullThrough = (replica: CatalogService, viaProxy: string) =>
      pullCatalog(
        replica.handle,
        { server: parseServerUrl(viaProxy, SECRET), pageSize: 10 },
        new ProgressMeter({ jobId: 't', catalogId: 't', kind: 'sync' }, () => undefined),
      ).catch((e: unknown) => e);

    const hermesEdited = (name: string, edit: (rows: ReturnType<typeof readCsv>) => void) => {
      const rows = readCsv(HERMES_CSV);
      edit(rows);
      return writeCsv(path.join(dir, `${name}.csv`), rows);
    };

    it('two publishers: the second is refused with "catalog changed since you imported", then may force', async () => {
      const a = newCatalog(path.join(dir, 'desk-a'));
      const b = newCatalog(path.join(dir, 'desk-b'));
      try {
        await open(a, url, 'hermes');
        await open(b, url, 'hermes');
        const base = readBinding(a.handle.reader)!.generation;
        await importFile(
          a,
          hermesEdited('a', (rows) => (rows[0].price = '1.11')),
        );
        await importFile(
          b,
          hermesEdited('b', (rows) => rows.splice(5, 3)),
        );
        // At once: the advisory lock makes one wait for the other, and the generation check refuses it.
        const outcomes = await Promise.allSettled([publish(a, url, 'hermes'), publish(b, url, 'hermes')]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((won[0] as PromiseFulfilledResult<{ generation: number }>).value.generation).toBe(base + 1);
        expect(((lost[0] as PromiseRejectedResult).reason as Error).message).toMatch(
          new RegExp(
            `^catalog changed since you imported; re-import or force: team catalog "hermes" is at generation ${base + 1} and this catalog last published or pulled generation ${base}`,
          ),
        );
        const loser = outcomes[0].status === 'rejected' ? a : b;
        const forced = await publish(loser, url, 'hermes', { force: true });
        expect(forced.generation).toBe(base + 2);
        const server = await pg.admin<{ id: string }>(
          "SELECT p.id FROM shelfscope.products p JOIN shelfscope.catalogs c USING (catalog_id) WHERE c.name = 'hermes' ORDER BY id",
          [],
          'team',
        );
        expect(server.rows.map((r) => r.id)).toEqual(Object.keys(allProducts(loser)).sort());
      } finally {
        a.close();
        b.close();
      }
    });

    it('a cancelled pull resumes where it stopped, with no duplicates or gaps', async () => {
      const replica = newCatalog(path.join(dir, 'cancelled'));
      try {
        bindReplica(replica, url, 'hermes');
        const abort = new AbortController();
        const meter = new ProgressMeter({ jobId: 't', catalogId: 't', kind: 'sync' }, (p) => {
          if (p.phase === 'reading' && p.done >= 30) abort.abort();
        });
        await expect(
          pullCatalog(
            replica.handle,
            { server: parseServerUrl(url), pageSize: 10, signal: abort.signal },
            meter,
          ),
        ).rejects.toThrow(/^sync cancelled after 30 products; the next sync resumes there$/);
        expect(vectorCounts(replica).products).toBe(30);
        expect(readPullProgress(replica.handle.reader)?.after).not.toBeNull();
        const resumed = await sync(replica, SECRET);
        const total = await serverCount();
        expect(resumed).toMatchObject({ mode: 'full', resumed: true, inserted: total - 30, embedded: 0 });
        const counts = vectorCounts(replica);
        expect(counts).toEqual({
          products: counts.products,
          storedVectors: counts.products,
          indexKeys: counts.products,
          pending: 0,
        });
        expect(allProducts(replica)).toEqual(allProducts(await serverTruth()));
        expect(readPullProgress(replica.handle.reader)).toBeNull();
      } finally {
        replica.close();
      }
    });

    it('a pull killed mid-way (SIGKILL) resumes after reopening, nothing embedded', async () => {
      const catDir = path.join(dir, 'killed');
      const models = countingModels();
      let replica = Service.open(catDir, models.models, { create: true });
      bindReplica(replica, url, 'hermes');
      replica.close();
      let died = false;
      try {
        execFileSync(NODE, [path.join(import.meta.dirname, 'pull-and-die.ts'), catDir, url, '40'], {
          stdio: 'pipe',
        });
      } catch (e) {
        died = (e as { signal?: string }).signal === 'SIGKILL';
      }
      expect(died).toBe(true);
      replica = Service.open(catDir, models.models);
      try {
        expect(vectorCounts(replica).products).toBe(40);
        // The killed process never saved its ANN index: opening caught it up from the stored vectors.
        expect(vectorCounts(replica).indexKeys).toBe(40);
        const resumed = await sync(replica, SECRET);
        expect(resumed).toMatchObject({ resumed: true, inserted: (await serverCount()) - 40, embedded: 0 });
        expect(models.embeddedTexts).toEqual([]);
        expect(allProducts(replica)).toEqual(allProducts(await serverTruth()));
        await expectSameRankings(replica, await serverTruth(), HERMES_QUERIES);
      } finally {
        replica.close();
      }
    });

    it('a dropped connection mid-pull leaves the replica offline, and the next sync resumes', async () => {
      const proxy = await dropAfter(pg.port);
      const viaProxy = url.replace(`:${pg.port}/`, `:${proxy.port}/`);
      const replica = newCatalog(path.join(dir, 'dropped'));
      try {
        bindReplica(replica, viaProxy, 'hermes');
        // Past the index snapshot (sent as hex), enough for a few pages of 10 (~1.5 kB a product), not all 99.
        proxy.cutAfter(2 * (await snapshotBytes()) + 60_000);
        expect(await pullThrough(replica, viaProxy)).toBeInstanceOf(ServerUnreachable);
        const partial = vectorCounts(replica).products;
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(await serverCount());
        // Through the service, a failure that is the network marks the replica offline (the resumed pull
        // has the snapshot already: it reads rows only).
        proxy.cutAfter(20_000);
        const offline = await sync(replica, SECRET).catch((e: unknown) => e as Error);
        expect((offline as Error).message).toMatch(/^(lost the connection to|cannot reach) the team server/);
        expect(replica.info().team?.offlineSince).toEqual(expect.any(String));
        // Searches keep working on what arrived.
        expect(
          (await replica.search({ query: 'bag', mode: 'keyword', limit: 5, filters: {} })).total,
        ).toBeGreaterThanOrEqual(0);
        proxy.cutAfter(null);
        const resumed = await sync(replica, SECRET);
        expect(resumed).toMatchObject({ resumed: true, embedded: 0 });
        expect(resumed.inserted).toBe((await serverCount()) - partial);
        expect(replica.info().team?.offlineSince).toBeNull();
        expect(allProducts(replica)).toEqual(allProducts(await serverTruth()));
      } finally {
        replica.close();
        proxy.close();
      }
    });

    it('a connection dropped during the index snapshot download leaves no index; the next sync loads it whole', async () => {
      const proxy = await dropAfter(pg.port);
      const viaProxy = url.replace(`:${pg.port}/`, `:${proxy.port}/`);
      const replica = newCatalog(path.join(dir, 'dropped-snapshot'));
      try {
        bindReplica(replica, viaProxy, 'hermes');
        // Half the snapshot (it comes as hex, twice its bytes).
        proxy.cutAfter(await snapshotBytes());
        expect(await pullThrough(replica, viaProxy)).toBeInstanceOf(ServerUnreachable);
        expect(vectorCounts(replica)).toMatchObject({ products: 0, indexKeys: 0 });
        proxy.cutAfter(null);
        const resumed = await sync(replica, SECRET);
        const total = await serverCount();
        // The graph holds every product not changed since the snapshot was uploaded (earlier tests published).
        const inGraph = await pg.admin<{ n: string }>(
          `SELECT count(*) AS n FROM shelfscope.products p JOIN shelfscope.index_snapshots s USING (catalog_id)
           WHERE p.generation <= s.generation AND p.vector IS NOT NULL`,
          [],
          'team',
        );
        expect(Number(inGraph.rows[0].n)).toBeGreaterThan(total / 2);
        expect(resumed).toMatchObject({
          inserted: total,
          vectors: total,
          fromSnapshot: Number(inGraph.rows[0].n),
          embedded: 0,
        });
        expect(allProducts(replica)).toEqual(allProducts(await serverTruth()));
        await expectSameRankings(replica, await serverTruth(), HERMES_QUERIES);
      } finally {
        replica.close();
        proxy.close();
      }
    });

    it('a replica whose generation the log no longer has re-syncs fully by itself', async () => {
      const replica = newCatalog(path.join(dir, 'pruned'));
      const publisher = newCatalog(path.join(dir, 'pruned-publisher'));
      try {
        await open(publisher, url, 'hermes');
        await open(replica, url, 'hermes');
        const start = readBinding(replica.handle.reader)!.generation;
        const rows = readCsv(HERMES_CSV);
        // Three generations, keeping the log of one: the replica's is pruned. One removes products.
        await importFile(publisher, writeCsv(path.join(dir, 'p1.csv'), rows.slice(0, 90)));
        await publish(publisher, url, 'hermes', { keepGenerations: 1 });
        await importFile(publisher, writeCsv(path.join(dir, 'p2.csv'), rows.slice(0, 95)));
        await publish(publisher, url, 'hermes', { keepGenerations: 1 });
        await importFile(publisher, writeCsv(path.join(dir, 'p3.csv'), rows.slice(2, 95)));
        const last = await publish(publisher, url, 'hermes', { keepGenerations: 1 });
        const oldest = await pg.admin<{ o: string }>(
          "SELECT oldest_generation AS o FROM shelfscope.catalogs WHERE name = 'hermes'",
          [],
          'team',
        );
        expect(Number(oldest.rows[0].o)).toBeGreaterThan(start);
        const s = await sync(replica, SECRET);
        expect(s).toMatchObject({ mode: 'full', generation: last.generation, embedded: 0 });
        expect(allProducts(replica)).toEqual(allProducts(publisher));
        expect(Object.keys(allProducts(replica))).toHaveLength(93);
        expect(vectorCounts(replica)).toEqual({ products: 93, storedVectors: 93, indexKeys: 93, pending: 0 });
        // The same vectors under the same ids. (Rankings are not compared: the two catalogs reached this
        // state through different removals, which leave their HNSW graphs and FTS segments different.)
        expect(storedVectors(replica)).toEqual(storedVectors(publisher));
      } finally {
        replica.close();
        publisher.close();
      }
    });

    async function serverCount(): Promise<number> {
      const n = await pg.admin<{ n: string }>(
        "SELECT count(*) AS n FROM shelfscope.products p JOIN shelfscope.catalogs c USING (catalog_id) WHERE c.name = 'hermes'",
        [],
        'team',
      );
      return Number(n.rows[0].n);
    }

    /** A fresh replica of the server's current generation: what every other replica must equal. */
    let truth: { generation: number; catalog: CatalogService } | null = null;
    async function serverTruth(): Promise<CatalogService> {
      const gen = await pg.admin<{ g: string }>(
        "SELECT generation AS g FROM shelfscope.catalogs WHERE name = 'hermes'",
        [],
        'team',
      );
      const generation = Number(gen.rows[0].g);
      if (truth?.generation === generation) return truth.catalog;
      truth?.catalog.close();
      const catalog = newCatalog(path.join(dir, `truth-${generation}`));
      await open(catalog, url, 'hermes');
      truth = { generation, catalog };
      return catalog;
    }
    afterAll(() => truth?.catalog.close());
  },
);
