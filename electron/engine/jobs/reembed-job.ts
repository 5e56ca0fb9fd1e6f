// A catalog moves to another model without ever searching a half-built vector space: the new vectors
// are built aside (a staging SQLite file beside the catalog, resumable), then one SQLite transaction
// swaps them in and the new ANN file is renamed over the old one. The old vectors go with the swap.
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogHandle, ModelIdentity } from '../catalog-handle.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { Db } from '../store/database.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { AnnIndex } from '../vector/ann-index.ts';
import { decodeVector, encodeVector } from '../vector/codec.ts';
import type { ProgressMeter } from './progress.ts';

export const STAGING_FILE = 'reembed.sqlite';
export const NEXT_INDEX_FILE = 'vectors.next.usearch';
/** Meta keys: the model the catalog's stored vectors belong to, and an index file still to rename. */
const MODEL_KEY = 'catalog_model';
const SWAP_KEY = 'ann_swap';
const ADD_BATCH = 1024;

export interface ReembedOutcome {
  embedded: number;
  /** Vectors already built by an earlier, interrupted run of the same re-embed. */
  resumed: number;
  cancelled: boolean;
  textsPerSec: number;
}

interface Pending {
  rowid: number;
  text: string;
  hash: string;
}

/** The staging file, attached to the catalog's writer as `staged`, reset if it was built for another model. */
function attachStaging(cat: CatalogHandle, model: ModelIdentity): void {
  const db = cat.writer;
  db.prepare('ATTACH DATABASE ? AS staged').run(path.join(cat.dir, STAGING_FILE));
  db.exec(`
    CREATE TABLE IF NOT EXISTS staged.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS staged.vectors (rowid INTEGER PRIMARY KEY, hash TEXT NOT NULL, v BLOB NOT NULL);
  `);
  const wanted = JSON.stringify(model);
  const built = db.prepare("SELECT value FROM staged.meta WHERE key = 'model'").pluck().get() as
    string | undefined;
  if (built !== wanted) {
    db.transaction(() => {
      db.exec('DELETE FROM staged.vectors');
      db.prepare("INSERT OR REPLACE INTO staged.meta (key, value) VALUES ('model', ?)").run(wanted);
    })();
  }
}

function detachStaging(db: Db): void {
  if (
    (db.prepare("SELECT count(*) FROM pragma_database_list WHERE name = 'staged'").pluck().get() as number) >
    0
  )
    db.exec('DETACH DATABASE staged');
}

/** Deletes the staging file (and its WAL), after a swap or when the user gives the re-embed up. */
export function removeStaging(dir: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    fs.rmSync(path.join(dir, STAGING_FILE + suffix), { force: true });
}

/**
 * Embeds every product with `embedder` into the staging file, skipping what an interrupted run of the
 * same model already built. The catalog itself is not touched: searches go on with its current
 * vectors and model. Returns once everything is staged, or at the batch boundary after a cancel.
 */
export async function buildStaged(
  cat: CatalogHandle,
  embedder: Embedder,
  model: ModelIdentity,
  opts: { batchSize: number; signal?: AbortSignal },
  meter: ProgressMeter,
): Promise<ReembedOutcome> {
  const db = cat.writer;
  attachStaging(cat, model);
  try {
    const missing = `NOT EXISTS (SELECT 1 FROM staged.vectors s WHERE s.rowid = p.rowid AND s.hash = p.embed_hash)`;
    const all = db.prepare('SELECT count(*) FROM products').pluck().get() as number;
    const total = db.prepare(`SELECT count(*) FROM products p WHERE ${missing}`).pluck().get() as number;
    const select = db.prepare(
      `SELECT p.rowid AS rowid, p.embed_text AS text, p.embed_hash AS hash FROM products p
       WHERE p.rowid > ? AND ${missing} ORDER BY p.rowid LIMIT ?`,
    );
    const put = db.prepare(
      'INSERT INTO staged.vectors (rowid, hash, v) VALUES (?, ?, ?) ON CONFLICT(rowid) DO UPDATE SET hash = excluded.hash, v = excluded.v',
    );
    const started = performance.now();
    let done = 0;
    let after = 0;
    let cancelled = false;
    meter.startPhase('embedding');
    meter.update(0, total, true);
    for (;;) {
      const batch = select.all(after, opts.batchSize) as Pending[];
      if (batch.length === 0) break;
      after = batch[batch.length - 1].rowid;
      const vectors = await embedder
        .embed(
          batch.map((b) => b.text),
          { signal: opts.signal, onProgress: (n) => meter.update(done + n, total) },
        )
        .catch((e: unknown) => {
          if (opts.signal?.aborted) return null;
          throw e;
        });
      if (!vectors) {
        cancelled = true;
        break;
      }
      vectors.forEach((v, i) => {
        if (v.length !== model.dimensions || !v.every(Number.isFinite)) {
          throw new Error(
            `${model.name} gave an unusable vector for product row ${batch[i].rowid}; nothing was swapped`,
          );
        }
      });
      db.transaction(() => batch.forEach((b, i) => put.run(b.rowid, b.hash, encodeVector(vectors[i]))))();
      done += batch.length;
      meter.update(done, total);
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      embedded: done,
      resumed: all - total,
      cancelled,
      textsPerSec: seconds > 0 ? Math.round(done / seconds) : done,
    };
  } finally {
    detachStaging(db);
  }
}

/**
 * Puts the staged vectors in place of the catalog's: builds the new ANN file aside, then in one
 * transaction replaces the stored vectors, the products' embedded marks and the model the vectors
 * belong to, then renames the new index over the old. A crash after the commit is finished by
 * `settleSwap` on the next open; before it, the catalog is as it was.
 */
export function swapStaged(cat: CatalogHandle, model: ModelIdentity): number {
  const db = cat.writer;
  const nextFile = path.join(cat.dir, NEXT_INDEX_FILE);
  attachStaging(cat, model);
  let count: number;
  try {
    const next = AnnIndex.empty(nextFile, model.dimensions);
    const select = db.prepare(
      'SELECT s.rowid AS rowid, s.v AS v FROM staged.vectors s JOIN products p ON p.rowid = s.rowid WHERE s.rowid > ? ORDER BY s.rowid LIMIT ?',
    );
    for (let after = 0; ;) {
      const rows = select.all(after, ADD_BATCH) as { rowid: number; v: Buffer }[];
      if (rows.length === 0) break;
      const matrix = new Float32Array(rows.length * model.dimensions);
      rows.forEach((r, i) =>
        decodeVector(r.v, matrix.subarray(i * model.dimensions, (i + 1) * model.dimensions)),
      );
      next.upsert(
        rows.map((r) => r.rowid),
        matrix,
      );
      after = rows[rows.length - 1].rowid;
    }
    next.save();
    count = next.size;
    db.transaction(() => {
      db.exec(`
        DELETE FROM vectors;
        DELETE FROM vector_tombstones;
        INSERT INTO vectors (rowid, v)
          SELECT s.rowid, s.v FROM staged.vectors s JOIN products p ON p.rowid = s.rowid ORDER BY s.rowid;
        UPDATE products SET
          embedded_hash = (SELECT s.hash FROM staged.vectors s WHERE s.rowid = products.rowid),
          embed_seq = CASE WHEN EXISTS (SELECT 1 FROM staged.vectors s WHERE s.rowid = products.rowid) THEN 1 END;
      `);
      setMeta(db, 'embed_seq', '1');
      setMeta(db, 'index_seq', '1');
      setMeta(db, 'index_count', String(count));
      setMeta(db, MODEL_KEY, JSON.stringify(model));
      setMeta(db, SWAP_KEY, NEXT_INDEX_FILE);
    }).immediate();
  } finally {
    detachStaging(db);
  }
  finishIndexRename(cat.dir, db);
  removeStaging(cat.dir);
  return count;
}

function finishIndexRename(dir: string, db: Db): void {
  const pending = getMeta(db, SWAP_KEY);
  if (!pending) return;
  const next = path.join(dir, pending);
  if (fs.existsSync(next)) fs.renameSync(next, path.join(dir, 'vectors.usearch'));
  db.prepare('DELETE FROM meta WHERE key = ?').run(SWAP_KEY);
}

/**
 * Finishes a swap a crash interrupted after its commit (renames the new index into place) and returns
 * the model the stored vectors belong to, which wins over manifest.json (written after the commit).
 * Null for a catalog that never recorded one.
 */
export function settleSwap(dir: string, db: Db): ModelIdentity | null {
  finishIndexRename(dir, db);
  const recorded = getMeta(db, MODEL_KEY);
  return recorded ? (JSON.parse(recorded) as ModelIdentity) : null;
}

/** Records the model the catalog's vectors belong to (a new catalog, or one re-embedded on open). */
export function recordModel(db: Db, model: ModelIdentity): void {
  if (getMeta(db, MODEL_KEY) !== JSON.stringify(model)) setMeta(db, MODEL_KEY, JSON.stringify(model));
}
