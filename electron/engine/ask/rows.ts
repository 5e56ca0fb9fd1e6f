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
