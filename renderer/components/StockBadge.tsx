import type { StockState } from '../../shared/types.ts';
import { stockBadge } from './stock-state.ts';

export function StockBadge({ state, stock }: { state: StockState | null; stock: number | null }) {
  const badge = stockBadge(state, stock);
  if (!badge) return null;
  return <span className={`badge badge-${badge.tone}`}>{badge.label}</span>;
}
