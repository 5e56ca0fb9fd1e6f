import type { Facets } from '../../../shared/types.ts';
import type { Db } from '../store/database.ts';

const TOP_VALUES = 20;
const BAND_EDGES = [0, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000];

/** Counts per category, brand, price band and stock state over exactly the given result set. */
export function computeFacets(db: Db, rowids: number[]): Facets {
  if (rowids.length === 0) return { category: [], brand: [], price: [], stock: [] };
  const ids = JSON.stringify(rowids);
  const inSet = 'p.rowid IN (SELECT value FROM json_each(?))';
  const topValues = (column: 'category' | 'brand') =>
    (
      db
        .prepare(
          `SELECT p.${column} AS value, count(*) AS count FROM products p WHERE ${inSet} AND p.${column} IS NOT NULL
           GROUP BY p.${column} ORDER BY count DESC, value LIMIT ${TOP_VALUES}`,
        )
        .all(ids) as { value: string; count: number }[]
    ).map((r) => ({ value: r.value, count: r.count }));
  const prices = (
    db.prepare(`SELECT p.price AS price FROM products p WHERE ${inSet} AND p.price IS NOT NULL`).all(ids) as {
      price: number;
    }[]
  ).map((r) => r.price);
  const stock = db
    .prepare(
      `SELECT sum(p.stock > 0) AS inStock, sum(p.stock <= 0) AS out, sum(p.stock IS NULL) AS unknown FROM products p WHERE ${inSet}`,
    )
    .get(ids) as { inStock: number | null; out: number | null; unknown: number | null };
  return {
    category: topValues('category'),
    brand: topValues('brand'),
    price: priceBands(prices),
    stock: [
      { value: 'in stock', count: stock.inStock ?? 0 },
      { value: 'out of stock', count: stock.out ?? 0 },
      { value: 'unknown', count: stock.unknown ?? 0 },
    ].filter((s) => s.count > 0),
  };
}

/** Bands labelled "min-max" (max exclusive; the last one "min+") so the UI can turn one into a filter. */
export function priceBands(prices: number[]): Facets['price'] {
  const counts = new Map<number, number>();
  for (const price of prices) {
    let band = 0;
    while (band + 1 < BAND_EDGES.length && price >= BAND_EDGES[band + 1]) band++;
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([band, count]) => ({
      value:
        band + 1 < BAND_EDGES.length ? `${BAND_EDGES[band]}-${BAND_EDGES[band + 1]}` : `${BAND_EDGES[band]}+`,
      count,
    }));
}
