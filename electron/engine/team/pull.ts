// Pulling a team catalog into its local replica. Every attempt reads one snapshot of the server (a
// REPEATABLE READ transaction), so it sees only committed generations. Products come in the publisher's
// order (position, id), a page per local transaction that also records the last one written: a pull cut
// short by a kill, a cancel or a dropped connection resumes after it, and since each product comes once
// per pull nothing is applied twice or skipped. A replica the change log no longer reaches (pruned) pulls in full.
import type pg from 'pg';
import type { SynonymGroup } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { readSynonyms, writeSynonyms } from '../search/search-service.ts';
import { getMeta } from '../store/database.ts';
import type { PullProgress, TeamBinding } from './binding.ts';
import { readBinding, readPullProgress, writeBinding, writePullProgress } from './binding.ts';
import { withServer } from './connect.ts';
import { installSnapshot } from './index-snapshot.ts';
import { modelTag } from './local-products.ts';
import type { PulledRow, ReplicaCounts } from './replica-writer.ts';
import { ReplicaWriter } from './replica-writer.ts';
import { checkServerSchema } from './server-schema.ts';
import type { TeamServer } from './server-url.ts';
import { whereIs } from './server-url.ts';

export const PULL_PAGE = 2000;

export interface PullOptions {
  server: TeamServer;
  signal?: AbortSignal;
  pageSize?: number;
}

export interface PullOutcome extends ReplicaCounts {
  name: string;
  server: string;
  generation: number;
  mode: 'full' | 'changes' | 'none';
  resumed: boolean;
  /** The server's synonyms when they differ from the replica's (already written), else null. */
  synonyms: SynonymGroup[] | null;
  tookMs: number;
}

interface ServerCatalog {
  catalog_id: string;
  generation: string;
  oldest_generation: string;
  product_count: string;
  synonyms: string;
}

/** Reads a team catalog's row; a missing name lists the ones the server has. */
export async function serverCatalog(
  client: pg.Client,
  server: TeamServer,
  name: string,
): Promise<ServerCatalog> {
  const { rows } = await client.query<ServerCatalog>(
    `SELECT catalog_id, generation, oldest_generation, product_count, synonyms::text AS synonyms
     FROM shelfscope.catalogs WHERE name = $1 AND generation > 0`,
    [name],
  );
  if (rows[0]) return rows[0];
  const names = await client.query<{ name: string }>(
    'SELECT name FROM shelfscope.catalogs WHERE generation > 0 ORDER BY name LIMIT 20',
  );
  const known = names.rows.map((r) => `"${r.name}"`).join(', ');
  throw new EngineError(
    'not-found',
    `no team catalog "${name}" on ${whereIs(server)} (${known ? `it has ${known}` : 'it has none yet'})`,
  );
}

export async function pullCatalog(
  cat: CatalogHandle,
  opts: PullOptions,
  meter: ProgressMeter,
): Promise<PullOutcome> {
  const started = performance.now();
  const binding = readBinding(cat.writer);
  if (!binding)
    throw new EngineError('invalid-input', `${cat.dir} is not a team catalog (open one with team open)`);
  const pageSize = opts.pageSize ?? PULL_PAGE;
  return withServer(opts.server, async (client) => {
    await checkServerSchema(client, opts.server.database);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const remote = await serverCatalog(client, opts.server, binding.name);
      const serverGen = Number(remote.generation);
      const progress = planPull(cat, binding, remote);
      const done = (mode: PullOutcome['mode'], counts: ReplicaCounts, synonyms: SynonymGroup[] | null) => ({
        ...counts,
        name: binding.name,
        server: binding.server,
        generation: progress?.target ?? serverGen,
        mode,
        resumed: progress?.after != null,
        synonyms,
        tookMs: Math.round(performance.now() - started),
      });
      const synonyms = syncSynonyms(cat, remote.synonyms);
      if (!progress) {
        markSynced(cat, binding, serverGen);
        return done(
          'none',
          { inserted: 0, updated: 0, unchanged: 0, removed: 0, vectors: 0, fromSnapshot: 0 },
          synonyms,
        );
      }
      const resumed = progress.after !== null;
      if (progress.mode === 'full' && progress.snapshot === undefined) {
        meter.startPhase('downloading');
        progress.snapshot = await installSnapshot(client, cat, remote.catalog_id, meter);
        writePullProgress(cat.writer, progress);
      }
      const writer = new ReplicaWriter(cat, {
        importGen: progress.importGen,
        model: modelTag(cat.manifest.model),
        snapshot: progress.snapshot ?? null,
      });
      const total =
        progress.mode === 'full'
          ? Number(remote.product_count)
          : await changedCount(client, remote.catalog_id, progress.since);
      meter.startPhase('reading');
      let pulled = 0;
      for (;;) {
        if (opts.signal?.aborted) {
          throw new EngineError(
            'cancelled',
            `sync cancelled after ${pulled} products; the next sync resumes there`,
          );
        }
        const { rows } = await client.query<PulledRow>(
          `SELECT id, position, generation, doc, vector, vector_hash, vector_model FROM shelfscope.products
           WHERE catalog_id = $1 AND generation > $2 AND ($3::bigint IS NULL OR (position, id) > ($3, $4))
           ORDER BY position, id LIMIT $5`,
          [
            remote.catalog_id,
            progress.since,
            progress.after?.position ?? null,
            progress.after?.id ?? null,
            pageSize,
          ],
        );
        if (rows.length === 0) break;
        const last = rows[rows.length - 1];
        progress.after = { position: Number(last.position), id: last.id };
        writer.applyPage(rows, () => writePullProgress(cat.writer, progress));
        pulled += rows.length;
        // Each page is a commit point: said every time, so a cancel lands on the page it names.
        meter.update(pulled, Math.max(total, pulled), true);
        if (rows.length < pageSize) break;
      }
      const removal =
        progress.mode === 'full'
          ? ('unseen' as const)
          : { ids: await removedSince(client, remote.catalog_id, progress.since) };
      meter.startPhase('saving');
      writer.finish(removal, () => {
        writePullProgress(cat.writer, null);
        writeBinding(cat.writer, synced(binding, progress.target));
      });
      const outcome = done(progress.mode, writer.counts, synonyms);
      return { ...outcome, resumed };
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/**
 * What this pull must do: resume the one under way (unless the log it was reading has been pruned
 * since), pull the changes since the replica's generation, pull in full, or nothing.
 */
function planPull(cat: CatalogHandle, binding: TeamBinding, remote: ServerCatalog): PullProgress | null {
  const serverGen = Number(remote.generation);
  const oldest = Number(remote.oldest_generation);
  const underWay = readPullProgress(cat.writer);
  if (underWay && (underWay.mode === 'full' || underWay.since >= oldest)) return underWay;
  if (!underWay && binding.generation === serverGen) return null;
  const incremental =
    binding.generation > 0 && binding.generation >= oldest && binding.generation < serverGen;
  const progress: PullProgress = {
    mode: incremental ? 'changes' : 'full',
    since: incremental ? binding.generation : 0,
    target: serverGen,
    importGen: Number(getMeta(cat.writer, 'import_gen') ?? '0') + 1,
    after: null,
  };
  writePullProgress(cat.writer, progress);
  return progress;
}

async function changedCount(client: pg.Client, catalogId: string, since: number): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM shelfscope.products WHERE catalog_id = $1 AND generation > $2',
    [catalogId, since],
  );
  return Number(rows[0].n);
}

/** Ids the log says were removed after `since` that the catalog does not hold again. */
async function removedSince(client: pg.Client, catalogId: string, since: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT DISTINCT c.id FROM shelfscope.changes c
     WHERE c.catalog_id = $1 AND c.generation > $2 AND c.change = 'removed'
       AND NOT EXISTS (SELECT 1 FROM shelfscope.products p WHERE p.catalog_id = c.catalog_id AND p.id = c.id)`,
    [catalogId, since],
  );
  return rows.map((r) => r.id);
}

function syncSynonyms(cat: CatalogHandle, serverJson: string): SynonymGroup[] | null {
  const groups = JSON.parse(serverJson) as SynonymGroup[];
  if (JSON.stringify(readSynonyms(cat)) === JSON.stringify(groups)) return null;
  return writeSynonyms(cat, groups);
}

function synced(binding: TeamBinding, generation: number): TeamBinding {
  return {
    ...binding,
    generation,
    lastSyncAt: new Date().toISOString(),
    offlineSince: null,
    lastError: null,
  };
}

function markSynced(cat: CatalogHandle, binding: TeamBinding, generation: number): void {
  writeBinding(cat.writer, synced(binding, generation));
}
