import type { AttributeValue } from '../../../shared/types.ts';

/** One product as the health pass reads it: every field it checks, attributes parsed. */
export interface ScannedProduct {
  rowid: number;
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  stockState: string | null;
  attributes: Record<string, AttributeValue>;
}

const SCAN_COLUMNS =
  'rowid, id, name, description, category, brand, price, currency, stock, stock_state AS stockState, attributes';

/** The products table as the pass scans it, in rowid order: whole, or a page after a rowid. */
export const SCAN_SQL = `SELECT ${SCAN_COLUMNS} FROM products ORDER BY rowid`;
export const SCAN_PAGE_SQL = `SELECT ${SCAN_COLUMNS} FROM products WHERE rowid > ? ORDER BY rowid LIMIT ?`;

/** Products of a finding, in the order they were added, with what the pass noted about each. */
export interface MemberSink {
  add(finding: string, grp: number, rowid: number, note?: string): void;
}
