import type { Db } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import { PRODUCT_COLUMNS } from '../store/products.ts';
import type { SqlCondition } from '../search/filter-sql.ts';

/** The products with these ids that also satisfy `where`, in the order of `ids`. */
export function rowsByIds(
  db: Db,
  ids: string[],
  where: SqlCondition = { where: '1', params: [] },
): ProductRow[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id IN (SELECT value FROM json_each(?)) AND ${where.where}`,
    )
    .all(JSON.stringify(ids), ...where.params) as ProductRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The first `limit` products of `where` in `order` (SQL over `products p`). The rowids are chosen
 * first, off the condition's index where it holds the order's columns, and only those rows are read:
 * "out of stock" at 1M products is 150k rows the ordering need not read. The file's order (rowid) is
 * spelled +p.rowid under a condition, so SQLite keeps the condition's index instead of walking every
 * row in rowid order.
 */
export function firstRows(
  db: Db,
  where: { where: string; params: unknown[] },
  order: string,
  limit: number,
): ProductRow[] {
  const byFile = where.where === '1' ? 'p.rowid' : '+p.rowid';
  const rowids = db
    .prepare(
      `SELECT p.rowid FROM products p WHERE ${where.where} ORDER BY ${order.replace('{file}', byFile)} LIMIT ?`,
    )
    .pluck()
    .all(...where.params, limit) as number[];
  return rowsAt(db, rowids);
}

/**
 * The first `limit` products of a query of rowids (conditions.ts attributeRowids) in the file's order;
 * one attribute value's rowids come off its index in that order, so nothing is sorted.
 */
export function rowsOfSet(db: Db, set: SqlCondition, limit: number): ProductRow[] {
  const rowids = db
    .prepare(`SELECT * FROM (${set.where}) ORDER BY 1 LIMIT ?`)
    .pluck()
    .all(...set.params, limit) as number[];
  return rowsAt(db, rowids);
}

/** How many rowids a query of rowids gives. */
export function countOfSet(db: Db, set: SqlCondition): number {
  return db
    .prepare(`SELECT count(*) FROM (${set.where})`)
    .pluck()
    .get(...set.params) as number;
}

function rowsAt(db: Db, rowids: number[]): ProductRow[] {
  if (!rowids.length) return [];
  const rows = db
    .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(rowids)) as ProductRow[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return rowids.flatMap((r) => byRowid.get(r) ?? []);
}
