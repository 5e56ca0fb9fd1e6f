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
