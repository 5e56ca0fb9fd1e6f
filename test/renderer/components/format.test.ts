import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCountOf,
  formatDuration,
  formatPrice,
  formatPriceRange,
  percent,
  wasPrice,
} from '../../../renderer/components/format.ts';

describe('format', () => {
  it('sizes, durations and percentages', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(160 * 1024 * 1024)).toBe('160 MB');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(3 * 3600 + 61)).toBe('3h 01m');
    expect(percent(50, 99)).toBe(50);
    expect(percent(5, 0)).toBe(0);
    expect(percent(120, 100)).toBe(100);
  });

  it('prices with and without a known currency', () => {
    expect(formatPrice(null, 'USD')).toBe('—');
    expect(formatPrice(26.99, 'USD')).toMatch(/26\.99/);
    expect(formatPrice(5, 'not-a-code')).toBe('5.00 not-a-code');
  });

  it('a price range only when the variants differ in price', () => {
    const low = formatPrice(12, 'EUR');
    expect(formatPriceRange(12, 18, 'EUR')).toBe(`${low}–${formatPrice(18, 'EUR')}`);
    expect(formatPriceRange(12, null, 'EUR')).toBe(low);
    // An equal (or, from a bad file, lower) maximum is no range.
    expect(formatPriceRange(12, 12, 'EUR')).toBe(low);
    expect(formatPriceRange(12, 9, 'EUR')).toBe(low);
    expect(formatPriceRange(null, 18, 'EUR')).toBe('—');
  });

  it('strikes through a compare-at price only above what a buyer pays now', () => {
    // Example Beanie in Shopify's template: 17.99 now, 22.99 regular.
    expect(wasPrice(17.99, 22.99)).toBe(22.99);
    // Example Jeans: compare-at 64.95 below the 95 price is no sale.
    expect(wasPrice(95, 64.95)).toBeNull();
    expect(wasPrice(25, 25)).toBeNull();
    expect(wasPrice(25, null)).toBeNull();
    expect(wasPrice(null, 30)).toBeNull();
  });

  it('counts with a noun', () => {
    expect(formatCountOf(1, 'variant')).toBe('1 variant');
    expect(formatCountOf(12, 'variant')).toBe('12 variants');
    expect(formatCountOf(0, 'variant')).toBe('0 variants');
  });
});
