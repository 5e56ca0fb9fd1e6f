import type { FacetCount, Facets } from '../../../shared/types.ts';
import type { ProductSummary } from '../store/products.ts';

const TOP_VALUES = 20;
const BAND_EDGES = [0, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000];

type FacetRow = Pick<ProductSummary, 'category' | 'brand' | 'price' | 'stock'>;

/** Counts per category, brand, price band and stock state over exactly the given result set. */
export function computeFacets(rows: Iterable<FacetRow>): Facets {
  const categories = new Map<string, number>();
  const brands = new Map<string, number>();
  const prices: number[] = [];
  const stock = { 'in stock': 0, 'out of stock': 0, unknown: 0 };
  for (const r of rows) {
    if (r.category !== null) categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
    if (r.brand !== null) brands.set(r.brand, (brands.get(r.brand) ?? 0) + 1);
    if (r.price !== null) prices.push(r.price);
    stock[r.stock === null ? 'unknown' : r.stock > 0 ? 'in stock' : 'out of stock']++;
  }
  return {
    category: topValues(categories),
    brand: topValues(brands),
    price: priceBands(prices),
    stock: Object.entries(stock)
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count })),
  };
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
