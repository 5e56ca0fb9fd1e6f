// Number and time formatting shared by every screen.

const numberFormat = new Intl.NumberFormat(undefined);

export const formatCount = (n: number) => numberFormat.format(Math.round(n));

/** "1 variant", "12 variants": a count with its noun, for nouns that take a plain "s". */
export const formatCountOf = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;

export function formatPrice(price: number | null, currency: string | null): string {
  if (price === null) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

/** One price, or "€12.00–€18.00" when a product's variants differ in price (price is the lowest). */
export function formatPriceRange(
  price: number | null,
  priceMax: number | null,
  currency: string | null,
): string {
  if (price === null || priceMax === null || priceMax <= price) return formatPrice(price, currency);
  return `${formatPrice(price, currency)}–${formatPrice(priceMax, currency)}`;
}

/**
 * The regular price worth striking through, or null. Exports often repeat the price as the compare-at
 * price; only one above what a buyer pays now is a sale, as the on-sale filter reads it.
 */
export function wasPrice(price: number | null, compareAtPrice: number | null): number | null {
  return price !== null && compareAtPrice !== null && compareAtPrice > price ? compareAtPrice : null;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function formatDate(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}
