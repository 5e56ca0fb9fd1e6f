import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api.ts';
import type { TeamStatusEvent } from '../../shared/types.ts';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import { createDispatcher } from '../../electron/engine/dispatch.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { createEngine } from '../../electron/engine/engine.ts';
import { HERMES_CSV } from '../engine/helpers.ts';
import type { PgServer } from './pg-server.ts';
import { pgUnavailable } from './pg-server.ts';
import { importFile, publish, readCsv, serverWithHermes, tempDir, writeCsv } from './team-fixtures.ts';

const SECRET = 'test-superuser-secret';

async function until<T>(what: string, check: () => T | undefined | null | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(pgUnavailable !== null)(
  `team catalogs in the app: live updates and offline${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    let pg: PgServer;
    let url: string;
    const dir = tempDir('shelfscope-team-live-');
    let source: CatalogService;
    let engine: Engine;
    let call: (method: string, payload: unknown) => Promise<unknown>;
    const statuses: TeamStatusEvent[] = [];

    beforeAll(async () => {
      ({ pg, url, source } = await serverWithHermes(dir));
      engine = await createEngine({ dataDir: path.join(dir, 'app') });
      engine.on('teamStatus', (e) => statuses.push(e));
      const dispatch = createDispatcher(engine, { validateOutput: true });
      call = async (method, payload) => {
        const r = (await dispatch(method, payload)) as Envelope<unknown>;
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
    }, 300_000);

    afterAll(async () => {
      await engine?.close();
      source?.close();
      pg?.destroy();
    });

    let catalogId: string;

    it('opens a team catalog through the contract, the password given once and kept in memory only', async () => {
      const serverWithoutPassword = url.replace(`:${SECRET}@`, '@');
      const opened = (await call('teamOpen', {
        server: serverWithoutPassword,
        name: 'hermes',
        password: SECRET,
      })) as {
        catalog: { id: string; products: number; team: { generation: number; server: string } };
        sync: { mode: string; embedded: number };
      };
      catalogId = opened.catalog.id;
      expect(opened.catalog.products).toBe(99);
      expect(opened.sync).toMatchObject({ mode: 'full', embedded: 0 });
      expect(opened.catalog.team).toMatchObject({ generation: 1, server: serverWithoutPassword });
      const listed = (await call('listCatalogs', {})) as { id: string; team?: { name: string } }[];
      expect(listed.find((c) => c.id === catalogId)?.team?.name).toBe('hermes');
      const stored = JSON.stringify(listed);
      expect(stored).not.toContain(SECRET);
    });

    it('a generation published elsewhere arrives by LISTEN/NOTIFY and is searchable', async () => {
      const status = (await call('teamConnect', { catalogId })) as { live: boolean };
      expect(status).toBeTruthy();
      await until('live updates', () => statuses.some((s) => s.catalogId === catalogId && s.status.live));
      const rows = readCsv(HERMES_CSV);
      rows.push({ ...rows[0], product_id: 'ZZZ0001', name: 'Aurora Heated Rain Poncho' });
      await importFile(source, writeCsv(path.join(dir, 'more.csv'), rows));
      const published = await publish(source, url, 'hermes');
      await until('the new generation', () =>
        statuses.find((s) => s.catalogId === catalogId && s.status.generation === published.generation),
      );
      const found = (await call('search', { catalogId, query: 'heated rain poncho', mode: 'keyword' })) as {
        hits: { id: string }[];
      };
      expect(found.hits[0]?.id).toBe('ZZZ0001');
    });

    it('with the server down the replica says "offline since" and keeps searching; back up, it catches up', async () => {
      pg.stop();
      const offline = await until('offline', () =>
        statuses.find((s) => s.catalogId === catalogId && s.status.offlineSince !== null && !s.status.live),
      );
      expect(Date.parse(offline.status.offlineSince!)).toBeGreaterThan(0);
      const during = (await call('search', { catalogId, query: 'sunglasses', mode: 'hybrid' })) as {
        hits: unknown[];
      };
      expect(during.hits.length).toBeGreaterThan(0);
      const failed = await call('teamSync', { catalogId }).catch((e: Error) => e.message);
      expect(failed).toMatch(/^cannot reach the team server 127\.0\.0\.1:\d+\/team: connection refused/);
      pg.start();
      const back = await until(
        'back online',
        () =>
          statuses.find(
            (s, i) => i > statuses.indexOf(offline) && s.catalogId === catalogId && s.status.live,
          ),
        60_000,
      );
      expect(back.status.offlineSince).toBeNull();
      const status = (await call('teamStatus', { catalogId })) as {
        offlineSince: string | null;
        live: boolean;
      };
      expect(status).toMatchObject({ offlineSince: null, live: true });
    }, 90_000);
  },
);
