import { createHash } from 'node:crypto';
import type { Product, StockState, Variant } from '../../../shared/types.ts';
import type { ProductInput } from '../catalog/normalize.ts';
import { normalizeIdKey } from '../search/text.ts';
import { attributeText, composeEmbeddingText } from '../jobs/embedding-text.ts';
import { AttributeRowWriter } from './attribute-values.ts';
import type { Db } from './database.ts';
import { perImport } from './database.ts';

interface RemovedRow {
  rowid: number;
  id: string;
  embed_seq: number | null;
}

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
  compareAtPrice: number | null;
  priceMax: number | null;
  stockState: StockState | null;
  variantCount: number;
}

/** A product as stored, attributes still as JSON text. */
export interface ProductRow extends ProductSummary {
  season: string | null;
  attributes: string;
}

const SUMMARY_COLUMNS =
  'p.rowid AS rowid, p.id, p.name, p.description, p.category, p.brand, p.price, p.currency, p.stock, ' +
  'p.compare_at_price AS compareAtPrice, p.price_max AS priceMax, p.stock_state AS stockState, p.variant_count AS variantCount';

export const PRODUCT_COLUMNS = `${SUMMARY_COLUMNS}, p.season, p.attributes`;

/** What a re-import did to variants, matched by their SKU/id within their product. */
export interface VariantChanges {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

interface VariantRow {
  id: string;
  options: string;
  price: number | null;
  compare_at_price: number | null;
  stock: number | null;
  stock_state: StockState | null;
  barcode: string | null;
}

function variantRow(v: Variant): VariantRow {
  return {
    id: v.id,
    options: JSON.stringify(v.options),
    price: v.price,
    compare_at_price: v.compareAtPrice,
    stock: v.stock,
    stock_state: v.stockState,
    barcode: v.barcode,
  };
}

function sameVariant(a: VariantRow, b: VariantRow): boolean {
  return (
    a.options === b.options &&
    a.price === b.price &&
    a.compare_at_price === b.compare_at_price &&
    a.stock === b.stock &&
    a.stock_state === b.stock_state &&
    a.barcode === b.barcode
  );
}

/** Words the keyword index should find a product by that only its variants carry. */
function variantText(variants: Variant[]): string {
  const words = new Set<string>();
  for (const v of variants) {
    words.add(v.id);
    if (v.barcode) words.add(v.barcode);
    for (const value of Object.values(v.options)) words.add(value);
  }
  return [...words].join(' ');
}

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
  private readonly variantsOf;
  private readonly variantsDelete;
  private readonly variantInsert;
  private readonly optionsDelete;
  private readonly optionInsert;
  private readonly attributeRows;
  readonly variantChanges: VariantChanges = { added: 0, updated: 0, unchanged: 0, removed: 0 };

  constructor(db: Db, generation: number) {
    this.db = db;
    this.generation = generation;
    this.find = db.prepare('SELECT rowid, content_hash, import_gen FROM products WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO products (rowid, id, id_key, name, description, category, brand, price, currency, stock, season,
         attributes, compare_at_price, price_max, stock_state, variant_count, content_hash, embed_text, embed_hash,
         import_gen)
       VALUES (@rowid, @id, @idKey, @name, @description, @category, @brand, @price, @currency, @stock, @season,
         @attributes, @compareAtPrice, @priceMax, @stockState, @variantCount, @contentHash, @embedText, @embedHash,
         @gen)`,
    );
    this.update = db.prepare(
      `UPDATE products SET id_key=@idKey, name=@name, description=@description, category=@category, brand=@brand,
         price=@price, currency=@currency, stock=@stock, season=@season, attributes=@attributes,
         compare_at_price=@compareAtPrice, price_max=@priceMax, stock_state=@stockState, variant_count=@variantCount,
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
    this.variantsOf = db.prepare(
      'SELECT id, options, price, compare_at_price, stock, stock_state, barcode FROM variants WHERE product_rowid = ?',
    );
    this.variantsDelete = db.prepare('DELETE FROM variants WHERE product_rowid = ?');
    this.variantInsert = db.prepare(
      `INSERT INTO variants (product_rowid, position, id, id_key, options, price, compare_at_price, stock, stock_state,
         barcode)
       VALUES (@rowid, @position, @id, @idKey, @options, @price, @compare_at_price, @stock, @stock_state, @barcode)`,
    );
    this.optionsDelete = db.prepare('DELETE FROM product_options WHERE product_rowid = ?');
    this.optionInsert = db.prepare(
      'INSERT OR IGNORE INTO product_options (product_rowid, name, value) VALUES (?, ?, ?)',
    );
    this.attributeRows = new AttributeRowWriter(db);
  }

  /** Replaces a product's variants, counting each against what the catalog held under its id. */
  private writeVariants(rowid: number, variants: Variant[], existed: boolean): void {
    const before = new Map<string, VariantRow>();
    if (existed) for (const r of this.variantsOf.all(rowid) as VariantRow[]) before.set(r.id, r);
    this.variantsDelete.run(rowid);
    this.optionsDelete.run(rowid);
    variants.forEach((v, position) => {
      const row = variantRow(v);
      const old = before.get(v.id);
      if (!old) this.variantChanges.added++;
      else this.variantChanges[sameVariant(old, row) ? 'unchanged' : 'updated']++;
      before.delete(v.id);
      this.variantInsert.run({ ...row, rowid, position, idKey: normalizeIdKey(v.id) });
      for (const [name, value] of Object.entries(v.options)) this.optionInsert.run(rowid, name, value);
    });
    this.variantChanges.removed += before.size;
  }

  /** `at` places a new product under that rowid (a replica taking the publisher's order); else SQLite picks. */
  upsert(p: ProductInput, at?: number): UpsertOutcome {
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
        p.compareAtPrice,
        p.priceMax,
        p.stockState,
        p.variants,
      ]),
    );
    if (existing && existing.content_hash === contentHash) {
      this.touch.run(this.generation, existing.rowid);
      this.variantChanges.unchanged += p.variants.length;
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
      compareAtPrice: p.compareAtPrice,
      priceMax: p.priceMax,
      stockState: p.stockState,
      variantCount: p.variants.length,
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
      this.attributeRows.delete(rowid);
    } else {
      rowid = Number(this.insert.run({ ...params, rowid: at ?? null }).lastInsertRowid);
    }
    this.attributeRows.write(rowid, p.attributes);
    if (existing || p.variants.length > 0) this.writeVariants(rowid, p.variants, existing !== undefined);
    const attrs = attributeText(p.attributes);
    this.ftsInsert.run(
      rowid,
      p.name,
      p.brand,
      p.category,
      p.description,
      p.variants.length > 0 ? `${attrs} ${variantText(p.variants)}` : attrs,
    );
    this.lexInsert.run(rowid, [p.name, p.brand, p.category].filter(Boolean).join(' '));
    return existing ? 'updated' : 'inserted';
  }

  /**
   * Deletes every product the current import did not see; returns their ids. Each one that had a vector
   * leaves a tombstone, committed with the deletion: the ANN index drops the key right after the
   * commit (CatalogHandle.applyRemovals), and after a crash before the next index save, on reopening.
   */
  removeUnseen(): string[] {
    const gone = this.db
      .prepare('SELECT rowid, id, embed_seq FROM products WHERE import_gen <> ?')
      .all(this.generation) as RemovedRow[];
    this.removeRows(gone);
    return gone.map((g) => g.id);
  }

  /** Deletes these products (a replica applying a team catalog's removals); returns how many it held. */
  removeIds(ids: string[]): number {
    const find = this.db.prepare('SELECT rowid, id, embed_seq FROM products WHERE id = ?');
    const gone = ids.map((id) => find.get(id) as RemovedRow | undefined).filter((r) => r !== undefined);
    this.removeRows(gone);
    return gone.length;
  }

  private removeRows(gone: RemovedRow[]): void {
    const delProduct = this.db.prepare('DELETE FROM products WHERE rowid = ?');
    const delVector = this.db.prepare('DELETE FROM vectors WHERE rowid = ?');
    const tombstone = this.db.prepare('INSERT OR IGNORE INTO vector_tombstones (rowid) VALUES (?)');
    const variantCount = this.db
      .prepare('SELECT count(*) AS n FROM variants WHERE product_rowid = ?')
      .pluck();
    for (const { rowid, embed_seq } of gone) {
      this.variantChanges.removed += variantCount.get(rowid) as number;
      this.variantsDelete.run(rowid);
      this.optionsDelete.run(rowid);
      this.attributeRows.delete(rowid);
      delProduct.run(rowid);
      const hadVector = delVector.run(rowid).changes > 0;
      this.ftsDelete.run(rowid);
      this.lexDelete.run(rowid);
      if (hadVector || embed_seq !== null) tombstone.run(rowid);
    }
  }
}

/** A stored product with its variants, which only a product's own page needs. */
export function rowToProduct(row: ProductRow, variants: Variant[] = []): Product {
  const { rowid: _rowid, variantCount: _count, attributes, ...fields } = row;
  return { ...fields, attributes: JSON.parse(attributes) as Product['attributes'], variants };
}

export function productVariants(db: Db, rowid: number): Variant[] {
  const rows = db
    .prepare(
      'SELECT id, options, price, compare_at_price, stock, stock_state, barcode FROM variants WHERE product_rowid = ? ORDER BY position',
    )
    .all(rowid) as VariantRow[];
  return rows.map((r) => ({
    id: r.id,
    options: JSON.parse(r.options) as Variant['options'],
    price: r.price,
    compareAtPrice: r.compare_at_price,
    stock: r.stock,
    stockState: r.stock_state,
    barcode: r.barcode,
  }));
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
      `SELECT ${SUMMARY_COLUMNS}
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
