import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatPrice, percent } from '../../../renderer/components/format.ts';

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
});
