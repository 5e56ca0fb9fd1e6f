import type { StockState } from '../../../shared/types.ts';

/**
 * Words platforms write for availability (Google Merchant `in_stock`, WooCommerce `instock`,
 * `onbackorder`, Magento's `is_in_stock` 1/0, a shop's "Sold out"), keyed without case, spaces,
 * dashes or underscores.
 */
const WORDS: Record<string, StockState> = {
  instock: 'in stock',
  available: 'in stock',
  limitedavailability: 'in stock',
  yes: 'in stock',
  true: 'in stock',
  y: 'in stock',
  '1': 'in stock',
  outofstock: 'out of stock',
  soldout: 'out of stock',
  unavailable: 'out of stock',
  notavailable: 'out of stock',
  discontinued: 'out of stock',
  no: 'out of stock',
  false: 'out of stock',
  n: 'out of stock',
  '0': 'out of stock',
  preorder: 'preorder',
  backorder: 'backorder',
  backordered: 'backorder',
  onbackorder: 'backorder',
  availablefororder: 'backorder',
};

/** The stock state a cell states; null when it is empty, 'invalid' when it says something else. */
export function parseStockState(raw: unknown): StockState | null | 'invalid' {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 'in stock' : 'out of stock';
  const key = String(raw)
    .toLowerCase()
    .replace(/https?:\/\/schema\.org\//, '')
    .replace(/[\s_-]+/g, '');
  if (key === '') return null;
  return WORDS[key] ?? 'invalid';
}

/** A stated state wins (a shop that does not track quantities still says "in stock"); else the count decides. */
export function stockStateOf(stock: number | null, stated: StockState | null): StockState | null {
  if (stated !== null) return stated;
  if (stock === null) return null;
  return stock > 0 ? 'in stock' : 'out of stock';
}
