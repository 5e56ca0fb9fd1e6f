import type { StockState } from '../../../shared/types.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { Db } from '../store/database.ts';

// The reads behind an answer about one product's variants: each is bounded by that product's variants
// and by a LIMIT, never by the catalog.

export interface VariantRow {
  id: string;
  /** Option name → value, as JSON. */
  options: string;
  price: number | null;
  stock: number | null;
  state: StockState | null;
}

export interface OptionValue {
  name: string;
  value: string;
  variants: number;
  /** Variants with this value that meet the question's conditions. */
  matching: number;
}

/** A product's option values read at most (its variants may be thousands). */
const MAX_VALUES_READ = 500;
const VARIANT_COLUMNS = 'v.id, v.options, v.price, v.stock, v.stock_state AS state';

export class VariantRows {
  private readonly db: Db;
  private readonly rowid: number;
  /** The question's conditions on a variant, which `matching` and `skusByValue` count. */
  private readonly asked: SqlCondition;
  private optionValues: OptionValue[] | null = null;

  constructor(db: Db, rowid: number, asked: SqlCondition) {
    this.db = db;
    this.rowid = rowid;
    this.asked = asked;
  }

  /** The product's option values in the order its variants first name them, with counts. */
  values(): OptionValue[] {
    return (this.optionValues ??= this.db
      .prepare(
        `SELECT o.key AS name, o.value AS value, count(*) AS variants,
           sum(CASE WHEN ${this.asked.where} THEN 1 ELSE 0 END) AS matching
         FROM variants v, json_each(v.options) o WHERE v.product_rowid = ?
         GROUP BY o.key, o.value ORDER BY min(v.position), o.id LIMIT ?`,
      )
      .all(...this.asked.params, this.rowid, MAX_VALUES_READ) as OptionValue[]);
  }

  /** The first SKUs meeting the conditions for each value of one option, keyed by the value in lower case. */
  skusByValue(name: string, limit: number): Map<string, string[]> {
    const rows = this.db
      .prepare(
        `SELECT v.id, lower(o.value) AS value FROM variants v, json_each(v.options) o
         WHERE v.product_rowid = ? AND o.key = ? AND ${this.asked.where} ORDER BY v.position LIMIT ?`,
      )
      .all(this.rowid, name, ...this.asked.params, limit) as { id: string; value: string }[];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.value, [...(out.get(r.value) ?? []), r.id]);
    return out;
  }

  count(sql: SqlCondition): number {
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM variants v WHERE v.product_rowid = ? AND ${sql.where}`)
        .get(this.rowid, ...sql.params) as { n: number }
    ).n;
  }

  /** Units in stock of the variants meeting `sql`; null when none of them counts units. */
  units(sql: SqlCondition): number | null {
    return (
      this.db
        .prepare(
          `SELECT sum(max(v.stock, 0)) AS u FROM variants v WHERE v.product_rowid = ? AND ${sql.where}`,
        )
        .get(this.rowid, ...sql.params) as { u: number | null }
    ).u;
  }

  rows(sql: SqlCondition, order: string, limit: number): VariantRow[] {
    return this.db
      .prepare(
        `SELECT ${VARIANT_COLUMNS} FROM variants v WHERE v.product_rowid = ? AND ${sql.where} ORDER BY ${order} LIMIT ?`,
      )
      .all(this.rowid, ...sql.params, limit) as VariantRow[];
  }

  /** How many variants are in each stock state, most first. */
  states(): { state: StockState | null; n: number }[] {
    return this.db
      .prepare(
        `SELECT v.stock_state AS state, count(*) AS n FROM variants v WHERE v.product_rowid = ?
         GROUP BY v.stock_state ORDER BY n DESC`,
      )
      .all(this.rowid) as { state: StockState | null; n: number }[];
  }
}
