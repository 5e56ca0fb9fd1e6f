// Publishing a local catalog as one generation of a team catalog: under the catalog's advisory lock and a
// generation check, the diff against what the server holds is streamed with COPY into a staging table and
// applied, the change log written, old log entries pruned, and replicas notified — all in one
// transaction, so a reader sees the previous generation or this one, never part of it.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { CatalogHandle } from '../catalog-handle.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { readSynonyms } from '../search/search-service.ts';
import { openDatabase } from '../store/database.ts';
import { readBinding, writeBinding } from './binding.ts';
import { withServer } from './connect.ts';
import type { CsvValue } from './copy-stream.ts';
import { copyRowsIn } from './copy-stream.ts';
import type { LocalProduct } from './local-products.ts';
import { localProducts, localStates, modelTag } from './local-products.ts';
import type { ServerState } from './publish-diff.ts';
import { diffForPublish } from './publish-diff.ts';
import {
  dropSnapshot,
  readSnapshotInfo,
  SNAPSHOT_STALE_SHARE,
  snapshotFormat,
  uploadSnapshot,
} from './index-snapshot.ts';
import { cursorRows } from './server-rows.ts';
import { migrateServer } from './server-schema.ts';
import type { TeamServer } from './server-url.ts';

export const NOTIFY_CHANNEL = 'shelfscope_catalogs';

/** Generations whose changes the log keeps; a replica further behind syncs in full. */
export const DEFAULT_KEEP_GENERATIONS = 100;

export interface PublishOptions {
  server: TeamServer;
  name: string;
  /** Publish even though the server's catalog moved on since this one last published or pulled. */
  force?: boolean;
  keepGenerations?: number;
  signal?: AbortSignal;
}

export interface PublishOutcome {
  name: string;
  server: string;
  generation: number;
  inserted: number;
  updated: number;
  removed: number;
  unchanged: number;
  bytesSent: number;
  /** Bytes of the ANN index file this publish uploaded for fresh desks (0 when the server's still serves). */
  indexBytes: number;
  tookMs: number;
}

export async function publishCatalog(
  cat: CatalogHandle,
  opts: PublishOptions,
  meter: ProgressMeter,
): Promise<PublishOutcome> {
  const started = performance.now();
  const { server, name } = opts;
  const model = modelTag(cat.manifest.model);
  // The index file a snapshot is read from must hold what SQLite holds (removals applied).
  if (cat.ann.unsaved) cat.checkpointIndex();
  // One read transaction on a connection of its own: the hashes diffed and the rows sent are one state
  // of the catalog, whatever an import commits meanwhile.
  const snapshot = openDatabase(path.join(cat.dir, 'catalog.sqlite'), { readonly: true });
  snapshot.exec('BEGIN');
  try {
    meter.startPhase('reading');
    const local = localStates(snapshot);
    const synonyms = JSON.stringify(readSynonyms(cat));
    const binding = readBinding(cat.reader);
    const base = binding?.server === server.display && binding.name === name ? binding.generation : null;
    const outcome = await withServer(server, async (client) => {
      await client.query('BEGIN');
      try {
        const result = await publishInTransaction(client, {
          ...opts,
          model,
          synonyms,
          base,
          local,
          meter,
          send: (rowids) => localProducts(snapshot, rowids),
          cat,
        });
        await client.query(result.changed ? 'COMMIT' : 'ROLLBACK');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
    writeBinding(cat.writer, {
      server: server.display,
      name,
      generation: outcome.generation,
      role: 'publisher',
      lastSyncAt: new Date().toISOString(),
      offlineSince: null,
      lastError: null,
    });
    const { changed: _changed, ...counts } = outcome;
    const result = {
      ...counts,
      name,
      server: server.display,
      tookMs: Math.round(performance.now() - started),
    };
    meter.finish(
      'done',
      result.inserted + result.updated + result.removed,
      result.inserted + result.updated + result.removed,
    );
    return result;
  } finally {
    snapshot.exec('COMMIT');
    snapshot.close();
  }
}

interface TransactionInput extends PublishOptions {
  model: string;
  synonyms: string;
  base: number | null;
  local: ReturnType<typeof localStates>;
  meter: ProgressMeter;
  send: (rowids: number[]) => Iterable<LocalProduct>;
  cat: CatalogHandle;
}

async function publishInTransaction(client: pg.Client, input: TransactionInput) {
  const { name, model, local, meter, signal } = input;
  await migrateServer(client);
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`shelfscope:catalog:${name}`]);
  await client.query('INSERT INTO shelfscope.catalogs (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [
    name,
  ]);
  const { rows } = await client.query<{ catalog_id: string; generation: string; synonyms: string }>(
    'SELECT catalog_id, generation, synonyms::text AS synonyms FROM shelfscope.catalogs WHERE name = $1 FOR UPDATE',
    [name],
  );
  const catalogId = rows[0].catalog_id;
  const current = Number(rows[0].generation);
  if (current > 0 && input.base !== current && !input.force) {
    const since =
      input.base === null
        ? 'this catalog was never published to it or opened from it'
        : `this catalog last published or pulled generation ${input.base}`;
    throw new EngineError(
      'busy',
      `catalog changed since you imported; re-import or force: team catalog "${name}" is at generation ${current} and ${since} (sync, re-import your file and publish again, or publish with --force to replace it)`,
    );
  }
  const server = new Map<string, ServerState>();
  const positions = new Map<string, number>();
  for await (const r of cursorRows<{
    id: string;
    position: string;
    content_hash: string;
    vector_hash: string | null;
    vector_model: string | null;
  }>(
    client,
    'SELECT id, position, content_hash, vector_hash, vector_model FROM shelfscope.products WHERE catalog_id = $1',
    [catalogId],
  )) {
    server.set(r.id, { contentHash: r.content_hash, vectorHash: r.vector_hash, vectorModel: r.vector_model });
    positions.set(r.id, Number(r.position));
  }
  const diff = diffForPublish(local, server, model);
  const counts = {
    inserted: diff.send.filter((s) => s.change === 'inserted').length,
    updated: diff.send.filter((s) => s.change === 'updated').length,
    removed: diff.removed.length,
    unchanged: diff.unchanged,
  };
  if (
    current > 0 &&
    diff.send.length === 0 &&
    diff.removed.length === 0 &&
    rows[0].synonyms === input.synonyms
  ) {
    return { ...counts, generation: current, bytesSent: 0, indexBytes: 0, changed: false };
  }
  const generation = current + 1;
  meter.startPhase('saving');
  const total = diff.send.length;
  const changeOf = new Map(diff.send.map((s) => [s.rowid, s.change]));
  const keepsVector = new Set(diff.send.filter((s) => s.keepVector).map((s) => s.rowid));
  let done = 0;
  function* rowsToSend(): Generator<CsvValue[]> {
    for (const p of input.send(diff.send.map((s) => s.rowid))) {
      if (signal?.aborted)
        throw new EngineError('cancelled', 'publish cancelled; the team catalog is unchanged');
      if (p.id.includes('\0')) {
        throw new EngineError(
          'bad-file',
          `product id ${JSON.stringify(p.id)} holds a NUL character, which PostgreSQL cannot store`,
        );
      }
      const rowid = local.get(p.id)?.rowid;
      yield [
        p.id,
        rowid ?? 0,
        (rowid !== undefined && changeOf.get(rowid)) || 'updated',
        p.contentHash,
        JSON.stringify(p.product),
        rowid !== undefined && keepsVector.has(rowid) ? null : p.vector,
        p.vectorHash,
        p.vectorHash ? model : null,
      ];
      if (++done % 1000 === 0) meter.update(done, total);
    }
  }
  await client.query(
    `CREATE TEMP TABLE incoming (id text, position bigint, change text, content_hash text, doc json, vector bytea,
       vector_hash text, vector_model text) ON COMMIT DROP`,
  );
  let bytesSent = await copyRowsIn(
    client,
    'COPY incoming (id, position, change, content_hash, doc, vector, vector_hash, vector_model) FROM STDIN (FORMAT csv)',
    rowsToSend(),
  );
  await client.query(
    // A row sent without its vector but with the vector's hash keeps the vector the server holds (the
    // diff sends one only when the server's is missing or stale).
    `INSERT INTO shelfscope.products AS p (catalog_id, id, generation, position, content_hash, doc, vector, vector_hash,
       vector_model)
     SELECT $1, id, $2, position, content_hash, doc, vector, vector_hash, vector_model FROM incoming
     ON CONFLICT (catalog_id, id) DO UPDATE SET generation = excluded.generation, position = excluded.position,
       content_hash = excluded.content_hash, doc = excluded.doc,
       vector = CASE WHEN excluded.vector IS NULL AND excluded.vector_hash IS NOT NULL THEN p.vector ELSE excluded.vector END,
       vector_hash = excluded.vector_hash, vector_model = excluded.vector_model`,
    [catalogId, generation],
  );
  await client.query(
    'INSERT INTO shelfscope.changes (catalog_id, generation, id, change) SELECT $1, $2, id, change FROM incoming',
    [catalogId, generation],
  );
  if (diff.removed.length > 0) {
    await client.query('CREATE TEMP TABLE outgoing (id text) ON COMMIT DROP');
    bytesSent += await copyRowsIn(
      client,
      'COPY outgoing (id) FROM STDIN (FORMAT csv)',
      diff.removed.map((id) => [id]),
    );
    await client.query(
      'DELETE FROM shelfscope.products p USING outgoing o WHERE p.catalog_id = $1 AND p.id = o.id',
      [catalogId],
    );
    await client.query(
      "INSERT INTO shelfscope.changes (catalog_id, generation, id, change) SELECT $1, $2, id, 'removed' FROM outgoing",
      [catalogId, generation],
    );
  }
  const sent = new Set(diff.send.map((s) => s.rowid));
  const moved: [string, number][] = [];
  for (const [id, state] of local) {
    if (!sent.has(state.rowid) && positions.get(id) !== state.rowid) moved.push([id, state.rowid]);
  }
  const indexBytes = await refreshSnapshot(client, { catalogId, generation, input, moved });
  bytesSent += indexBytes;
  const cutoff = generation - (input.keepGenerations ?? DEFAULT_KEEP_GENERATIONS);
  if (cutoff > 0) {
    await client.query('DELETE FROM shelfscope.changes WHERE catalog_id = $1 AND generation <= $2', [
      catalogId,
      cutoff,
    ]);
  }
  await client.query(
    `UPDATE shelfscope.catalogs SET generation = $2, product_count = $3, model = $4, synonyms = $5,
       published_at = now(), oldest_generation = greatest(oldest_generation, $6) WHERE catalog_id = $1`,
    [catalogId, generation, local.size, model, input.synonyms, Math.max(cutoff, 0)],
  );
  await client.query(
    'INSERT INTO shelfscope.generations (catalog_id, generation, inserted, updated, removed) VALUES ($1, $2, $3, $4, $5)',
    [catalogId, generation, counts.inserted, counts.updated, counts.removed],
  );
  // Delivered at the commit, to every desk listening: they pull only what this generation changed.
  await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify({ name, generation })]);
  return { ...counts, generation, bytesSent, indexBytes, changed: true };
}

/**
 * Keeps the server's index snapshot one a fresh desk can load: when positions moved (another desk
 * published before, with other rowids), the products are re-positioned to this desk's rowids and the old
 * snapshot no longer fits; when it is missing, of another model or too stale, this desk's index replaces
 * it. Returns the bytes uploaded.
 */
async function refreshSnapshot(
  client: pg.Client,
  step: { catalogId: string; generation: number; input: TransactionInput; moved: [string, number][] },
): Promise<number> {
  const { catalogId, generation, input, moved } = step;
  const { cat, model, local } = input;
  if (moved.length > 0) {
    await client.query('CREATE TEMP TABLE moved (id text, position bigint) ON COMMIT DROP');
    await copyRowsIn(client, 'COPY moved (id, position) FROM STDIN (FORMAT csv)', moved);
    await client.query(
      'UPDATE shelfscope.products p SET position = m.position FROM moved m WHERE p.catalog_id = $1 AND p.id = m.id',
      [catalogId],
    );
  }
  const current = await readSnapshotInfo(client, catalogId);
  if (
    current &&
    moved.length === 0 &&
    current.model === model &&
    current.format === snapshotFormat(cat.ann.dimensions)
  ) {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM shelfscope.products WHERE catalog_id = $1 AND generation > $2',
      [catalogId, current.generation],
    );
    if (Number(rows[0].n) <= SNAPSHOT_STALE_SHARE * local.size) return 0;
  }
  if (cat.ann.size === 0 || !fs.existsSync(cat.ann.file)) {
    await dropSnapshot(client, catalogId);
    return 0;
  }
  return uploadSnapshot(client, catalogId, generation, cat, model);
}
