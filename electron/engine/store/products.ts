import { createHash } from 'node:crypto';
import type { Product } from '../../../shared/types.ts';
import type { ProductInput } from '../catalog/normalize.ts';
import { normalizeIdKey } from '../search/text.ts';
import { attributeText, composeEmbeddingText } from '../jobs/embedding-text.ts';
import type { Db } from './database.ts';
import { perImport } from './database.ts';

/** `duplicate`: this import already wrote a product with that id (an earlier row of the same file). */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'duplicate';

/** The fields search shows and counts: no attributes, which can be large and are never needed there. */
export interface ProductSummary {
  rowid: number;
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
}

/** A product as stored, attributes still as JSON text. */
export interface ProductRow extends ProductSummary {
  season: string | null;
  attributes: string;
}

export const PRODUCT_COLUMNS =
  'p.rowid AS rowid, p.id, p.name, p.description, p.category, p.brand, p.price, p.currency, p.stock, p.season, p.attributes';

/** The digest that tells a changed row or embedding text from an unchanged one. */
export function sha1(s: string): string {
  return createHash('sha1').update(s).digest('base64url');
}

/**
 * Writes products, keeping the keyword indexes in step. Rows are matched by id; the content hash
 * decides whether anything changed, and the embedding text's hash whether a new vector is needed.
 */
export class ProductWriter {
  private readonly db: Db;
  private readonly generation: number;
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly touch;
  private readonly ftsInsert;
  private readonly ftsDelete;
  private readonly lexInsert;
  private readonly lexDelete;

  constructor(db: Db, generation: number) {
    this.db = db;
    this.generation = generation;
    this.find = db.prepare('SELECT rowid, content_hash, import_gen FROM products WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO products (id, id_key, name, description, category, brand, price, currency, stock, season,
         attributes, content_hash, embed_text, embed_hash, import_gen)
       VALUES (@id, @idKey, @name, @description, @category, @brand, @price, @currency, @stock, @season,
         @attributes, @contentHash, @embedText, @embedHash, @gen)`,
    );
    this.update = db.prepare(
      `UPDATE products SET id_key=@idKey, name=@name, description=@description, category=@category, brand=@brand,
         price=@price, currency=@currency, stock=@stock, season=@season, attributes=@attributes,
         content_hash=@contentHash, embed_text=@embedText, embed_hash=@embedHash, import_gen=@gen
       WHERE rowid=@rowid`,
    );
    this.touch = db.prepare('UPDATE products SET import_gen = ? WHERE rowid = ?');
    this.ftsInsert = db.prepare(
      'INSERT INTO products_fts (rowid, name, brand, category, description, attrs) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.ftsDelete = db.prepare('DELETE FROM products_fts WHERE rowid = ?');
    this.lexInsert = db.prepare('INSERT INTO lexicon_fts (rowid, text) VALUES (?, ?)');
    this.lexDelete = db.prepare('DELETE FROM lexicon_fts WHERE rowid = ?');
  }

  upsert(p: ProductInput): UpsertOutcome {
    const existing = this.find.get(p.id) as
      { rowid: number; content_hash: string; import_gen: number } | undefined;
    // The row's generation tells a repeated id within this file from one a previous import stored, so
    // the import holds no set of the ids it has seen (at 1M products that set took ~90 MB of heap).
    if (existing?.import_gen === this.generation) return 'duplicate';
    const attributes = JSON.stringify(p.attributes);
    const contentHash = sha1(
      JSON.stringify([
        p.name,
        p.description,
        p.category,
        p.brand,
        p.price,
        p.currency,
        p.stock,
        p.season,
        attributes,
      ]),
    );
    if (existing && existing.content_hash === contentHash) {
      this.touch.run(this.generation, existing.rowid);
      return 'unchanged';
    }
    const embedText = composeEmbeddingText(p);
    const params = {
      id: p.id,
      idKey: normalizeIdKey(p.id),
      name: p.name,
      description: p.description,
      category: p.category,
      brand: p.brand,
      price: p.price,
      currency: p.currency,
      stock: p.stock,
      season: p.season,
      attributes,
      contentHash,
      embedText,
      embedHash: sha1(embedText),
      gen: this.generation,
    };
    let rowid: number;
    if (existing) {
      rowid = existing.rowid;
      this.update.run({ ...params, rowid });
      this.ftsDelete.run(rowid);
      this.lexDelete.run(rowid);
    } else {
      rowid = Number(this.insert.run(params).lastInsertRowid);
    }
    this.ftsInsert.run(rowid, p.name, p.brand, p.category, p.description, attributeText(p.attributes));
    this.lexInsert.run(rowid, [p.name, p.brand, p.category].filter(Boolean).join(' '));
    return existing ? 'updated' : 'inserted';
  }

  /** Deletes every product the current import did not see; returns their ids. */
  removeUnseen(): string[] {
    const gone = this.db
      .prepare('SELECT rowid, id, embed_seq FROM products WHERE import_gen <> ?')
      .all(this.generation) as { rowid: number; id: string; embed_seq: number | null }[];
    const delProduct = this.db.prepare('DELETE FROM products WHERE rowid = ?');
    const delVector = this.db.prepare('DELETE FROM vectors WHERE rowid = ?');
    const tombstone = this.db.prepare('INSERT OR IGNORE INTO vector_tombstones (rowid) VALUES (?)');
    for (const { rowid, embed_seq } of gone) {
      delProduct.run(rowid);
      delVector.run(rowid);
      this.ftsDelete.run(rowid);
      this.lexDelete.run(rowid);
      if (embed_seq !== null) tombstone.run(rowid);
    }
    return gone.map((g) => g.id);
  }
}

export function rowToProduct(row: ProductRow): Product {
  const { rowid: _rowid, attributes, ...fields } = row;
  return { ...fields, attributes: JSON.parse(attributes) as Product['attributes'] };
}

/**
 * The catalog's currency: the one most of its priced products carry, or null when none says. Counting
 * reads every product (0.3 s at 1M products), so once per import.
 */
export const catalogCurrency = perImport((db: Db): string | null => {
  const row = db
    .prepare(
      'SELECT currency AS c FROM products WHERE currency IS NOT NULL GROUP BY currency ORDER BY count(*) DESC LIMIT 1',
    )
    .get() as { c: string } | undefined;
  return row?.c ?? null;
});

export function productCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
}

/**
 * Products whose vector is current: all but the pending ones. Both counts read only an index; comparing
 * the two hashes row by row read the whole table (2.6 s for 100k products from a cold cache).
 */
export function embeddedCount(db: Db): number {
  return productCount(db) - pendingEmbeddingCount(db);
}

export function pendingEmbeddingCount(db: Db): number {
  return (
    db
      .prepare(
        'SELECT count(*) AS n FROM products WHERE embedded_hash IS NULL OR embedded_hash <> embed_hash',
      )
      .get() as { n: number }
  ).n;
}

export function findProductRows(db: Db, rowids: number[]): Map<number, ProductRow> {
  const out = new Map<number, ProductRow>();
  if (rowids.length === 0) return out;
  const rows = db
    .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(rowids)) as ProductRow[];
  for (const r of rows) out.set(r.rowid, r);
  return out;
}

/** Adds to `into` the summaries of the rowids it does not hold yet, in one query. */
export function loadSummaries(db: Db, rowids: Iterable<number>, into: Map<number, ProductSummary>): void {
  const missing = [...rowids].filter((r) => !into.has(r));
  if (missing.length === 0) return;
  const rows = db
    .prepare(
      `SELECT p.rowid AS rowid, p.id, p.name, p.description, p.category, p.brand, p.price, p.currency, p.stock
       FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(missing)) as ProductSummary[];
  for (const r of rows) into.set(r.rowid, r);
}

export function findProductById(db: Db, id: string): ProductRow | null {
  const exact = db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ?`).get(id) as
    ProductRow | undefined;
  if (exact) return exact;
  const tolerant = db
    .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id_key = ? LIMIT 1`)
    .get(normalizeIdKey(id)) as ProductRow | undefined;
  return tolerant ?? null;
}
