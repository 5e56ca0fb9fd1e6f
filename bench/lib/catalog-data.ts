// What the peers are built from: the products and the very vectors Shelfscope stored for them.
import type { Db } from '../../electron/engine/store/database.ts';
import { decodeVector } from '../../electron/engine/vector/codec.ts';

export interface PeerDoc {
  rowid: number;
  id: string;
  name: string;
  brand: string;
  category: string;
  description: string;
  attrs: string;
  price: number;
  stock: number;
}

export interface CatalogData {
  docs: PeerDoc[];
  dimensions: number;
  /** docs.length × dimensions, row i is the vector of docs[i]. */
  vectors: Float32Array;
}

interface Row {
  rowid: number;
  id: string;
  name: string;
  brand: string | null;
  category: string | null;
  description: string | null;
  attributes: string;
  price: number | null;
  stock: number | null;
  v: Buffer;
}

function attributeValues(json: string): string {
  return Object.values(JSON.parse(json) as Record<string, unknown>)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ');
}

/** Reads every embedded product with its stored (int8, decoded to float) vector. */
export function loadCatalogData(db: Db, dimensions: number): CatalogData {
  const rows = db
    .prepare(
      `SELECT p.rowid AS rowid, p.id, p.name, p.brand, p.category, p.description, p.attributes, p.price, p.stock, v.v AS v
       FROM products p JOIN vectors v ON v.rowid = p.rowid ORDER BY p.rowid`,
    )
    .all() as Row[];
  const vectors = new Float32Array(rows.length * dimensions);
  const docs = rows.map((r, i) => {
    decodeVector(r.v, vectors.subarray(i * dimensions, (i + 1) * dimensions));
    return {
      rowid: r.rowid,
      id: r.id,
      name: r.name,
      brand: r.brand ?? '',
      category: r.category ?? '',
      description: r.description ?? '',
      attrs: attributeValues(r.attributes),
      price: r.price ?? 0,
      stock: r.stock ?? 0,
    };
  });
  return { docs, dimensions, vectors };
}
