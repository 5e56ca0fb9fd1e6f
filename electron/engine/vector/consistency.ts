// The ANN index must hold exactly one key per vector SQLite stores: no key of a removed product, none
// missing. Opening a catalog compares the two counts (O(1): USearch keeps its size, a trigger keeps
// SQLite's); a full comparison asks the index about every key SQLite could have given it, slice by
// slice, and repairs what differs. SQLite is the truth: the index is only ever rebuilt from it.
import type { IndexRepair } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import type { Db } from '../store/database.ts';
import { getMeta } from '../store/database.ts';
import { AnnIndex } from './ann-index.ts';
import { decodeVector } from './codec.ts';

/**
 * Keys compared per step: one contains() call and one range read of the vectors table, ~10 ms (USearch
 * answers contains() for 1M keys in ~125 ms), so a background comparison lets searches in between.
 */
const SLICE = 65_536;

/** Vectors added to the index per call, in rowid order as the index job adds them (recall). */
const ADD_BATCH = 1024;

/** Vectors SQLite stores: what the index must hold. Kept by triggers on the vectors table. */
export function storedVectorCount(db: Db): number {
  return Number(getMeta(db, 'vector_count') ?? '0');
}

/** The O(1) check: as many keys in the index as vectors in SQLite. */
export function countsAgree(cat: CatalogHandle): boolean {
  return cat.ann.size === storedVectorCount(cat.writer);
}

/**
 * Of these rowids, the products in the catalog that have been given a vector: the only keys a search
 * may return. A new product under the rowid of a removed one has none until it is embedded. Reads the
 * product rows alone, which the search reads next anyway: joining the vectors too cost twice as much
 * (0.8 against 0.4 ms for 100 keys at 100k products).
 */
export function embeddedRowids(db: Db, rowids: number[]): Set<number> {
  if (rowids.length === 0) return new Set();
  const rows = db
    .prepare(
      'SELECT rowid FROM products WHERE rowid IN (SELECT value FROM json_each(?)) AND embed_seq IS NOT NULL',
    )
    .pluck()
    .all(JSON.stringify(rowids)) as number[];
  return new Set(rows);
}

/**
 * Compares every key with SQLite and repairs the index: keys without a stored vector are removed,
 * stored vectors the index lacks are added back (nothing is re-embedded), and products marked embedded
 * with no stored vector are marked for embedding again. A generator: each step is one slice, and the
 * caller decides whether to wait between them (`runNow`, or the background verify). Every step leaves
 * the index and SQLite consistent for the keys it covered, whatever ran in between.
 */
export function* compareWithSqlite(cat: CatalogHandle): Generator<void, IndexRepair> {
  const repair: IndexRepair = {
    strayKeys: 0,
    missingKeys: 0,
    reembed: queueUnstored(cat.writer),
    rebuilt: false,
  };
  yield;
  const top = highestKey(cat.writer);
  for (let lo = 1; lo <= top; lo += SLICE) {
    compareSlice(cat, lo, Math.min(top, lo + SLICE - 1), repair);
    yield;
  }
  // Keys beyond any rowid SQLite ever gave a vector can only come from a foreign or damaged file.
  if (!countsAgree(cat)) {
    rebuild(cat);
    repair.rebuilt = true;
  }
  if (cat.ann.unsaved) cat.checkpointIndex();
  return repair;
}

/** Runs every step at once. */
export function runNow<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export function repaired(r: IndexRepair): boolean {
  return r.strayKeys > 0 || r.missingKeys > 0 || r.reembed > 0 || r.rebuilt;
}

function compareSlice(cat: CatalogHandle, lo: number, hi: number, repair: IndexRepair): void {
  const db = cat.writer;
  // A vector whose product is gone is a removed product's: SQLite drops it, and the index its key below.
  db.prepare(
    'DELETE FROM vectors WHERE rowid BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM products p WHERE p.rowid = vectors.rowid)',
  ).run(lo, hi);
  const stored = new Set(
    db.prepare('SELECT rowid FROM vectors WHERE rowid BETWEEN ? AND ?').pluck().all(lo, hi) as number[],
  );
  const keys = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const present = cat.ann.contains(keys);
  repair.strayKeys += cat.ann.remove(keys.filter((k, i) => present[i] && !stored.has(k)));
  const missing = keys.filter((k, i) => !present[i] && stored.has(k));
  for (let i = 0; i < missing.length; i += ADD_BATCH)
    addStored(cat, cat.ann, missing.slice(i, i + ADD_BATCH));
  repair.missingKeys += missing.length;
}

/** Adds these rowids' stored vectors to `ann`. */
function addStored(cat: CatalogHandle, ann: AnnIndex, rowids: number[]): void {
  const rows = cat.writer
    .prepare('SELECT rowid, v FROM vectors WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid')
    .all(JSON.stringify(rowids)) as { rowid: number; v: Buffer }[];
  const dims = ann.dimensions;
  const matrix = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => decodeVector(r.v, matrix.subarray(i * dims, (i + 1) * dims)));
  ann.upsert(
    rows.map((r) => r.rowid),
    matrix,
  );
}

/** A new index from every stored vector, in rowid order, in place of the current one. */
function rebuild(cat: CatalogHandle): void {
  const fresh = AnnIndex.empty(cat.ann.file, cat.ann.dimensions);
  const select = cat.writer
    .prepare('SELECT rowid FROM vectors WHERE rowid > ? ORDER BY rowid LIMIT ?')
    .pluck();
  for (let after = 0; ;) {
    const rowids = select.all(after, ADD_BATCH) as number[];
    if (rowids.length === 0) break;
    addStored(cat, fresh, rowids);
    after = rowids[rowids.length - 1];
  }
  cat.replaceIndex(fresh);
}

/**
 * Products marked embedded whose vector SQLite does not hold lose the mark, so the next index job
 * embeds them again; returns how many. Reads the embed_seq index and probes the vectors' primary key.
 */
function queueUnstored(db: Db): number {
  return db
    .prepare(
      `UPDATE products SET embedded_hash = NULL, embed_seq = NULL WHERE rowid IN (
         SELECT p.rowid FROM products p
         WHERE p.embed_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.rowid = p.rowid))`,
    )
    .run().changes;
}

/** The highest key the index can hold: no vector was ever stored under a higher rowid. */
function highestKey(db: Db): number {
  const max = (table: string) =>
    (db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get() as number) ?? 0;
  return Math.max(
    Number(getMeta(db, 'vector_max_key') ?? '0'),
    max('vectors'),
    max('products'),
    max('vector_tombstones'),
  );
}
