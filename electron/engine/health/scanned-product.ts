import type { AttributeValue } from '../../../shared/types.ts';
import type { ProductSummary } from '../store/products.ts';

/** One product as the health pass reads it: every field it checks, attributes parsed. */
export type ScannedProduct = Pick<
  ProductSummary,
  | 'rowid'
  | 'id'
  | 'name'
  | 'description'
  | 'category'
  | 'brand'
  | 'price'
  | 'currency'
  | 'stock'
  | 'stockState'
> & { attributes: Record<string, AttributeValue> };

const SCAN_COLUMNS =
  'rowid, id, name, description, category, brand, price, currency, stock, stock_state AS stockState, attributes';

/** The products table as the pass scans it, in rowid order: whole, or a page after a rowid. */
export const SCAN_SQL = `SELECT ${SCAN_COLUMNS} FROM products ORDER BY rowid`;
export const SCAN_PAGE_SQL = `SELECT ${SCAN_COLUMNS} FROM products WHERE rowid > ? ORDER BY rowid LIMIT ?`;

/** Products of a finding, in the order they were added, with what the pass noted about each. */
export interface MemberSink {
  add(finding: string, grp: number, rowid: number, note?: string): void;
}
