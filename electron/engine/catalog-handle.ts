import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from './errors.ts';
import type { Db } from './store/database.ts';
import { getMeta, openDatabase, setMeta } from './store/database.ts';
import { ANN_FORMAT, AnnIndex } from './vector/ann-index.ts';
import { decodeVector } from './vector/codec.ts';

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
 * crash between a database commit and an index save costs nothing but this catch-up.
 */
export class CatalogHandle {
  readonly dir: string;
  readonly writer: Db;
  readonly reader: Db;
  readonly ann: AnnIndex;
  manifest: CatalogManifest;
  /** Bumped on every committed write, so caches keyed on it can never serve stale results. */
  version = 0;

  private constructor(dir: string, manifest: CatalogManifest, writer: Db, reader: Db, ann: AnnIndex) {
    this.dir = dir;
    this.manifest = manifest;
    this.writer = writer;
    this.reader = reader;
    this.ann = ann;
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
    if (!sameModel(manifest.model, model)) {
      // A different model means a different vector space: re-embed everything, never mix.
      writer.exec(
        'UPDATE products SET embedded_hash = NULL, embed_seq = NULL; DELETE FROM vectors; DELETE FROM vector_tombstones;',
      );
      setMeta(writer, 'index_seq', '0');
      fs.rmSync(vectorFile, { force: true });
      manifest = { ...manifest, model };
    }
    writeManifest(dir, manifest);
    const handle = new CatalogHandle(
      dir,
      manifest,
      writer,
      reader,
      openConsistentIndex(writer, vectorFile, model),
    );
    handle.catchUpIndex();
    return handle;
  }

  /** Applies vectors committed after the last index save, and removals recorded since then. */
  catchUpIndex(): number {
    const indexSeq = Number(getMeta(this.writer, 'index_seq') ?? '0');
    const tombstones = (
      this.writer.prepare('SELECT rowid FROM vector_tombstones').all() as { rowid: number }[]
    ).map((r) => r.rowid);
    if (tombstones.length) this.ann.remove(tombstones);
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
    if (applied || tombstones.length) this.checkpointIndex();
    return applied;
  }

  /** Saves the ANN index atomically, then records which embeddings it holds. */
  checkpointIndex(): void {
    const seq = getMeta(this.writer, 'embed_seq') ?? '0';
    this.ann.save();
    this.writer.transaction(() => {
      setMeta(this.writer, 'index_seq', seq);
      setMeta(this.writer, 'index_count', String(this.ann.size));
      this.writer.exec('DELETE FROM vector_tombstones');
    })();
  }

  rename(name: string): void {
    this.manifest = { ...this.manifest, name };
    writeManifest(this.dir, this.manifest);
  }

  touch(): void {
    this.version++;
  }

  close(): void {
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
