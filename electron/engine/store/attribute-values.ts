import type { AttributeValue } from '../../../shared/types.ts';
import type { Db } from './database.ts';

// The products' extra-column values one row each, kept by the writer beside the JSON (table
// product_attributes): counting, grouping and matching them then reads an index instead of parsing the
// JSON of every product (group-by over a colour at 1M products: ~3 s with json_extract).

/** Where files separate the values of a list-valued field (tags, sizes, colours, materials). */
const LIST_SEPARATOR = /\s*[,|;/]\s*/;

/** The values a cell lists ("Blue, Green | Red"); a single value, or an address, is its only part. */
export function splitList(value: string): string[] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [value];
  return value.split(LIST_SEPARATOR).filter(Boolean);
}

/** A row's kind: the whole value that is its only part, the whole of a list, or one part of a list. */
export const WHOLE_ONLY = 0;
export const WHOLE_LIST = 1;
export const LIST_PART = 2;

export interface AttributeRow {
  name: string;
  value: string;
  /** What matching compares: lower case, no white space ("Navy Blue" and "navyblue" are one). */
  norm: string;
  kind: typeof WHOLE_ONLY | typeof WHOLE_LIST | typeof LIST_PART;
}

export function normValue(value: string): string {
  return value.toLowerCase().replace(/\s+/g, '');
}

/**
 * The rows of one product's attributes: each non-blank value whole and, when it lists several
 * ("Blue, Green | Red"), each part once. Blank values have no row: no row is "no value".
 */
export function attributeRows(attributes: Record<string, AttributeValue>): AttributeRow[] {
  const rows: AttributeRow[] = [];
  for (const [name, raw] of Object.entries(attributes)) {
    if (raw === null) continue;
    const value = String(raw).trim();
    if (!value) continue;
    const parts = [...new Map(splitList(value).map((p) => [normValue(p), p]))];
    if (parts.length <= 1) {
      rows.push({ name, value, norm: normValue(value), kind: WHOLE_ONLY });
      continue;
    }
    rows.push({ name, value, norm: normValue(value), kind: WHOLE_LIST });
    for (const [norm, part] of parts) rows.push({ name, value: part, norm, kind: LIST_PART });
  }
  return rows;
}

/** Writes and deletes one product's attribute rows. */
export class AttributeRowWriter {
  private readonly insert;
  private readonly remove;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO product_attributes (product_rowid, name, norm, value, kind) VALUES (?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM product_attributes WHERE product_rowid = ?');
  }

  write(rowid: number, attributes: Record<string, AttributeValue>): void {
    for (const r of attributeRows(attributes)) this.insert.run(rowid, r.name, r.norm, r.value, r.kind);
  }

  delete(rowid: number): void {
    this.remove.run(rowid);
  }
}

/** Fills the table from every stored product: a catalog made before it existed (the migration). */
export function backfillAttributeRows(db: Db): void {
  const writer = new AttributeRowWriter(db);
  // Pages of products by rowid: better-sqlite3 runs no other statement while one is being iterated.
  const page = db.prepare(
    "SELECT rowid, attributes FROM products WHERE rowid > ? AND attributes <> '{}' ORDER BY rowid LIMIT 5000",
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as { rowid: number; attributes: string }[];
    if (!rows.length) return;
    for (const r of rows) writer.write(r.rowid, JSON.parse(r.attributes) as Record<string, AttributeValue>);
    after = rows[rows.length - 1].rowid;
  }
}
