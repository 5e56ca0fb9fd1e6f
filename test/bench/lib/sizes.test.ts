import { describe, expect, it } from 'vitest';
import { parseSize, sizeLabel } from '../../../bench/lib/sizes.ts';

describe('catalog sizes', () => {
  it('reads k and m suffixes and plain numbers', () => {
    expect(parseSize('10k')).toBe(10_000);
    expect(parseSize('1M')).toBe(1_000_000);
    expect(parseSize('2.5k')).toBe(2500);
    expect(parseSize('777')).toBe(777);
    expect(() => parseSize('ten')).toThrow(/not a catalog size/);
  });

  it('labels round sizes the way they are typed', () => {
    expect(sizeLabel(100_000)).toBe('100k');
    expect(sizeLabel(1_000_000)).toBe('1m');
    expect(sizeLabel(2500)).toBe('2500');
  });
});
