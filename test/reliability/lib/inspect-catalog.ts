// Read-only looks into a catalog folder, as another process would take them right after the CLI died:
// nothing here opens the catalog through the engine (that would repair what we want to observe).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Index } from 'usearch';
import { newUsearchIndex } from '../../../electron/engine/vector/ann-index.ts';

export interface CatalogSnapshot {
  integrity: string;
  products: number;
  embedded: number;
  vectors: number;
  lastJobState: string | null;
  /** Product id → the embedding batch its vector came from, for every embedded product. */
  embedSeqById: Map<string, number>;
  /** Size of vectors.usearch as a fresh process maps it, or null when there is no file yet. */
  annSize: number | null;
  /** `vectors.usearch.tmp-*` files: an index save the kill interrupted. */
  tornSaves: string[];
}

/** Memory-maps an index file the way the engine does, without the engine's repairs. */
export function mapIndex(file: string, dimensions: number): Index {
  const index = newUsearchIndex(dimensions);
  index.view(file);
  return index;
}

export function dimensionsOf(dir: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    model: { dimensions: number };
  };
  return manifest.model.dimensions;
}

function withDb<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'catalog.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function snapshot(dir: string): CatalogSnapshot | null {
  if (!fs.existsSync(path.join(dir, 'catalog.sqlite'))) return null;
  const vectorFile = path.join(dir, 'vectors.usearch');
  const tornSaves = fs.readdirSync(dir).filter((f) => f.startsWith('vectors.usearch.tmp-'));
  const annSize = fs.existsSync(vectorFile) ? mapIndex(vectorFile, dimensionsOf(dir)).size() : null;
  return withDb(dir, (db) => {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const seqRows = db
      .prepare('SELECT id, embed_seq AS seq FROM products WHERE embedded_hash = embed_hash')
      .all() as { id: string; seq: number }[];
    const job = db.prepare('SELECT state FROM jobs ORDER BY started_at DESC LIMIT 1').get() as
      { state: string } | undefined;
    return {
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; '),
      products: one('SELECT count(*) AS n FROM products'),
      embedded: seqRows.length,
      vectors: one('SELECT count(*) AS n FROM vectors'),
      lastJobState: job?.state ?? null,
      embedSeqById: new Map(seqRows.map((r) => [r.id, r.seq])),
      annSize,
      tornSaves,
    };
  });
}

/** A digest of every product as the file defines it (ids, fields, attributes, hashes of text), by id. */
export function productDigest(dir: string): { count: number; sha256: string } {
  return withDb(dir, (db) => {
    const hash = createHash('sha256');
    let count = 0;
    const rows = db
      .prepare(
        `SELECT id, id_key, name, description, category, brand, price, currency, stock, season, attributes,
                content_hash, embed_text, embed_hash FROM products ORDER BY id`,
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      count++;
    }
    return { count, sha256: hash.digest('hex') };
  });
}

/** The latest job recorded in the catalog, if the file exists yet (polled while a child runs). */
export function latestJob(dir: string): { id: string; state: string } | null {
  if (!fs.existsSync(path.join(dir, 'catalog.sqlite'))) return null;
  try {
    return withDb(
      dir,
      (db) =>
        (db.prepare('SELECT id, state FROM jobs ORDER BY started_at DESC LIMIT 1').get() as
          { id: string; state: string } | undefined) ?? null,
    );
  } catch {
    // The child may not have created the schema yet.
    return null;
  }
}

/** The embedding batch counter the child last committed (0 before any). */
export function committedEmbedSeq(dir: string): number {
  if (!fs.existsSync(path.join(dir, 'catalog.sqlite'))) return 0;
  try {
    return withDb(dir, (db) =>
      Number(
        (db.prepare("SELECT value FROM meta WHERE key = 'embed_seq'").get() as { value: string } | undefined)
          ?.value ?? 0,
      ),
    );
  } catch {
    return 0;
  }
}
