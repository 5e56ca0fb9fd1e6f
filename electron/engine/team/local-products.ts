// The local catalog as a publisher sends it: each product's hashes for the diff, then the changed ones in
// full (the contract's Product shape, variants included) with their stored vectors.
import type { Product } from '../../../shared/types.ts';
import type { ModelIdentity } from '../catalog-handle.ts';
import type { Db } from '../store/database.ts';
import { findProductRows, productVariants, rowToProduct } from '../store/products.ts';

export interface LocalState {
  rowid: number;
  contentHash: string;
  /** The embedding-text hash the stored vector was made from; null when the product has no current vector. */
  vectorHash: string | null;
}

export interface LocalProduct {
  id: string;
  contentHash: string;
  product: Product;
  vector: Buffer | null;
  vectorHash: string | null;
}

/** How a vector's model is named on the server: name, version and dimensions, as a catalog's manifest says. */
export function modelTag(model: ModelIdentity): string {
  return `${model.name}@${model.version}/${model.dimensions}`;
}

export function localStates(db: Db): Map<string, LocalState> {
  const rows = db
    .prepare(
      `SELECT rowid, id, content_hash AS contentHash,
         CASE WHEN embedded_hash = embed_hash AND embed_seq IS NOT NULL THEN embed_hash END AS vectorHash
       FROM products`,
    )
    .all() as (LocalState & { id: string })[];
  return new Map(
    rows.map((r) => [r.id, { rowid: r.rowid, contentHash: r.contentHash, vectorHash: r.vectorHash }]),
  );
}

/** Rows read per query while streaming changed products. */
const READ_BATCH = 500;

/** The given products in full, a batch of rowids at a time. */
export function* localProducts(db: Db, rowids: number[]): Generator<LocalProduct> {
  const vectorsOf = db.prepare(
    'SELECT rowid, v FROM vectors WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  const hashesOf = db.prepare(
    `SELECT rowid, content_hash AS contentHash,
       CASE WHEN embedded_hash = embed_hash AND embed_seq IS NOT NULL THEN embed_hash END AS vectorHash
     FROM products WHERE rowid IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < rowids.length; i += READ_BATCH) {
    const batch = rowids.slice(i, i + READ_BATCH);
    const json = JSON.stringify(batch);
    const rows = findProductRows(db, batch);
    const vectors = new Map(
      (vectorsOf.all(json) as { rowid: number; v: Buffer }[]).map((r) => [r.rowid, r.v]),
    );
    const hashes = new Map(
      (hashesOf.all(json) as (LocalState & { rowid: number })[]).map((r) => [r.rowid, r]),
    );
    for (const rowid of batch) {
      const row = rows.get(rowid);
      const hash = hashes.get(rowid);
      if (!row || !hash) continue;
      const vectorHash = hash.vectorHash;
      yield {
        id: row.id,
        contentHash: hash.contentHash,
        product: rowToProduct(row, row.variantCount > 0 ? productVariants(db, rowid) : []),
        vector: vectorHash ? (vectors.get(rowid) ?? null) : null,
        vectorHash: vectorHash && vectors.has(rowid) ? vectorHash : null,
      };
    }
  }
}
