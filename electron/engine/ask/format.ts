import type { StockState } from '../../../shared/types.ts';

// Numbers in answers come straight from the data; these only decide how they are written.

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A price in the catalog's currency ("$26.99", "€30.00"); two decimals and no symbol when it has none. */
export function formatMoney(amount: number, currency: string | null): string {
  if (currency) {
    let format = moneyFormats.get(currency);
    if (!format) {
      try {
        format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      } catch {
        return `${amount.toFixed(2)} ${currency}`;
      }
      moneyFormats.set(currency, format);
    }
    return format.format(amount);
  }
  return plainMoney.format(amount);
}

const plainMoney = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}

/** "1 product", "3 products". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A stock state as answers write it after "is"/"are". */
export const STATE_WORDS: Record<StockState, string> = {
  'in stock': 'in stock',
  'out of stock': 'out of stock',
  preorder: 'on preorder',
  backorder: 'on backorder',
};

/** "Bags (12), Shoes (9), and 3 more": values with their counts, at most `shown` of them. */
export function countedList(rows: { v: string; n: number }[], total: number, shown: number): string {
  const listed = rows.slice(0, shown).map((r) => `${r.v} (${formatCount(r.n)})`);
  return `${listed.join(', ')}${total > listed.length ? `, and ${formatCount(total - listed.length)} more` : ''}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
