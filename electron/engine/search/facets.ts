import type { FacetCount, Facets } from '../../../shared/types.ts';
import type { Db } from '../store/database.ts';
import type { ProductSummary } from '../store/products.ts';

const TOP_VALUES = 20;
const BAND_EDGES = [0, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000];

/** Option names shown (the ones most products of the result offer): a file may have dozens. */
const TOP_OPTIONS = 8;

type FacetRow = Pick<ProductSummary, 'rowid' | 'category' | 'brand' | 'price' | 'stockState'>;

/**
 * Counts per category path, brand, price band, stock state and variant option over exactly the given
 * result set; an option value counts products, not variants.
 */
export function computeFacets(db: Db, rows: FacetRow[]): Facets {
  const categories = new Map<string, number>();
  const brands = new Map<string, number>();
  const prices: number[] = [];
  const stock: Record<string, number> = {};
  for (const r of rows) {
    if (r.category !== null) categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
    if (r.brand !== null) brands.set(r.brand, (brands.get(r.brand) ?? 0) + 1);
    if (r.price !== null) prices.push(r.price);
    const state = r.stockState ?? 'unknown';
    stock[state] = (stock[state] ?? 0) + 1;
  }
  return {
    category: topValues(categories),
    brand: topValues(brands),
    price: priceBands(prices),
    stock: Object.entries(stock).map(([value, count]) => ({ value, count })),
    options: optionFacets(
      db,
      rows.map((r) => r.rowid),
    ),
  };
}

function optionFacets(db: Db, rowids: number[]): Facets['options'] {
  if (rowids.length === 0) return [];
  const counts = db
    .prepare(
      `SELECT o.name AS name, o.value AS value, count(*) AS n FROM product_options o
       WHERE o.product_rowid IN (SELECT value FROM json_each(?)) GROUP BY o.name, o.value`,
    )
    .all(JSON.stringify(rowids)) as { name: string; value: string; n: number }[];
  const byName = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const values = byName.get(c.name) ?? new Map<string, number>();
    values.set(c.value, c.n);
    byName.set(c.name, values);
  }
  const products = (values: Map<string, number>) => Math.max(...values.values());
  return [...byName]
    .sort((a, b) => products(b[1]) - products(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_OPTIONS)
    .map(([name, values]) => ({ name, values: topValues(values) }));
}

function topValues(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_VALUES)
    .map(([value, count]) => ({ value, count }));
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
