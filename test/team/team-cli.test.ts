import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';
import type { PgServer } from './pg-server.ts';
import { pgUnavailable, startPgServer } from './pg-server.ts';

const SECRET = 'test-superuser-secret';

describe.skipIf(pgUnavailable !== null)(
  `shelfscope team (CLI)${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    let pg: PgServer;
    const dir = tempDir('shelfscope-team-cli-');
    const publisher = path.join(dir, 'publisher');
    const desk = path.join(dir, 'desk');

    beforeAll(async () => {
      pg = await startPgServer();
      await pg.createDatabase('team');
      const imported = await runCli(['import', HERMES_CSV, '--catalog', publisher]);
      expect(imported.code).toBe(0);
    }, 300_000);

    afterAll(() => pg?.destroy());

    it('publish, open, status and sync, the password never printed', async () => {
      const url = pg.url({ database: 'team' });
      const pub = await runCli([
        'team',
        'publish',
        '--catalog',
        publisher,
        '--server',
        url,
        '--name',
        'hermes',
        '--json',
      ]);
      expect(pub.code).toBe(0);
      expect(JSON.parse(pub.stdout)).toMatchObject({
        generation: 1,
        inserted: 99,
        server: url.replace(`:${SECRET}@`, '@'),
      });
      const opened = await runCli(['team', 'open', '--server', url, '--name', 'hermes', '--catalog', desk]);
      expect(opened.code).toBe(0);
      expect(opened.stdout).toMatch(
        /^"hermes" from postgres:\/\/postgres@127\.0\.0\.1:\d+\/team at generation 1: full pull: inserted 99, .*99 vectors received \(99 already in the index snapshot\), 0 embedded here/,
      );
      const status = await runCli(['team', 'status', '--catalog', desk]);
      expect(status.stdout).toMatch(
        /^team catalog "hermes" on postgres:\/\/postgres@127\.0\.0\.1:\d+\/team \(replica\): generation 1, last sync \d{4}-/,
      );
      const synced = await runCli(['team', 'sync', '--catalog', desk, '--json'], {
        env: { PGPASSWORD: SECRET },
      });
      expect(synced.code).toBe(0);
      expect(JSON.parse(synced.stdout)).toMatchObject({ mode: 'none', generation: 1 });
      const search = await runCli(['search', '--catalog', desk, 'retro sunglasses', '--limit', '1']);
      expect(search.stdout).toMatch(/1\. RSG8901 {2}Retro Sunglasses/);
      for (const run of [pub, opened, status, synced]) expect(run.stdout + run.stderr).not.toContain(SECRET);
    }, 120_000);

    it('errors exit 1 with the reason; usage errors exit 2', async () => {
      const wrong = await runCli([
        'team',
        'open',
        '--server',
        pg.url({ database: 'team', password: 'nope' }),
        '--name',
        'hermes',
        '--catalog',
        path.join(dir, 'x'),
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toBe(
        `shelfscope: password authentication failed for user "postgres" on 127.0.0.1:${pg.port}/team\n`,
      );
      const noName = await runCli([
        'team',
        'open',
        '--server',
        pg.url({ database: 'team' }),
        '--catalog',
        path.join(dir, 'y'),
      ]);
      expect(noName.code).toBe(2);
      expect(noName.stderr).toMatch(/^shelfscope: team open needs --name NAME/);
      const notTeam = await runCli(['team', 'sync', '--catalog', publisher.replace('publisher', 'nothing')]);
      expect(notTeam.code).toBe(1);
    }, 120_000);
  },
);
