// The words and colour a stock state is shown with.
import type { StockState } from '../../shared/types.ts';
import { formatCount } from './format.ts';

export type StockTone = 'ok' | 'out' | 'wait';
export type StockBadgeView = { label: string; tone: StockTone };

const BADGES: Record<StockState, StockBadgeView> = {
  'in stock': { label: 'In stock', tone: 'ok' },
  'out of stock': { label: 'Out of stock', tone: 'out' },
  preorder: { label: 'Preorder', tone: 'wait' },
  backorder: { label: 'Backorder', tone: 'wait' },
};

/** Null when the file said nothing about stock. A known quantity says how many are left. */
export function stockBadge(state: StockState | null, stock: number | null): StockBadgeView | null {
  if (state === null) return null;
  const badge = BADGES[state];
  return state === 'in stock' && stock !== null && stock > 0
    ? { ...badge, label: `${formatCount(stock)} in stock` }
    : badge;
}
