// `shelfscope team publish|open|sync|status`: team catalogs on PostgreSQL over the engine's team modules.
// The password comes from the URL, PGPASSWORD or ~/.pgpass (node-postgres reads both); it is never
// printed: every server shown is the URL without it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TeamInfo } from '../shared/types.ts';
import type { CatalogService } from './engine/catalog-service.ts';
import type { ProgressMeter } from './engine/jobs/progress.ts';
import { parseServerUrl } from './engine/team/server-url.ts';
import type { SyncOutcome } from './engine/team/team-service.ts';
import {
  openTeamCatalog,
  probeTeamCatalog,
  publishToTeam,
  syncFromTeam,
  teamInfo,
} from './engine/team/team-service.ts';

export interface TeamCliContext {
  values: { catalog?: string; server?: string; name?: string; force?: boolean; json?: boolean };
  open(create: boolean): CatalogService;
  meter(catalogId: string, kind: 'publish' | 'sync'): ProgressMeter;
  print(value: unknown): void;
  usageError(message: string): Error;
}

export const TEAM_USAGE = `  shelfscope team publish --catalog DIR --server URL [--name NAME] [--force] [--json]
  shelfscope team open   --server URL --name NAME --catalog DIR [--json]
  shelfscope team sync   --catalog DIR [--server URL] [--json]
  shelfscope team status --catalog DIR [--json]
  (URL: postgres://USER@HOST:PORT/DATABASE?sslmode=require; the password from PGPASSWORD or ~/.pgpass)`;

export async function teamCommand(args: string[], ctx: TeamCliContext): Promise<number> {
  const [sub, ...rest] = args;
  if (rest.length) throw ctx.usageError(`team ${sub ?? ''} takes no positional arguments`);
  const { values } = ctx;
  const need = (value: string | undefined, flag: string) => {
    if (!value) throw ctx.usageError(`team ${sub} needs ${flag}`);
    return value;
  };
  switch (sub) {
    case 'publish': {
      const server = need(values.server, '--server URL');
      return withCatalog(ctx, false, async (catalog) => {
        const r = await publishToTeam(
          catalog,
          { server, name: values.name, force: values.force, jobId: randomUUID() },
          ctx.meter(catalog.id, 'publish'),
        );
        if (values.json) ctx.print(r);
        else
          process.stdout.write(
            `published "${r.name}" to ${r.server}: generation ${r.generation}; inserted ${r.inserted}, updated ${r.updated}, removed ${r.removed}, unchanged ${r.unchanged}; ${(r.bytesSent / 1e6).toFixed(1)} MB sent${r.indexBytes > 0 ? `, of which ${(r.indexBytes / 1e6).toFixed(1)} MB the search index for fresh desks` : ''} (${(r.tookMs / 1000).toFixed(1)} s)\n`,
          );
        return 0;
      });
    }
    case 'open': {
      const server = need(values.server, '--server URL');
      const name = need(values.name, '--name NAME');
      need(values.catalog, '--catalog DIR');
      // Checked before the folder is created: a wrong password or name leaves nothing behind.
      await probeTeamCatalog(server, name);
      return withCatalog(ctx, true, async (catalog) => {
        const r = await openTeamCatalog(
          catalog,
          { server, name, jobId: randomUUID() },
          ctx.meter(catalog.id, 'sync'),
        );
        report(ctx, r);
        return 0;
      });
    }
    case 'sync':
      return withCatalog(ctx, false, async (catalog) => {
        // --server again (with its password) supplies the credentials the stored URL does not hold.
        const password = values.server ? parseServerUrl(values.server).password : undefined;
        report(
          ctx,
          await syncFromTeam(catalog, { password, jobId: randomUUID() }, ctx.meter(catalog.id, 'sync')),
        );
        return 0;
      });
    case 'status':
      return withCatalog(ctx, false, async (catalog) => {
        const info = teamInfo(catalog);
        if (values.json) ctx.print(info);
        else
          process.stdout.write(
            `${info ? describeTeam(info) : `${path.basename(catalog.handle.dir)} is not a team catalog`}\n`,
          );
        return info ? 0 : 1;
      });
    default:
      throw ctx.usageError(
        sub ? `unknown team command "${sub}"` : 'team needs publish, open, sync or status',
      );
  }
}

async function withCatalog(
  ctx: TeamCliContext,
  create: boolean,
  use: (c: CatalogService) => Promise<number>,
) {
  const catalog = ctx.open(create);
  try {
    return await use(catalog);
  } finally {
    catalog.close();
  }
}

function report(ctx: TeamCliContext, r: SyncOutcome): void {
  if (ctx.values.json) {
    const { synonyms: _synonyms, ...counts } = r;
    ctx.print(counts);
    return;
  }
  const what =
    r.mode === 'none'
      ? 'already up to date'
      : `${r.mode === 'full' ? 'full pull' : 'changes'}${r.resumed ? ' (resumed)' : ''}: inserted ${r.inserted}, updated ${r.updated}, removed ${r.removed}, unchanged ${r.unchanged}; ${r.vectors} vectors received${r.fromSnapshot > 0 ? ` (${r.fromSnapshot} already in the index snapshot)` : ''}, ${r.embedded} embedded here`;
  process.stdout.write(
    `"${r.name}" from ${r.server} at generation ${r.generation}: ${what} (${(r.tookMs / 1000).toFixed(1)} s)\n`,
  );
}

export function describeTeam(t: TeamInfo): string {
  const offline = t.offlineSince ? `; offline since ${t.offlineSince}` : '';
  return `team catalog "${t.name}" on ${t.server} (${t.role}): generation ${t.generation}, last sync ${t.lastSyncAt ?? 'never'}${offline}`;
}
