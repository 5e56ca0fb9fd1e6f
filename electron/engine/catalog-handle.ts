import fs from 'node:fs';
import path from 'node:path';
import type { IndexCheck, IndexRepair, VectorIndexHealth } from '../../shared/types.ts';
import { EngineError } from './errors.ts';
import type { Db } from './store/database.ts';
import { getMeta, openDatabase, setMeta } from './store/database.ts';
import { ANN_FORMAT, AnnIndex } from './vector/ann-index.ts';
import { decodeVector } from './vector/codec.ts';
import { recordModel, settleSwap } from './jobs/reembed-job.ts';
import { compareWithSqlite, countsAgree, repaired, runNow, storedVectorCount } from './vector/consistency.ts';

export const SCHEMA_VERSION = 1;

export interface ModelIdentity {
  name: string;
  version: string;
  dimensions: number;
}

export interface CatalogManifest {
  schemaVersion: number;
  name: string;
  createdAt: string;
  model: ModelIdentity;
  metric: 'cos';
}

/**
 * One open catalog folder: `catalog.sqlite` (a writer and a reader connection), `vectors.usearch` and
 * `manifest.json`. Opening it brings the ANN index up to date with the vectors SQLite holds, so a
 * crash between a database commit and an index save costs nothing but this catch-up; then the index's
 * key count is compared with SQLite's, and any difference repaired before the first search.
 */
export class CatalogHandle {
  readonly dir: string;
  readonly writer: Db;
  readonly reader: Db;
  manifest: CatalogManifest;
  /** Bumped on every committed write, so caches keyed on it can never serve stale results. */
  version = 0;
  /** What the count check on opening repaired, or null when the counts agreed. */
  openCheck: IndexCheck | null = null;
  private index: AnnIndex;
  private closed = false;
  private verifying: Promise<IndexCheck | null> | null = null;

  private constructor(dir: string, manifest: CatalogManifest, writer: Db, reader: Db, ann: AnnIndex) {
    this.dir = dir;
    this.manifest = manifest;
    this.writer = writer;
    this.reader = reader;
    this.index = ann;
  }

  /** The ANN index searches use; read it here each time, as a rebuild replaces it. */
  get ann(): AnnIndex {
    return this.index;
  }

  static open(
    dir: string,
    model: ModelIdentity,
    opts: { create?: boolean; name?: string } = {},
  ): CatalogHandle {
    const manifestFile = path.join(dir, 'manifest.json');
    const exists = fs.existsSync(manifestFile);
    if (!exists && !opts.create) {
      throw new EngineError('not-found', `no catalog at ${dir} (import a file into it first)`);
    }
    fs.mkdirSync(dir, { recursive: true });
    let manifest: CatalogManifest = exists
      ? readManifest(dir)
      : {
          schemaVersion: SCHEMA_VERSION,
          name: opts.name ?? path.basename(dir),
          createdAt: new Date().toISOString(),
          model,
          metric: 'cos',
        };
    const writer = openDatabase(path.join(dir, 'catalog.sqlite'));
    const reader = openDatabase(path.join(dir, 'catalog.sqlite'), { readonly: true });
    const vectorFile = path.join(dir, 'vectors.usearch');
    // A re-embed that committed its swap and died before rewriting manifest.json is finished here.
    const settled = settleSwap(dir, writer);
    if (exists && settled && !sameModel(settled, manifest.model)) manifest = { ...manifest, model: settled };
    if (!sameModel(manifest.model, model)) {
      // A different model means a different vector space: re-embed everything, never mix.
      writer.exec(
        'UPDATE products SET embedded_hash = NULL, embed_seq = NULL; DELETE FROM vectors; DELETE FROM vector_tombstones;',
      );
      setMeta(writer, 'index_seq', '0');
      fs.rmSync(vectorFile, { force: true });
      manifest = { ...manifest, model };
    }
    recordModel(writer, manifest.model);
    writeManifest(dir, manifest);
    const handle = new CatalogHandle(
      dir,
      manifest,
      writer,
      reader,
      openConsistentIndex(writer, vectorFile, model),
    );
    handle.catchUpIndex();
    if (!countsAgree(handle)) {
      const started = performance.now();
      handle.openCheck = handle.recordCheck('open', runNow(compareWithSqlite(handle)), started);
    }
    return handle;
  }

  /**
   * Takes the keys of products removed since the last index save out of the index. Run after every
   * commit that removes products, so searches never meet their keys; the tombstones stay until a save
   * holds the removals.
   */
  applyRemovals(): number {
    const tombstones = this.writer.prepare('SELECT rowid FROM vector_tombstones').pluck().all() as number[];
    return this.ann.remove(tombstones);
  }

  /** Applies vectors committed after the last index save, and removals recorded since then. */
  catchUpIndex(): number {
    const indexSeq = Number(getMeta(this.writer, 'index_seq') ?? '0');
    this.applyRemovals();
    const rows = this.writer
      .prepare(
        'SELECT v.rowid AS rowid, v.v AS v FROM products p JOIN vectors v ON v.rowid = p.rowid WHERE p.embed_seq > ? ORDER BY p.embed_seq',
      )
      .iterate(indexSeq) as IterableIterator<{ rowid: number; v: Buffer }>;
    const dims = this.ann.dimensions;
    let rowids: number[] = [];
    let matrix = new Float32Array(1024 * dims);
    let applied = 0;
    const flush = () => {
      this.ann.upsert(rowids, matrix.subarray(0, rowids.length * dims));
      applied += rowids.length;
      rowids = [];
    };
    for (const row of rows) {
      decodeVector(row.v, matrix.subarray(rowids.length * dims, (rowids.length + 1) * dims));
      rowids.push(row.rowid);
      if (rowids.length === 1024) {
        flush();
        matrix = new Float32Array(1024 * dims);
      }
    }
    if (rowids.length) flush();
    if (this.ann.unsaved) this.checkpointIndex();
    return applied;
  }

  /**
   * Saves the ANN index atomically, then records which embeddings it holds. The removals it drops the
   * tombstones of are applied first, so no save can forget one (a tombstoned rowid has no stored
   * vector: the index job drops the tombstone of a rowid it stores a vector under).
   */
  checkpointIndex(): void {
    const seq = getMeta(this.writer, 'embed_seq') ?? '0';
    this.applyRemovals();
    this.ann.save();
    this.writer.transaction(() => {
      setMeta(this.writer, 'index_seq', seq);
      setMeta(this.writer, 'index_count', String(this.ann.size));
      this.writer.exec('DELETE FROM vector_tombstones');
    })();
  }

  /** Puts a rebuilt index in place of the current one; the next checkpoint saves it. */
  replaceIndex(ann: AnnIndex): void {
    this.index = ann;
  }

  /** After a re-embed's swap: the catalog's vectors are now `model`'s, in the renamed index file. */
  adoptModel(model: ModelIdentity): void {
    this.manifest = { ...this.manifest, model };
    writeManifest(this.dir, this.manifest);
    this.index = AnnIndex.open(path.join(this.dir, 'vectors.usearch'), model.dimensions);
    this.touch();
  }

  /** The index against SQLite, in O(1), with what the last checks found. */
  indexHealth(): VectorIndexHealth {
    const recorded = (key: string) => {
      const value = getMeta(this.reader, key);
      return value ? (JSON.parse(value) as IndexCheck) : null;
    };
    const expected = storedVectorCount(this.reader);
    return {
      vectors: this.ann.size,
      expected,
      consistent: this.ann.size === expected,
      lastVerify: recorded('index_last_verify'),
      lastRepair: recorded('index_last_repair'),
    };
  }

  /**
   * Compares every key of the index with SQLite and repairs what differs, a slice at a time with the
   * event loop free in between (searches and jobs go on; a slice waits for an import's transaction to
   * end). Resolves to what it found, or null if the catalog was closed first. One runs at a time.
   */
  verifyIndex(): Promise<IndexCheck | null> {
    this.verifying ??= this.verifyInSlices().finally(() => {
      this.verifying = null;
    });
    return this.verifying;
  }

  private async verifyInSlices(): Promise<IndexCheck | null> {
    const started = performance.now();
    const steps = compareWithSqlite(this);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      while (!this.closed && this.writer.inTransaction) await new Promise((r) => setTimeout(r, 50));
      if (this.closed) return null;
      const step = steps.next();
      if (step.done) return this.recordCheck('full', step.value, started);
    }
  }

  private recordCheck(scope: IndexCheck['scope'], repair: IndexRepair, started: number): IndexCheck {
    const check: IndexCheck = {
      ...repair,
      scope,
      at: new Date().toISOString(),
      tookMs: Math.round(performance.now() - started),
    };
    const json = JSON.stringify(check);
    if (scope === 'full') setMeta(this.writer, 'index_last_verify', json);
    if (repaired(repair)) setMeta(this.writer, 'index_last_repair', json);
    return check;
  }

  rename(name: string): void {
    this.manifest = { ...this.manifest, name };
    writeManifest(this.dir, this.manifest);
  }

  touch(): void {
    this.version++;
  }

  close(): void {
    this.closed = true;
    this.reader.close();
    this.writer.close();
  }
}

/**
 * The index file must hold exactly what SQLite says it held at its last save, in this build's format;
 * a lost, replaced, foreign or older-format file is discarded and rebuilt from the stored vectors by
 * the catch-up.
 */
function openConsistentIndex(db: Db, file: string, model: ModelIdentity): AnnIndex {
  // Recorded with each save rather than counted from the vectors: that join took ~1.4 s at 1M products.
  const expected = Number(getMeta(db, 'index_count') ?? '-1');
  let ann: AnnIndex | null = null;
  try {
    ann = getMeta(db, 'ann_format') === ANN_FORMAT ? AnnIndex.open(file, model.dimensions) : null;
  } catch {
    ann = null;
  }
  if (ann && ann.size === expected) return ann;
  fs.rmSync(file, { force: true });
  db.transaction(() => {
    setMeta(db, 'index_seq', '0');
    setMeta(db, 'ann_format', ANN_FORMAT);
    db.exec('DELETE FROM vector_tombstones');
  })();
  return AnnIndex.open(file, model.dimensions);
}

export function readManifest(dir: string): CatalogManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as CatalogManifest;
}

export function sameModel(a: ModelIdentity, b: ModelIdentity): boolean {
  return a.name === b.name && a.version === b.version && a.dimensions === b.dimensions;
}

function writeManifest(dir: string, manifest: CatalogManifest): void {
  const file = path.join(dir, 'manifest.json');
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 2));
  fs.renameSync(tmp, file);
}
