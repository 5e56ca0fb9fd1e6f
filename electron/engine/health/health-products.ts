import type { HealthProduct } from '../../../shared/health.ts';
import type { Db } from '../store/database.ts';
import { findProductRows } from '../store/products.ts';

/** A description or attribute shown side by side is cut here; the product page shows it whole. */
const SHOWN_CHARS = 400;

const cut = (s: string) => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 1)}…` : s);

/** The products a report shows, by rowid, in chunks small enough for one statement each. */
export function loadHealthProducts(db: Db, rowids: number[]): Map<number, HealthProduct> {
  const out = new Map<number, HealthProduct>();
  for (let i = 0; i < rowids.length; i += 5000) {
    for (const [rowid, row] of findProductRows(db, rowids.slice(i, i + 5000))) {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(JSON.parse(row.attributes) as Record<string, unknown>)) {
        if (v !== null && v !== '') attributes[k] = cut(String(v));
      }
      out.set(rowid, {
        id: row.id,
        name: row.name,
        brand: row.brand,
        category: row.category,
        price: row.price,
        currency: row.currency,
        stock: row.stock,
        description: row.description === null ? null : cut(row.description),
        attributes,
      });
    }
  }
  return out;
}

/** The fields (and attributes) whose value is not the same in every product. */
export function differingFields(products: HealthProduct[]): string[] {
  const fields = ['name', 'brand', 'category', 'price', 'stock', 'description'] as const;
  const out: string[] = fields.filter((f) => new Set(products.map((p) => p[f])).size > 1);
  const keys = new Set(products.flatMap((p) => Object.keys(p.attributes)));
  for (const k of [...keys].sort()) {
    if (new Set(products.map((p) => p.attributes[k] ?? null)).size > 1) out.push(k);
  }
  return out;
}
