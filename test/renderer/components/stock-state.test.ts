import { describe, expect, it } from 'vitest';
import { stockBadge } from '../../../renderer/components/stock-state.ts';

describe('stockBadge', () => {
  it('words and tone for every stock state, and nothing when the file said nothing', () => {
    expect(stockBadge('out of stock', 0)).toEqual({ label: 'Out of stock', tone: 'out' });
    expect(stockBadge('preorder', null)).toEqual({ label: 'Preorder', tone: 'wait' });
    expect(stockBadge('backorder', 0)).toEqual({ label: 'Backorder', tone: 'wait' });
    expect(stockBadge('in stock', null)).toEqual({ label: 'In stock', tone: 'ok' });
    expect(stockBadge(null, 5)).toBeNull();
  });

  it('says how many are left when the quantity is known', () => {
    expect(stockBadge('in stock', 1250)).toEqual({
      label: `${(1250).toLocaleString()} in stock`,
      tone: 'ok',
    });
  });
});
