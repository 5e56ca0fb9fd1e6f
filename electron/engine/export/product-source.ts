import type { Variant } from '../../../shared/types.ts';
import { memberFinding } from '../health/finding-sql.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { Db } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import { PRODUCT_COLUMNS } from '../store/products.ts';
import type { ExportProduct } from './cells.ts';

/** Products hydrated per statement: a page of rows and their variants is all the export holds at once. */
const PAGE = 1000;
/** More attribute columns than this is not a table anyone reads; the rest are left out, and said so. */
export const MAX_ATTRIBUTE_COLUMNS = 500;

/** Which products an export writes, in which order. */
export type ExportSelection =
  { kind: 'ranked'; rowids: number[] } | { kind: 'filtered'; filter: SqlCondition; health?: string };

interface Ordered {
  rowid: number;
  grp?: number;
  note?: string | null;
}

/**
 * The products of an export, read a page at a time. Only the order is held whole (a rowid per product,
 * 8 MB at 1M): sorting full rows would hold them all in SQLite's in-memory sorter.
 */
export class ProductSource {
  private readonly db: Db;
  private readonly order: Ordered[];
  readonly condition: SqlCondition;
  readonly isFinding: boolean;

  constructor(db: Db, selection: ExportSelection) {
    this.db = db;
    if (selection.kind === 'ranked') {
      this.order = selection.rowids.map((rowid) => ({ rowid }));
      this.condition = {
        where: 'p.rowid IN (SELECT value FROM json_each(?))',
        params: [JSON.stringify(selection.rowids)],
      };
      this.isFinding = false;
      return;
    }
    this.condition = selection.filter;
    const member = memberFinding(selection.health);
    this.isFinding = member !== null;
    const { where, params } = selection.filter;
    this.order = member
      ? (db
          .prepare(
            `SELECT m.product_rowid AS rowid, m.grp AS grp, m.note AS note FROM health_members m
             JOIN products p ON p.rowid = m.product_rowid
             WHERE m.finding = ?${member.grp === null ? '' : ' AND m.grp = ?'} AND ${where} ORDER BY m.grp, m.rowid`,
          )
          .all(
            ...(member.grp === null ? [member.finding] : [member.finding, member.grp]),
            ...params,
          ) as Ordered[])
      : (db
          .prepare(`SELECT p.rowid AS rowid FROM products p WHERE ${where} ORDER BY p.name, p.rowid`)
          .all(...params) as Ordered[]);
  }

  get total(): number {
    return this.order.length;
  }

  /** Attribute names of the exported products, the most common first. */
  attributeNames(): { names: string[]; omitted: number } {
    const rows = this.db
      .prepare(
        `SELECT j.key AS key, count(*) AS n FROM products p, json_each(p.attributes) j
         WHERE ${this.condition.where} GROUP BY j.key ORDER BY n DESC, j.key`,
      )
      .all(...this.condition.params) as { key: string }[];
    return {
      names: rows.slice(0, MAX_ATTRIBUTE_COLUMNS).map((r) => r.key),
      omitted: Math.max(0, rows.length - MAX_ATTRIBUTE_COLUMNS),
    };
  }

  /** Variant option names of the exported products, the most common first. */
  optionNames(): string[] {
    return (
      this.db
        .prepare(
          `SELECT o.name AS name FROM product_options o JOIN products p ON p.rowid = o.product_rowid
           WHERE ${this.condition.where} GROUP BY o.name ORDER BY count(DISTINCT o.product_rowid) DESC, o.name`,
        )
        .all(...this.condition.params) as { name: string }[]
    ).map((r) => r.name);
  }

  async *pages(signal?: AbortSignal): AsyncGenerator<ExportProduct[]> {
    const rowsOf = this.db.prepare(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`,
    );
    const variantsOf = this.db.prepare(
      `SELECT product_rowid AS rowid, id, options, price, compare_at_price AS compareAtPrice, stock,
         stock_state AS stockState, barcode
       FROM variants WHERE product_rowid IN (SELECT value FROM json_each(?)) ORDER BY product_rowid, position`,
    );
    for (let i = 0; i < this.order.length; i += PAGE) {
      if (signal?.aborted) return;
      const page = this.order.slice(i, i + PAGE);
      const ids = JSON.stringify(page.map((o) => o.rowid));
      const rows = new Map((rowsOf.all(ids) as ProductRow[]).map((r) => [r.rowid, r]));
      const variants = new Map<number, Variant[]>();
      for (const v of variantsOf.all(ids) as (Omit<Variant, 'options'> & {
        rowid: number;
        options: string;
      })[]) {
        const { rowid, options, ...rest } = v;
        const list = variants.get(rowid) ?? [];
        list.push({ ...rest, options: JSON.parse(options) as Variant['options'] });
        variants.set(rowid, list);
      }
      yield page.flatMap((o) => {
        const row = rows.get(o.rowid);
        if (!row) return [];
        const product: ExportProduct = { row, variants: variants.get(o.rowid) ?? [] };
        if (o.grp !== undefined) product.finding = { grp: o.grp, note: o.note ?? null };
        return [product];
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
