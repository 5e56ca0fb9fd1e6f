import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import { probeTeamCatalog } from '../../electron/engine/team/team-service.ts';
import type { PgServer } from './pg-server.ts';
import { pgUnavailable, startPgServer } from './pg-server.ts';
import { importFile, newCatalog, open, publish, expectSameRankings, sync, tempDir } from './team-fixtures.ts';
import { HERMES_CSV } from '../engine/helpers.ts';

const ROLES_SQL = path.resolve(import.meta.dirname, '../../docs/team-roles.sql');

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

describe.skipIf(pgUnavailable !== null)(
  `team server errors and roles${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    let pg: PgServer;
    const dir = tempDir('shelfscope-team-errors-');
    let catalog: CatalogService;
    const SECRET = 'test-superuser-secret';

    beforeAll(async () => {
      pg = await startPgServer();
      await pg.createDatabase('team');
      await pg.createDatabase('other');
      await pg.admin('CREATE TABLE customers (id int)', [], 'other');
      catalog = newCatalog(path.join(dir, 'hermes'));
      await importFile(catalog, HERMES_CSV);
    }, 300_000);

    afterAll(() => {
      catalog?.close();
      pg?.destroy();
    });

    it('connection refused', async () => {
      const port = await closedPort();
      const message = await failure(probeTeamCatalog(`postgres://u:${SECRET}@127.0.0.1:${port}/team`, 'x'));
      expect(message).toBe(
        `cannot reach the team server 127.0.0.1:${port}/team: connection refused (is PostgreSQL running there and listening on that port?)`,
      );
    });

    it('password authentication failed, without the password in the message', async () => {
      const message = await failure(
        probeTeamCatalog(pg.url({ database: 'team', password: 'wrong-secret' }), 'x'),
      );
      expect(message).toBe(`password authentication failed for user "postgres" on 127.0.0.1:${pg.port}/team`);
      expect(message).not.toContain('wrong-secret');
    });

    it('database does not exist', async () => {
      const message = await failure(probeTeamCatalog(pg.url({ database: 'nosuchdb' }), 'x'));
      expect(message).toBe(`database "nosuchdb" does not exist on 127.0.0.1:${pg.port}`);
    });

    it('not a Shelfscope database', async () => {
      const message = await failure(probeTeamCatalog(pg.url({ database: 'other' }), 'x'));
      expect(message).toMatch(/^database "other" is not a Shelfscope database/);
    });

    it('a team catalog the server does not have is named, with the ones it has', async () => {
      await publish(catalog, pg.url({ database: 'team' }), 'hermes');
      const message = await failure(probeTeamCatalog(pg.url({ database: 'team' }), 'nope'));
      expect(message).toBe(`no team catalog "nope" on 127.0.0.1:${pg.port}/team (it has "hermes")`);
    });

    it('schema version newer than this app', async () => {
      await pg.createDatabase('future');
      const desk = newCatalog(path.join(dir, 'future-source'));
      try {
        await importFile(desk, HERMES_CSV);
        await publish(desk, pg.url({ database: 'future' }), 'hermes');
        await pg.admin('INSERT INTO shelfscope.schema_migrations (version) VALUES (99)', [], 'future');
        const forReader = await failure(probeTeamCatalog(pg.url({ database: 'future' }), 'hermes'));
        expect(forReader).toMatch(
          /^the team server's schema version 99 is newer than this app \(it knows up to \d+\); update Shelfscope$/,
        );
        const forPublisher = await failure(publish(desk, pg.url({ database: 'future' }), 'hermes'));
        expect(forPublisher).toBe(forReader);
      } finally {
        desk.close();
      }
    });

    it('bad URLs and sslmodes are refused before any connection', async () => {
      expect(await failure(probeTeamCatalog('http://example.com/db', 'x'))).toMatch(
        /must start with postgres:\/\//,
      );
      expect(await failure(probeTeamCatalog(`postgres://127.0.0.1:${pg.port}`, 'x'))).toMatch(
        /names no database/,
      );
      expect(
        await failure(probeTeamCatalog(pg.url({ database: 'team', query: 'sslmode=sometimes' }), 'x')),
      ).toMatch(/sslmode must be one of disable, prefer, require, verify-ca, verify-full/);
    });

    it('sslmode=require against a server without TLS says so', async () => {
      const message = await failure(
        probeTeamCatalog(pg.url({ database: 'team', query: 'sslmode=require' }), 'hermes'),
      );
      expect(message).toBe(
        `the server 127.0.0.1:${pg.port}/team does not accept TLS connections (sslmode=require); use sslmode=disable only on a trusted network`,
      );
    });

    it('no password anywhere says where to give one', async () => {
      const saved = process.env.PGPASSWORD;
      delete process.env.PGPASSWORD;
      try {
        const message = await failure(
          probeTeamCatalog(`postgres://postgres@127.0.0.1:${pg.port}/team`, 'hermes'),
        );
        expect(message).toMatch(
          /^no password for user "postgres" on .*: give it in the server URL, in PGPASSWORD or in ~\/\.pgpass/,
        );
      } finally {
        if (saved !== undefined) process.env.PGPASSWORD = saved;
      }
    });

    it('the documented least-privilege roles: a publisher publishes, a reader opens and syncs but cannot publish', async () => {
      await pg.createDatabase('roles');
      const sql = fs
        .readFileSync(ROLES_SQL, 'utf8')
        .replace("'change-me-publisher'", "'pub-secret'")
        .replace("'change-me-reader'", "'read-secret'");
      await pg.admin(sql, [], 'roles');
      const asPublisher = pg.url({ user: 'shelfscope_publisher', password: 'pub-secret', database: 'roles' });
      const asReader = pg.url({ user: 'shelfscope_reader', password: 'read-secret', database: 'roles' });
      expect(await publish(catalog, asPublisher, 'hermes', { force: true })).toMatchObject({
        generation: 1,
        inserted: 99,
      });
      const replica = newCatalog(path.join(dir, 'reader'));
      try {
        expect(await open(replica, asReader, 'hermes')).toMatchObject({
          generation: 1,
          inserted: 99,
          embedded: 0,
        });
        await expectSameRankings(replica, catalog, ['sunglasses', 'winter coat']);
        const denied = await failure(publish(replica, asReader, 'hermes'));
        expect(denied).toMatch(
          /^user "shelfscope_reader" may not do this on .*; publishing needs the publisher role$/,
        );
        // Nothing beyond the shelfscope schema: a reader cannot create tables or read other schemas' data.
        await pg.admin('CREATE TABLE public.secrets (s text)', [], 'roles');
        const { default: pgLib } = await import('pg');
        const client = new pgLib.Client({ connectionString: asReader });
        await client.connect();
        try {
          await expect(client.query('SELECT * FROM public.secrets')).rejects.toThrow(/permission denied/);
          await expect(client.query('CREATE TABLE shelfscope.x (i int)')).rejects.toThrow(
            /permission denied/,
          );
          await expect(client.query('DELETE FROM shelfscope.products')).rejects.toThrow(/permission denied/);
        } finally {
          await client.end();
        }
        expect((await sync(replica, 'read-secret')).mode).toBe('none');
      } finally {
        replica.close();
      }
    });
  },
);
